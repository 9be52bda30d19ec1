"""JSON and CSV renderings of list pages (the JSON shape is a public contract)."""

import csv
import itertools
import math
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import JsonResponse, StreamingHttpResponse
from django.utils.functional import cached_property

from claims.caching import digest_key
from claims.models import Article, Organization, Speaker
from claims.querysets import BoundedCount, bounded_count, count_bound

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
# A read-ahead first page (count and keys) is kept this long, in seconds, per worker and
# stamp: a saved quote changes the stamp at once; a deleted quote, a renamed speaker or a
# redated article changes the page within this time.
READ_AHEAD_TTL = 60
FORMATS = {"", "html", "json", "csv"}


class BadRequest(ValueError):
    """A query-string value the page cannot honour; the message is shown to the user."""


def requested_format(request):
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        raise BadRequest(f"Unknown format “{fmt[:40]}”: use json or csv.")
    return fmt


def paginate(request, queryset, read_ahead=False, load=None, stamp=None):
    """The requested page of `queryset`; a bad page or page_size raises BadRequest.

    With `read_ahead` (for filters that cost more than reading ten thousand keys, such as
    full text), page 1 takes its rows and its count from one ordered read of the keys.
    `load(keys)` gives {key: row} for the page's keys (default: the rows themselves, with
    the queryset's joins); a row gone meanwhile is left out. With a `stamp` (a callable
    giving what the rows' membership changes with), a read-ahead first page is cached
    under its value."""
    raw_size = request.GET.get("page_size", "")
    try:
        size = int(raw_size) if raw_size else DEFAULT_PAGE_SIZE
    except ValueError:
        raise BadRequest("page_size must be a whole number.") from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise BadRequest(f"page_size must be between 1 and {MAX_PAGE_SIZE}.")
    paginator = BoundedPaginator(queryset, size, read_ahead=read_ahead, load=load, stamp=stamp)
    try:
        return paginator.page(request.GET.get("page", 1) or 1)
    except PageNotAnInteger:
        raise BadRequest("page must be a whole number.") from None
    except EmptyPage:
        raise BadRequest(f"There is no page {request.GET.get('page')[:20]}.") from None


