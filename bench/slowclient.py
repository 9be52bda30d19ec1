"""Slow clients (slowloris) against a running server, while the pages must stay fast.

    python bench/slowclient.py --port 8080 --seconds 25 --connections 64

Holds CONNECTIONS connections that send a request header one short line per second and
never finish it (reopening any the server closes), and meanwhile asks for /healthz and
/quotes/ every half second on fresh connections. Passes when every probe answered 200
within PROBE_LIMIT seconds. bench/serve_check.py runs it against `make serve`.
"""

import argparse
import socket
import sys
import threading
import time
from dataclasses import dataclass, field

PROBE_LIMIT = 2.0
PROBE_PATHS = ("/healthz", "/quotes/")
TRICKLE_EVERY = 1.0


@dataclass
class Outcome:
    probes: list = field(default_factory=list)  # (path, status or error, seconds)
    opened: int = 0
    closed_by_server: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def failures(self):
        return [p for p in self.probes if p[1] != 200 or p[2] > PROBE_LIMIT]


def trickle(port, deadline, outcome):
    """One slow client: a header that never ends, one line a second; reconnect when cut."""
    sock = None
    n = 0
    while time.monotonic() < deadline:
        try:
            if sock is None:
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                sock.sendall(b"GET /quotes/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                with outcome.lock:
                    outcome.opened += 1
            n += 1
            sock.sendall(f"X-Slow-{n}: {'a' * 10}\r\n".encode())
        except OSError:
            with outcome.lock:
                outcome.closed_by_server += 1
            if sock is not None:
                sock.close()
            sock = None
        time.sleep(TRICKLE_EVERY)
    if sock is not None:
        sock.close()


def probe(port, path):
    """(status or error name, seconds) of one GET with a PROBE_LIMIT-ish budget."""
    started = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=PROBE_LIMIT + 3) as sock:
            sock.sendall(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
            )
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else "no response"
    except OSError as error:
        status = type(error).__name__
    return status, time.perf_counter() - started


def run(port, seconds, connections):
    """Slow clients for `seconds` while probing; returns the Outcome."""
    outcome = Outcome()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=trickle, args=(port, deadline, outcome), daemon=True)
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    time.sleep(min(2.0, seconds / 4))  # let the slow connections take hold first
    while time.monotonic() < deadline:
        for path in PROBE_PATHS:
            status, took = probe(port, path)
            outcome.probes.append((path, status, took))
        time.sleep(0.5)
    for thread in threads:
        thread.join(timeout=TRICKLE_EVERY + 6)
    return outcome


def report(outcome, seconds, connections):
    """Print the figures; True when every probe answered 200 in time."""
    failures = outcome.failures()
    slowest = max((p[2] for p in outcome.probes), default=0.0)
    print(f"slow clients   {connections} connections trickling headers for {seconds:g} s")
    print(f"               {outcome.opened} opened, {outcome.closed_by_server} cut by the server")
    print(
        f"probes         {len(outcome.probes)} of {', '.join(PROBE_PATHS)}; slowest {slowest:.3f} s"
    )
    print(f"failures       {len(failures)} (not 200 within {PROBE_LIMIT:g} s)")
    for path, status, took in failures[:10]:
        print(f"  {path}: {status} after {took:.2f} s")
    ok = bool(outcome.probes) and not failures
    print("slow clients   " + ("PASS" if ok else "FAIL"))
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    outcome = run(args.port, args.seconds, args.connections)
    return 0 if report(outcome, args.seconds, args.connections) else 1


if __name__ == "__main__":
    sys.exit(main())
