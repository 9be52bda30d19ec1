import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Article, Claim, Organization, Quote, Speaker  # noqa: F401
from tests.factories import make_article, make_claim, make_quote, make_speaker

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = {
    "id",
    "url",
    "text",
    "kind",
    "status",
    "speaker",
    "attributed_as",
    "cue",
    "organization",
    "article",
    "start",
    "end",
    "claim_url",
    "claim_key",
    "speaker_role",
}


def make_quotes(n):
    speaker = make_speaker()
    claim = make_claim()
    for i in range(n):
        article = make_article(body=f"He said “we will win {i}” today.")
        make_quote(article=article, speaker=speaker, claim=claim)


def test_quotes_json_follows_the_contract(client, seed):
    response = client.get(reverse("claims:quote_list"), {"format": "json", "page_size": 10})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == Quote.objects.count()
    assert data["previous"] is None and data["next"].startswith("http://testserver/quotes/?")
    first = data["results"][0]
    assert set(first) == CONTRACT_KEYS
    assert set(first["article"]) == {"title", "url", "outlet", "published", "original_source"}
    assert first["url"].startswith("http://") and first["claim_url"].startswith("http://")
    for result in data["results"]:
        if result["speaker"] is not None:
            assert set(result["speaker"]) == {"name", "url"}


def test_quotes_json_next_page_and_page_size_limit(client, seed):
    data = client.get("/quotes/", {"format": "json", "page_size": 500}).json()
    assert len(data["results"]) == Quote.objects.count() and data["next"] is None
    assert client.get("/quotes/", {"format": "json", "page_size": 501}).status_code == 400
    second = client.get("/quotes/", {"format": "json", "page_size": 10, "page": 2}).json()
    assert second["previous"] and len(second["results"]) == 10


def test_quotes_of_one_claim_share_one_claim_url(client, seed):
    data = client.get("/quotes/", {"format": "json", "page_size": 500}).json()
    by_text = {}
    for result in data["results"]:
        by_text.setdefault(result["claim_url"], []).append(result)
    shared = [urls for urls in by_text.values() if len(urls) > 1]
    assert len(shared) >= 8
    claim = Quote.objects.get(text__startswith="In the upcoming few days").claim
    urls = {r["claim_url"] for r in data["results"] if "upcoming few days" in r["text"]}
    assert urls == {f"http://testserver{claim.get_absolute_url()}"}


def test_json_offsets_index_the_article_body(client, seed):
    data = client.get("/quotes/", {"format": "json", "page_size": 500}).json()
    bodies = {a.get_absolute_url(): a.body for a in Article.objects.all()}
    for result in data["results"]:
        body = bodies[result["article"]["url"].removeprefix("http://testserver")]
        assert body[result["start"] : result["end"]] == result["text"]


def test_filter_by_speaker_accepts_alias_slugs_and_several_speakers(client, seed):
    one = client.get("/quotes/", {"format": "json", "speaker": "hakim-al-zamili"}).json()
    assert one["count"] == Quote.objects.filter(speaker__slug="hakim-al-zamili").count()
    alias = client.get("/quotes/", {"format": "json", "speaker": "muen-kadhimi"}).json()
    assert alias["count"] == Quote.objects.filter(speaker__slug="moeen-al-kadhimi").count()
    both = client.get(
        "/quotes/?format=json&speaker=hakim-al-zamili&speaker=sergei-lavrov&page_size=500"
    ).json()
    assert {r["speaker"]["name"] for r in both["results"]} == {"Hakim al-Zamili", "Sergei Lavrov"}


def test_filter_by_date_range_kind_and_text(client, seed):
    dated = client.get(
        "/quotes/", {"format": "json", "date_after": "2015-10-07", "date_before": "2015-10-07"}
    ).json()
    assert dated["count"] > 0
    assert {r["article"]["published"] for r in dated["results"]} == {"2015-10-07"}
    partial = client.get("/quotes/", {"format": "json", "kind": "partial"}).json()
    assert {r["kind"] for r in partial["results"]} == {"partial"}
    text = client.get("/quotes/", {"format": "json", "q": "polite people"}).json()
    assert text["count"] == 1 and text["results"][0]["speaker"]["name"] == "Sergei Lavrov"
    by_alias = client.get("/quotes/", {"format": "json", "q": "Muen"}).json()
    assert by_alias["count"] == Quote.objects.filter(speaker__slug="moeen-al-kadhimi").count()


