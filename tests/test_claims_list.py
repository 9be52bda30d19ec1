"""/claims/ is a public contract like /quotes/, and every detail page answers ?format=json."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Quote
from tests.factories import (
    make_article,
    make_claim,
    make_membership,
    make_organization,
    make_quote,
    make_speaker,
)

pytestmark = pytest.mark.django_db

RECORD_FIELDS = {
    "key",
    "url",
    "statement",
    "kind",
    "status",
    "speaker",
    "attributed_as",
    "sources",
    "outlets",
    "first_reported",
}
CSV_COLUMNS = [
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
]


def day(n):
    return datetime.date(2015, 10, n)


def carry(claim, text, article, **fields):
    """A quote of `claim` in `article` (whose body holds `text`)."""
    return make_quote(article=article, claim=claim, text=text, speaker=claim.speaker, **fields)


@pytest.fixture
def corpus():
    """Two speakers, three outlets, four articles and four claims (one without quotes).

    - `shared`: Zamili's, direct in the WSJ (7 Oct) and reported by Reuters (21 Oct):
      two articles, two outlets.
    - `partial`: Zamili's, a fragment and reported speech in one Reuters article.
    - `reported`: an unnamed source's reported speech, in an undated article.
    - `orphan`: no quotes.
    """
    wsj = make_organization(name="The Wall Street Journal", slug="wsj", kind="outlet")
    reuters = make_organization(name="Reuters", slug="reuters", kind="agency")
    insider = make_organization(name="Russia Insider", slug="russia-insider", kind="outlet")
    badr = make_organization(name="Badr", slug="badr", kind="militia")
    zamili = make_speaker(name="Hakim al-Zamili", slug="hakim-al-zamili", aliases=["Zamili"])
    abadi = make_speaker(name="Haider al-Abadi", slug="haider-al-abadi")
    make_membership(speaker=zamili, organization=badr, role="head of the security committee")
    first = make_article(
        title="Iraqis urge Russia",
        slug="wsj-1",
        outlet=wsj,
        published=day(7),
        body="Zamili said “we want Russian strikes now” on Monday.",
    )
    second = make_article(
        title="Iraq weighs Russian help",
        slug="reuters-1",
        outlet=insider,
        original_source=reuters,
        published=day(21),
        body="Zamili said Iraq wanted Russian strikes now. He called them “a chance” and "
        "said they were a chance. A source said Baghdad would wait.",
    )
    undated = make_article(
        title="Undated report", slug="undated", body="A source said Baghdad would wait."
    )
    shared = make_claim(statement="we want Russian strikes now", speaker=zamili)
    carry(shared, "we want Russian strikes now", first, attributed_as="Hakim al-Zamili")
    carry(
        shared,
        "Iraq wanted Russian strikes now",
        second,
        kind="indirect",
        status="verified",
        attributed_as="the lawmaker",
    )
    partial = make_claim(statement="a chance", speaker=zamili)
    carry(partial, "a chance", second, kind="partial", status="verified")
    carry(partial, "they were a chance", second, kind="indirect", status="verified")
    reported = make_claim(statement="Baghdad would wait")
    make_quote(
        article=undated,
        claim=reported,
        text="Baghdad would wait",
        kind="indirect",
        status="disputed",
        attributed_as="a source",
    )
    orphan = make_claim(statement="never carried", speaker=abadi)
    return {
        "shared": shared,
        "partial": partial,
        "reported": reported,
        "orphan": orphan,
        "zamili": zamili,
        "abadi": abadi,
    }


def listed(client, **params):
    response = client.get("/claims/", {"format": "json", **params})
    assert response.status_code == 200, response.content
    return response.json()


def keys(client, **params):
    return [r["key"] for r in listed(client, **params)["results"]]


def test_claims_json_follows_the_contract(client, corpus):
    data = listed(client)
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 3 and data["next"] is None and data["previous"] is None
    by_key = {r["key"]: r for r in data["results"]}
    assert all(set(r) == RECORD_FIELDS for r in data["results"])
    shared = by_key[corpus["shared"].key]
    assert shared == {
        "key": corpus["shared"].key,
        "url": f"http://testserver/claims/{corpus['shared'].key}/",
        "statement": "we want Russian strikes now",
        "kind": "direct",
        "status": "unverified",
        "speaker": {
            "name": "Hakim al-Zamili",
            "url": "http://testserver/speakers/hakim-al-zamili/",
        },
        "attributed_as": "Hakim al-Zamili",
        "sources": 2,
        "outlets": ["Reuters", "Russia Insider", "The Wall Street Journal"],
        "first_reported": "2015-10-07",
    }
    reported = by_key[corpus["reported"].key]
    assert reported["speaker"] is None and reported["attributed_as"] == "a source"
    assert reported["first_reported"] is None and reported["outlets"] == []


def test_claims_without_quotes_are_not_listed(client, corpus):
    assert corpus["orphan"].key not in keys(client)
    assert keys(client, speaker="haider-al-abadi") == []


def test_a_claims_kind_is_direct_if_any_quote_is_else_partial_else_indirect(client, corpus):
    kinds = {r["key"]: r["kind"] for r in listed(client)["results"]}
    assert kinds[corpus["shared"].key] == "direct"  # direct and indirect
    assert kinds[corpus["partial"].key] == "partial"  # partial and indirect
    assert kinds[corpus["reported"].key] == "indirect"
    assert keys(client, kind="partial") == [corpus["partial"].key]


def test_a_claims_status_is_its_least_settled_quotes(client, corpus):
    statuses = {r["key"]: r["status"] for r in listed(client)["results"]}
    assert statuses[corpus["shared"].key] == "unverified"  # verified and unverified
    assert statuses[corpus["partial"].key] == "verified"  # every quote verified
    assert statuses[corpus["reported"].key] == "disputed"
    assert keys(client, status="verified") == [corpus["partial"].key]


def test_min_sources_keeps_claims_carried_by_that_many_distinct_articles(client, corpus):
    # `partial` has two quotes in one article: one source.
    assert keys(client, min_sources=2) == [corpus["shared"].key]
    assert sorted(keys(client, min_sources=1)) == sorted(
        corpus[name].key for name in ("shared", "partial", "reported")
    )
    assert keys(client, min_sources=3) == []


def test_each_sort(client, corpus):
    shared, partial, reported = (corpus[n].key for n in ("shared", "partial", "reported"))
    # Newest (the default): by earliest dated source, undated last.
    assert keys(client) == [partial, shared, reported]
    assert keys(client, sort="newest") == [partial, shared, reported]
    assert keys(client, sort="oldest") == [shared, partial, reported]
    assert keys(client, sort="sources") == [shared, partial, reported]
    # By speaker name, unnamed sources last.
    assert keys(client, sort="speaker") == [partial, shared, reported]


def test_filters_by_speaker_alias_and_several_speakers(client, corpus):
    assert sorted(keys(client, speaker="hakim-al-zamili")) == sorted(
        [corpus["shared"].key, corpus["partial"].key]
    )
    assert len(keys(client, speaker="zamili")) == 2  # an alias slug
    assert len(keys(client, speaker=["hakim-al-zamili", "haider-al-abadi"])) == 2


def test_filters_by_organization_outlet_and_article(client, corpus):
    # Zamili is a member of Badr: his claims are Badr's, as his quotes are on /quotes/.
    assert len(keys(client, organization="badr")) == 2
    assert keys(client, outlet="wsj") == [corpus["shared"].key]
    # An outlet carries what it published and what it originated.
    assert sorted(keys(client, outlet="reuters")) == sorted(
        [corpus["shared"].key, corpus["partial"].key]
    )
    assert keys(client, article="undated") == [corpus["reported"].key]


def test_organization_is_repeatable_and_any_chosen_organization_matches(client, corpus):
    abadi = corpus["abadi"]
    government = make_organization(name="Government of Iraq", slug="goi", kind="government")
    make_membership(speaker=abadi, organization=government, role="prime minister")
    article = make_article(body="Abadi said “we will decide”.")
    decide = carry(make_claim(statement="we will decide", speaker=abadi), "we will decide", article)
    assert keys(client, organization="goi") == [decide.claim.key]
    both = keys(client, organization=["goi", "badr"])
    assert sorted(both) == sorted([decide.claim.key, corpus["shared"].key, corpus["partial"].key])


def test_organization_kind_keeps_the_claims_whose_quotes_the_quote_list_keeps(client, corpus):
    """As on /quotes/: a quote naming an organization of the kind, or by a member of one;
    a claim is kept when one of its quotes is."""
    ministry = make_organization(name="Ministry", slug="ministry", kind="government")
    make_membership(speaker=corpus["abadi"], organization=ministry, role="minister")
    article = make_article(body="“we decide” and “we wait”")
    by_member = carry(
        make_claim(statement="we decide", speaker=corpus["abadi"]), "we decide", article
    )
    naming = make_quote(article=article, text="we wait", organization=ministry)
    assert sorted(keys(client, organization_kind="government")) == sorted(
        [by_member.claim.key, naming.claim.key]
    )
    # Zamili is a member of Badr, a militia.
    militia = sorted([corpus["shared"].key, corpus["partial"].key])
    assert sorted(keys(client, organization_kind="militia")) == militia
    for kind in ("government", "militia", "outlet", "agency", "party", "international", "other"):
        quotes = Quote.objects.for_organization_kind(kind)
        expected = set(quotes.values_list("claim__key", flat=True))
        assert set(keys(client, organization_kind=kind)) == expected, kind
    assert client.get("/claims/", {"organization_kind": "church"}).status_code == 400


def test_the_outlet_select_lists_outlets_and_agencies_not_militias(client, corpus):
    html = client.get("/claims/").content.decode()
    outlet_select = html[
        html.index('name="outlet"') : html.index("</select>", html.index('name="outlet"'))
    ]
    assert "Reuters" in outlet_select and "The Wall Street Journal" in outlet_select
    assert "Badr" not in outlet_select


def test_claims_json_has_no_facets_as_quotes_json_has_none(client, corpus):
    assert "facets" not in listed(client, organization_kind="militia")
    assert "facets" not in client.get("/quotes/", {"format": "json"}).json()


def test_the_claims_list_shows_facet_links_with_counts_and_removable_chips(client, corpus):
    html = client.get("/claims/", {"min_sources": "2"}).content.decode()
    assert "Narrow these claims" in html
    assert 'href="/claims/?min_sources=2&amp;organization_kind=militia"' in html
    assert 'aria-label="Remove filter Carried by: 2 or more articles"' in html
    assert 'class="chip__remove" href="/claims/"' in html
    assert '<span class="visually-hidden"> claims</span>' in html
    # Zero counts are hidden: no claim is carried by three articles.
    assert "3 or more articles" not in html


def test_dates_filter_on_the_earliest_dated_source(client, corpus):
    assert keys(client, date_after="2015-10-08") == [corpus["partial"].key]
    assert keys(client, date_before="2015-10-07") == [corpus["shared"].key]


def test_text_finds_statements_and_wordings(client, corpus):
    assert keys(client, q="Baghdad") == [corpus["reported"].key]
    assert corpus["shared"].key in keys(client, q="Russian strikes")


def test_pages_and_page_size(client, corpus):
    first = listed(client, page_size=2)
    assert len(first["results"]) == 2 and first["next"].endswith("page=2")
    second = listed(client, page_size=2, page=2)
    assert len(second["results"]) == 1 and second["previous"]


@pytest.mark.parametrize(
    "params",
    [
        {"speaker": "nobody-at-all"},
        {"organization": "nowhere"},
        {"outlet": "nowhere"},
        {"article": "no-such-article"},
        {"kind": "rumour"},
        {"status": "maybe"},
        {"date_after": "2015-13-45"},
        {"date_before": "yesterday"},
        {"q": "x" * 201},
        {"page": "abc"},
        {"page": "9999"},
        {"page_size": "0"},
        {"page_size": "501"},
        {"min_sources": "two"},
        {"min_sources": "0"},
        {"min_sources": "1.5"},
        {"sort": "random"},
        {"format": "xml"},
    ],
)
def test_invalid_values_answer_400_with_a_message(client, corpus, params):
    response = client.get("/claims/", params)
    assert response.status_code == 400
    assert "could not be applied" in response.content.decode()
    json_response = client.get("/claims/", {**params, "format": params.get("format", "json")})
    assert json_response.status_code == 400
    if "format" not in params:
        assert json_response.json()["error"]


def test_csv_has_the_json_columns(client, corpus):
    response = client.get("/claims/", {"format": "csv", "sort": "sources"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 4
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert first["key"] == corpus["shared"].key and first["sources"] == "2"
    assert first["outlets"] == "Reuters; Russia Insider; The Wall Street Journal"


def test_list_links_each_claim_and_never_quotes_reported_speech(client, corpus):
    html = client.get("/claims/").content.decode()
    assert f'href="/claims/{corpus["shared"].key}/"' in html
    assert "“we want Russian strikes now”" in html
    assert "Baghdad would wait" in html and "“Baghdad would wait”" not in html
    assert "Head of the security committee, Badr" in html  # the speaker's role
    assert "no dated source" in html


def test_home_links_every_count_and_the_navigation_has_claims(client, corpus):
    html = client.get("/").content.decode()
    for name in ("article_list", "quote_list", "claim_list", "speaker_list"):
        path = {"article_list": "/articles/", "quote_list": "/quotes/"}.get(name)
        path = path or {"claim_list": "/claims/", "speaker_list": "/speakers/"}[name]
        assert f'<dd><a href="{path}">' in html
    assert '<dd><a href="/claims/">3</a></dd>' in html  # the claims the list shows
    assert '<li><a href="/claims/">Claims</a></li>' in html


def test_derived_columns_follow_every_write(corpus):
    """The database keeps a claim's articles, first date, kind and status as its quotes
    move, change, go and as an article's date changes; a stale save cannot undo them."""
    shared, partial = corpus["shared"], corpus["partial"]
    direct = Quote.objects.get(claim=shared, kind="direct")
    direct.claim = partial
    direct.save()
    shared.refresh_from_db()
    partial.refresh_from_db()
    assert (shared.article_count, shared.kind, shared.first_reported) == (1, "indirect", day(21))
    assert (partial.article_count, partial.kind, partial.status) == (2, "direct", "unverified")
    direct.article.published = day(1)
    direct.article.save()
    partial.refresh_from_db()
    assert partial.first_reported == day(1)
    stale = Claim.objects.get(pk=partial.pk)
    Quote.objects.filter(claim=partial).update(status="verified")
    stale.notes = "checked"
    stale.save()  # writes the stale status back
    stale.refresh_from_db()
    assert stale.status == "verified"
    Quote.objects.filter(claim=shared).delete()
    shared.refresh_from_db()
    assert (shared.article_count, shared.kind, shared.status) == (0, "", "")
    assert shared.first_reported is None


