"""SQLite that never creates a database by accident and notices when its file is replaced.

Django's own backend opens a missing SQLite file by creating an empty one, so a worker
started after the file was moved away would answer from, and accept writes into, a new
empty database. Here a file database is opened read-write only (`mode=rw`): a missing file
is an OperationalError ("unable to open database file"). Only `migrate` may create the
file, inside `creation_allowed()`, and not where the file's write-ahead log is left
behind (a database lost, not a first run). Each connection remembers which file (device, inode)
it opened; when the path no longer names that file, the connection fails its health check
and is closed, so the next query reopens the path or fails.
"""

import os
from contextlib import contextmanager
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.sqlite3 import base

_creation = {"allowed": 0}


@contextmanager
def creation_allowed():
    """Within this block a missing database file is created (what `migrate` needs)."""
    _creation["allowed"] += 1
    try:
        yield
    finally:
        _creation["allowed"] -= 1


def file_identity(path):
    """(device, inode) of the file at `path`, or None when there is none."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_dev, stat.st_ino)


class DatabaseWrapper(base.DatabaseWrapper):
    opened_identity = None

    @property
    def database_path(self):
        """The file this database lives in; None for in-memory and URI databases."""
        name = str(self.settings_dict["NAME"])
        if name == ":memory:" or name.startswith("file:"):
            return None
        return os.path.abspath(name)

    def get_connection_params(self):
        params = super().get_connection_params()
        path = self.database_path
        if path is None:
            return params
        if not _creation["allowed"]:
            # Django always connects with uri=True; "?" and "#" in a path must be escaped.
            params["database"] = f"file:{quote(path)}?mode=rw"
        elif not os.path.exists(path) and os.path.exists(f"{path}-wal"):
            raise ImproperlyConfigured(
                f"{path} is missing but its write-ahead log {path}-wal is there: the "
                "database was moved or deleted. Put it back, or delete the -wal and -shm "
                "files to start an empty database."
            )
        return params

    def get_new_connection(self, conn_params):
        conn = super().get_new_connection(conn_params)
        path = self.database_path
        self.opened_identity = file_identity(path) if path is not None else None
        return conn

    def file_replaced(self):
        """True when the open connection's file is no longer the one at the database path."""
        if self.connection is None or self.opened_identity is None:
            return False
        return file_identity(self.database_path) != self.opened_identity

    def is_usable(self):
        return not self.file_replaced()