@pytest.mark.parametrize(
    "params",
    [
        {"date_after": "2015-13-45"},
        {"kind": "rumour"},
        {"speaker": "nobody-at-all"},
        {"page": "abc"},
        {"page": "9999"},
        {"page_size": "-1"},
        {"format": "xml"},
        {"sort": "random"},
    ],
)
def test_invalid_values_answer_400_with_a_message(client, seed, params):
    response = client.get("/quotes/", params)
    assert response.status_code == 400
    assert b"Traceback" not in response.content
    json_response = client.get("/quotes/", {**params, "format": params.get("format", "json")})
    assert json_response.status_code == 400


def test_csv_has_the_json_columns_and_neutralises_formulas(client, db):
    article = make_article(body="He said “=HYPERLINK(1)” loudly.")
    make_quote(article=article, text="=HYPERLINK(1)")
    response = client.get("/quotes/", {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["id", "url", "text"]
    assert rows[1][2] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("n", [5, 50])
def test_quote_list_runs_a_fixed_number_of_queries(client, n, django_assert_max_num_queries):
    make_quotes(n)
    with CaptureQueriesContext(connection) as html_queries:
        assert client.get("/quotes/", {"page_size": 100}).status_code == 200
    with CaptureQueriesContext(connection) as json_queries:
        assert client.get("/quotes/", {"format": "json", "page_size": 100}).status_code == 200
    # counts do not grow with rows: record them per n and compare below
    test_quote_list_runs_a_fixed_number_of_queries.counts[n] = (
        len(html_queries),
        len(json_queries),
    )
    if len(test_quote_list_runs_a_fixed_number_of_queries.counts) == 2:
        counts = test_quote_list_runs_a_fixed_number_of_queries.counts
        assert counts[5] == counts[50]
    assert len(json_queries) <= 8


test_quote_list_runs_a_fixed_number_of_queries.counts = {}


@pytest.mark.parametrize(
    "url_name,kwargs_fn",
    [
        ("claims:home", lambda: {}),
        ("claims:quote_list", lambda: {}),
        ("claims:speaker_list", lambda: {}),
        ("claims:organization_list", lambda: {}),
        ("claims:article_list", lambda: {}),
        ("claims:speaker_detail", lambda: {"slug": "hakim-al-zamili"}),
        ("claims:organization_detail", lambda: {"slug": "badr"}),
        ("claims:article_detail", lambda: {"slug": Article.objects.first().slug}),
        ("claims:claim_detail", lambda: {"key": Claim.objects.first().key}),
        ("claims:quote_detail", lambda: {"pk": Quote.objects.first().pk}),
    ],
)
def test_every_page_renders_the_seed_data(client, seed, url_name, kwargs_fn):
    response = client.get(reverse(url_name, kwargs=kwargs_fn()))
    assert response.status_code == 200


def test_home_shows_how_many_quotes_and_speakers_the_corpus_holds(client, db):
    first, second = make_speaker(), make_speaker()
    for speaker in (first, first, second):
        make_quote(speaker=speaker)
    make_speaker()
    content = client.get("/").content.decode()
    assert '<dt>Quotes</dt><dd><a href="/quotes/">3</a></dd>' in content
    assert '<dt>Speakers</dt><dd><a href="/speakers/">3</a></dd>' in content


def test_claim_page_lists_every_source(client, seed):
    claim = Quote.objects.get(text__startswith="In the upcoming few days").claim
    content = client.get(claim.get_absolute_url()).content.decode()
    for quote in claim.quotes.all():
        assert quote.article.title.replace("'", "&#x27;") in content


def test_unknown_detail_pages_are_404(client, db):
    for url in [
        "/speakers/nobody/",
        "/organizations/none/",
        "/articles/none/",
        "/claims/zzz/",
        "/quotes/999999/",
    ]:
        assert client.get(url).status_code == 404


def test_only_get_is_allowed_on_public_pages(client, db):
    assert client.post("/quotes/").status_code in (403, 405)


def test_organization_page_lists_members(client, seed):
    content = client.get(Organization.objects.get(slug="badr").get_absolute_url()).content.decode()
    assert "Moeen al-Kadhimi" in content and "Karim Al Nuri" in content


def test_facet_counts_follow_the_other_filters(client, seed):
    response = client.get("/quotes/", {"speaker": "hakim-al-zamili"})
    facets = response.context["facets"].counts
    zamili = Quote.objects.filter(speaker__slug="hakim-al-zamili")
    # Counts for kinds are under the speaker filter; counts for speakers ignore it.
    assert facets["kind"]["direct"] == zamili.filter(kind="direct").count()
    assert facets["speaker"]["sergei-lavrov"] == 1
    assert sum(facets["status"].values()) == zamili.count()
    content = response.content.decode()
    assert "Sergei Lavrov (1)" in content


def test_alias_and_former_slugs_redirect_permanently(client, seed):
    response = client.get("/speakers/muen-kadhimi/")
    assert response.status_code == 301
    assert response["Location"] == "/speakers/moeen-al-kadhimi/"
    speaker = Speaker.objects.get(slug="moeen-al-kadhimi")
    speaker.slug = "moeen-kadhimi"
    speaker.save()
    assert client.get("/speakers/moeen-al-kadhimi/")["Location"] == "/speakers/moeen-kadhimi/"
    assert client.get("/speakers/moeen-kadhimi/").status_code == 200


def test_claim_url_survives_edits_to_text_speaker_and_slugs(client, seed):
    quote = Quote.objects.get(text__startswith="We haven’t been invited")
    url = quote.claim.get_absolute_url()
    quote.speaker = Speaker.objects.get(slug="hakim-al-zamili")
    quote.save()
    quote.article.slug = "renamed-article"
    quote.article.save()
    quote.claim.statement = "We have not been invited."
    quote.claim.save()
    assert client.get(url).status_code == 200
    assert (
        client.get(f"/articles/{Article.objects.get(pk=quote.article_id).slug}/").status_code == 200
    )


def test_speaker_name_search_ignores_accents_case_hyphens_and_prefix(client, seed):
    for query in ["Kadhimi", "al kadhimi", "Muen", "AL-KADHIMI", "Kádhimi"]:
        data = client.get("/speakers/", {"q": query, "format": "json"}).json()
        assert [r["name"] for r in data["results"]] == ["Moeen al-Kadhimi"], query


def test_speakers_filter_by_organization(client, seed):
    data = client.get("/speakers/", {"organization": "badr", "format": "json"}).json()
    assert {r["name"] for r in data["results"]} == {"Moeen al-Kadhimi", "Karim Al Nuri"}
    assert all(
        {"id", "url", "name", "aliases", "quote_count", "roles"} <= set(r) for r in data["results"]
    )


def test_every_list_offers_json_and_csv_with_the_same_columns(client, seed):
    for url in ["/quotes/", "/speakers/", "/organizations/", "/articles/"]:
        data = client.get(url, {"format": "json"}).json()
        assert set(data) == {"count", "next", "previous", "results"}
        response = client.get(url, {"format": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert len(rows) == data["count"] + 1, url


def test_speaker_page_shows_claims_charts_search_and_feed(client, seed):
    response = client.get("/speakers/hakim-al-zamili/")
    content = response.content.decode()
    assert "Quotes by month" in content and "Quotes by outlet" in content
    assert "<svg" in content and 'type="application/atom+xml"' in content
    newest = response.context["claims"][0]["quotes"][0]
    assert newest["card"] in content and '<time datetime="2015-10-' in newest["card"]
    searched = client.get("/speakers/hakim-al-zamili/", {"q": "joint operation"})
    assert searched.context["quote_count"] == 1
    feed = client.get("/speakers/hakim-al-zamili/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert (
        feed.content.count(b"<entry>")
        == Quote.objects.filter(speaker__slug="hakim-al-zamili").count()
    )


def test_claim_page_has_wording_comparison_structured_data_and_previews(client, seed):
    claim = Quote.objects.get(text__startswith="In the upcoming few days").claim
    content = client.get(claim.get_absolute_url()).content.decode()
    assert "<del>" in content or "<ins>" in content
    assert 'property="og:title"' in content and 'name="twitter:card"' in content
    import json
    import re

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Claim" and data["author"]["name"] == "Hakim al-Zamili"
    types = sorted(a["@type"] for a in data["appearance"])
    kinds = list(claim.quotes.values_list("kind", flat=True))
    assert types.count("Quotation") == len([k for k in kinds if k != "indirect"])
    assert "NewsArticle" in types  # its reported wording appears in an article, unquoted
    quotation = next(a for a in data["appearance"] if a["@type"] == "Quotation")
    assert quotation["isBasedOn"]["@type"] == "NewsArticle"
    assert "firstAppearance" in data


def test_article_page_highlights_nested_quotes_with_their_own_anchor(client, seed):
    article = Article.objects.get(seed_file__startswith="001")
    content = client.get(article.get_absolute_url()).content.decode()
    for quote in article.quotes.all():
        assert f'id="q{quote.pk}"' in content


def test_search_groups_results_by_kind(client, seed):
    response = client.get("/search/", {"q": "Kadhimi"})
    results = response.context["results"]
    assert [s.name for s in results["speakers"]] == ["Moeen al-Kadhimi"]
    assert results["claims"] and results["organizations"] == []
    badr = client.get("/search/", {"q": "Badr Corps"}).context["results"]
    assert [o.name for o in badr["organizations"]] == ["Badr"]


def test_organization_counts_agree_with_the_organization_and_outlet_filters(client, seed):
    """An organization's quote count is the quotes naming it or by its members (the
    `organization` filter) and those in the articles it published or originated (the
    `outlet` filter), each quote once."""
    data = client.get("/organizations/", {"format": "json", "page_size": 100}).json()
    for record in data["results"]:
        ids = set()
        for name in ("organization", "outlet"):
            params = {"format": "json", name: record["slug"], "page_size": 500}
            ids |= {r["id"] for r in client.get("/quotes/", params).json()["results"]}
        assert record["quote_count"] == len(ids), record["slug"]


def quote_page(client, quote):
    response = client.get(quote.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_quote_page_is_rendered_once_then_read_with_one_query(client):
    quote = make_quote()
    with CaptureQueriesContext(connection) as first:
        quote_page(client, quote)
    with CaptureQueriesContext(connection) as again:
        assert "we will win" in quote_page(client, quote)
    assert (len(first), len(again)) == (2, 1)


def test_quote_page_shows_a_text_edit_saved_through_the_orm_at_once(client):
    article = make_article(body="He said “we will win” and “we will fight” today.")
    quote = make_quote(article=article, text="we will win")
    assert "we will win" in quote_page(client, quote)
    start = article.body.index("we will fight")
    quote.text, quote.start, quote.end = "we will fight", start, start + len("we will fight")
    quote.save()
    content = quote_page(client, quote)
    assert "we will fight" in content and "we will win" not in content


def test_quote_page_shows_a_curators_admin_edit_at_once(client, admin_client):
    quote = make_quote(cue="said on Monday")
    assert "said on Monday" in quote_page(client, quote)
    response = admin_client.post(
        reverse("admin:claims_quote_change", args=[quote.pk]),
        {
            "kind": quote.kind,
            "speaker": "",
            "organization": "",
            "attributed_as": "",
            "cue": "told Reuters",
            "status": quote.status,
            "claim": quote.claim_id,
            "notes": "",
            "change_reason": "",
            "opened_version": quote.version,
        },
    )
    assert response.status_code == 302
    content = quote_page(client, quote)
    assert "told Reuters" in content and "said on Monday" not in content


def test_quote_page_shows_a_speaker_renamed_in_the_admin_at_once(client, admin_client):
    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili")
    quote = make_quote(speaker=speaker)
    assert "Hakim al-Zamili" in quote_page(client, quote)
    response = admin_client.post(
        reverse("admin:claims_speaker_change", args=[speaker.pk]),
        {
            "name": "Hakim Zamili",
            "slug": "zamili",
            "aliases": "[]",
            "description": "",
            "change_reason": "",
            "opened_version": speaker.version,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    content = quote_page(client, quote)
    assert "Hakim Zamili" in content and "Hakim al-Zamili" not in content


def test_quote_page_counts_a_source_that_joins_its_claim_later(client):
    quote = make_quote()
    assert "No other article in the collection carries this statement" in quote_page(client, quote)
    other = make_quote()
    Quote.objects.filter(pk=other.pk).update(claim=quote.claim)  # raises no version
    assert "carried by <strong>2 sources</strong>" in quote_page(client, quote)


def test_quote_pages_link_to_each_other_keeping_the_filters(client, seed):
    content = client.get("/quotes/", {"kind": "indirect", "page_size": 10}).content.decode()
    assert 'href="?kind=indirect&amp;page_size=10&amp;page=2" rel="next"' in content
    assert "format=json" in content and "format=csv" in content
