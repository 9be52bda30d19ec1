import json
import os
import subprocess
import sys

from django.conf import settings

MANAGE = os.path.join(settings.BASE_DIR, "manage.py")


def run_manage(*args, **env):
    # Playwright's fixtures set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rejects.
    unset = {"DEBUG", "SECURE_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in unset}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, MANAGE, *args], capture_output=True, text=True, env=full_env, timeout=60
    )


def settings_under(*names, **env):
    """{name: value} of settings as iraqnews/settings.py sets them in a fresh process with
    `env` (None unsets a variable); only the settings module runs, not the apps."""
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'iraqnews.settings';"
        "from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    full_env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_HTTPS"}}
    full_env.update(env)
    full_env = {k: v for k, v in full_env.items() if v is not None}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x7!kq2@Lm9#Vr4$Tz8^Wp1&Hs6*Jd3(Fn5)Yb0-Gc_Ue+Ai=Ro",
        ALLOWED_HOSTS="iraqnews.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_database_url_selects_postgresql():
    databases = settings_under("DATABASES", DATABASE_URL="postgres://u:p@127.0.0.1:5432/db")
    assert databases["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_default_database_is_sqlite_in_the_project_folder():
    databases = settings_under("DATABASES", DATABASE_URL=None)["DATABASES"]
    assert databases["default"]["NAME"] == str(settings.BASE_DIR / "db.sqlite3")
