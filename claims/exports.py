"""JSON pages, CSV and JSON-lines renderings of the lists (the JSON shape is a public
contract), drawn from the records of claims.records."""

import csv
import io
import itertools
import json
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse

from claims.models import Article, Claim, Membership, Organization, Quote, Speaker
from claims.records import (
    article_record,
    claim_record,
    organization_record,
    quote_record,
    speaker_record,
)
from claims.scale import bounded_count
from claims.scale.keyset import keyset_chunks, seeks_on_its_table

FORMATS = {"", "html", "json", "csv", "jsonl"}
# Formats that stream every matching row rather than a page of them.
STREAMED = {"csv", "jsonl"}
DETAIL_FORMATS = {"", "html", "json"}


def requested_format(request):
    """The `format` parameter; an unknown one raises BadRequest."""
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        raise BadRequest(f"Unknown format “{fmt[:40]}”: use json, jsonl or csv.")
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


def flatten(record, prefix=""):
    """One CSV row from a JSON record: nested objects become prefix_key columns."""
    row = {}
    for key, value in record.items():
        name = prefix + key
        if value is None:
            row[name] = ""
        elif isinstance(value, dict):
            row.update(flatten(value, f"{name}_"))
        elif isinstance(value, list):
            row[name] = "; ".join(
                " ".join(str(v) for v in flatten(item).values() if v)
                if isinstance(item, dict)
                else str(item)
                for item in value
            )
        else:
            row[name] = value
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
    # chunks(queryset): every row of the list, in lists, as objects `record` reads; None:
    # the queryset's rows (drawn by `load` when given), 500 at a time.
    chunks: callable = None
    # {column: cell(record)} for the columns a plain flattening would make unclear.
    cell_overrides: dict = None

    def row(self, request, obj):
        return self.cells(self.record(request, obj))

    def cells(self, record):
        """A record's CSV cells, in the export's columns."""
        flat = flatten(record)
        for column, cell in (self.cell_overrides or {}).items():
            flat[column] = cell(record)
        return [flat.get(column, "") for column in self.columns]

    def every_chunk(self, queryset):
        """Every row of `queryset` in lists, as objects `record` reads."""
        if self.chunks is not None:
            return self.chunks(queryset)
        if self.load is None:
            return _batched(queryset.iterator(chunk_size=500))
        return self._loaded(_batched(queryset.values_list("pk", flat=True).iterator(500)))

    def _loaded(self, key_chunks):
        for keys in key_chunks:
            by_key = self.load(keys)
            yield [by_key[key] for key in keys if key in by_key]


def _batched(iterable, size=500):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class _Row(SimpleNamespace):
    """A row read as values, standing in for a model instance in a record function: its
    fields as attributes and the path of its page."""

    def get_absolute_url(self):
        return self.path


def _path_of(viewname):
    """A function from a URL argument to reverse(viewname, args=[it]), reversed only once."""
    marker = "7391827364"  # a valid int and slug, found in no URL prefix
    prefix, suffix = reverse(viewname, args=[marker]).split(marker)
    return lambda value: f"{prefix}{value}{suffix}"


# What a quote record reads, as values (claims.scale.keyset reads them in chunks).
QUOTE_VALUES = (
    "pk",
    "text",
    "kind",
    "status",
    "attributed_as",
    "cue",
    "start",
    "end",
    "speaker__name",
    "speaker__slug",
    "organization__name",
    "organization__slug",
    "article__title",
    "article__slug",
    "article__published",
    "article__outlet__name",
    "article__outlet__slug",
    "article__original_source__name",
    "article__original_source__slug",
    "claim__key",
    "speaker_id",
    "organization_id",
)


class _Memberships(list):
    """A speaker's memberships read for a chunk, answering `.all()` like a related manager."""

    def all(self):
        return self


