"""Benchmark the public pages against Datasette serving the same SQLite file.

    .venv/bin/python bench/run.py               # SQLite (bench/data/quotes-<N>.sqlite3)
    bash .ci/with-postgres.sh .venv/bin/python bench/run.py --postgres

Generates the data once (manage.py generate_synthetic) and reuses it, starts gunicorn
(2 workers, DEBUG off), Datasette and a bare Django page (bench/bare: select_related +
Paginator + a minimal template, on the same stack), loads each page with wrk (a Python
client when wrk is missing) after a warm-up, stops the servers and prints one Markdown
table with our throughput next to Datasette's and the bare page's. Environment:
BENCH_QUOTES (default 1000000), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 8),
BENCH_THREADS (threads per gunicorn worker, default 1: sync workers; more uses gthread),
BENCH_MAX_LOAD (default 1.5: measuring waits, up to BENCH_QUIET_WAIT seconds (default 600),
until the 1-minute load average is below it; the figures are only valid on a quiet machine).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
QUOTES = int(os.environ.get("BENCH_QUOTES", "1000000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
MAX_LOAD = float(os.environ.get("BENCH_MAX_LOAD", "1.5"))
QUIET_WAIT = int(os.environ.get("BENCH_QUIET_WAIT", "600"))
SEED = 1

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %.0f %.0f\\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95)))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(*args, env=None, **kwargs):
    print("$", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, env=env, **kwargs)


def app_env(database_url):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "ALLOW_INSECURE_KEY": "1",  # loopback only; settings refuse DEBUG off without a key
        "SECURE_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "LOG_LEVEL": "ERROR",
        "CONN_MAX_AGE": "600",
    }


def ensure_data(database_url, env):
    """Migrate and fill the database unless it already holds the synthetic quotes."""
    run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
    probe = django_shell(env, "from claims.models import Quote; print(Quote.objects.count())")
    have = int(probe.strip().splitlines()[-1])
    if have == 0:
        started = time.monotonic()
        run(PY, "manage.py", "generate_synthetic", "--quotes", QUOTES, "--seed", SEED, env=env)
        print(f"generated {QUOTES} quotes in {time.monotonic() - started:.0f} s", flush=True)
    elif have != QUOTES:
        sys.exit(f"{database_url} holds {have} quotes, not {QUOTES}; remove it to regenerate.")


def django_shell(env, code):
    """What `code` prints, run by `manage.py shell` with the app's environment `env`."""
    return subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def load_average():
    return Path("/proc/loadavg").read_text().split()[:3]


def wait_for_quiet():
    """Wait until the 1-minute load average is below MAX_LOAD (or QUIET_WAIT runs out)."""
    deadline = time.monotonic() + QUIET_WAIT
    while float(load_average()[0]) >= MAX_LOAD and time.monotonic() < deadline:
        print(f"load average {' '.join(load_average())}; waiting for a quiet machine", flush=True)
        time.sleep(30)


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def start(args, env, url, log=None):
    """Start a server whose output goes to `log` (a path) or nowhere; wait until `url` answers."""
    output = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 (the server keeps it)
    process = subprocess.Popen(
        [str(a) for a in args],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=output,
        stderr=output,
    )
    try:
        wait_for(url)
    except Exception:
        stop(process)
        raise
    return process


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def cpu_seconds(pid):
    """CPU time used so far by process `pid` (all its threads), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid, limit=60):
    """Wait until `pid` stops using CPU: requests a load tool gave up on (Datasette's
    timed-out counts) may still be running, and would slow the next page measured."""
    deadline = time.monotonic() + limit
    used = cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = cpu_seconds(pid)
        if now - used < 0.05:
            return
        used = now
    print(f"process {pid} still busy after {limit} s", flush=True)


def wait_until_workers_idle(pid, limit=60):
    """Wait until every worker of the gunicorn master `pid` stops using CPU: a page whose
    requests outlast wrk's timeout leaves them running into the next page's measurement."""
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    for worker in out.stdout.split():
        wait_until_idle(int(worker), limit)


def rss_mb(pid):
    """Resident memory of `pid`'s children (gunicorn workers), in MB, largest first."""
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout
    return sorted((int(v) / 1024 for v in out.split()), reverse=True)


# With several paths, each of wrk's two threads walks its own half of the list: every
# request asks for a different query, so nothing it needs is cached yet.
WRK_PATHS = """
paths = {%s}
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function init(args) n = (id - 1) * math.floor(#paths / 2) end
function request() n = n + 1; return wrk.format(nil, paths[(n %% #paths) + 1]) end
"""


