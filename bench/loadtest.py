"""Load test: `make serve` (nginx, gunicorn) under mixed traffic, with error, latency and
memory figures.

    python bench/loadtest.py            # 60 s at 32 concurrent connections
    LOADTEST_SECONDS=5 python bench/loadtest.py

Runs the production stack (deploy/serve.py: nginx in front of 2 gunicorn gthread workers,
DEBUG=0, SECURE_HTTPS=0) on a throwaway SQLite database with the seed data (or a copy of
SERVE_DATABASE) on a free 127.0.0.1 port, see bench/servestack.py, and drives GET requests
over the public pages, the JSON/CSV exports, the feed, search, a 404 and /healthz from
LOADTEST_CONNECTIONS threads through nginx. Worker memory (RSS) is sampled from /proc.
Exits 1 on any connection error, unexpected status, 5xx, or worker memory growing by more
than MEMORY_GROWTH_LIMIT after the warm-up.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from servestack import fetch, served_stack

SECONDS = float(os.environ.get("LOADTEST_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "32"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "2"))
MAX_REQUESTS = 2_000_000
REQUEST_TIMEOUT = 30
WARMUP_FRACTION = 0.2
MEMORY_GROWTH_LIMIT = 0.25
SAMPLE_EVERY = 3.0


def discover(port):
    """(path, expected statuses) pairs: list pages, exports and every kind of detail page.
    An export may also answer 429: nginx lets one address run at most 2 at once."""
    paths = [
        "/",
        "/quotes/",
        "/quotes/?format=json",
        "/quotes/?format=csv",
        "/quotes/?sort=oldest",
        "/quotes/?page_size=5&page=2",
        "/speakers/",
        "/speakers/?format=json",
        "/organizations/",
        "/organizations/?format=csv",
        "/claims/",
        "/claims/?min_sources=2&sort=sources",
        "/quotes/?format=jsonl&speaker=haider-al-abadi",
        "/articles/",
        "/articles/?format=json",
        "/search/?q=Russia",
        "/search/?q=al",
        "/healthz",
    ]
    details = set()
    for listing in ("/quotes/", "/speakers/", "/organizations/", "/articles/"):
        status, body = fetch(port, f"{listing}?format=json&page_size=20")
        if status != 200:
            raise SystemExit(f"discovery failed: {listing} answered {status}")
        for record in json.loads(body)["results"]:
            for key in ("url", "claim_url"):
                if record.get(key):
                    details.add(urlsplit(record[key]).path)
    speakers = [p for p in details if p.startswith("/speakers/")]
    details.update(f"{p}feed/" for p in speakers[:5])
    targets = [
        (p, {200, 429} if "format=csv" in p or "format=jsonl" in p else {200})
        for p in paths + sorted(details)
    ]
    targets.append(("/speakers/no-such-speaker-here/", {404}))
    return targets


def worker_pids(master_pid):
    children = []
    for task in Path(f"/proc/{master_pid}/task").glob("*/children"):
        children += [int(pid) for pid in task.read_text().split()]
    return children


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        return 0.0
    return 0.0


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.statuses = {}
        self.errors = []
        self.unexpected = []

    def record(self, path, expected, status, seconds):
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status not in expected and len(self.unexpected) < 20:
                self.unexpected.append((path, status))

    def error(self, path, exc):
        with self.lock:
            self.errors.append(f"{path}: {exc!r}")


def drive(port, targets, deadline, results, seed):
    rng = random.Random(seed)
    while time.monotonic() < deadline and len(results.latencies) < MAX_REQUESTS:
        path, expected = rng.choice(targets)
        started = time.perf_counter()
        try:
            status, _ = fetch(port, path)
        except OSError as exc:
            results.error(path, exc)
            continue
        results.record(path, expected, status, time.perf_counter() - started)


def percentile(values, pct):
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1] if values else 0.0


def run_load(port, master_pid, targets):
    results = Results()
    started = time.monotonic()
    deadline = started + SECONDS
    threads = [
        threading.Thread(target=drive, args=(port, targets, deadline, results, n), daemon=True)
        for n in range(CONNECTIONS)
    ]
    for thread in threads:
        thread.start()
    samples = []
    while any(t.is_alive() for t in threads) and time.monotonic() < deadline + REQUEST_TIMEOUT:
        pids = worker_pids(master_pid)
        samples.append((time.monotonic() - started, sum(rss_mb(p) for p in pids), len(pids)))
        # every SAMPLE_EVERY seconds, and once more as the traffic stops
        time.sleep(min(SAMPLE_EVERY, max(0.2, deadline - time.monotonic())))
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT)
    elapsed = time.monotonic() - started
    samples.append((elapsed, sum(rss_mb(p) for p in worker_pids(master_pid)), WORKERS))
    return results, samples, min(elapsed, SECONDS + REQUEST_TIMEOUT)


def report(results, samples, elapsed):
    """Print the figures; return True when the run had no errors and memory stayed flat."""
    total = len(results.latencies)
    server_errors = sum(n for status, n in results.statuses.items() if status >= 500)
    warm = [mb for t, mb, _ in samples if t >= SECONDS * WARMUP_FRACTION] or [samples[-1][1]]
    growth = (warm[-1] - warm[0]) / warm[0] if warm[0] else 0.0
    ms = [s * 1000 for s in results.latencies]
    print(f"duration       {elapsed:.1f} s, {CONNECTIONS} connections, {WORKERS} gunicorn workers")
    print(f"requests       {total}  ({total / elapsed:.1f} req/s)")
    print(
        f"latency (ms)   p50 {percentile(ms, 50):.1f}  p95 {percentile(ms, 95):.1f}  "
        f"p99 {percentile(ms, 99):.1f}  max {max(ms, default=0):.1f}"
    )
    print(f"statuses       {dict(sorted(results.statuses.items()))}")
    print(f"errors         {len(results.errors)}  unexpected statuses {len(results.unexpected)}")
    print(f"5xx            {server_errors}")
    print(
        f"worker RSS MB  start {samples[0][1]:.1f}  after warm-up {warm[0]:.1f}  "
        f"end {warm[-1]:.1f}  growth after warm-up {growth:+.1%}"
    )
    for line in results.errors[:10]:
        print(f"  error: {line}")
    for path, status in results.unexpected:
        print(f"  unexpected: {status} for {path}")
    flat = growth <= MEMORY_GROWTH_LIMIT
    ok = total > 0 and not results.errors and not results.unexpected and not server_errors
    print("RESULT         " + ("PASS" if ok and flat else "FAIL"))
    return ok and flat


def main():
    os.environ["WEB_CONCURRENCY"] = str(WORKERS)
    with tempfile.TemporaryDirectory(prefix="iraqnews-loadtest-") as tmp:
        with served_stack(tmp) as stack:
            targets = discover(stack.port)
            print(
                f"make serve on 127.0.0.1:{stack.port} (nginx, gunicorn); {len(targets)} URLs; "
                f"{SECONDS:g} s of traffic"
            )
            results, samples, elapsed = run_load(stack.port, stack.gunicorn_pid(), targets)
        log = stack.log_text()
    tracebacks = log.count("Traceback")
    if tracebacks:
        print(log[-4000:])
    print(f"tracebacks     {tracebacks}")
    return 0 if report(results, samples, elapsed) and not tracebacks else 1


if __name__ == "__main__":
    sys.exit(main())
