"""Quote cards are cached by the versions they show: warm pages skip loading the quotes,
and an edit through a service shows at once on every page that draws the card."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.models import Quote
from claims.scale import quote_cards
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db


def full_quote_loads(queries):
    return [q for q in queries if '"claims_quote"."text"' in q["sql"]]


def test_a_warm_quote_list_draws_its_cards_without_loading_quotes(client):
    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili")
    make_quote(speaker=speaker)
    cold = client.get("/quotes/")
    with CaptureQueriesContext(connection) as queries:
        warm = client.get("/quotes/")
    assert full_quote_loads(queries) == []
    assert warm.content == cold.content
    assert "Hakim al-Zamili" in warm.content.decode()


def test_an_edited_speaker_or_quote_shows_at_once_on_cached_cards(client):
    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili")
    quote = make_quote(speaker=speaker, article=make_article(published="2015-10-02"))
    pages = ["/", "/quotes/", "/speakers/zamili/", f"/quotes/{quote.pk}/"]
    card_speaker = 'class="quote__speaker" href="/speakers/zamili/">{}</a>'.format
    for page in pages:
        assert card_speaker("Hakim al-Zamili") in client.get(page).content.decode(), page
    speaker.name = "Hakim Al-Zamili (MP)"
    services.record_save_checked(obj=speaker, expected_version=speaker.version, reason="t")
    for page in pages:
        assert card_speaker("Hakim Al-Zamili (MP)") in client.get(page).content.decode(), page
    quote = Quote.objects.get(pk=quote.pk)
    quote.status = "disputed"
    services.record_save_checked(obj=quote, expected_version=quote.version, reason="t")
    for page in pages:
        assert "badge--disputed" in client.get(page).content.decode(), page


def test_a_quote_deleted_between_reads_is_left_out_of_the_page(client, monkeypatch):
    first, second = make_quote(), make_quote()
    real = quote_cards._drawn

    def delete_then_draw(keys, *args):
        Quote.objects.filter(pk=first.pk).delete()
        return real(keys, *args)

    monkeypatch.setattr(quote_cards, "_drawn", delete_then_draw)
    response = client.get("/quotes/")
    assert response.status_code == 200
    assert f"#q{second.pk}" in response.content.decode()
    assert f"#q{first.pk}" not in response.content.decode()


def test_a_loaded_quote_and_the_versions_query_give_one_cache_key():
    speaker = make_speaker()
    quote = Quote.objects.for_listing().get(pk=make_quote(speaker=speaker).pk)
    assert quote_cards.versions_of(quote) == quote_cards.card_versions([quote.pk])[quote.pk]


def test_json_records_are_reused_per_site_and_follow_edits(client):
    from django.core.cache import cache

    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili")
    make_quote(speaker=speaker)
    cold = client.get("/quotes/", {"format": "json"}).json()
    with CaptureQueriesContext(connection) as queries:
        warm = client.get("/quotes/", {"format": "json"}).json()
    assert warm == cold and full_quote_loads(queries) == []
    other_site = client.get("/quotes/", {"format": "json"}, HTTP_HOST="localhost").json()
    assert other_site["results"][0]["url"].startswith("http://localhost/")
    speaker.name = "Hakim Al-Zamili (MP)"
    services.record_save_checked(obj=speaker, expected_version=speaker.version, reason="t")
    renamed = client.get("/quotes/", {"format": "json"}).json()
    assert renamed["results"][0]["speaker"]["name"] == "Hakim Al-Zamili (MP)"
    cache.clear()
    assert client.get("/quotes/", {"format": "json"}).json() == renamed


def test_a_one_page_result_reuses_its_facet_counts_until_a_quote_changes(client, no_page_cache):
    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili")
    quote = make_quote(speaker=speaker)
    make_quote(speaker=speaker)

    def facet_reads(queries):
        return [q for q in queries if '"speaker__slug"' in q["sql"]]

    with CaptureQueriesContext(connection) as cold:
        first = client.get("/quotes/", {"speaker": "zamili"})
    assert first.context["facets"].counts["status"] == {"unverified": 2}
    with CaptureQueriesContext(connection) as warm:
        again = client.get("/quotes/", {"speaker": "zamili"})
    # Only the speaker facet (counted without the speaker filter) is read again.
    assert len(facet_reads(cold)) == 2 and len(facet_reads(warm)) == 1
    assert again.context["facets"].counts["status"] == {"unverified": 2}
    quote = Quote.objects.get(pk=quote.pk)
    quote.status = "verified"
    services.record_save_checked(obj=quote, expected_version=quote.version, reason="t")
    after = client.get("/quotes/", {"speaker": "zamili"})
    assert after.context["facets"].counts["status"] == {"unverified": 1, "verified": 1}