class BoundedPaginator(Paginator):
    """Pages without a full COUNT: a page reads one row past its end to know whether another
    follows, and the total is counted only up to the bound (then it is a lower bound)."""

    def __init__(self, object_list, per_page, read_ahead=False, load=None, stamp=None):
        super().__init__(object_list, per_page)
        self.read_ahead = read_ahead
        self.stamp = stamp
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
        bound + 1 keys; cached under the stamp and the query when there is a stamp."""
        bound = count_bound()
        cache_key = None
        if self.stamp is not None:
            sql, params = keys.query.sql_with_params()
            cache_key = digest_key("read-ahead", self.stamp(), sql, params, bound, self.per_page)
            found = cache.get(cache_key)
            if found is not None:
                return found
        every = self.read_keys = list(keys[: bound + 1])
        found = (
            BoundedCount(min(len(every), bound), exact=len(every) <= bound),
            every[: self.per_page + 1],
        )
        if cache_key:
            cache.set(cache_key, found, READ_AHEAD_TTL)
        return found


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


def _page_url(request, number):
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def json_page(request, page, to_record):
    """The contract envelope: count, next, previous and results."""
    return JsonResponse(
        {
            "count": page.paginator.count,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number())
            if page.has_previous()
            else None,
            "results": [to_record(request, obj) for obj in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def absolute(request, obj):
    return request.build_absolute_uri(obj.get_absolute_url()) if obj else None


def quote_record(request, quote):
    article = quote.article
    return {
        "id": quote.pk,
        "url": absolute(request, quote),
        "text": quote.text,
        "kind": quote.kind,
        "status": quote.status,
        "speaker": {"name": quote.speaker.name, "url": absolute(request, quote.speaker)}
        if quote.speaker
        else None,
        "attributed_as": quote.attributed_as,
        "cue": quote.cue,
        "organization": {
            "name": quote.organization.name,
            "url": absolute(request, quote.organization),
        }
        if quote.organization
        else None,
        "article": {
            "title": article.title,
            "url": absolute(request, article),
            "outlet": article.outlet.name if article.outlet else None,
            "published": article.published.isoformat() if article.published else None,
        },
        "start": quote.start,
        "end": quote.end,
        "claim_url": absolute(request, quote.claim),
    }


def _name_url(request, obj):
    return {"name": obj.name, "url": absolute(request, obj)} if obj else None


def speaker_record(request, speaker):
    return {
        "id": speaker.pk,
        "url": absolute(request, speaker),
        "name": speaker.name,
        "slug": speaker.slug,
        "aliases": speaker.aliases,
        "description": speaker.description,
        "quote_count": speaker.quote_count,
        "roles": [
            {
                "organization": _name_url(request, m.organization),
                "role": m.role,
                "start_date": m.start_date.isoformat() if m.start_date else None,
                "end_date": m.end_date.isoformat() if m.end_date else None,
            }
            for m in speaker.memberships.all()
        ],
    }


def organization_record(request, organization):
    return {
        "id": organization.pk,
        "url": absolute(request, organization),
        "name": organization.name,
        "slug": organization.slug,
        "kind": organization.kind,
        "aliases": organization.aliases,
        "description": organization.description,
        "quote_count": organization.quote_count,
        "member_count": organization.member_count,
    }


def article_record(request, article):
    return {
        "id": article.pk,
        "url": absolute(request, article),
        "title": article.title,
        "slug": article.slug,
        "outlet": _name_url(request, article.outlet),
        "original_source": _name_url(request, article.original_source),
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "original_url": article.url or None,
        "quote_count": article.quote_count,
    }


def flatten(record, prefix=""):
    """One CSV row from a JSON record: nested objects become prefix_key columns."""
    row = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flatten(value, f"{name}_"))
        elif isinstance(value, list):
            row[name] = "; ".join(
                " ".join(str(v) for v in flatten(item).values() if v)
                if isinstance(item, dict)
                else str(item)
                for item in value
            )
        else:
            row[name] = "" if value is None else value
    return row


@dataclass(frozen=True)
class ListExport:
    """How one list page renders as JSON records and CSV rows (the same columns)."""

    record: callable
    columns: tuple
    filename: str
    # {key: row} for a page's (or a CSV chunk's) keys, with what a row shows (counts,
    # joins), so the filtered list itself is read as keys only; None: the rows as listed.
    load: callable = None

    def row(self, request, obj):
        flat = flatten(self.record(request, obj))
        return [flat.get(column, "") for column in self.columns]


QUOTES = ListExport(
    quote_record,
    (
        "id",
        "url",
        "text",
        "kind",
        "status",
        "speaker_name",
        "speaker_url",
        "attributed_as",
        "cue",
        "organization_name",
        "organization_url",
        "article_title",
        "article_url",
        "article_outlet",
        "article_published",
        "start",
        "end",
        "claim_url",
    ),
    "quotes.csv",
)
SPEAKERS = ListExport(
    speaker_record,
    ("id", "url", "name", "slug", "aliases", "description", "quote_count", "roles"),
    "speakers.csv",
    load=lambda keys: Speaker.objects.listing_rows(keys),
)
ORGANIZATIONS = ListExport(
    organization_record,
    ("id", "url", "name", "slug", "kind", "aliases", "description", "quote_count", "member_count"),
    "organizations.csv",
    load=lambda keys: Organization.objects.listing_rows(keys),
)
ARTICLES = ListExport(
    article_record,
    (
        "id",
        "url",
        "title",
        "slug",
        "outlet_name",
        "outlet_url",
        "original_source_name",
        "original_source_url",
        "author",
        "published",
        "original_url",
        "quote_count",
    ),
    "articles.csv",
    load=lambda keys: Article.objects.listing_rows(keys),
)


def neutralise_cell(value):
    """Prefix cells a spreadsheet would run as a formula (= + - @) with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_stream(request, queryset, export):
    """Stream every row of `queryset` as CSV, in chunks, without loading it whole."""
    writer = csv.writer(_Echo())

    def objects():
        if export.load is None:
            yield from queryset.iterator(chunk_size=500)
            return
        keys = queryset.values_list("pk", flat=True).iterator(chunk_size=500)
        while chunk := list(itertools.islice(keys, 500)):
            by_key = export.load(chunk)
            yield from (by_key[key] for key in chunk if key in by_key)

    def rows():
        yield writer.writerow(export.columns)
        for obj in objects():
            yield writer.writerow([neutralise_cell(v) for v in export.row(request, obj)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
