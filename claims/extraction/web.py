"""News pages from the web: fetch one by URL and read its main text and metadata.

Reading is trafilatura's (main-text extraction, title, author, date, site name); this module
keeps it to what the page states: no date guessed from the running text, no author made up.
"""

import http.client
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from http import HTTPStatus
from urllib.parse import urlsplit

from claims.extraction.article import ParsedArticle, clean_line

FETCH_TIMEOUT_SECONDS = 15
MAX_PAGE_BYTES = 5_000_000
USER_AGENT = "iraqnews-import/1.0 (article import by a curator)"


class UnreadablePage(ValueError):
    """The URL cannot be fetched, or the page holds no article text; the message says why."""


@dataclass(frozen=True)
class FetchedPage:
    html: bytes
    url: str  # where the page was found, after redirects


def fetch_page(url, *, timeout=FETCH_TIMEOUT_SECONDS, max_bytes=MAX_PAGE_BYTES):
    """The page at the http or https `url`, at most `max_bytes` long, fetched within
    `timeout` seconds; UnreadablePage saying why not."""
    check_url(url)
    opener = urllib.request.build_opener(_WebOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise UnreadablePage(f"the address gives {kind}, not a web page")
            declared = response.headers.get("Content-Length", "")
            if declared.isdecimal() and int(declared) > max_bytes:
                raise UnreadablePage(_too_big(max_bytes))
            html = response.read(max_bytes + 1)
            final_url = response.geturl()
    except UnreadablePage:
        raise
    except urllib.error.HTTPError as error:
        raise UnreadablePage(f"the site answered {error.code} {_phrase(error)}") from error
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise UnreadablePage(_timed_out(timeout)) from error
        why = getattr(reason, "strerror", None) or reason  # "Connection refused", not Errno
        raise UnreadablePage(f"the site cannot be reached ({why})") from error
    except TimeoutError as error:
        raise UnreadablePage(_timed_out(timeout)) from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise UnreadablePage(f"the page could not be read ({error})") from error
    if len(html) > max_bytes:
        raise UnreadablePage(_too_big(max_bytes))
    return FetchedPage(html=html, url=final_url)


def check_url(url):
    """`url` unchanged when it is an http or https address with a host; else UnreadablePage."""
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise UnreadablePage(f"{url!r} is not a web address") from error
    if parts.scheme not in ("http", "https"):
        raise UnreadablePage("only http:// and https:// addresses can be imported")
    if not parts.hostname:
        raise UnreadablePage(f"{url!r} names no site")
    return url


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https addresses only (never file:// or ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _phrase(error):
    """The standard name of an HTTP error code (sites word their own reasons oddly)."""
    if 300 <= error.code < 400:  # a redirect refused: the reason names where it led
        return str(error.reason)
    try:
        return HTTPStatus(error.code).phrase
    except ValueError:
        return str(error.reason)


def _too_big(max_bytes):
    return f"the page is larger than {max_bytes // 1_000_000} MB"


def _timed_out(timeout):
    return f"the site did not answer within {timeout} seconds"


def read_page(html, url=""):
    """The article on a web page (`html` as bytes or text) as a ParsedArticle: trafilatura's
    main text in paragraphs, and the title, author, date, site name (else the domain) and URL
    the page states. UnreadablePage when the page has no article text."""
    # Imported here: trafilatura takes half a second to load, which every process that
    # never reads a web page (the site, the other commands) would pay.
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # Only dates the page's markup or address states, never one guessed from the text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        raise UnreadablePage("no article text was found on the page")
    text = document.text or ""
    title = clean_line(document.title or "")
    paragraphs = [clean_line(line) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline opens trafilatura's text
    if not paragraphs:
        raise UnreadablePage("no article text was found on the page")
    page_url = url or document.url or ""
    return ParsedArticle(
        title=title,
        body="\n\n".join(paragraphs),
        outlet=_outlet(document.sitename or "", page_url),
        author=clean_line(document.author or ""),
        published=_day(document.date),
        url=page_url if urlsplit(page_url).scheme in ("http", "https") else "",
    )


def _outlet(site_name, url):
    """The site's name as the page gives it, else its domain without "www."."""
    site_name = clean_line(site_name)
    host = urlsplit(url).hostname or ""
    if site_name and not re.fullmatch(r"[\w.-]+(:\d+)?", site_name):
        return site_name
    if site_name and "." not in site_name:
        return site_name
    return host.removeprefix("www.") or site_name


def _day(value):
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
