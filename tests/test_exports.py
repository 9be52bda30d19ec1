"""Streamed exports (CSV, JSON lines) at any size, and the full-dataset download."""

import csv
import datetime
import gzip
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.downloads import read_manifest
from claims.filters import QUOTE_SORTS
from claims.models import Quote
from claims.scale.keyset import keyset_chunks
from tests.factories import make_article, make_organization, make_quote, make_speaker

pytestmark = pytest.mark.django_db

BODY = " ".join(f"“line {i}”" for i in range(6))


def make_corpus():
    """24 quotes: three articles sharing one date (equal sort keys), one undated, speakers
    and outlets with and without names, so every order has ties and NULLs."""
    zamili = make_speaker(name="Hakim al-Zamili", slug="zamili")
    amiri = make_speaker(name="Hadi al-Amiri", slug="amiri")
    outlet = make_organization(name="Rudaw", slug="rudaw")
    day = datetime.date(2015, 10, 5)
    articles = [
        make_article(body=BODY, published=day, outlet=outlet),
        make_article(body=BODY, published=day),
        make_article(body=BODY, published=day, outlet=outlet),
        make_article(body=BODY, published=None),
    ]
    speakers = [zamili, amiri, None]
    n = 0
    for article in articles:
        for i in range(6 if article.published else 5):
            make_quote(article=article, text=f"line {i}", speaker=speakers[n % 3])
            n += 1
    # The same span as reported speech: equal on every sort column but the key.
    make_quote(article=articles[1], text="line 2", kind="indirect", speaker=speakers[0])
    return n + 1


def exported(client, **params):
    response = client.get(reverse("claims:quote_list"), params)
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content).decode()


def csv_rows(client, **params):
    rows = list(csv.reader(io.StringIO(exported(client, format="csv", **params))))
    return rows[0], rows[1:]


def listed_ids(sort):
    ordered = getattr(Quote.objects.all(), QUOTE_SORTS[sort])()
    return list(ordered.order_by(*ordered.query.order_by, "pk").values_list("pk", flat=True))


@pytest.mark.parametrize("sort", sorted(QUOTE_SORTS))
def test_a_csv_export_has_every_row_once_in_the_list_order_across_chunks(client, settings, sort):
    settings.EXPORT_CHUNK = 4
    total = make_corpus()
    header, rows = csv_rows(client, sort=sort)
    ids = [int(row[0]) for row in rows]
    assert len(ids) == total == len(set(ids))
    assert ids == listed_ids(sort)


@pytest.mark.parametrize(
    "order",
    [
        F("published").asc(nulls_first=True),
        F("published").desc(nulls_first=True),
        F("published").asc(nulls_last=True),
        F("speaker__name").desc(nulls_last=True),
    ],
    ids=["asc-nulls-first", "desc-nulls-first", "asc-nulls-last", "joined-desc-nulls-last"],
)
def test_keyset_chunks_read_every_row_once_whatever_the_nulls(order):
    make_corpus()
    ordered = Quote.objects.order_by(order, "start")
    chunks = list(keyset_chunks(ordered, ("pk",), size=3))
    assert all(len(chunk) <= 3 for chunk in chunks)
    assert [pk for chunk in chunks for (pk,) in chunk] == list(
        ordered.order_by(order, "start", "pk").values_list("pk", flat=True)
    )


def test_a_csv_export_applies_the_filters(client, settings):
    settings.EXPORT_CHUNK = 4
    make_corpus()
    _, rows = csv_rows(client, speaker="zamili", date_after="2015-10-01")
    expected = Quote.objects.filter(speaker__slug="zamili", published__gte="2015-10-01")
    assert sorted(int(row[0]) for row in rows) == sorted(expected.values_list("pk", flat=True))
    assert {row[5] for row in rows} == {"Hakim al-Zamili"}


def test_csv_and_jsonl_exports_neutralise_nothing_but_spreadsheet_formulas(client):
    speaker = make_speaker(name="+Plus Speaker", slug="plus")
    article = make_article(body="He said “=HYPERLINK(1)” and “@SUM”.")
    make_quote(article=article, text="=HYPERLINK(1)", speaker=speaker)
    make_quote(article=article, text="@SUM")
    _, rows = csv_rows(client)
    assert {(row[2], row[5]) for row in rows} == {
        ("'=HYPERLINK(1)", "'+Plus Speaker"),
        ("'@SUM", ""),
    }
    lines = exported(client, format="jsonl").splitlines()
    assert {json.loads(line)["text"] for line in lines} == {"=HYPERLINK(1)", "@SUM"}


def test_jsonl_lines_are_the_json_records_and_csv_rows_their_columns(client, settings):
    settings.EXPORT_CHUNK = 5
    make_corpus()
    params = {"kind": "direct"}
    results = client.get("/quotes/", {**params, "format": "json", "page_size": 500}).json()
    lines = exported(client, format="jsonl", **params).splitlines()
    assert [json.loads(line) for line in lines] == results["results"]
    header, rows = csv_rows(client, **params)
    from claims.exports import flatten

    flat = [flatten(record) for record in results["results"]]
    assert rows == [[str(r.get(column, "")) for column in header] for r in flat]


