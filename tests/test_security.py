"""Security headers, the content security policy, admin login throttling and /healthz."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import OperationalError
from django.urls import reverse

from tests.test_settings import settings_under

TEMPLATES = Path(settings.BASE_DIR) / "templates"
POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
)


def policy_of(response):
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


@pytest.fixture
def admin_client_with_password(db, client):
    User.objects.create_superuser("boss", "boss@example.org", "correct horse battery")
    return client


def test_pages_carry_the_content_security_policy_without_unsafe_inline(seed, client):
    response = client.get(reverse("claims:home"))
    assert policy_of(response) >= set(POLICY)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_pages_forbid_sniffing_framing_and_cross_site_referrers(seed, client):
    response = client.get(reverse("claims:quote_list"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


HTTPS_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def test_https_settings_follow_debug_and_secure_https_turns_them_off():
    production = settings_under(*HTTPS_SETTINGS, DEBUG="0")
    plain_http = settings_under(*HTTPS_SETTINGS, DEBUG="0", SECURE_HTTPS="0")
    assert list(production.values()) == [True, 31536000, True, True]
    assert list(plain_http.values()) == [False, 0, False, False]


def test_hsts_header_is_sent_on_https_requests_in_production(seed, client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("claims:home"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


TEMPLATE_FILES = sorted(t.relative_to(TEMPLATES) for t in TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATE_FILES)
def test_templates_hold_no_inline_script_style_or_event_handler(path):
    source = (TEMPLATES / path).read_text(encoding="utf-8")
    assert not re.search(r"\sstyle\s*=", source), "inline style attribute"
    assert not re.search(r"<style[\s>]", source), "inline <style> element"
    assert not re.search(r"\son[a-z]+\s*=", source), "inline event handler"
    for tag in re.findall(r"<script\b[^>]*>", source):
        assert "src=" in tag or 'type="application/ld+json"' in tag, f"inline script: {tag}"
    assert "javascript:" not in source


def test_admin_login_and_changelist_render_under_the_policy(admin_client_with_password):
    client = admin_client_with_password
    login = client.get(reverse("admin:login"))
    assert login.status_code == 200
    assert "unsafe-inline" not in login["Content-Security-Policy"]
    client.post(reverse("admin:login"), {"username": "boss", "password": "correct horse battery"})
    changelist = client.get(reverse("admin:claims_quote_changelist"))
    assert changelist.status_code == 200
    assert "unsafe-inline" not in changelist["Content-Security-Policy"]
    for tag in re.findall(r"<script\b[^>]*>", changelist.content.decode()):
        assert "src=" in tag or "application/json" in tag, f"admin inline script: {tag}"


def test_five_wrong_passwords_lock_the_admin_login_for_that_username(admin_client_with_password):
    client = admin_client_with_password
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "boss", "password": "wrong"})
    response = client.post(
        reverse("admin:login"), {"username": "boss", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(admin_client_with_password):
    client = admin_client_with_password
    for _ in range(4):
        client.post(reverse("admin:login"), {"username": "boss", "password": "wrong"})
    response = client.post(
        reverse("admin:login"), {"username": "boss", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_lockout_does_not_affect_another_username(admin_client_with_password):
    client = admin_client_with_password
    User.objects.create_superuser("other", "o@example.org", "another long secret")
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "boss", "password": "wrong"})
    response = client.post(
        reverse("admin:login"), {"username": "other", "password": "another long secret"}
    )
    assert response.status_code == 302


def test_healthz_answers_ok_when_the_database_answers(db, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


class GoneConnection:
    def cursor(self):
        raise OperationalError("server closed the connection unexpectedly")


def test_healthz_answers_503_when_the_database_is_gone(db, client, monkeypatch):
    monkeypatch.setattr("iraqnews.health.connection", GoneConnection())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_healthz_is_not_redirected_to_https(db, client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("claims:home")).status_code == 301
