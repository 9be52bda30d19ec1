"""Database faults: an outage answers 503, the app reconnects by itself, SQLite writers wait."""

import os
import subprocess
import sys
import textwrap
from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import InterfaceError, OperationalError, connection
from django.urls import reverse

ON_POSTGRES = connection.vendor == "postgresql"


def outage(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_a_database_outage_mid_request_answers_503_with_retry_after(db, client, monkeypatch):
    monkeypatch.setattr("claims.views.search_all", outage)
    response = client.get(reverse("claims:search"), {"q": "Russia"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Temporarily unavailable" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_a_closed_connection_answers_503(db, client, monkeypatch):
    def closed(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("claims.views.search_all", closed)
    assert client.get(reverse("claims:search"), {"q": "x"}).status_code == 503


def test_other_errors_are_not_hidden_as_503(db, client, monkeypatch):
    def bug(*args, **kwargs):
        raise ZeroDivisionError("a real bug")

    monkeypatch.setattr("claims.views.search_all", bug)
    with pytest.raises(ZeroDivisionError):
        client.get(reverse("claims:search"), {"q": "x"})


def wsgi_get(path):
    """One request through Django's WSGI handler, as gunicorn's sync worker makes it:
    request_started and request_finished fire, so persistent connections are checked."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    status = []
    response = WSGIHandler()(environ, lambda s, headers, exc_info=None: status.append(s))
    b"".join(response)
    response.close()
    return int(status[0].split()[0])


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL: run by .ci/with-postgres.sh")
@pytest.mark.django_db(transaction=True)
def test_the_app_reconnects_after_postgresql_drops_its_connections():
    import psycopg

    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert wsgi_get("/healthz") == 200
    app_pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    # What a PostgreSQL restart does to the app's open connections.
    with psycopg.connect(**params, autocommit=True) as admin:
        killed = admin.execute("SELECT pg_terminate_backend(%s)", [app_pid]).fetchone()[0]
    assert killed
    statuses = [wsgi_get("/healthz"), wsgi_get("/quotes/")]
    assert statuses == [200, 200]
    assert connection.connection.info.backend_pid != app_pid


CONCURRENT_WRITES = textwrap.dedent(
    """
    import threading
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from claims.models import Speaker

    call_command("migrate", verbosity=0)
    speakers = [Speaker.objects.create(name=f"Speaker {n}", slug=f"speaker-{n}") for n in range(4)]
    connection.close()
    failures = []

    def curate(worker):
        try:
            for n in range(25):
                with transaction.atomic():
                    speaker = Speaker.objects.get(pk=speakers[(worker + n) % 4].pk)
                    speaker.description = f"edited by curator {worker}, round {n}"
                    speaker.save()
                    Speaker.objects.create(name=f"New {worker}-{n}", slug=f"new-{worker}-{n}")
        except Exception as error:  # reported to the test, which fails on it
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=curate, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("journal", connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
    print("speakers", Speaker.objects.count(), "history", Speaker.history.count())
    print("failures", failures)
    """
)


def test_concurrent_curator_writes_on_a_sqlite_file_never_hit_database_is_locked(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'curators.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "iraqnews.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", CONCURRENT_WRITES],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    assert "failures []" in result.stdout, result.stdout
    assert "journal wal" in result.stdout
    # 4 first speakers + 8 curators x 25 new ones; every create and edit left history.
    assert "speakers 204 history 404" in result.stdout
