"""JSON and CSV renderings of list pages (the JSON shape is a public contract)."""

import csv

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse, StreamingHttpResponse

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
FORMATS = {"", "html", "json", "csv"}
QUOTE_CSV_COLUMNS = [
    "id",
    "url",
    "text",
    "kind",
    "status",
    "speaker",
    "speaker_url",
    "attributed_as",
    "cue",
    "organization",
    "organization_url",
    "article_title",
    "article_url",
    "outlet",
    "published",
    "start",
    "end",
    "claim_url",
]


class BadRequest(ValueError):
    """A query-string value the page cannot honour; the message is shown to the user."""


def requested_format(request):
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        raise BadRequest(f"Unknown format “{fmt[:40]}”: use json or csv.")
    return fmt


def paginate(request, queryset):
    """The requested page of `queryset`; a bad page or page_size raises BadRequest."""
    raw_size = request.GET.get("page_size", "")
    try:
        size = int(raw_size) if raw_size else DEFAULT_PAGE_SIZE
    except ValueError:
        raise BadRequest("page_size must be a whole number.") from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise BadRequest(f"page_size must be between 1 and {MAX_PAGE_SIZE}.")
    paginator = Paginator(queryset, size)
    try:
        return paginator.page(request.GET.get("page", 1) or 1)
    except PageNotAnInteger:
        raise BadRequest("page must be a whole number.") from None
    except EmptyPage:
        raise BadRequest(f"There is no page {request.GET.get('page')[:20]}.") from None


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


def quote_row(request, quote):
    record = quote_record(request, quote)
    return [
        record["id"],
        record["url"],
        record["text"],
        record["kind"],
        record["status"],
        (record["speaker"] or {}).get("name", ""),
        (record["speaker"] or {}).get("url", ""),
        record["attributed_as"],
        record["cue"],
        (record["organization"] or {}).get("name", ""),
        (record["organization"] or {}).get("url", ""),
        record["article"]["title"],
        record["article"]["url"],
        record["article"]["outlet"] or "",
        record["article"]["published"] or "",
        record["start"],
        record["end"],
        record["claim_url"],
    ]


def neutralise_cell(value):
    """Prefix cells a spreadsheet would run as a formula (= + - @) with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_stream(request, queryset, columns, to_row, filename):
    """Stream every row of `queryset` as CSV, in chunks, without loading it whole."""
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(columns)
        for obj in queryset.iterator(chunk_size=500):
            yield writer.writerow([neutralise_cell(v) for v in to_row(request, obj)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
