"""Two whole exports at once against a running server, while /healthz must keep answering.

    python bench/export_check.py --url http://127.0.0.1:8080 --database /tmp/q.sqlite3
    python bench/export_check.py --make-database /tmp/q.sqlite3 --quotes 200000   # data first
    python bench/export_check.py --serve --quotes 20000     # make serve on a copy (CI)

Starts EXPORTS (2) downloads of `/quotes/?format=csv` (or --format jsonl) at once, parses
each to its end and counts its rows against the database's quote count (--database, an
SQLite file read-only, or --expected N), and meanwhile asks /healthz (and /quotes/) every
--interval seconds: each /healthz must answer 200 within --limit (2) seconds. Prints the
rows, duration and size of each export and the slowest answers; exits 1 on any failure.
With --serve, it makes the database (--quotes, --seed; kept in /tmp for the next run) and
runs the check against `make serve` on a throwaway copy of it (bench/servestack.py).
"""

import argparse
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_database(path, quotes, seed):
    """A scratch SQLite file with `quotes` synthetic quotes (kept if it already exists)."""
    if Path(path).exists():
        print(f"{path} exists: kept")
        return
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(path).resolve()}", "DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [*manage, "generate_synthetic", "--quotes", str(quotes), "--seed", str(seed)],
        env=env,
        cwd=ROOT,
        check=True,
    )


def quote_count(database):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT COUNT(*) FROM claims_quote").fetchone()[0]


def export(url, fmt, result):
    """Download one whole export, counting its rows as it arrives."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            result["status"] = response.status
            text = io.TextIOWrapper(_Counting(response, result), encoding="utf-8", newline="")
            lines = csv.reader(text) if fmt == "csv" else (json.loads(line) for line in text)
            result["rows"] = -1 if fmt == "csv" else 0  # the CSV header is no row
            for _ in lines:
                result["rows"] += 1
    except Exception as error:  # report it with the figures; the check then fails
        result["error"] = repr(error)
    result["seconds"] = time.monotonic() - started


class _Counting(io.RawIOBase):
    """The response's bytes, counted into result["bytes"] as they are read."""

    def __init__(self, response, result):
        self.response, self.result = response, result
        result["bytes"] = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.response.read(len(buffer))
        self.result["bytes"] += len(data)
        buffer[: len(data)] = data
        return len(data)


def poll(url, limit, interval, stop, answers):
    """Ask `url` every `interval` s until `stop`; record (status, seconds) of each answer."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=limit * 10) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status = repr(error)
        answers.append((status, time.monotonic() - started))
        stop.wait(interval)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--database", help="the server's SQLite file, to count its quotes")
    parser.add_argument("--expected", type=int, help="the quote count, without --database")
    parser.add_argument("--format", default="csv", choices=["csv", "jsonl"])
    parser.add_argument("--exports", type=int, default=2)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds /healthz may take")
    parser.add_argument("--interval", type=float, default=0.25)
    parser.add_argument("--make-database", metavar="PATH")
    parser.add_argument("--quotes", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve", action="store_true", help="run against make serve")
    args = parser.parse_args()
    if args.make_database:
        make_database(args.make_database, args.quotes, args.seed)
        return 0
    if args.serve:
        return check_served(args)
    expected = args.expected if args.expected is not None else quote_count(args.database)
    return check(args, args.url.rstrip("/"), expected)


def check_served(args):
    from servestack import served_stack  # bench/servestack.py: make serve on a copy

    database = Path(tempfile.gettempdir()) / f"iraqnews-exports-{args.quotes}-{args.seed}.sqlite3"
    make_database(database, args.quotes, args.seed)
    os.environ["SERVE_DATABASE"] = str(database)
    with tempfile.TemporaryDirectory(prefix="iraqnews-export-check-") as tmp:
        with served_stack(tmp) as stack:
            print(f"make serve on 127.0.0.1:{stack.port} ({stack.database})")
            return check(args, f"http://127.0.0.1:{stack.port}", quote_count(stack.database))


def check(args, base, expected):
    stop, health, pages = threading.Event(), [], []
    pollers = [
        threading.Thread(
            target=poll, args=(f"{base}/healthz", args.limit, args.interval, stop, health)
        ),
        threading.Thread(target=poll, args=(f"{base}/quotes/", args.limit, 1.0, stop, pages)),
    ]
    results = [{} for _ in range(args.exports)]
    downloads = [
        threading.Thread(
            target=export, args=(f"{base}/quotes/?format={args.format}", args.format, r)
        )
        for r in results
    ]
    started = time.monotonic()
    for thread in [*pollers, *downloads]:
        thread.start()
    for thread in downloads:
        thread.join()
    stop.set()
    for thread in pollers:
        thread.join()
    elapsed = time.monotonic() - started

    ok = True
    print(
        f"{args.exports} whole {args.format} exports of {expected} quotes at once, {elapsed:.1f} s"
    )
    for n, result in enumerate(results, 1):
        complete = result.get("rows") == expected and result.get("status") == 200
        ok &= complete
        print(
            f"export {n}: status {result.get('status')}, {result.get('rows')} rows, "
            f"{result.get('bytes', 0) / 1e6:.1f} MB in {result['seconds']:.1f} s"
            + (f", {result['error']}" if "error" in result else "")
            + ("" if complete else "  FAIL (incomplete)")
        )
    for name, answers, must in (("/healthz", health, True), ("/quotes/", pages, False)):
        slow = [a for a in answers if a[0] != 200 or a[1] > args.limit]
        worst = max((seconds for _, seconds in answers), default=0)
        print(
            f"{name}: {len(answers)} answers, slowest {worst:.2f} s, "
            f"{len(slow)} not 200 within {args.limit:g} s" + ("  FAIL" if must and slow else "")
        )
        ok &= not (must and (slow or not answers))
    print("RESULT " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
