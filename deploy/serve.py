"""`make serve`: the production stack on this machine, nginx in front of gunicorn.

    python deploy/serve.py                 # http://127.0.0.1:8080/
    PORT=9000 python deploy/serve.py

Creates the secret key file once (unless SECRET_KEY is set), migrates, collects static
files, then runs gunicorn (deploy/gunicorn.conf.py) on a unix socket and nginx
(deploy/nginx/serve.conf.template) on 127.0.0.1:$PORT, both in the foreground as the current
user, their pid files, socket, nginx logs and temporary files in the run folder (`run/`, or
SERVE_RUN_DIR). DEBUG is off; SECURE_HTTPS defaults to 0, since this listener is plain HTTP.
Ctrl-C (or SIGTERM) stops both; if either exits, the other is stopped too.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
TEMPLATE = DEPLOY / "nginx" / "serve.conf.template"
STARTUP_SECONDS = 30


def create_secret_key(path):
    """Write a new random key to `path`, readable by its owner only; False if it exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as key_file:
        key_file.write(secrets.token_urlsafe(50) + "\n")
    return True


def app_env():
    """The environment gunicorn and manage.py run with: production settings, plain HTTP."""
    env = dict(os.environ)
    env["DEBUG"] = "0"
    env.setdefault("SECURE_HTTPS", "0")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    if not env.get("SECRET_KEY"):
        key_file = Path(env.get("SECRET_KEY_FILE") or ROOT / ".secret_key")
        if create_secret_key(key_file):
            print(f"serve: created {key_file} (a new secret key, mode 600)", flush=True)
        env["SECRET_KEY_FILE"] = str(key_file)
    return env


def nginx_binary():
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None
    )
    if not found:
        raise SystemExit("serve: nginx is not installed (make serve installs it with apt-get)")
    return found


def render_nginx_conf(*, run_dir, port, socket, static_root, deploy_dir=DEPLOY):
    """nginx.conf for this run, from deploy/nginx/serve.conf.template."""
    # As root, nginx would hand its workers to `nobody`, who may not read the static files
    # or the socket; name the current user instead (ignored when not root).
    user = "user root root;" if os.geteuid() == 0 else ""
    values = {
        "RUN_DIR": run_dir,
        "PORT": port,
        "SOCKET": socket,
        "STATIC_ROOT": static_root,
        "DEPLOY_DIR": deploy_dir,
        "USER": user,
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", str(value))
    if "{{" in text:
        raise ValueError(f"unfilled placeholder in {TEMPLATE}: {text[text.index('{{') :][:40]}")
    return text


def manage(env, *args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


def wait_until_up(port, processes):
    deadline = time.monotonic() + STARTUP_SECONDS
    url = f"http://127.0.0.1:{port}/healthz"
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise SystemExit(f"serve: {name} exited at start with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except urllib.error.HTTPError as error:
            if error.code not in (502, 504):  # 502, 504: gunicorn still booting
                return error.code
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"serve: nothing answered {url} within {STARTUP_SECONDS} s")


def stop(processes):
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    for process in processes.values():
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    port = int(os.environ.get("PORT") or 8080)
    run_dir = Path(os.environ.get("SERVE_RUN_DIR") or ROOT / "run").resolve()
    env = app_env()
    nginx = nginx_binary()
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "-v0")

    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / sub).mkdir(parents=True, exist_ok=True)
    socket = run_dir / "gunicorn.sock"
    socket.unlink(missing_ok=True)
    conf = run_dir / "nginx.conf"
    conf.write_text(
        render_nginx_conf(
            run_dir=run_dir, port=port, socket=socket, static_root=ROOT / "staticfiles"
        )
    )

    processes = {}
    # SIGTERM (systemd, a test harness) stops the stack like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        processes["gunicorn"] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(DEPLOY / "gunicorn.conf.py"),
                "--bind",
                f"unix:{socket}",
                "--pid",
                str(run_dir / "gunicorn.pid"),
                "iraqnews.wsgi:application",
            ],
            env=env,
            cwd=ROOT,
        )
        processes["nginx"] = subprocess.Popen(
            [nginx, "-p", str(run_dir), "-c", str(conf), "-e", "stderr"], cwd=run_dir
        )
        status = wait_until_up(port, processes)
        print(
            f"serve: http://127.0.0.1:{port}/ (nginx, then gunicorn on {socket}); "
            f"/healthz answered {status}; nginx access log {run_dir / 'access.log'}; "
            "Ctrl-C stops",
            flush=True,
        )
        while all(process.poll() is None for process in processes.values()):
            time.sleep(0.5)
        exited = [name for name, process in processes.items() if process.poll() is not None]
        print(f"serve: {', '.join(exited)} exited; stopping", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(processes)


if __name__ == "__main__":
    sys.exit(main())
