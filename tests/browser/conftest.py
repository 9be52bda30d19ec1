"""Playwright driving Debian's Chromium. Skipped, loudly, when Chromium is missing,
unless REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.

Tests that only read use `seeded_site`: one live server and, per module, one committed
copy of the seed. Tests that write use pytest-django's `live_server` (transactional)."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test.utils import modify_settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# from the test body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _browser_missing_reason():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _browser_missing_reason()
    if reason is None:
        return
    browser_items = [i for i in items if "tests/browser" in str(i.fspath)]
    if os.environ.get("REQUIRE_BROWSER") == "1":
        for item in browser_items:
            item.add_marker(pytest.mark.xfail(reason=reason, run=False, strict=True))
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but browser tests cannot run: {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=f"BROWSER TESTS SKIPPED: {reason}"))


@pytest.fixture(scope="session")
def read_only_server(django_db_setup):
    """A live server for tests that only read. pytest-django's `live_server` makes each
    test that uses it transactional: the database is flushed, and the seed reloaded,
    after every test."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def committed_seed(seed_snapshot, django_db_blocker):
    """The seed data committed for one module's tests, which must leave it as it is."""
    with django_db_blocker.unblock():
        assert not any(model._base_manager.exists() for model in seed_snapshot.rows)
        seed_snapshot.load()
    yield
    with django_db_blocker.unblock():
        seed_snapshot.unload()


@pytest.fixture
def seeded_site(committed_seed, read_only_server, db):
    """The base URL of a live server showing the seed data."""
    with modify_settings(ALLOWED_HOSTS={"append": urlsplit(read_only_server.url).hostname}):
        yield read_only_server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """With SCREENSHOTS=1 (`make screenshots`), save a full-page screenshot at phone and
    desktop widths for a person to look at (JPEG: encoding a long page as PNG takes twice
    as long). Otherwise nothing: a full-page capture of a long list at 375 px costs a
    second or more, and no test reads the files."""
    if os.environ.get("SCREENSHOTS") != "1":
        return lambda page, name: None
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name):
        for width in (375, 1440):
            page.set_viewport_size({"width": width, "height": 900})
            path = SCREENSHOTS / f"{name}-{width}.jpg"
            page.screenshot(path=str(path), type="jpeg", quality=80, full_page=True)
        page.set_viewport_size({"width": 1440, "height": 1000})

    return take
