"""Web pages: fetched from a local server only, read for what they state."""

from datetime import date

import pytest

from claims.extraction.web import UnreadablePage, check_url, fetch_page, read_page
from tests.pageserver import PAGES, page_server


@pytest.fixture(scope="module")
def site():
    with page_server() as base:
        yield base


def test_a_page_gives_its_main_text_title_author_date_site_name_and_url():
    url = "https://ledger.example/2015/strikes.html"
    page = read_page((PAGES / "ledger-strikes.html").read_bytes(), url=url)
    assert (page.title, page.author, page.published, page.outlet, page.url) == (
        "Lawmakers split over air strikes",
        "Layla Hassan",
        date(2015, 10, 12),
        "Baghdad Ledger",
        url,
    )
    assert page.body.startswith("BAGHDAD — Members of parliament")
    assert "said Moeen al-Kadhimi, a spokesman for the Badr Corps" in page.body
    assert "Subscribe" not in page.body and "All rights reserved" not in page.body


def test_a_page_without_author_date_or_site_name_gets_none_invented_and_its_domain_as_outlet():
    url = "https://www.riverwatch.example/talks"
    page = read_page((PAGES / "undated-note.html").read_bytes(), url=url)
    assert (page.author, page.published, page.outlet) == ("", None, "riverwatch.example")
    assert page.title == "Water talks resume"


def test_a_page_without_article_text_is_refused():
    with pytest.raises(UnreadablePage, match="no article text"):
        read_page(b"<html><head><title>Home</title></head><body></body></html>")


def test_a_page_is_fetched_from_a_local_server(site):
    fetched = fetch_page(f"{site}/ledger-strikes.html")
    assert fetched.url == f"{site}/ledger-strikes.html"
    assert b"Baghdad Ledger" in fetched.html


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.html", "the site answered 404"),
        ("/image.png", "gives image/png, not a web page"),
        ("/huge.html", "larger than 5 MB"),
        ("/to-a-file", "to url 'file:///etc/passwd' is not allowed"),
    ],
)
def test_fetch_failures_say_why(site, path, message):
    with pytest.raises(UnreadablePage, match=message):
        fetch_page(f"{site}{path}")


def test_a_page_slower_than_the_timeout_is_given_up(site):
    with pytest.raises(UnreadablePage, match="did not answer within 1 seconds"):
        fetch_page(f"{site}/slow.html", timeout=1)


def test_a_site_that_refuses_connections_is_reported():
    with pytest.raises(UnreadablePage, match="cannot be reached"):
        fetch_page("http://127.0.0.1:9/page.html", timeout=2)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/a", "javascript:x", "http://"]
)
def test_only_web_addresses_with_a_site_are_accepted(url):
    with pytest.raises(UnreadablePage):
        check_url(url)
