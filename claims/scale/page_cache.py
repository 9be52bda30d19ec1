"""Whole pages and page results kept per worker under what they show."""

from claims.scale.cache import remember
from claims.scale.sql import quote_page_versions


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
