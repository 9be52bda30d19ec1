"""`make serve-check`: what issue 14 found taking the site down, tried against `make serve`.

    python bench/serve_check.py                      # seed data, 25 s of slow clients
    SLOWCLIENT_SECONDS=10 python bench/serve_check.py     # what CI runs
    SERVE_DATABASE=bench/data/quotes-200000.sqlite3 python bench/serve_check.py

Starts the stack on a throwaway copy of the data (bench/servestack.py), then
 1. slow clients: SLOWCLIENT_CONNECTIONS (64) connections trickle their headers for
    SLOWCLIENT_SECONDS while /healthz and /quotes/ must answer 200 within 2 s;
 2. a lost database file: the SQLite file is moved away; /healthz and /quotes/ must answer
    503 and no new (empty) file may appear at its path; moved back, /healthz is 200 again.
Exits 1 if either fails.
"""

import os
import sys
import tempfile
import time

import slowclient
from servestack import fetch, served_stack

SECONDS = float(os.environ.get("SLOWCLIENT_SECONDS", "25"))
CONNECTIONS = int(os.environ.get("SLOWCLIENT_CONNECTIONS", "64"))
# Each probe may land on either gunicorn worker: ask often enough to reach both.
LOST_FILE_PROBES = 8


def lost_database_file(stack):
    """Move the file away and back; True when the app noticed and created nothing."""
    database = stack.database
    moved = database.with_name(database.name + ".moved")
    before = [fetch(stack.port, "/healthz")[0] for _ in range(LOST_FILE_PROBES)]
    os.rename(database, moved)
    try:
        while_gone = [
            fetch(stack.port, path)[0]
            for _ in range(LOST_FILE_PROBES)
            for path in ("/healthz", "/quotes/")
        ]
        appeared = database.exists()
    finally:
        if not database.exists():
            os.rename(moved, database)
    time.sleep(0.2)
    after = [fetch(stack.port, "/healthz")[0] for _ in range(LOST_FILE_PROBES)]
    print(f"lost file      /healthz before {sorted(set(before))}")
    print(f"               moved away: statuses {sorted(set(while_gone))}, new file: {appeared}")
    print(f"               moved back: /healthz {sorted(set(after))}")
    ok = set(before) == {200} and set(while_gone) == {503} and not appeared and set(after) == {200}
    print("lost file      " + ("PASS" if ok else "FAIL"))
    return ok


def main():
    with tempfile.TemporaryDirectory(prefix="iraqnews-serve-check-") as tmp:
        with served_stack(tmp) as stack:
            print(f"make serve on 127.0.0.1:{stack.port} ({stack.database})")
            outcome = slowclient.run(stack.port, SECONDS, CONNECTIONS)
            slow_ok = slowclient.report(outcome, SECONDS, CONNECTIONS)
            file_ok = lost_database_file(stack)
            log = stack.log_text()
        tracebacks = log.count("Traceback")
        print(f"tracebacks     {tracebacks}")
        if tracebacks:
            print(log[-4000:])
    ok = slow_ok and file_ok and not tracebacks
    print("RESULT         " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