def quote_chunks(queryset):
    """Every quote of the ordered `queryset`, in keyset chunks, as the rows quote_record
    reads: values, never model instances (a million of those take minutes to build)."""
    quote_path, claim_path = _path_of("claims:quote_detail"), _path_of("claims:claim_detail")
    speaker_path, article_path = (
        _path_of("claims:speaker_detail"),
        _path_of("claims:article_detail"),
    )
    organization_path = _path_of("claims:organization_detail")

    def named(name, slug):
        return _Row(name=name, slug=slug, path=organization_path(slug)) if slug else None

    for chunk in keyset_chunks(queryset, QUOTE_VALUES):
        # The speakers' roles at the time: their memberships, in one query per chunk.
        held = {}
        for membership in Membership.objects.of_speakers({row[-2] for row in chunk} - {None}):
            held.setdefault(membership.speaker_id, _Memberships()).append(membership)
        yield [
            _Row(
                pk=pk,
                id=pk,
                path=quote_path(pk),
                text=text,
                kind=kind,
                status=status,
                attributed_as=attributed_as,
                cue=cue,
                start=start,
                end=end,
                speaker=_Row(
                    name=speaker_name,
                    slug=speaker_slug,
                    path=speaker_path(speaker_slug),
                    memberships=held.get(speaker_id, _Memberships()),
                )
                if speaker_slug
                else None,
                organization_id=organization_id,
                organization=named(organization_name, organization_slug),
                article=_Row(
                    title=title,
                    slug=article_slug,
                    path=article_path(article_slug),
                    published=published,
                    outlet=named(outlet_name, outlet_slug),
                    original_source=named(source_name, source_slug),
                ),
                claim=_Row(key=claim_key, path=claim_path(claim_key)) if claim_key else None,
            )
            for (
                pk,
                text,
                kind,
                status,
                attributed_as,
                cue,
                start,
                end,
                speaker_name,
                speaker_slug,
                organization_name,
                organization_slug,
                title,
                article_slug,
                published,
                outlet_name,
                outlet_slug,
                source_name,
                source_slug,
                claim_key,
                speaker_id,
                organization_id,
            ) in chunk
        ]


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
    chunks=quote_chunks,
)
SPEAKERS = ListExport(
    speaker_record,
    ("id", "url", "name", "slug", "aliases", "description", "quote_count", "roles"),
    "speakers.csv",
    load=lambda keys: Speaker.objects.listing_rows(keys),
    cell_overrides={"roles": roles_cell},
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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class SiteRoot:
    """The request as record functions use it, with absolute addresses built by joining the
    site's root and a path (a reversed path is already quoted): one string join per link."""

    def __init__(self, root, request=None):
        self.root = root.rstrip("/")
        self.request = request

    @classmethod
    def of(cls, request):
        return cls(request.build_absolute_uri("/"), request)

    def build_absolute_uri(self, location):
        return self.root + location

    def __getattr__(self, name):
        return getattr(self.request, name)


def csv_header(export):
    return _csv_text([export.columns])


def csv_chunk(records, export):
    """The CSV rows of `records` (the export's columns, formula cells neutralised), as one
    string."""
    return _csv_text(neutralise_row(export.cells(record)) for record in records)


def neutralise_row(values):
    """The values, each cell a spreadsheet would run as a formula (= + - @) prefixed with a
    quote."""
    return ["'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v for v in values]


def _csv_text(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def jsonl_header(export):
    return ""


def jsonl_chunk(records, export):
    """Each of `records` as JSON on a line, as one string."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


# format: (header, formatter of a chunk's records, content type, file extension)
STREAMS = {
    "csv": (csv_header, csv_chunk, "text/csv; charset=utf-8", ".csv"),
    "jsonl": (jsonl_header, jsonl_chunk, "application/jsonl; charset=utf-8", ".jsonl"),
}


def chunk_records(site, chunks, export):
    """The JSON records of `chunks` (lists of rows), a list per chunk."""
    record = export.record
    for chunk in chunks:
        yield [record(site, obj) for obj in chunk]


def stream_text(site, chunks, export, fmt):
    """The export's text in pieces: the header, then one string per chunk of rows."""
    header, records_text, _, _ = STREAMS[fmt]
    if text := header(export):
        yield text
    for records in chunk_records(site, chunks, export):
        yield records_text(records, export)


def bound_joined_sort(queryset):
    """Raise BadRequest for an export sorted by another table's column (speaker, outlet)
    matching more rows than the count bound: each of its chunks sorts every match again."""
    if not seeks_on_its_table(queryset) and not bounded_count(queryset).exact:
        raise BadRequest(
            f"An export sorted by speaker or outlet holds at most {settings.COUNT_BOUND:,} "
            "quotes, and this one matches more. Sort by date (newest or oldest) to export "
            "every matching quote, or take the whole collection from the Downloads page "
            f"({reverse('claims:downloads')})."
        )


def export_stream(request, queryset, export, fmt):
    """Stream every row of `queryset` as CSV or JSON lines, chunk by chunk, without loading
    it whole or holding one query open while the client reads."""
    _, _, content_type, extension = STREAMS[fmt]
    if export.chunks is quote_chunks:
        bound_joined_sort(queryset)
    body = stream_text(SiteRoot.of(request), export.every_chunk(queryset), export, fmt)
    response = StreamingHttpResponse(body, content_type=content_type)
    filename = export.filename.rsplit(".", 1)[0] + extension
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_stream(request, queryset, export):
    """export_stream as CSV."""
    return export_stream(request, queryset, export, "csv")
