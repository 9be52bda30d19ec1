"""Production settings: no start without a secret key, key files, the form size limit."""

import os
import re
import subprocess
import sys

from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.urls import reverse

MANAGE = os.path.join(settings.BASE_DIR, "manage.py")
STRONG_KEY = "x7!kq2@Lm9#Vr4$Tz8^Wp1&Hs6*Jd3(Fn5)Yb0-Gc_Ue+Ai=Ro"


def manage(*args, tmp_path, **env):
    """manage.py with only the given variables of ours set (no key unless given)."""
    unset = {
        "PYTEST_VERSION",
        "DEBUG",
        "SECURE_HTTPS",
        "SECRET_KEY",
        "ALLOW_INSECURE_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    full_env = {k: v for k, v in os.environ.items() if k not in unset}
    full_env.setdefault("SECRET_KEY_FILE", str(tmp_path / "no-key-file"))
    full_env.update(env)
    return subprocess.run(
        [sys.executable, MANAGE, *args], capture_output=True, text=True, env=full_env, timeout=60
    )


def test_debug_off_without_a_secret_key_refuses_to_start_naming_secret_key(tmp_path):
    result = manage("check", tmp_path=tmp_path, DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_a_fresh_checkout_runs_manage_py_check_in_development_mode(tmp_path):
    result = manage("check", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_insecure_development_key_is_not_allowed_with_debug_off(tmp_path):
    assert manage("check", tmp_path=tmp_path, DEBUG="0").returncode != 0
    allowed = manage("check", tmp_path=tmp_path, DEBUG="0", ALLOW_INSECURE_KEY="1")
    assert allowed.returncode == 0, allowed.stderr


def test_debug_on_runs_without_a_secret_key(tmp_path):
    result = manage("check", tmp_path=tmp_path, DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_a_key_file_readable_only_by_its_owner_is_the_secret_key(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(STRONG_KEY + "\n")
    key_file.chmod(0o600)
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        tmp_path=tmp_path,
        DEBUG="0",
        SECRET_KEY_FILE=str(key_file),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == STRONG_KEY


def test_a_key_file_other_users_can_read_is_refused(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(STRONG_KEY)
    key_file.chmod(0o644)
    result = manage("check", tmp_path=tmp_path, DEBUG="0", SECRET_KEY_FILE=str(key_file))
    assert result.returncode != 0
    assert "chmod 600" in result.stderr


def test_check_deploy_is_clean_with_a_key_file_and_the_production_variables(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(STRONG_KEY)
    key_file.chmod(0o600)
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        DEBUG="0",
        SECRET_KEY_FILE=str(key_file),
        ALLOWED_HOSTS="iraqnews.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def curator_client(client):
    user = User.objects.create_user("curator", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_article", "view_article"])
    )
    client.force_login(user)
    return client


def test_a_paste_over_two_and_a_half_megabytes_gets_the_imports_own_message(db, client):
    text = "Word " * 600_000  # 3 MB, more than Django's default 2.5 MB form limit
    response = curator_client(client).post(reverse("admin:claims_article_import"), {"text": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "the text has 2,999,999 characters" in page, re.findall(r"errornote.{0,300}", page)


def test_a_form_over_the_limit_answers_413_saying_how_big_it_was(db, client):
    text = "Word " * 1_200_000  # 6 MB
    response = curator_client(client).post(reverse("admin:claims_article_import"), {"text": text})
    assert response.status_code == 413
    page = response.content.decode()
    assert "The form you sent is 5.7 MB" in page
    assert "at most 5 MB" in page