@pytest.mark.parametrize("url", ["/claims/?page_size=100", "/claims/?format=json&page_size=100"])
def test_claim_list_query_count_is_the_same_at_5_and_50_rows(client, url):
    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili")
    make_membership(speaker=speaker, role="head")

    def add(numbers):
        for i in numbers:
            article = make_article(body=f"He said “we will win {i}” today.")
            make_quote(article=article, speaker=speaker, text=f"we will win {i}")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(range(5))
    with_5 = count()
    add(range(5, 50))
    assert Claim.objects.listed().count() == 50
    with_50 = count()
    # The data version (claims/scale/page_cache.py), then the page and its facets.
    assert with_5 == with_50 and with_50 <= 9


# Detail pages as JSON


def test_claim_json_lists_each_source_with_its_wording_and_offsets(client, corpus):
    shared = corpus["shared"]
    data = client.get(f"/claims/{shared.key}/", {"format": "json"}).json()
    assert RECORD_FIELDS <= set(data)
    assert data["sources"] == 2 and data["kind"] == "direct"
    assert data["role"] == {
        "role": "head of the security committee",
        "organization": {"name": "Badr", "url": "http://testserver/organizations/badr/"},
    }
    first, second = data["quotes"]
    assert first["text"] == "we want Russian strikes now" and first["kind"] == "direct"
    assert first["outlet"]["name"] == "The Wall Street Journal"
    assert first["original_source"] is None
    assert second["outlet"]["name"] == "Russia Insider"
    assert second["original_source"]["name"] == "Reuters"
    for source in data["quotes"]:
        quote = Quote.objects.get(pk=source["id"])
        assert quote.article.body[source["start"] : source["end"]] == source["text"]
        assert source["article"]["url"].endswith(quote.article.get_absolute_url())


