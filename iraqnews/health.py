"""`/healthz`: can the app serve from its database, with its schema, from the right file?"""

import functools
import logging

from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@functools.cache
def expected_migrations():
    """The latest migration of each app, read from disk once per process."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


def database_problem():
    """Why the database cannot serve this app, in a sentence, or None when it can.

    One small query: the applied migrations. A missing django_migrations table is an
    empty or foreign database; on SQLite the open file must still be the one at the path.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return f"database unavailable: {error}"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = set(cursor.fetchall())
    except DatabaseError as error:
        return f"schema missing (no migration table): {error}"
    missing = sorted(expected_migrations() - applied)
    if missing:
        names = ", ".join(f"{app}.{name}" for app, name in missing)
        return f"migrations not applied: {names}"
    if getattr(connection, "file_replaced", lambda: False)():
        return f"database file {connection.database_path} was moved or replaced"
    return None


@never_cache
@require_GET
def healthz(request):
    """200 {"status": "ok"} when the database answers with every migration applied (and,
    on SQLite, from the file it opened), else 503 {"status": "unavailable"}, the reason
    logged."""
    problem = database_problem()
    if problem:
        logger.error("healthz: %s", problem)
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
