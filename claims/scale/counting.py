"""Counts that stop at COUNT_BOUND, so a page never scans every row to print a total."""

from django.conf import settings

from claims.scale.cache import remember, remember_many


class BoundedCount(int):
    """A row count that may be a lower bound; prints as “more than N” when it is one."""

    def __new__(cls, value, exact=True):
        count = super().__new__(cls, value)
        count.exact = exact
        return count

    def __str__(self):
        return int.__str__(self) if self.exact else f"more than {int(self):,}"


def bounded_count(queryset, bound=None):
    """Count `queryset` reading at most bound + 1 rows (one LIMITed subquery). That a query
    passes the bound is cached, so a large list does not reread its first rows on every
    request; small counts are always fresh."""
    bound = settings.COUNT_BOUND if bound is None else bound
    limited = queryset.order_by().values("pk")[: bound + 1]
    sql, params = limited.query.sql_with_params()
    found = remember("large-count", (bound, sql, params), limited.count, lambda n: n > bound)
    return BoundedCount(min(found, bound), exact=found <= bound)


def large_counts(name, ids, count):
    """{id: count} from `count(ids)` ({id: count}), where a count past COUNT_BOUND is cached
    under `name` and its id, so large counts are not recounted on every request."""
    bound = settings.COUNT_BOUND
    return remember_many(
        "large-count", {id_: (name, id_) for id_ in ids}, count, lambda id_, n: n > bound
    )
