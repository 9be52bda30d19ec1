"""Scale features on small data: synthetic data, bounded counts, full-text search, budgets."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Article, Claim, Organization, Quote, Speaker
from tests.factories import make_article, make_organization, make_quote, make_speaker

pytestmark = pytest.mark.django_db


def synthetic_rows():
    return list(
        Quote.objects.order_by("pk").values_list(
            "article__slug",
            "article__published",
            "speaker__slug",
            "claim__key",
            "text",
            "start",
            "end",
            "kind",
            "status",
            "published",
        )
    )


def test_generate_synthetic_is_deterministic_for_a_seed(db):
    call_command("generate_synthetic", "--quotes", "500", "--seed", "7", stdout=None)
    first = synthetic_rows()
    Quote.objects.all().delete()
    Claim.objects.all().delete()
    Article.objects.all().delete()
    Speaker.objects.all().delete()
    Organization.objects.all().delete()
    call_command("generate_synthetic", "--quotes", "500", "--seed", "7", stdout=None)
    assert synthetic_rows() == first
    assert len(first) == 500


def test_generate_synthetic_has_the_documented_shape(db):
    call_command("generate_synthetic", "--quotes", "2000", "--seed", "1", stdout=None)
    assert Quote.objects.count() == 2000
    assert 150 <= Article.objects.count() <= 250  # about ten quotes an article
    per_speaker = sorted(
        Counter(Quote.objects.exclude(speaker=None).values_list("speaker_id", flat=True)).values(),
        reverse=True,
    )
    # Long tail: the heaviest speaker has far more quotes than the median one.
    assert per_speaker[0] >= 10 * per_speaker[len(per_speaker) // 2]
    years = {d.year for d in Article.objects.values_list("published", flat=True)}
    assert min(years) == 2015 and max(years) == 2025
    assert Claim.objects.filter(quotes__isnull=False).distinct().count() < Quote.objects.count()
    for quote in Quote.objects.select_related("article")[:200]:
        assert quote.article.body[quote.start : quote.end] == quote.text
        assert quote.published == quote.article.published


def make_many(n):
    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili")
    article = make_article(body=" ".join(f"“we will win {i}”" for i in range(n)))
    for i in range(n):
        make_quote(article=article, speaker=speaker, text=f"we will win {i}")
    return speaker


def test_large_results_say_more_than_the_bound(client, settings):
    settings.COUNT_BOUND = 5
    make_many(12)
    html = client.get("/quotes/", {"page_size": 2}).content.decode()
    assert "more than 5 quotes" in html
    data = client.get("/quotes/", {"format": "json", "page_size": 2}).json()
    assert data["count"] == 5 and data["next"]
    last = client.get("/quotes/", {"format": "json", "page_size": 2, "page": 6}).json()
    assert last["count"] == 12 and last["next"] is None and len(last["results"]) == 2
    assert client.get("/quotes/", {"page_size": 2, "page": 7}).status_code == 400


def test_small_results_count_exactly(client, settings):
    settings.COUNT_BOUND = 50
    make_many(12)
    html = client.get("/quotes/", {"page_size": 5}).content.decode()
    assert "12 quotes" in html and "more than" not in html
    assert client.get("/quotes/", {"format": "json", "page_size": 5}).json()["count"] == 12


def test_home_counts_are_bounded(client, settings):
    settings.COUNT_BOUND = 5
    make_many(12)
    assert "more than 5" in client.get("/").content.decode()


def test_facets_past_the_sample_say_they_are_a_sample(client, settings):
    settings.FACET_SAMPLE = 4
    make_many(12)
    response = client.get("/quotes/")
    assert "from the first 4 matching quotes" in response.content.decode()
    assert sum(response.context["facets"].counts["kind"].values()) == 4


def test_long_option_lists_keep_the_chosen_and_most_frequent(client, settings):
    settings.FILTER_CHOICES_LIMIT = 2
    heavy = make_many(6)
    light = make_speaker(name="Sergei Lavrov", slug="lavrov")
    make_speaker(name="Nobody Quoted", slug="nobody")
    make_quote(article=make_article(body="He said “polite people” today."), speaker=light)
    response = client.get("/quotes/", {"speaker": "lavrov"})
    assert response.status_code == 200
    options = dict(response.context["facets"].choices["speaker"])
    assert options == {"lavrov": "Sergei Lavrov (1)", heavy.slug: "Hakim al-Zamili (6)"}
    assert client.get("/quotes/", {"speaker": "no-such-person"}).status_code == 400


def search(client, q):
    data = client.get("/quotes/", {"format": "json", "q": q, "page_size": 500}).json()
    return sorted(r["text"] for r in data["results"])


def test_text_search_uses_the_index_and_follows_edits_and_deletes(client):
    article = make_article(body="He said “polite people” and “rude people” and “nothing”.")
    polite = make_quote(article=article, text="polite people")
    make_quote(article=article, text="rude people")
    assert search(client, "polite people") == ["polite people"]
    assert search(client, "people") == ["polite people", "rude people"]
    assert search(client, "peop") == ["polite people", "rude people"]  # last word a prefix
    start = article.body.index("nothing")
    polite.text, polite.start, polite.end = "nothing", start, start + len("nothing")
    polite.save()
    assert search(client, "polite") == []
    assert search(client, "nothing") == ["nothing"]
    polite.delete()
    assert search(client, "nothing") == []


def test_text_search_matches_speaker_aliases_and_attribution(client):
    speaker = make_speaker(name="Moeen al-Kadhimi", slug="kadhimi", aliases=["Muen Kadhimi"])
    make_quote(speaker=speaker)
    make_quote(attributed_as="a senior Shiite politician")
    assert len(search(client, "Muen")) == 1
    assert len(search(client, "shiite politician")) == 1


def test_search_page_finds_claims_and_articles_by_full_text(client):
    article = make_article(title="Airstrikes debated", body="He said “bomb them now” today.")
    make_quote(article=article, text="bomb them now")
    content = client.get("/search/", {"q": "bomb them"}).content.decode()
    assert "<mark>bomb them</mark> now" in content
    assert (
        "<mark>Airstrikes</mark> debated"
        in client.get("/search/", {"q": "airstrikes"}).content.decode()
    )


def test_quote_published_follows_the_article(db):
    article = make_article(published="2020-01-02")
    quote = make_quote(article=article)
    assert Quote.objects.get(pk=quote.pk).published.isoformat() == "2020-01-02"
    article.published = "2021-05-06"
    article.save()
    assert Quote.objects.get(pk=quote.pk).published.isoformat() == "2021-05-06"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/quotes/",
        "/quotes/?speaker=zamili",
        "/quotes/?speaker=zamili&kind=direct",
        "/quotes/?q=win&date_after=2015-01-01",
        "/quotes/?page=3&page_size=2",
        "/speakers/zamili/",
        "/search/?q=win",
    ],
)
def test_list_pages_stay_within_ten_queries(client, settings, url):
    settings.COUNT_BOUND = 5
    settings.FACET_SAMPLE = 4
    settings.FILTER_CHOICES_LIMIT = 2
    make_many(12)
    make_speaker()
    make_speaker()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 10, [q["sql"][:120] for q in queries]


EVERY_FILTER = {
    "speaker": "zamili",
    "organization": "pmf",
    "outlet": "wire",
    "kind": "direct",
    "status": "unverified",
    "date_after": "2015-01-01",
    "date_before": "2016-01-01",
}


@pytest.mark.parametrize(
    "extra",
    [{}, {"q": "win"}, {"q": "win", "page": "2", "page_size": "1"}, {"format": "json"}],
)
def test_a_page_with_every_filter_set_stays_within_ten_queries(client, settings, extra):
    settings.COUNT_BOUND = 1
    settings.FACET_SAMPLE = 1
    settings.FILTER_CHOICES_LIMIT = 1
    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili")
    wire = make_organization(name="Wire", slug="wire")
    pmf = make_organization(name="Popular Mobilization Forces", slug="pmf")
    article = make_article(
        outlet=wire, published="2015-10-02", body="“we will win” and “we will win again”"
    )
    for text in ("we will win", "we will win again"):
        make_quote(article=article, speaker=speaker, organization=pmf, text=text)
    params = {**EVERY_FILTER, "article": article.slug, **extra}
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/quotes/", params)
    assert response.status_code == 200
    assert len(queries) <= 10, [q["sql"][:120] for q in queries]
    if "format" not in extra:
        assert "options have no counts" in response.context["facets"].note
        assert (
            f"#q{Quote.objects.filter(text='we will win').get().pk}" in (response.content.decode())
            or extra.get("page") == "2"
        )


def full_text_queries(queries):
    return [q for q in queries if "claims_quote_fts" in q["sql"] or "search_vector @@" in q["sql"]]


def test_first_page_of_a_text_search_matches_once_and_still_counts(client, settings):
    settings.COUNT_BOUND = 5
    make_many(12)
    with CaptureQueriesContext(connection) as queries:
        data = client.get("/quotes/", {"format": "json", "q": "win", "page_size": 2}).json()
    assert data["count"] == 5 and data["next"] and len(data["results"]) == 2
    assert len(full_text_queries(queries)) == 1
    settings.COUNT_BOUND = 50
    html = client.get("/quotes/", {"q": "win", "page_size": 5}).content.decode()
    assert "12 quotes" in html and "more than" not in html
    assert client.get("/quotes/", {"format": "json", "q": "win"}).json()["count"] == 12


def test_a_text_search_page_counts_its_facets_on_the_keys_it_read(client):
    speaker = make_many(3)
    other = make_speaker(name="Sergei Lavrov", slug="lavrov")
    article = make_article(body="“we will win too” and “we lose”")
    make_quote(article=article, speaker=other, text="we will win too")
    make_quote(article=article, speaker=other, text="we lose")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/quotes/", {"q": "win"})
    assert len(full_text_queries(queries)) == 1
    facets = response.context["facets"].counts
    assert facets["speaker"] == {speaker.slug: 3, "lavrov": 1}
    assert sum(facets["kind"].values()) == 4


def test_a_repeated_text_search_reuses_its_first_page_until_a_quote_is_saved(client):
    speaker = make_many(3)
    params = {"format": "json", "q": "win"}
    assert client.get("/quotes/", params).json()["count"] == 3
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/quotes/", params).json()["count"] == 3
    assert full_text_queries(queries) == []
    article = make_article(body="He said “we will win again” later.")
    added = make_quote(article=article, speaker=speaker, text="we will win again")
    data = client.get("/quotes/", params).json()
    assert data["count"] == 4 and added.pk in [row["id"] for row in data["results"]]
    verified = {**params, "status": "verified"}
    assert client.get("/quotes/", verified).json()["count"] == 0
    added.status = "verified"
    added.save()
    assert [row["id"] for row in client.get("/quotes/", verified).json()["results"]] == [added.pk]


def test_short_option_lists_show_a_new_speaker_at_once(client):
    make_many(2)
    client.get("/quotes/")
    make_speaker(name="Sergei Lavrov", slug="lavrov")
    options = dict(client.get("/quotes/").context["filter"].form.fields["speaker"].choices)
    assert "lavrov" in options


def test_a_long_option_list_is_not_reread_on_every_request(client, settings):
    settings.FILTER_CHOICES_LIMIT = 2
    make_many(3)
    make_speaker()
    make_speaker()
    with CaptureQueriesContext(connection) as first:
        client.get("/quotes/")
    with CaptureQueriesContext(connection) as again:
        client.get("/quotes/")

    def speaker_lists(queries):
        return [q for q in queries if "'all speaker'" in q["sql"]]

    assert len(speaker_lists(first)) == 1 and speaker_lists(again) == []
    assert len(again) < len(first)


def test_when_every_option_list_is_long_an_unfiltered_page_reads_none_of_them(client, settings):
    settings.FILTER_CHOICES_LIMIT = 1
    make_many(2)
    make_article()
    make_organization()
    make_organization()
    make_speaker()
    assert client.get("/quotes/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/quotes/").status_code == 200
    assert not [q for q in queries if "'all " in q["sql"] or "'chosen " in q["sql"]]


def test_sampled_facets_of_a_filtered_page_do_not_stand_in_for_the_unfiltered_page(
    client, settings
):
    settings.FACET_SAMPLE = 4
    make_many(12)
    # Ignoring its own filter, /quotes/?speaker=… reads the rows /quotes/ reads but counts
    # only the speaker facet; /quotes/ must not take those counts for all of its facets.
    assert client.get("/quotes/", {"speaker": "zamili"}).status_code == 200
    response = client.get("/quotes/")
    assert response.status_code == 200
    assert sum(response.context["facets"].counts["kind"].values()) == 4


def test_a_count_past_the_bound_is_not_recounted_on_every_request(client, settings, no_page_cache):
    settings.COUNT_BOUND = 2
    make_many(5)

    def counts(queries):
        return [q for q in queries if q["sql"].startswith("SELECT COUNT(*)")]

    with CaptureQueriesContext(connection) as first:
        assert "more than 2 quotes" in client.get("/quotes/", {"page_size": 1}).content.decode()
    with CaptureQueriesContext(connection) as again:
        assert "more than 2 quotes" in client.get("/quotes/", {"page_size": 1}).content.decode()
    assert len(counts(first)) == 1 and counts(again) == []
    settings.COUNT_BOUND = 50  # a small count is counted afresh every time
    assert "5 quotes" in client.get("/quotes/", {"page_size": 1}).content.decode()


def test_search_results_are_reused_until_a_quote_is_saved(client):
    make_many(2)
    assert "we will <mark>win</mark> 1" in client.get("/search/", {"q": "win"}).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/", {"q": "win"})
    # The latest change, which keys the cached results (PostgreSQL also reads its snapshot,
    # the data version of whole pages, which a test's own transaction does not use).
    reads = [q for q in queries if "pg_current_snapshot" not in q["sql"]]
    assert len(reads) == 1
    article = make_article(body="“we will win for sure”")
    make_quote(article=article, text="we will win for sure")
    assert (
        "we will <mark>win</mark> for sure" in client.get("/search/", {"q": "win"}).content.decode()
    )


@pytest.mark.parametrize("url", ["/speakers/", "/organizations/", "/articles/"])
def test_entity_lists_count_only_the_rows_on_their_page(client, settings, url):
    """The list's keys come from the plain table; counts are computed for one page."""
    settings.COUNT_BOUND = 5
    make_many(3)
    for n in range(4):
        make_organization(name=f"Outlet {n}", slug=f"outlet-{n}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 2})
    assert response.status_code == 200
    keys = [q["sql"] for q in queries if q["sql"].endswith("LIMIT 3")]
    assert keys and "claims_quote" not in keys[0]


def test_organization_quote_counts_count_named_and_member_quotes_once(db):
    from claims.models import Membership

    speaker = make_many(2)
    party = make_organization(name="Party", slug="party")
    Membership.objects.create(speaker=speaker, organization=party)
    quote = Quote.objects.first()
    quote.organization = party
    quote.save()
    assert Organization.objects.quote_counts([party.pk]) == {party.pk: 2}
    assert Organization.objects.listing_rows([party.pk])[party.pk].quote_count == 2


@pytest.mark.parametrize("url, name", [("/speakers/", "organization"), ("/articles/", "outlet")])
def test_a_long_organization_select_offers_the_chosen_one_and_the_top_ones(
    client, settings, url, name
):
    from claims.models import Membership

    settings.FILTER_CHOICES_LIMIT = 2
    orgs = [make_organization(name=f"Org {n}", slug=f"org-{n}", kind="outlet") for n in range(4)]
    for org in orgs[2:]:
        Membership.objects.create(speaker=make_speaker(), organization=org)
        make_article(outlet=org)
    response = client.get(url, {name: "org-0"})
    assert response.status_code == 200
    offered = [value for value, _ in response.context["filter"].form.fields[name].choices]
    assert {"org-0", "org-2", "org-3"} <= set(offered) and "org-1" not in offered
    assert client.get(url, {name: "no-such-org"}).status_code == 400


@pytest.mark.parametrize("bound", [1, 50])
def test_an_organization_page_lists_the_same_quotes_whichever_way_it_reads_them(
    client, settings, bound
):
    from claims.models import Membership

    settings.COUNT_BOUND = bound  # 1: dense, walk the date index; 50: sort the two id sets
    member = make_many(3)
    party = make_organization(name="Party", slug="party")
    Membership.objects.create(speaker=member, organization=party)
    article = make_article(published="2016-01-01", body="“we lead”")
    named = make_quote(article=article, text="we lead", organization=party)
    expected = list(Quote.objects.for_organization(party.pk).newest_first())
    assert len(expected) == 4 and expected[0] == named
    assert list(Quote.objects.newest_for_organization(party.pk)) == expected
    response = client.get("/organizations/party/")
    assert list(response.context["quotes"]) == expected


# The claims.scale package on its own.


def test_only_claims_scale_touches_the_cache_or_writes_raw_sql():
    from pathlib import Path

    import claims

    root = Path(claims.__file__).parent
    outside = [
        path
        for path in root.rglob("*.py")
        if path.relative_to(root).parts[0] not in ("scale", "migrations", "management")
    ]
    for path in outside:
        text = path.read_text()
        for needle in ("django.core.cache", "RawSQL", ".cursor(", ".raw(", "getattr(settings"):
            assert needle not in text, f"{path.name} holds {needle}"


def test_equal_inputs_give_equal_cache_keys_and_different_inputs_different_ones():
    from claims.scale.cache import digest_key

    assert digest_key("card", 1, ("a",)) == digest_key("card", 1, ("a",))
    assert digest_key("card", 1, ("a",)) != digest_key("card", 2, ("a",))
    assert digest_key("card", 1).startswith("card:")


def test_remember_computes_once_and_keeps_only_what_keep_accepts():
    from claims import scale

    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert scale.remember("search", "q", compute) == 1
    assert scale.remember("search", "q", compute) == 1
    assert scale.remember("search", "other", compute) == 2
    assert scale.remember("large-count", "n", compute, keep=lambda n: n > 10) == 3
    assert scale.remember("large-count", "n", compute, keep=lambda n: n > 10) == 4


def test_remember_many_computes_only_the_missing_values():
    from claims import scale

    asked = []

    def compute(ids):
        asked.append(sorted(ids))
        return {id_: id_ * 10 for id_ in ids if id_ != 3}

    assert scale.remember_many("card", {1: "a", 2: "b"}, compute) == {1: 10, 2: 20}
    assert scale.remember_many("card", {1: "a", 2: "b", 3: "c"}, compute) == {1: 10, 2: 20}
    assert asked == [[1, 2], [3]]


def test_an_unknown_cache_name_is_an_error():
    from claims import scale

    with pytest.raises(KeyError):
        scale.remember("no-such-cache", "x", lambda: 1)


def test_an_aggregate_over_an_exact_count_is_always_fresh_and_a_large_one_kept():
    from claims import scale

    values = iter(range(10))
    small, large = scale.BoundedCount(3), scale.BoundedCount(5, exact=False)
    assert scale.aggregate("chart", small, lambda: next(values)) == 0
    assert scale.aggregate("chart", small, lambda: next(values)) == 1
    assert scale.aggregate("chart", large, lambda: next(values)) == 2
    assert scale.aggregate("chart", large, lambda: next(values)) == 2


def test_a_bounded_count_prints_as_a_lower_bound_past_the_bound(settings):
    from claims import scale

    settings.COUNT_BOUND = 2
    make_many(3)
    count = scale.bounded_count(Quote.objects.all())
    assert (int(count), count.exact, str(count)) == (2, False, "more than 2")
    exact = scale.bounded_count(Quote.objects.all(), bound=5)
    assert (int(exact), exact.exact, str(exact)) == (3, True, "3")


@pytest.mark.parametrize(
    "query, message",
    [
        ("page_size=0", "page_size must be between 1 and 500."),
        ("page_size=x", "page_size must be a whole number."),
        ("page=x", "page must be a whole number."),
        ("page=9", "There is no page 9."),
    ],
)
def test_paginate_refuses_a_bad_page_with_a_message(query, message):
    from django.core.exceptions import BadRequest
    from django.test import RequestFactory

    from claims import scale

    make_many(2)
    request = RequestFactory().get("/quotes/?" + query)
    with pytest.raises(BadRequest, match=message):
        scale.paginate(request, Quote.objects.order_by("pk"))


def test_a_page_knows_its_next_page_without_counting_every_row(settings):
    from django.test import RequestFactory

    from claims import scale

    settings.COUNT_BOUND = 50
    make_many(5)
    request = RequestFactory().get("/quotes/?page_size=2&page=3")
    page = scale.paginate(request, Quote.objects.order_by("pk"))
    assert not page.has_next() and len(page.object_list) == 1
    assert page.paginator.count == 5 and page.paginator.count.exact


def test_a_quote_page_is_none_for_a_quote_that_does_not_exist():
    from claims import scale

    assert scale.quote_page(123456, lambda claim_quotes: "x") is None
    assert scale.quote_page(2**70, lambda claim_quotes: "x") is None


def test_text_without_words_matches_nothing_through_the_index():
    from claims.scale.sql import text_matches

    assert text_matches("claims_quote", "“ — ”") is None
