"""Whole pages kept under the URL and the data version (claims/scale/page_cache.py).

These tests commit their writes (transaction=True): on PostgreSQL the data version is the
snapshot of committed transactions, and a connection whose own transaction has written keeps
nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Quote, Speaker
from claims.scale.sql import counted_tables, data_version
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def quotes():
    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili")
    article = make_article(body="“we will win” and “we will stay”")
    make_quote(article=article, speaker=speaker, text="we will win")
    make_quote(article=article, speaker=speaker, text="we will stay")
    return speaker


PAGES = ["/", "/quotes/?speaker=zamili", "/claims/", "/speakers/", "/speakers/zamili/"]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_asked_again_is_answered_from_one_query(client, quotes, url):
    first = client.get(url)
    with CaptureQueriesContext(connection) as again:
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert len(again) == 1  # the data version


@pytest.mark.parametrize("url", PAGES)
def test_a_renamed_speaker_shows_at_once_on_every_page(client, quotes, url):
    assert "Hakim al-Zamili" in client.get(url).content.decode()
    quotes.name = "Hakim al-Zamily"
    quotes.save()
    html = client.get(url).content.decode()
    assert "Hakim al-Zamily" in html and "Hakim al-Zamili" not in html


def test_writes_that_bypass_the_models_show_at_once(client, quotes):
    assert "Hakim al-Zamili" in client.get("/speakers/").content.decode()
    Speaker.objects.filter(slug="zamili").update(name="Hakim al-Zamily")
    assert "Hakim al-Zamily" in client.get("/speakers/").content.decode()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_speaker SET name = 'H. al-Zamili' WHERE slug = 'zamili'")
    assert "H. al-Zamili" in client.get("/speakers/").content.decode()
    Quote.objects.all().delete()
    Speaker.objects.filter(slug="zamili").delete()
    assert "al-Zamili" not in client.get("/speakers/").content.decode()


def test_a_new_claim_shows_on_the_claims_list(client, quotes):
    before = client.get("/claims/", {"format": "json"}).json()["count"]
    make_quote(article=make_article(body="“we will go on”"), speaker=quotes)
    assert client.get("/claims/", {"format": "json"}).json()["count"] == before + 1
    assert Claim.objects.count() == before + 1


def test_pages_are_kept_per_url(client, quotes):
    make_speaker(name="Sergei Lavrov", slug="lavrov")
    assert "Hakim al-Zamili" in client.get("/speakers/zamili/").content.decode()
    assert "Sergei Lavrov" in client.get("/speakers/lavrov/").content.decode()
    json = client.get("/quotes/", {"format": "json"})
    assert json["Content-Type"].startswith("application/json")
    assert client.get("/quotes/")["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "url", ["/quotes/?date_after=yesterday", "/quotes/?format=csv", "/speakers/nobody/"]
)
def test_errors_and_streamed_downloads_are_not_kept(client, quotes, url):
    first = client.get(url)
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert first.status_code in (200, 400, 404)
    assert len(again) > 1


def test_a_page_larger_than_the_bound_is_not_kept(client, quotes, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1_000
    client.get("/quotes/")
    with CaptureQueriesContext(connection) as again:
        client.get("/quotes/")
    assert len(again) > 1


def test_a_transaction_that_has_written_keeps_nothing(quotes):
    assert data_version() is not None
    with transaction.atomic():
        Speaker.objects.filter(pk=quotes.pk).update(name="Hakim al-Zamily")
        assert data_version() is None


def test_a_page_drawn_in_a_rolled_back_transaction_is_never_served(client, quotes):
    with transaction.atomic():
        Speaker.objects.filter(pk=quotes.pk).update(name="Hakim al-Zamily")
        assert "Hakim al-Zamily" in client.get("/speakers/").content.decode()
        transaction.set_rollback(True)
    Speaker.objects.filter(pk=quotes.pk).update(name="H. al-Zamili")
    assert "H. al-Zamili" in client.get("/speakers/").content.decode()


def test_a_kept_page_keeps_its_headers_and_body(client, quotes):
    first = client.get("/quotes/", {"format": "json"})
    again = client.get("/quotes/", {"format": "json"})
    assert again["Content-Type"] == first["Content-Type"] and again.json() == first.json()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the change counter is SQLite's")
def test_every_migrate_moves_the_data_version():
    before = data_version()
    call_command("migrate", verbosity=0)
    assert data_version() != before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the change counter is SQLite's")
def test_every_table_of_the_app_counts_its_writes():
    with connection.cursor() as cursor:
        tables = counted_tables(cursor)
        cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {}
        for table, name in cursor.fetchall():
            triggers.setdefault(table, set()).add(name)
    models = apps.get_app_config("claims").get_models(include_auto_created=True)
    app_tables = {model._meta.db_table for model in models}
    assert app_tables | {"auth_user"} <= set(tables)
    for table in tables:
        assert {f"{table}_counts_{e}" for e in ("insert", "update", "delete")} <= triggers[table]
