"""`/healthz` and the 503 middleware: a lost SQLite file, a missing schema, schema bugs."""

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from iraqnews.middleware import database_unavailable

ON_SQLITE = connection.vendor == "sqlite"

# A gunicorn worker in miniature: requests go through Django's WSGI handler, which fires
# request_started/request_finished, so a kept connection is health-checked per request.
WORKER = textwrap.dedent(
    """
    import os, sys
    from wsgiref.util import setup_testing_defaults
    import django
    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()

    def get(path):
        environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "testserver"}
        setup_testing_defaults(environ)
        status = []
        response = handler(environ, lambda s, h, exc_info=None: status.append(s))
        b"".join(response)
        response.close()
        return status[0].split()[0]

    path = os.environ["DB_PATH"]
    for step in sys.argv[1:]:
        if step.startswith("/"):
            print(step, get(step), flush=True)
        elif step == "move-away":
            os.rename(path, path + ".moved")
        elif step == "move-back":
            os.rename(path + ".moved", path)
        print("exists", os.path.exists(path), flush=True)
    """
)


def run(tmp_path, *args, script=None):
    database = tmp_path / "site.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DB_PATH": str(database),
        "DJANGO_SETTINGS_MODULE": "iraqnews.settings",
        "LOG_LEVEL": "CRITICAL",
        "SECURE_HTTPS": "0",
    }
    command = [sys.executable, *(["-c", script] if script else args)]
    result = subprocess.run(
        command if script is None else [*command, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def migrate(tmp_path):
    run(tmp_path, "manage.py", "migrate", "--noinput", "-v0")


@pytest.fixture(scope="module")
def migrated_file(tmp_path_factory):
    """One database file that `manage.py migrate` created in an empty folder, for tests to copy."""
    folder = tmp_path_factory.mktemp("migrated")
    assert not (folder / "site.sqlite3").exists()
    migrate(folder)
    return folder / "site.sqlite3"


def migrated_copy(migrated_file, tmp_path):
    shutil.copy(migrated_file, tmp_path / "site.sqlite3")


sqlite_files = pytest.mark.skipif(not ON_SQLITE, reason="SQLite files only")


@sqlite_files
def test_migrate_creates_a_missing_database_file(migrated_file):
    connection = sqlite3.connect(migrated_file)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        applied = connection.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    finally:
        connection.close()
    assert {"claims_quote", "claims_claim", "auth_user"} <= tables
    assert applied > 0


@sqlite_files
def test_migrate_refuses_to_create_a_file_whose_write_ahead_log_is_left_behind(tmp_path):
    (tmp_path / "site.sqlite3-wal").write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"},
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode != 0
    assert "the database was moved or deleted" in result.stderr
    assert not (tmp_path / "site.sqlite3").exists()


@sqlite_files
def test_moving_the_database_file_away_answers_503_and_creates_no_empty_file(
    migrated_file, tmp_path
):
    migrated_copy(migrated_file, tmp_path)
    out = run(
        tmp_path, "/healthz", "move-away", "/healthz", "/quotes/", "move-back", "/healthz",
        script=WORKER,
    )  # fmt: skip
    assert out.splitlines() == [
        "/healthz 200",
        "exists True",
        "exists False",
        "/healthz 503",
        "exists False",
        "/quotes/ 503",
        "exists False",
        "exists True",
        "/healthz 200",
        "exists True",
    ]


@sqlite_files
def test_a_worker_started_while_the_file_is_missing_serves_503_and_creates_nothing(tmp_path):
    out = run(tmp_path, "/healthz", "/quotes/", "/healthz", script=WORKER)
    assert out.splitlines() == [
        "/healthz 503",
        "exists False",
        "/quotes/ 503",
        "exists False",
        "/healthz 503",
        "exists False",
    ]


@sqlite_files
def test_a_database_file_without_the_schema_answers_503(tmp_path):
    sqlite3.connect(tmp_path / "site.sqlite3").close()  # an empty database
    assert run(tmp_path, "/healthz", script=WORKER).splitlines()[0] == "/healthz 503"


@sqlite_files
def test_a_file_replaced_under_an_open_connection_is_reopened(migrated_file, tmp_path):
    migrated_copy(migrated_file, tmp_path)
    database = tmp_path / "site.sqlite3"
    script = WORKER.replace(
        'elif step == "move-back":',
        'elif step == "replace":\n'
        '        import shutil; shutil.copy(path, path + ".new"); os.replace(path + ".new", path)\n'
        '    elif step == "move-back":',
    )
    out = run(tmp_path, "/healthz", "replace", "/healthz", script=script)
    assert out.splitlines()[-2:] == ["/healthz 200", "exists True"]
    assert database.exists()


def test_healthz_answers_503_when_a_migration_is_not_applied(db, client, monkeypatch):
    monkeypatch.setattr(
        "iraqnews.health.expected_migrations", lambda: frozenset({("claims", "9999_future")})
    )
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_healthz_answers_ok_with_every_migration_applied(db, client):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}


def missing_table(*args, **kwargs):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM claims_no_such_table")


def test_a_schema_error_stays_a_logged_500_not_a_503(db, monkeypatch, caplog):
    monkeypatch.setattr("claims.views.search_all", missing_table)
    response = Client(raise_request_exception=False).get(reverse("claims:search"), {"q": "x"})
    assert response.status_code == 500
    assert any(
        record.name == "django.request" and "Internal Server Error" in record.getMessage()
        for record in caplog.records
    )


def sqlite_error(code, message):
    """A Django OperationalError wrapping a driver error with SQLite result code `code`."""
    cause = sqlite3.OperationalError(message)
    cause.sqlite_errorcode = code
    error = OperationalError(message)
    error.__cause__ = cause
    return error


def test_a_locked_or_missing_sqlite_file_counts_as_unavailable_a_bad_query_does_not():
    assert database_unavailable(sqlite_error(5, "database is locked"))
    assert database_unavailable(sqlite_error(14, "unable to open database file"))
    assert database_unavailable(sqlite_error(522, "disk I/O error"))  # SQLITE_IOERR_SHORT_READ
    assert not database_unavailable(sqlite_error(1, "no such table: claims_quote"))
    assert not database_unavailable(ValueError("not a database error"))
