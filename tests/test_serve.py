"""`make serve`: the nginx config it renders, its secret key file, gunicorn's logging, and the
client address behind nginx. The stack itself is tried by `make serve-check` (CI)."""

import importlib.util
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from iraqnews.middleware import ProxiedClientAddressMiddleware

DEPLOY = Path(settings.BASE_DIR) / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def load(path):
    spec = importlib.util.spec_from_file_location(path.stem.replace(".", "_"), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = load(DEPLOY / "serve.py")


def rendered(tmp_path):
    return serve.render_nginx_conf(
        run_dir=tmp_path, port=18080, socket=tmp_path / "gunicorn.sock", static_root="/srv/s"
    )


def test_the_nginx_config_listens_on_loopback_and_proxies_to_the_unix_socket(tmp_path):
    conf = rendered(tmp_path)
    assert "{{" not in conf
    assert "listen 127.0.0.1:18080;" in conf
    assert f"server unix:{tmp_path / 'gunicorn.sock'} fail_timeout=0;" in conf
    assert "alias /srv/s/;" in conf
    assert f"pid {tmp_path}/nginx.pid;" in conf


def test_nginx_buffers_requests_and_responses_and_bounds_headers_bodies_and_time():
    limits = (DEPLOY / "nginx" / "iraqnews-limits.conf").read_text()
    proxy = (DEPLOY / "nginx" / "iraqnews-proxy.conf").read_text()
    for directive in (
        "client_header_timeout 10s;",
        "client_body_timeout 10s;",
        "send_timeout 30s;",
        "large_client_header_buffers 4 8k;",
        "client_max_body_size 10m;",
    ):
        assert directive in limits
    for directive in ("proxy_request_buffering on;", "proxy_buffering on;", "proxy_read_timeout"):
        assert directive in proxy


@pytest.mark.skipif(not os.access(NGINX, os.X_OK), reason="nginx is not installed")
def test_nginx_accepts_the_rendered_config(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(rendered(tmp_path))
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", "stderr"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_secret_key_file_is_created_once_and_readable_by_its_owner_only(tmp_path):
    key_file = tmp_path / ".secret_key"
    assert serve.create_secret_key(key_file)
    first = key_file.read_text()
    assert len(first.strip()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert not serve.create_secret_key(key_file)
    assert key_file.read_text() == first


def test_serve_runs_with_debug_off_and_the_key_file_unless_secret_key_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "key"))
    env = serve.app_env()
    assert env["DEBUG"] == "0"
    assert env["SECRET_KEY_FILE"] == str(tmp_path / "key")
    assert (tmp_path / "key").exists()
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "other"))
    serve.app_env()
    assert not (tmp_path / "other").exists()


def test_gunicorn_logs_one_line_per_request_with_status_and_duration_and_errors_apart():
    config = load(DEPLOY / "gunicorn.conf.py")
    assert config.accesslog == "-"
    assert config.errorlog == "-"
    assert "%(s)s" in config.access_log_format
    assert "%(M)sms" in config.access_log_format


def client_address(**meta):
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    ProxiedClientAddressMiddleware(view)(RequestFactory().get("/", **meta))
    return seen["address"]


def test_behind_nginx_on_the_unix_socket_the_client_address_is_x_real_ip():
    assert client_address(REMOTE_ADDR="", HTTP_X_REAL_IP="203.0.113.7") == "203.0.113.7"


def test_a_client_reaching_gunicorn_over_tcp_cannot_claim_another_address():
    assert client_address(REMOTE_ADDR="10.0.0.5", HTTP_X_REAL_IP="203.0.113.7") == "10.0.0.5"


def test_an_x_real_ip_that_is_not_an_address_is_ignored():
    assert client_address(REMOTE_ADDR="", HTTP_X_REAL_IP="<script>") == ""