def test_quote_speaker_organization_and_article_pages_answer_json(client, corpus):
    quote = Quote.objects.get(claim=corpus["shared"], kind="direct")
    data = client.get(f"/quotes/{quote.pk}/", {"format": "json"}).json()
    assert data["text"] == quote.text and data["claim"]["key"] == corpus["shared"].key
    assert data["claim"]["quotes"] == 2 and data["start"] == quote.start
    speaker = client.get("/speakers/hakim-al-zamili/", {"format": "json"}).json()
    assert speaker["name"] == "Hakim al-Zamili" and speaker["quote_count"] == 4
    assert len(speaker["quotes"]) == 4 and speaker["roles"][0]["organization"]["name"] == "Badr"
    badr = client.get("/organizations/badr/", {"format": "json"}).json()
    assert badr["kind"] == "militia" and badr["members"][0]["speaker"]["name"] == "Hakim al-Zamili"
    assert len(badr["quotes"]) == 4
    reuters = client.get("/organizations/reuters/", {"format": "json"}).json()
    assert [a["title"] for a in reuters["originated_articles"]] == ["Iraq weighs Russian help"]
    article = client.get("/articles/reuters-1/", {"format": "json"}).json()
    assert article["original_source"]["name"] == "Reuters" and article["quote_count"] == 3
    assert all(article["body"][q["start"] : q["end"]] == q["text"] for q in article["quotes"])


