"""Whole pages and page results kept per worker under what they show."""

from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import StreamingHttpResponse

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
    instead of a timeout: any write to the data makes the next request draw the page again.

    Kept: complete 200 answers that set no cookie, of at most PAGE_CACHE_MAX_BYTES. The
    `pages` cache holds at most PAGE_CACHE_ENTRIES of them, each for at most
    CACHE_LIFETIMES["page"] seconds."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        version = data_version() if request.method in ("GET", "HEAD") else None
        if version is None:
            return view(request, *args, **kwargs)
        pages = caches["pages"]
        key = digest_key("page", request.build_absolute_uri(), version)
        response = pages.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if _keepable(response):
                pages.set(key, response, settings.CACHE_LIFETIMES["page"])
        return response

    return wrapped


def _keepable(response):
    return (
        response.status_code == 200
        and not isinstance(response, StreamingHttpResponse)
        and not response.cookies
        and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
    )
