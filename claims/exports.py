"""JSON and CSV renderings of list pages (the JSON shape is a public contract)."""

import csv
import itertools
from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.http import JsonResponse, StreamingHttpResponse

from claims.models import Article, Claim, Organization, Speaker

FORMATS = {"", "html", "json", "csv"}
DETAIL_FORMATS = {"", "html", "json"}


def requested_format(request):
    """The `format` parameter; an unknown one raises BadRequest."""
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        raise BadRequest(f"Unknown format “{fmt[:40]}”: use json or csv.")
    return fmt


def requested_detail_format(request):
    """The `format` parameter of a detail page; anything but html or json raises BadRequest."""
    fmt = request.GET.get("format", "")
    if fmt not in DETAIL_FORMATS:
        raise BadRequest(f"Unknown format “{fmt[:40]}”: a detail page answers json.")
    return fmt


def json_record(record):
    """One detail page's record as the JSON response (non-ASCII kept as it is)."""
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})


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
        },
        "start": quote.start,
        "end": quote.end,
        "claim_url": absolute(request, quote.claim),
    }


def _name_url(request, obj):
    return {"name": obj.name, "url": absolute(request, obj)} if obj else None


def _date(day):
    return day.isoformat() if day else None


def claim_record(request, claim):
    """A claims list row (loaded by `ClaimQuerySet.listing_rows`): `sources` is how many
    distinct articles carry it, `first_reported` its earliest dated source's day."""
    return {
        "key": claim.key,
        "url": absolute(request, claim),
        "statement": claim.statement,
        "kind": claim.kind,
        "status": claim.status,
        "speaker": _name_url(request, claim.speaker),
        "attributed_as": claim.attributed_as,
        "sources": claim.article_count,
        "outlets": claim.outlets,
        "first_reported": _date(claim.first_reported),
    }


def _role(request, membership):
    if membership is None:
        return None
    return {"role": membership.role, "organization": _name_url(request, membership.organization)}


def claim_detail_record(request, claim, quotes, role):
    """The claim page as JSON: the list row's fields, the speaker's role and notes, and
    each source (a quote, oldest first) with its article, outlet, original source, exact
    wording and offsets."""
    claim.outlets = sorted(
        {
            org.name
            for quote in quotes
            for org in (quote.article.outlet, quote.article.original_source)
            if org
        }
    )
    claim.attributed_as = next((q.attributed_as for q in quotes if q.attributed_as), "")
    return {
        **claim_record(request, claim),
        "role": _role(request, role),
        "notes": claim.notes,
        "quotes": [
            {
                "id": quote.pk,
                "url": absolute(request, quote),
                "article": {
                    "title": quote.article.title,
                    "url": absolute(request, quote.article),
                    "published": _date(quote.article.published),
                    "original_url": quote.article.url or None,
                },
                "outlet": _name_url(request, quote.article.outlet),
                "original_source": _name_url(request, quote.article.original_source),
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "kind": quote.kind,
                "status": quote.status,
                "speaker": _name_url(request, quote.speaker),
                "attributed_as": quote.attributed_as,
                "cue": quote.cue,
            }
            for quote in quotes
        ],
    }


def quote_detail_record(request, quote, claim_quotes):
    """The quote page as JSON: the quote list's record, with its article's original
    source, its claim and how many quotes carry that claim, and its curation details."""
    record = quote_record(request, quote)
    record["article"]["original_source"] = _name_url(request, quote.article.original_source)
    return {
        **record,
        "claim": {
            "key": quote.claim.key,
            "url": absolute(request, quote.claim),
            "statement": quote.claim.statement,
            "quotes": claim_quotes,
        },
        "method": quote.method,
        "extractor_version": quote.extractor_version,
        "notes": quote.notes,
    }


def _quote_line(request, quote):
    """A quote as a detail page lists it: enough to find it and its claim."""
    return {
        "id": quote.pk,
        "url": absolute(request, quote),
        "text": quote.text,
        "kind": quote.kind,
        "published": _date(quote.published),
        "claim_url": absolute(request, quote.claim),
    }


def speaker_detail_record(request, speaker, quotes, quote_count):
    """The speaker page as JSON: who they are, their roles and the quotes the page shows
    (newest first); `quote_count` counts every matching quote (it may be a lower bound,
    then a string such as “more than 10,000”)."""
    exact = getattr(quote_count, "exact", True)
    speaker.quote_count = int(quote_count) if exact else str(quote_count)
    return {
        **speaker_record(request, speaker),
        "notes": speaker.notes,
        "quotes": [_quote_line(request, quote) for quote in quotes],
    }


def organization_detail_record(request, organization, memberships, quotes, published, originated):
    """The organization page as JSON: what it is, its members with their roles, and the
    quotes and articles the page shows."""
    return {
        "id": organization.pk,
        "url": absolute(request, organization),
        "name": organization.name,
        "slug": organization.slug,
        "kind": organization.kind,
        "aliases": organization.aliases,
        "description": organization.description,
        "members": [
            {
                "speaker": _name_url(request, m.speaker),
                "role": m.role,
                "start_date": _date(m.start_date),
                "end_date": _date(m.end_date),
                "quote_count": m.quote_count,
            }
            for m in memberships
        ],
        "quotes": [_quote_line(request, quote) for quote in quotes],
        "published_articles": [_article_line(request, a) for a in published],
        "originated_articles": [_article_line(request, a) for a in originated],
    }


def _article_line(request, article):
    return {
        "title": article.title,
        "url": absolute(request, article),
        "published": _date(article.published),
    }


def article_detail_record(request, article, quotes):
    """The article page as JSON: the article list's record, its text and each quote in
    text order with its offsets."""
    article.quote_count = len(quotes)
    return {
        **article_record(request, article),
        "body": article.body,
        "quotes": [
            {
                **_quote_line(request, quote),
                "start": quote.start,
                "end": quote.end,
                "status": quote.status,
                "speaker": _name_url(request, quote.speaker),
                "attributed_as": quote.attributed_as,
                "cue": quote.cue,
                "organization": _name_url(request, quote.organization),
            }
            for quote in quotes
        ],
    }


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
CLAIMS = ListExport(
    claim_record,
    (
        "key",
        "url",
        "statement",
        "kind",
        "status",
        "speaker_name",
        "speaker_url",
        "attributed_as",
        "sources",
        "outlets",
        "first_reported",
    ),
    "claims.csv",
    load=lambda keys: Claim.objects.listing_rows(keys),
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
