"""`make lighthouse`: Lighthouse's accessibility, best-practices and SEO scores on every
public page type, against `make serve` on the seed data.

    make lighthouse                                  # installs Lighthouse, then runs this
    python bench/lighthouse.py                       # once bench/lighthouse/node_modules exists
    python bench/lighthouse.py --only claim_list     # some pages (repeatable)
    python bench/lighthouse.py --dark                # prefers-color-scheme: dark
    python bench/lighthouse.py --desktop             # Lighthouse's desktop preset

Starts the production stack (nginx, gunicorn, DEBUG=0: what users get, see
bench/servestack.py) on a throwaway SQLite database with the seed data, finds a page of each
type through the JSON lists, and runs the Lighthouse pinned in bench/lighthouse/package-lock.json
(mobile, its default) on each, one page after another in one Debian Chromium
(bench/lighthouse/run.mjs). Prints the scores of the four categories per page (performance
for information only) and every audit that cost a point, keeps the JSON reports in
bench/results/lighthouse/, and exits 1 when accessibility, best practices or SEO is below
1.0 on any page.
"""

import argparse
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from urllib.parse import urlsplit

from servestack import ROOT, fetch, served_stack

RUNNER = ROOT / "bench" / "lighthouse" / "run.mjs"
INSTALLED = RUNNER.parent / "node_modules" / "lighthouse" / "package.json"
RESULTS = ROOT / "bench" / "results" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
GATED = ("accessibility", "best-practices", "seo")
CATEGORIES = (*GATED, "performance")
RUN_SECONDS = 180

# An error page says so in its status, which SEO's http-status-code audit counts against
# it, and Chromium logs the page's own failed load to the console. Both are the point of
# such a page: on it (and only there) those two findings are excused, and nothing else;
# its scores are then recomputed as Lighthouse computes them (a weighted mean).
EXPECTED_STATUS_AUDIT = "http-status-code"
CONSOLE_AUDIT = "errors-in-console"
UNSCORED_MODES = ("notApplicable", "informational", "manual")

# A claim whose quotes are all gone answers 410 with a link to its speaker (the axe test
# makes one the same way).
GONE_CLAIM = (
    "from claims.models import Claim; "
    "Claim.objects.get_or_create(key='gone000000', defaults={'statement': 'x'})"
)


def first_url(port, listing):
    """The path of the first result of a JSON list, e.g. `/claims/?kind=indirect`."""
    sep = "&" if "?" in listing else "?"
    status, body = fetch(port, f"{listing}{sep}format=json&page_size=1")
    results = json.loads(body)["results"] if status == 200 else []
    if not results:
        raise SystemExit(f"lighthouse: {listing} gave no result to test (status {status})")
    return urlsplit(results[0]["url"]).path


def pages(port):
    """(name, path, expected status) for every public HTML page type."""
    claim = first_url(port, "/claims/?kind=direct&min_sources=2&sort=sources")
    speaker = first_url(port, "/speakers/?sort=quotes")  # the most quotes: every chart
    return [
        ("home", "/", 200),
        ("quote_list", "/quotes/", 200),
        (
            "quote_list_filtered",
            "/quotes/?q=air+strikes&organization_kind=government&date_after=2015-10-01&sort=oldest",
            200,
        ),
        ("quote_list_invalid", "/quotes/?date_after=nope", 400),
        ("quote_detail", first_url(port, "/quotes/"), 200),
        ("claim_list", "/claims/", 200),
        ("claim_list_filtered", "/claims/?min_sources=2&sort=sources&kind=direct", 200),
        ("claim_list_invalid", "/claims/?min_sources=two", 400),
        ("claim_detail_direct", claim, 200),
        ("claim_detail_indirect", first_url(port, "/claims/?kind=indirect"), 200),
        ("claim_report", f"{claim}report/", 200),
        ("claim_gone", "/claims/gone000000/", 410),
        ("speaker_list", "/speakers/", 200),
        ("speaker_list_sorted", "/speakers/?sort=quotes", 200),
        ("speaker_detail", speaker, 200),
        ("organization_list", "/organizations/", 200),
        ("organization_detail", first_url(port, "/organizations/?kind=government"), 200),
        ("organization_detail_outlet", first_url(port, "/organizations/?kind=outlet"), 200),
        ("article_list", "/articles/", 200),
        ("article_detail", first_url(port, "/articles/"), 200),
        ("search", "/search/?q=Russia", 200),
        ("search_empty", "/search/", 200),
        ("downloads", "/downloads/", 200),
        ("not_found", "/no-such-page/", 404),
        ("unavailable", "/quotes/", 503),  # with the database file moved away
    ]


def add_gone_claim(stack):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{stack.database}", "DEBUG": "1"}
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", GONE_CLAIM],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


@contextmanager
def database_gone(stack):
    """The site with its database file moved away (every page answers 503), then back."""
    moved = stack.database.with_name(stack.database.name + ".moved")
    os.rename(stack.database, moved)
    try:
        yield
    finally:
        os.rename(moved, stack.database)


