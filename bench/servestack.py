"""`make serve` on a throwaway database, for the load test and the serve check.

    with served_stack(tmp) as stack:
        stack.port, stack.database, stack.gunicorn_pid(), stack.log_text()

Builds an SQLite database with the seed data in `tmp` (or copies SERVE_DATABASE, e.g. a
200,000-quote file), then runs deploy/serve.py on a free 127.0.0.1 port with its run folder
in `tmp`, and stops it on leaving the block.
"""

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 120


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path, timeout=30):
    """(status, body) of one GET through a new connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class Stack:
    port: int
    database: Path
    run_dir: Path
    log: Path

    def gunicorn_pid(self):
        return int((self.run_dir / "gunicorn.pid").read_text())

    def log_text(self):
        return self.log.read_text(errors="replace")


def stack_env(tmp, database):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SITE_URL", "DEBUG"}}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        SECURE_HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY=secrets.token_urlsafe(50),
        SERVE_RUN_DIR=str(tmp / "run"),
        LOG_LEVEL="ERROR",
    )
    return env


def prepare(env, database):
    source = os.environ.get("SERVE_DATABASE")
    if source:
        shutil.copyfile(source, database)
    manage = [sys.executable, str(ROOT / "manage.py")]
    steps = [["migrate", "--noinput"]] + ([] if source else [["load_seed"]])
    for args in steps:
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, capture_output=True)


def wait_until_up(port, server):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"make serve exited early with status {server.returncode}")
        try:
            if fetch(port, "/healthz", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("make serve did not answer /healthz in time")


@contextmanager
def served_stack(tmp):
    tmp = Path(tmp)
    database = tmp / "site.sqlite3"
    env = stack_env(tmp, database)
    prepare(env, database)
    port = free_port()
    env["PORT"] = str(port)
    log = tmp / "serve.log"
    with open(log, "w") as out:  # a file: a pipe could fill and block the server
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "deploy" / "serve.py")],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(port, server)
            yield Stack(port=port, database=database, run_dir=tmp / "run", log=log)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
