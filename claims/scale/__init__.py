"""Everything that exists only for speed, behind a few names; lifetimes and bounds are the
settings of iraqnews/settings.py's speed block.

- paginate: a page of a queryset counted only up to COUNT_BOUND, its rows loaded by key.
- Drawn / cards / card: quote cards (and JSON records) kept per worker by their versions.
- ClaimRows: the claims list's rows (and JSON records), kept the same way.
- bounded_count / BoundedCount / large_counts: counts that stop at COUNT_BOUND.
- aggregate: a summary, kept when it covers more rows than COUNT_BOUND.
- cached_page: a view's whole pages, kept under the URL and the data version.
- quote_page / search_results: a rendered quote page; a search's results.
- remember / remember_many: a value kept under a name and what it depends on.
- sql: every raw SQL statement (full text, and two hand-written reads).
"""

from claims.scale.cache import aggregate, remember, remember_many
from claims.scale.claim_rows import ClaimRows
from claims.scale.counting import BoundedCount, bounded_count, large_counts
from claims.scale.page_cache import cached_page, quote_page, search_results
from claims.scale.paging import paginate
from claims.scale.quote_cards import Drawn, card, cards

__all__ = [
    "BoundedCount",
    "ClaimRows",
    "Drawn",
    "aggregate",
    "cached_page",
    "bounded_count",
    "card",
    "cards",
    "large_counts",
    "paginate",
    "quote_page",
    "remember",
    "remember_many",
    "search_results",
]