def test_a_jsonl_export_is_a_download_of_json_lines(client):
    make_corpus()
    response = client.get("/quotes/", {"format": "jsonl"})
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="quotes.jsonl"'
    for url in ["/speakers/", "/organizations/", "/articles/"]:
        body = b"".join(client.get(url, {"format": "jsonl"}).streaming_content).decode()
        count = client.get(url, {"format": "json"}).json()["count"]
        assert len(body.splitlines()) == count


def test_an_export_runs_two_queries_a_chunk_the_rows_and_their_speakers_roles(client, settings):
    settings.EXPORT_CHUNK = 5
    total = make_corpus()
    response = client.get("/quotes/", {"format": "csv"})
    with CaptureQueriesContext(connection) as queries:
        body = b"".join(response.streaming_content)
    assert len(list(csv.reader(io.StringIO(body.decode())))) == total + 1
    # 19 dated quotes in 4 chunks, then the 5 undated ones in 1 and an empty read closing it;
    # each chunk also reads its speakers' memberships (the role at the time).
    reads = [q for q in queries if "claims_membership" not in q["sql"]]
    assert len(reads) <= total // 5 + 3
    assert len(queries) - len(reads) <= len(reads)
    assert all("OFFSET" not in q["sql"] for q in queries)


def test_an_export_sorted_by_another_table_is_bounded_with_a_message(client, settings):
    settings.COUNT_BOUND = 10
    make_corpus()
    response = client.get("/quotes/", {"format": "csv", "sort": "speaker"})
    assert response.status_code == 400
    assert b"Sort by date" in response.content and b"/downloads/" in response.content
    assert client.get("/quotes/", {"format": "csv", "sort": "oldest"}).status_code == 200
    small = client.get("/quotes/", {"format": "csv", "sort": "speaker", "speaker": "amiri"})
    assert small.status_code == 200


def read_gzip(path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return handle.read()


def test_export_dataset_writes_every_quote_with_its_row_count_and_checksum(tmp_path, settings):
    settings.EXPORT_CHUNK = 4
    total = make_corpus()
    call_command(
        "export_dataset", output_dir=tmp_path, site_url="https://example.org", stdout=io.StringIO()
    )
    manifest = read_manifest(tmp_path)
    assert manifest["rows"] == total
    by_format = {entry["format"]: entry for entry in manifest["files"]}
    assert set(by_format) == {"csv", "jsonl"}
    for entry in manifest["files"]:
        path = tmp_path / entry["name"]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["bytes"] == path.stat().st_size
    rows = list(csv.reader(io.StringIO(read_gzip(tmp_path / by_format["csv"]["name"]))))
    assert len(rows) == total + 1 and rows[0][:3] == ["id", "url", "text"]
    records = [
        json.loads(line) for line in read_gzip(tmp_path / by_format["jsonl"]["name"]).splitlines()
    ]
    assert [r["id"] for r in records] == [int(row[0]) for row in rows[1:]] == listed_ids("newest")
    assert records[0]["url"] == f"https://example.org/quotes/{records[0]['id']}/"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*(e["name"] for e in manifest["files"]), "manifest.json"]
    )


def test_export_dataset_replaces_older_files_and_needs_the_site_address(tmp_path, settings):
    settings.SITE_URL = ""
    make_quote()
    old = tmp_path / "iraqnews-quotes-2020-01-01.csv.gz"
    old.write_bytes(b"old")
    with pytest.raises(Exception, match="--site-url"):
        call_command("export_dataset", output_dir=tmp_path, stdout=io.StringIO())
    call_command(
        "export_dataset", output_dir=tmp_path, site_url="http://x.test", stdout=io.StringIO()
    )
    assert not old.exists()


def test_the_downloads_page_shows_the_files_and_serves_them(client, tmp_path, settings):
    settings.DOWNLOADS_ROOT = tmp_path
    assert b"No dataset files have been built yet" in client.get("/downloads/").content
    make_corpus()
    call_command("export_dataset", site_url="https://example.org", stdout=io.StringIO())
    manifest = read_manifest()
    html = client.get(reverse("claims:downloads")).content.decode()
    assert "24 quotes" in html
    for entry in manifest["files"]:
        assert entry["sha256"] in html and entry["name"] in html
        response = client.get(reverse("claims:download_file", args=[entry["name"]]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == (tmp_path / entry["name"]).read_bytes()
    assert client.get(reverse("claims:download_file", args=["manifest.json"])).status_code == 404
    assert client.get("/downloads/files/..%2Fsettings.py").status_code == 404


def test_the_quote_list_links_to_the_downloads_page(client):
    make_quote()
    html = client.get("/quotes/").content.decode()
    assert f'href="{reverse("claims:downloads")}"' in html
    assert "format=jsonl" in html
