"""`make loadtest` works: a short run against a real gunicorn passes with no errors."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "bench" / "loadtest.py"


def test_a_two_second_load_test_runs_gunicorn_with_no_errors_and_prints_its_figures():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_HTTPS"}}
    env.update(LOADTEST_SECONDS="2", LOADTEST_CONNECTIONS="8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, env=env, timeout=180
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for figure in ("requests", "latency (ms)", "5xx            0", "worker RSS MB", "PASS"):
        assert figure in result.stdout