def load(url, seconds=SECONDS, connections=CONNECTIONS, paths=None):
    """(p50 ms, p95 ms, requests per second, failed requests) for `url`, or for `paths`
    on `url`'s server (a different one each request) when given."""
    if shutil.which("wrk"):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            walk = WRK_PATHS % ", ".join(json.dumps(p) for p in paths) if paths else ""
            script.write(walk + WRK_SCRIPT)
        out = subprocess.run(
            [
                "wrk",
                f"-t{min(2, connections)}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        os.unlink(script.name)
        found = re.search(r"BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
        requests, bad, errors, duration_us, p50, p95 = map(int, found.groups())
        return p50 / 1000, p95 / 1000, requests / (duration_us / 1e6), bad + errors
    return _python_load(url, seconds, connections, paths)


def probe(url):
    """The status and the start of the body of one request to `url`, to explain failures."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(200)
    except urllib.error.HTTPError as error:
        return error.code, error.read(2000)[-600:]
    except OSError as error:
        return repr(error)


def _python_load(url, seconds, connections, paths=None):
    latencies, failures, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds
    site = re.match(r"https?://[^/]+", url).group(0)
    walk = iter(paths * 1000) if paths else None

    def worker():
        while time.monotonic() < deadline:
            began = time.perf_counter()
            with lock:
                target = site + next(walk) if walk else url
            try:
                with urllib.request.urlopen(target, timeout=10) as response:
                    response.read()
                    ok = response.status == 200
            except OSError:
                ok = False
            with lock:
                latencies.append((time.perf_counter() - began) * 1000)
                failures[0] += not ok

    with ThreadPoolExecutor(connections) as pool:
        for _ in range(connections):
            pool.submit(worker)
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49], cuts[94], len(latencies) / seconds, failures[0]


# Pages also measured on bench/bare (select_related + Paginator + a minimal template, the
# same stack and database): our path → the bare page's path.
BARE = {
    "quotes, unfiltered": "/quotes/",
    "quotes, heaviest speaker": "/quotes/?speaker={heavy}",
    "quotes, light speaker": "/quotes/?speaker={light}",
    "quotes, light speaker, a different one each request": "/quotes/?speaker={light}",
    "quote page": "/quotes/{quote}/",
}


def pages(env):
    """(name, our path, Datasette path or None, varied paths or None, bare Django path or
    None) for every measured page, from the data. A page with varied paths asks a
    different query each request."""
    code = """
import json, datetime, random
from django.db.models import Count
from claims.management.commands.generate_synthetic import OBJECTS, VERBS, WHEN
from claims.models import Article, Claim, Quote, Speaker
phrases = sorted({" ".join(f"{v} {o} {w}".split()) for v in VERBS for o in OBJECTS for w in WHEN})
random.Random(7).shuffle(phrases)
heavy = Quote.objects.values("speaker_id").annotate(n=Count("id")).order_by("-n")[:1][0]
light = (Quote.objects.values("speaker_id").annotate(n=Count("id")).filter(n__gte=3, n__lte=8)
         .order_by("speaker_id")[:1][0])
heavy_s = Speaker.objects.get(pk=heavy["speaker_id"])
light_s = Speaker.objects.get(pk=light["speaker_id"])
lights = list(Speaker.objects.filter(pk__in=Quote.objects.values("speaker_id").annotate(
    n=Count("id")).filter(n__gte=3, n__lte=8).values("speaker_id")).order_by("pk")
    .values_list("slug", flat=True)[:3000])
article = Article.objects.order_by("pk")[Article.objects.count() // 2]
claim = (Claim.objects.annotate(n=Count("quotes")).filter(n__gte=3, pk__gte=article.pk)
         .order_by("pk").first())
quote = Quote.objects.order_by("pk")[Quote.objects.count() // 2]
print(json.dumps({"heavy": heavy_s.slug, "heavy_id": heavy_s.pk, "heavy_n": heavy["n"],
    "light": light_s.slug, "light_id": light_s.pk, "article": article.slug, "claim": claim.key,
    "quote": quote.pk, "phrases": phrases, "lights": lights}))
"""
    out = django_shell(env, code)
    ids = json.loads(out.strip().splitlines()[-1])
    print(f"heaviest speaker {ids['heavy']} has {ids['heavy_n']} quotes", flush=True)
    table = "claims_quote"
    varied = [urllib.parse.quote_plus(phrase) for phrase in ids["phrases"]]
    rows = [
        ("home", "/", None),
        ("quotes, unfiltered", "/quotes/", f"/bench/{table}"),
        (
            "quotes, heaviest speaker",
            f"/quotes/?speaker={ids['heavy']}",
            f"/bench/{table}?speaker_id={ids['heavy_id']}",
        ),
        (
            "quotes, light speaker",
            f"/quotes/?speaker={ids['light']}",
            f"/bench/{table}?speaker_id={ids['light_id']}",
        ),
        (
            "quotes, light speaker, a different one each request",
            "/quotes/",
            None,
            [f"/quotes/?speaker={slug}" for slug in ids["lights"]],
        ),
        ("quotes, one month", "/quotes/?date_after=2020-03-01&date_before=2020-03-31", None),
        ("quotes, text q", "/quotes/?q=welcomes+the+census", None),
        ("quotes, text q, a new phrase each request", "/quotes/?q=", None, "/quotes/?q="),
        ("quotes, page 1000", "/quotes/?page=1000", None),
        ("quotes JSON, heaviest speaker", f"/quotes/?format=json&speaker={ids['heavy']}", None),
        ("speaker page, heaviest", f"/speakers/{ids['heavy']}/", None),
        ("article page", f"/articles/{ids['article']}/", None),
        ("claim page", f"/claims/{ids['claim']}/", None),
        ("quote page", f"/quotes/{ids['quote']}/", f"/bench/{table}/{ids['quote']}"),
        ("search", "/search/?q=census", None),
        ("claims, unfiltered", "/claims/", None),
        ("claims, light speaker", f"/claims/?speaker={ids['light']}", None),
        ("claims, min_sources=2", "/claims/?min_sources=2", None),
        ("claims, sort=sources", "/claims/?sort=sources", None),
        ("speaker list", "/speakers/", None),
        ("organization list", "/organizations/", None),
        ("article list", "/articles/", None),
        ("search, a new phrase each request", "/search/?q=", None, "/search/?q="),
    ]
    return [
        (
            name,
            path,
            other,
            _walk(prefix, varied),
            BARE[name].format(**ids) if name in BARE else None,
        )
        for name, path, other, *prefix in rows
        for prefix in [prefix[0] if prefix else None]
    ]


def _walk(paths, phrases):
    """The paths a row walks: its own list, or its prefix followed by each phrase."""
    if isinstance(paths, list) or paths is None:
        return paths
    return [paths + phrase for phrase in phrases]


def query_counts(env, pairs):
    """SQL queries per page, from a DEBUG-off test client in a subprocess: each
    (warm-up path, path) pair loads the first, then counts the queries of the second."""
    code = f"""
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
for warm_up, path in {pairs!r}:
    client.get(warm_up)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    print("COUNT", status, len(queries), path)
"""
    out = django_shell(env, code)
    return {
        path: (int(status), int(n))
        for status, n, path in re.findall(r"COUNT (\d+) (\d+) (\S+)", out)
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="serve our pages from DATABASE_URL (PostgreSQL); Datasette keeps the SQLite file",
    )
    options = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    sqlite_file = DATA / f"quotes-{QUOTES}.sqlite3"
    sqlite_url = f"sqlite:///{sqlite_file}"
    ensure_data(sqlite_url, app_env(sqlite_url))
    database_url = os.environ["DATABASE_URL"] if options.postgres else sqlite_url
    env = app_env(database_url)
    if options.postgres:
        ensure_data(database_url, env)
    run(PY, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    paths = pages(env)
    counts = query_counts(
        env,
        [(varied[1], varied[0]) if varied else (path, path) for _, path, _, varied, _ in paths],
    )
    wait_for_quiet()

    ours_port, theirs_port, bare_port = free_port(), free_port(), free_port()
    ours = f"http://127.0.0.1:{ours_port}"
    theirs = f"http://127.0.0.1:{theirs_port}"
    bare_site = f"http://127.0.0.1:{bare_port}"
    backend = "postgres" if options.postgres else "sqlite"
    app = start(
        gunicorn("iraqnews.wsgi", ours_port),
        env,
        f"{ours}/",
        log=RESULTS / f"gunicorn-{backend}.log",
    )
    bare = start(
        gunicorn("bench.bare.wsgi", bare_port),
        env,
        f"{bare_site}/quotes/",
        log=RESULTS / f"gunicorn-bare-{backend}.log",
    )
    datasette_name = sqlite_file.stem
    datasette = start(
        [
            Path(PY).parent / "datasette",
            "serve",
            sqlite_file,
            "-h",
            "127.0.0.1",
            "-p",
            theirs_port,
            "--setting",
            "sql_time_limit_ms",
            "3000",
        ],
        os.environ.copy(),
        f"{theirs}/-/versions.json",
    )
    rows, rss = [], []
    load_before = load_average()
    try:
        for name, path, other, varied, bare_path in paths:
            other = other.replace("/bench/", f"/{datasette_name}/") if other else None
            # Warm up on other queries than the measured ones, which stay uncached.
            load(ours + path, seconds=2, paths=varied[:500] if varied else None)
            wait_until_workers_idle(app.pid)  # a cold first request may outlast the warm-up
            p50, p95, rps, failed = load(ours + path, paths=varied[500:] if varied else None)
            wait_until_workers_idle(app.pid)
            if varied:
                path = varied[0]  # the one whose queries are counted
            rss = max(rss, rss_mb(app.pid), key=lambda v: v[:1] or [0])
            theirs_figures = None
            if other:
                load(theirs + other, seconds=2)
                wait_until_idle(datasette.pid)
                theirs_figures = load(theirs + other)
                wait_until_idle(datasette.pid)
            bare_figures = None
            if bare_path:
                load(bare_site + bare_path, seconds=2)
                bare_figures = load(bare_site + bare_path)
            rows.append((name, path, (p50, p95, rps, failed), theirs_figures, bare_figures))
            print(f"{name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {rps:.0f} rps", flush=True)
            if failed:
                print(f"  {failed} failed; one request now: {probe(ours + path)}", flush=True)
    finally:
        stop(app)
        stop(bare)
        stop(datasette)
    load_after = load_average()
    report = render(rows, counts, rss, options.postgres, (load_before, load_after))
    print(report)
    (RESULTS / ("latest-postgres.md" if options.postgres else "latest-sqlite.md")).write_text(
        report
    )


def gunicorn(wsgi, port):
    """The gunicorn command line of the benchmarks: 2 workers, no access log."""
    return [
        Path(PY).parent / "gunicorn",
        wsgi,
        "-w",
        "2",
        *(["-k", "gthread", "--threads", THREADS] if THREADS > 1 else []),
        "-b",
        f"127.0.0.1:{port}",
        "--access-logfile",
        "/dev/null",
    ]


def render(rows, counts, rss, postgres, loads):
    backend = "PostgreSQL" if postgres else "SQLite"
    cpu = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    lines = [
        f"{QUOTES:,} quotes on {backend}, {datetime.date.today()}, {cpu} cores, "
        f"{memory:.0f} GiB, Python {platform.python_version()}; gunicorn 2 workers"
        f"{f' × {THREADS} threads' if THREADS > 1 else ' (sync)'} vs Datasette, "
        f"{CONNECTIONS} connections, {SECONDS} s per page (wrk); load average "
        f"{' '.join(loads[0])} before, {' '.join(loads[1])} after.",
        "",
        "| page | queries | ours p50 / p95 ms | ours req/s | Datasette p50 / p95 ms "
        "| Datasette req/s | ratio | bare Django p50 / p95 ms | bare req/s | vs bare |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path, (p50, p95, rps, failed), other, bare in rows:
        status, queries = counts.get(path, (0, 0))
        flag = f" ({failed} failed)" if failed else ""
        if status != 200:
            flag += f" (status {status})"
        if other and not other[2]:
            ratio, theirs = "∞", f"no answer within {SECONDS} s | 0"
        elif other:
            ratio = f"{rps / other[2]:.1f}×"
            theirs = f"{other[0]:.0f} / {other[1]:.0f} | {other[2]:.0f}"
            if other[3]:
                theirs += f" ({other[3]} failed)"
        else:
            ratio, theirs = "", " | "
        plain = " | | "
        if bare:
            plain = f"{bare[0]:.0f} / {bare[1]:.0f} | {bare[2]:.0f} | "
            plain += f"{rps / bare[2]:.2f}×" if bare[2] else "∞"
        lines.append(
            f"| {name}{flag} | {queries} | {p50:.0f} / {p95:.0f} | {rps:.0f} | {theirs} "
            f"| {ratio} | {plain} |"
        )
    lines += ["", f"Worker RSS after the run: {', '.join(f'{v:.0f} MB' for v in rss)}."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
