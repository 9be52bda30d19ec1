"""Whole pages and page results kept per worker under what they show."""

import zlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, StreamingHttpResponse

from claims.scale.cache import digest_key, remember
from claims.scale.sql import data_version, quote_page_versions


def quote_page(pk, render):
    """The quote page `render(claim_quotes)` draws (claim_quotes: how many quotes carry the
    quote's claim), kept per set of versions it shows; None when there is no such quote."""
    versions = quote_page_versions(pk)
    if versions is None:
        return None
    return remember("quote-page", (pk, versions), lambda: render(versions[-1]))


def search_results(query, latest_change, compute):
    """`compute()`, kept per query until a quote is saved (`latest_change` moves) or for
    CACHE_LIFETIMES["search"] seconds: a renamed speaker or edited claim shows within it."""
    return remember("search", (query, latest_change), compute)


def cached_page(view):
    """`view` with its whole answers to GET and HEAD kept per worker, like Django's
    cache_page, but under the URL and the database's data version (sql.data_version)
    instead of a timeout alone: any write to the data makes the next request draw the page
    again (from cards, facets and counts that may themselves be kept a while, see
    CACHE_LIFETIMES).

    Kept: complete 200 answers of at most PAGE_CACHE_MAX_BYTES that touched no session, set
    no cookie and need no CSRF cookie, compressed, in the `pages` cache (PAGE_CACHE_ENTRIES
    of them, each for CACHE_LIFETIMES["page"] seconds)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        version = data_version()
        if version is None:
            return view(request, *args, **kwargs)
        pages = caches["pages"]
        key = digest_key("page", request.build_absolute_uri(), version)
        kept = pages.get(key)
        if kept is not None:
            return _response(kept)
        response = view(request, *args, **kwargs)
        if _keepable(request, response):
            pages.set(key, _kept(response), settings.CACHE_LIFETIMES["page"])
        return response

    return wrapped


def _keepable(request, response):
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not isinstance(response, StreamingHttpResponse)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.accessed)
        and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
    )


def _kept(response):
    """What the cache holds of `response`: its headers and its body, compressed (a page of
    HTML shrinks about eightfold)."""
    return dict(response.items()), zlib.compress(response.content, 1)


def _response(kept):
    headers, body = kept
    return HttpResponse(zlib.decompress(body), headers=headers)