@contextmanager
def lighthouse(options):
    """A function that writes Lighthouse's JSON report of a URL to a file and returns it:
    bench/lighthouse/run.mjs, one Node process and one Chromium for every page."""
    flags = "--headless=new --no-sandbox --disable-gpu" + (
        " --force-dark-mode" if options.dark else ""
    )
    command = ["node", str(RUNNER), flags] + (["desktop"] if options.desktop else [])
    env = {**os.environ, "CHROME_PATH": CHROME}
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
    runner = subprocess.Popen(command, env=env, text=True, cwd=RUNNER.parent, **pipes)

    def run(url, report):
        job = {"url": url, "output": str(report), "categories": list(CATEGORIES)}
        runner.stdin.write(json.dumps(job) + "\n")
        runner.stdin.flush()
        if not select.select([runner.stdout], [], [], RUN_SECONDS)[0]:
            raise SystemExit(f"lighthouse: no report of {url} within {RUN_SECONDS} s")
        answer = json.loads(runner.stdout.readline() or '{"error": "the runner exited"}')
        if not answer.get("ok"):
            raise SystemExit(f"lighthouse failed on {url}:\n{answer.get('error', '')[-2000:]}")
        return json.loads(report.read_text())

    try:
        yield run
    finally:
        runner.stdin.close()
        try:
            runner.wait(timeout=30)
        except subprocess.TimeoutExpired:
            runner.send_signal(signal.SIGINT)  # chrome-launcher then stops Chromium too
            try:
                runner.wait(timeout=10)
            except subprocess.TimeoutExpired:
                runner.kill()
                runner.wait()


# Lighthouse sometimes fails to record a page load's trace on a busy machine (NO_NAVSTART:
# "Please run Lighthouse again"), leaving categories unscored; such a page is run again.
ATTEMPTS = 3


def unscored(result):
    """Whether Lighthouse could not score a gated category of `result` (a runtime error)."""
    return bool(result.get("runtimeError")) or any(
        result["categories"][name]["score"] is None for name in GATED
    )


def excused(result, url, status):
    """The audits an error page fails only by answering `status`, as it should."""
    if status < 400:
        return set()
    own_load = f"status of {status} "
    console = result["audits"][CONSOLE_AUDIT].get("details", {}).get("items", [])
    only_own = all(
        item.get("source") == "network"
        and item.get("sourceLocation", {}).get("url") == url
        and own_load in item.get("description", "")
        for item in console
    )
    return {EXPECTED_STATUS_AUDIT} | ({CONSOLE_AUDIT} if only_own else set())


def category_score(result, name, excuses):
    """Lighthouse's score of category `name`, counting the `excuses` as passed."""
    if not excuses:
        return result["categories"][name]["score"]
    total = weights = 0
    for ref in result["categories"][name]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if audit["scoreDisplayMode"] in UNSCORED_MODES or audit["score"] is None:
            continue
        total += ref["weight"] * (1 if ref["id"] in excuses else audit["score"])
        weights += ref["weight"]
    return total / weights if weights else None


def lost_points(result, excuses):
    """'category: audit-id (title)' for each audit that kept a gated category below 1."""
    lost = []
    for name in GATED:
        if result["categories"][name]["score"] is None:
            lost.append(f"{name} could not be scored ({result.get('runtimeError', {})})")
        for ref in result["categories"][name]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            failed = audit["score"] is not None and audit["score"] < 1
            if ref["weight"] and failed and ref["id"] not in excuses:
                lost.append(f"{name}: {ref['id']} ({audit['title']})")
    return lost


def audits_of(result, name):
    return {ref["id"] for ref in result["categories"][name]["auditRefs"]}


def formatted(result, name, excuses):
    value = category_score(result, name, excuses)
    return "err" if value is None else f"{value:.2f}" + ("*" if excuses else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="a page name from the table")
    parser.add_argument("--dark", action="store_true", help="prefers-color-scheme: dark")
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset")
    args = parser.parse_args()
    if not INSTALLED.exists():
        raise SystemExit(f"lighthouse: {INSTALLED} missing: `make lighthouse` installs it")
    if not os.access(CHROME, os.X_OK):
        raise SystemExit(f"lighthouse: no Chromium at {CHROME} (set CHROME_PATH)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    looks = {"dark": args.dark, "desktop": args.desktop}
    suffix = "".join(f"-{look}" for look, chosen in looks.items() if chosen)
    rows, failures = [], []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="iraqnews-lighthouse-") as tmp:
        with served_stack(tmp) as stack, lighthouse(args) as run_lighthouse:
            add_gone_claim(stack)
            chosen = [p for p in pages(stack.port) if not args.only or p[0] in args.only]
            for name, path, expected in chosen:
                with database_gone(stack) if expected == 503 else nullcontext():
                    status = fetch(stack.port, path)[0]
                    if status != expected:
                        failures.append(f"{name}: {path} answered {status}, not {expected}")
                        continue
                    url = f"http://127.0.0.1:{stack.port}{path}"
                    for _attempt in range(ATTEMPTS):
                        result = run_lighthouse(url, RESULTS / f"{name}{suffix}.json")
                        if not unscored(result):
                            break
                excuses = excused(result, url, expected)
                scores = [formatted(result, c, excuses & audits_of(result, c)) for c in CATEGORIES]
                rows.append((name, path, scores))
                failures += [f"{name}: {lost}" for lost in lost_points(result, excuses)]
                print(f"  {name:<27} {' '.join(scores)}", file=sys.stderr, flush=True)
    print()
    print(f"{'page':<27} {'a11y':>5} {'b-p':>5} {'seo':>5} {'perf':>5}  path")
    for name, path, scores in rows:
        print(f"{name:<27} {scores[0]:>5} {scores[1]:>5} {scores[2]:>5} {scores[3]:>5}  {path}")
    print(f"\n{len(rows)} pages in {time.monotonic() - started:.0f} s; reports in {RESULTS}")
    print(
        f"* an error page, its {EXPECTED_STATUS_AUDIT} and its own load's {CONSOLE_AUDIT} "
        "entry counted as passed; performance is not gated"
    )
    if failures:
        print("\nBelow 1.0:")
        for failure in failures:
            print(f"  {failure}")
        print("FAIL")
        return 1
    print("PASS: accessibility, best practices and SEO are 1.0 on every page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
