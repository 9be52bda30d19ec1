"""JSON and CSV renderings of list pages (the JSON shape is a public contract)."""

import csv
import itertools
from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.http import JsonResponse, StreamingHttpResponse

from claims.models import Article, Organization, Quote, Speaker

FORMATS = {"", "html", "json", "csv"}


def requested_format(request):
    """The `format` parameter; an unknown one raises BadRequest."""
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        raise BadRequest(f"Unknown format “{fmt[:40]}”: use json or csv.")
    return fmt


def _page_url(request, number):
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def json_page(request, page, to_record=None):
    """The contract envelope: count, next, previous and results, the page's rows as
    `to_record(request, row)` makes them (None: the rows are records already)."""
    return JsonResponse(
        {
            "count": page.paginator.count,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number())
            if page.has_previous()
            else None,
            "results": [to_record(request, obj) for obj in page.object_list]
            if to_record
            else list(page.object_list),
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
            "original_source": _name_url(request, article.original_source),
        },
        "start": quote.start,
        "end": quote.end,
        "claim_url": absolute(request, quote.claim),
        "claim_key": quote.claim.key if quote.claim else None,
        "speaker_role": _role_at_the_time(request, quote),
    }


def _role_at_the_time(request, quote):
    """{"role", "organization": {"name", "url"}} of the speaker's membership known to hold
    on the article's date (any, when undated), the one with the quote's organization
    first; None without a speaker or such a membership. Reads prefetched memberships."""
    if quote.speaker is None:
        return None
    day = quote.article.published
    held = [m for m in quote.speaker.memberships.all() if m.covers(day)]
    held.sort(key=lambda m: m.organization_id != quote.organization_id)
    if not held:
        return None
    return {"role": held[0].role, "organization": _name_url(request, held[0].organization)}


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


def search_json(request, query, results):
    """/search/?format=json: the list envelope (count, next, previous: none, as one page
    holds every group) with `query`, and each result `{"type", "name", "url", …}`."""

    def records():
        for speaker in results["speakers"]:
            yield {
                "type": "speaker",
                "name": speaker.name,
                "url": absolute(request, speaker),
                "quote_count": speaker.quote_count,
            }
        for organization in results["organizations"]:
            yield {
                "type": "organization",
                "name": organization.name,
                "url": absolute(request, organization),
                "kind": organization.kind,
            }
        for claim in results["claims"]:
            yield {
                "type": "claim",
                "name": claim.statement,
                "url": absolute(request, claim),
                "key": claim.key,
                "speaker": _name_url(request, claim.speaker),
                "sources": claim.source_count,
            }
        for article in results["articles"]:
            yield {
                "type": "article",
                "name": article.title,
                "url": absolute(request, article),
                "published": article.published.isoformat() if article.published else None,
            }

    found = list(records())
    return JsonResponse(
        {"query": query, "count": len(found), "next": None, "previous": None, "results": found},
        json_dumps_params={"ensure_ascii": False},
    )


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
    # {column: cell(record)} for the columns a plain flattening would make unclear.
    cells: dict = None

    def row(self, request, obj):
        record = self.record(request, obj)
        flat = flatten(record)
        for column, cell in (self.cells or {}).items():
            flat[column] = cell(record)
        return [flat.get(column, "") for column in self.columns]


def roles_cell(record):
    """A speaker's roles in one CSV cell: "role, organization (from … to …); …"."""
    cells = []
    for role in record["roles"]:
        organization = role["organization"]["name"] if role["organization"] else ""
        text = ", ".join(part for part in (role["role"], organization) if part)
        dates = " ".join(
            f"{word} {role[key]}"
            for word, key in (("from", "start_date"), ("to", "end_date"))
            if role[key]
        )
        cells.append(f"{text} ({dates})" if dates else text)
    return "; ".join(cells)


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
        "claim_key",
        "article_original_source_name",
        "article_original_source_url",
        "speaker_role_role",
        "speaker_role_organization_name",
        "speaker_role_organization_url",
    ),
    "quotes.csv",
    load=lambda keys: Quote.objects.for_records().in_bulk(keys),
)
SPEAKERS = ListExport(
    speaker_record,
    ("id", "url", "name", "slug", "aliases", "description", "quote_count", "roles"),
    "speakers.csv",
    load=lambda keys: Speaker.objects.listing_rows(keys),
    cells={"roles": roles_cell},
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
