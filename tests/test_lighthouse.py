"""`make lighthouse` (bench/lighthouse.py) judges a report as it says: an error page is
excused its status and its own failed load, nothing else, and any audit that costs a point
fails the run."""

import importlib.util
import sys
from pathlib import Path

from django.conf import settings

BENCH = Path(settings.BASE_DIR) / "bench"
spec = importlib.util.spec_from_file_location("lighthouse_script", BENCH / "lighthouse.py")
lighthouse = importlib.util.module_from_spec(spec)
sys.path.insert(0, str(BENCH))  # the script imports its neighbour servestack.py
try:
    spec.loader.exec_module(lighthouse)
finally:
    sys.path.remove(str(BENCH))

URL = "http://127.0.0.1:8123/no-such-page/"


def own_load(status, url=URL):
    return {
        "source": "network",
        "description": f"Failed to load resource: the server responded with a status of {status} "
        "(Not Found)",
        "sourceLocation": {"url": url},
    }


def report(console=(), status_score=0, other_score=1):
    """A Lighthouse result with one category each, as its JSON report lays them out."""

    def audit(score, items=()):
        return {
            "score": score,
            "scoreDisplayMode": "binary",
            "title": "t",
            "details": {"items": list(items)},
        }

    return {
        "categories": {
            "accessibility": {"score": 1, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
            "best-practices": {
                "score": 0.96 if console else 1,
                "auditRefs": [
                    {"id": "errors-in-console", "weight": 1},
                    {"id": "doctype", "weight": 1},
                    {"id": "has-hsts", "weight": 0},
                ],
            },
            "seo": {
                "score": 0.5,
                "auditRefs": [
                    {"id": "http-status-code", "weight": 1},
                    {"id": "document-title", "weight": 1},
                ],
            },
        },
        "audits": {
            "color-contrast": audit(1),
            "errors-in-console": audit(0 if console else 1, console),
            "doctype": audit(other_score),
            "has-hsts": {"score": None, "scoreDisplayMode": "informative", "title": "t"},
            "http-status-code": audit(status_score),
            "document-title": audit(1),
        },
    }


def test_an_error_page_is_excused_its_status_and_its_own_failed_load_only():
    result = report(console=[own_load(404)])
    excuses = lighthouse.excused(result, URL, 404)
    assert excuses == {"http-status-code", "errors-in-console"}
    assert lighthouse.lost_points(result, excuses) == []
    assert lighthouse.category_score(result, "seo", excuses) == 1
    assert lighthouse.category_score(result, "best-practices", excuses) == 1


def test_another_console_error_on_an_error_page_still_fails_the_run():
    favicon = own_load(404, url="http://127.0.0.1:8123/static/favicon.ico")
    result = report(console=[own_load(404), favicon])
    excuses = lighthouse.excused(result, URL, 404)
    assert "errors-in-console" not in excuses
    assert lighthouse.lost_points(result, excuses) == ["best-practices: errors-in-console (t)"]
    assert lighthouse.category_score(result, "best-practices", excuses) == 0.5


def test_a_page_that_answers_200_is_excused_nothing():
    result = report(console=[own_load(200)], status_score=1)
    assert lighthouse.excused(result, URL, 200) == set()
    assert lighthouse.lost_points(result, set()) == ["best-practices: errors-in-console (t)"]


def test_any_weighted_audit_below_1_fails_and_unweighted_ones_do_not():
    result = report(status_score=1, other_score=0)
    assert lighthouse.lost_points(result, set()) == ["best-practices: doctype (t)"]


def test_a_report_whose_trace_failed_is_unscored_and_run_again():
    scored = report()
    assert not lighthouse.unscored(scored)
    failed = report()
    failed["categories"]["best-practices"]["score"] = None
    failed["runtimeError"] = {"code": "NO_NAVSTART"}
    assert lighthouse.unscored(failed)