@pytest.mark.parametrize("fmt", ["xml", "csv"])
def test_detail_pages_answer_400_to_an_unknown_format(client, corpus, fmt):
    quote = Quote.objects.first()
    for url in [
        f"/claims/{corpus['shared'].key}/",
        f"/quotes/{quote.pk}/",
        "/speakers/hakim-al-zamili/",
        "/organizations/badr/",
        "/articles/wsj-1/",
    ]:
        response = client.get(url, {"format": fmt})
        assert response.status_code == 400, url
        assert "format" in response.content.decode()
        assert client.get(url).status_code == 200


def test_a_cached_row_changes_at_once_when_its_claim_or_sources_do(client, corpus):
    reported = corpus["reported"]
    client.get("/claims/")  # rows drawn and cached
    reported.statement = "Baghdad would wait and see"
    reported.save()  # through the ORM: no version raised
    assert "Baghdad would wait and see" in client.get("/claims/").content.decode()
    other = make_article(slug="later", published=day(25), body="He said Baghdad would wait.")
    make_quote(article=other, claim=reported, text="Baghdad would wait", kind="direct")
    html = client.get("/claims/").content.decode()
    assert "“Baghdad would wait and see”" in html  # now direct, so quoted
    assert "Carried by 2 articles" in html and "25 October 2015" in html


def test_an_unknown_quote_is_404_as_json_too(client, corpus):
    for pk in (999999, 2**64):
        assert client.get(f"/quotes/{pk}/", {"format": "json"}).status_code == 404
