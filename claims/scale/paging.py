"""The bounded paginator: pages without a full COUNT, and with its rows drawn by key."""

import math

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

from claims.scale.cache import remember
from claims.scale.counting import BoundedCount, bounded_count

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def paginate(request, queryset, load=None, read_ahead=False):
    """The requested page of `queryset`; a bad page or page_size raises BadRequest.

    `load(keys)` gives {key: row} for the page's keys (default: the rows themselves, with
    the queryset's joins); a row gone meanwhile is left out. With `read_ahead` (for filters
    that cost more than reading ten thousand keys, such as full text), page 1 takes its rows
    and its count from one ordered read of the keys, cached until a quote is saved."""
    raw_size = request.GET.get("page_size", "")
    try:
        size = int(raw_size) if raw_size else DEFAULT_PAGE_SIZE
    except ValueError:
        raise BadRequest("page_size must be a whole number.") from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise BadRequest(f"page_size must be between 1 and {MAX_PAGE_SIZE}.")
    paginator = BoundedPaginator(queryset, size, read_ahead=read_ahead, load=load)
    try:
        return paginator.page(request.GET.get("page", 1) or 1)
    except PageNotAnInteger:
        raise BadRequest("page must be a whole number.") from None
    except EmptyPage:
        raise BadRequest(f"There is no page {request.GET.get('page')[:20]}.") from None


class BoundedPaginator(Paginator):
    """Pages without a full COUNT: a page reads one row past its end to know whether another
    follows, and the total is counted only up to the bound (then it is a lower bound)."""

    def __init__(self, object_list, per_page, read_ahead=False, load=None):
        super().__init__(object_list, per_page)
        self.read_ahead = read_ahead
        # The matching keys in order, up to the bound + 1, when a page read them all (a
        # read-ahead, or a first page with no next page).
        self.read_keys = None
        self.load = load or (lambda keys: _in_bulk(object_list, keys))

    @cached_property
    def count(self):
        return bounded_count(self.object_list)

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.per_page))

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if number > 10**9:  # no list is that long; a larger OFFSET overflows the database
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        # Find the page's keys on the ordering index first, then join only those rows:
        # a deep OFFSET then skips index entries instead of fully joined rows.
        keys = self.object_list.values_list("pk", flat=True)
        if self.read_ahead and number == 1:
            self.count, keys = self._read_ahead(keys)
        else:
            keys = list(keys[bottom : bottom + self.per_page + 1])
        if not keys and number > 1:
            raise EmptyPage("That page contains no results")
        has_next = len(keys) > self.per_page
        keys = keys[: self.per_page]
        if number == 1 and not has_next:
            self.read_keys = keys  # every match: what facets count
        by_key = self.load(keys) if keys else {}
        rows = [by_key[key] for key in keys if key in by_key]
        if not has_next:
            self.count = BoundedCount(bottom + len(rows))
        elif not self.count.exact:
            self.count = BoundedCount(max(self.count, bottom + self.per_page), exact=False)
        return BoundedPage(rows, number, self, has_next)

    def _read_ahead(self, keys):
        """(bounded count, first page's keys and one more) from one ordered read of up to
        bound + 1 keys; cached under the query and the latest quote change."""
        bound = settings.COUNT_BOUND
        sql, params = keys.query.sql_with_params()
        stamp = self.object_list.latest_change()

        def read():
            every = self.read_keys = list(keys[: bound + 1])
            count = BoundedCount(min(len(every), bound), exact=len(every) <= bound)
            return count, every[: self.per_page + 1]

        return remember("read-ahead", (stamp, sql, params, bound, self.per_page), read)


def _in_bulk(queryset, keys):
    """{pk: row} for `keys`, with `queryset`'s joins but not its filters when it has no
    annotations: the keys already passed them, and a full-text filter costs as much again."""
    if queryset.query.annotations or queryset.query.distinct:
        return queryset.in_bulk(keys)
    rows = queryset.model._default_manager.all()
    rows.query.select_related = queryset.query.select_related
    rows.query.deferred_loading = queryset.query.deferred_loading
    return rows.in_bulk(keys)


class BoundedPage(Page):
    def __init__(self, object_list, number, paginator, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def end_index(self):
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0
