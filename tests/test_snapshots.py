"""The `seed` fixture's copy of the seed data is what a real `seed_load` writes, and a
snapshot copies only what it can reproduce."""

import json
from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from claims.models import Article, Claim, Membership, Quote, SlugRedirect, Speaker
from claims.services import seed_load
from tests.conftest import SEED_FIXTURE
from tests.snapshots import Snapshot, columns, read_rows, tables_in_insert_order

pytestmark = pytest.mark.django_db


def content():
    """Row counts per table and the seed's rows by natural key, free of primary keys."""
    return {
        "counts": {
            model._meta.label: count
            for model in tables_in_insert_order()
            if (count := model._base_manager.count())
        },
        "speakers": list(
            Speaker.objects.order_by("slug").values_list("slug", "name", "aliases", "search_names")
        ),
        "quotes": list(
            Quote.objects.order_by("article__slug", "start").values_list(
                "article__slug",
                "start",
                "end",
                "text",
                "kind",
                "status",
                "speaker__slug",
                "organization__slug",
                "attributed_as",
                "claim__key",
                "published",
            )
        ),
        "claims": set(Claim.objects.values_list("key", "statement", "speaker__slug")),
        "memberships": set(
            Membership.objects.values_list("speaker__slug", "organization__slug", "role")
        ),
        "articles": set(Article.objects.values_list("slug", "title", "published", "body")),
        "redirects": set(SlugRedirect.objects.values_list("kind", "slug")),
        "history": sorted(Quote.history.values_list("text", "history_type")),
    }


def test_the_seed_fixture_holds_what_a_real_seed_load_writes(seed_snapshot):
    with transaction.atomic():
        seed_load(path=SEED_FIXTURE)
        real = content()
        transaction.set_rollback(True)
    assert not Quote.objects.exists()
    seed_snapshot.load()
    copied = content()
    assert copied == real
    in_file = Counter(record["model"] for record in json.loads(SEED_FIXTURE.read_text()))
    assert copied["counts"]["claims.Quote"] == in_file["claims.quote"] > 0
    assert copied["counts"]["claims.Speaker"] == in_file["claims.speaker"] > 0
    assert copied["counts"]["claims.SlugRedirect"] > copied["counts"]["claims.Speaker"]


def test_the_copy_keeps_primary_keys_and_new_rows_follow_them(seed_snapshot):
    seed_snapshot.load()
    for model, rows in seed_snapshot.rows.items():
        pk = columns(model).index(model._meta.pk.attname)
        assert sorted(read_rows(model)) == sorted(row[pk] for row in rows), model._meta.label
    last = Speaker.objects.order_by("pk").last()
    assert Speaker.objects.create(name="New Speaker", slug="new-speaker").pk > last.pk


def test_a_test_without_the_seed_fixture_sees_an_empty_database():
    assert not Quote.objects.exists()
    assert not Speaker.objects.exists()


def test_a_snapshot_refuses_code_that_changes_rows_already_there():
    Group.objects.create(name="editors")
    with pytest.raises(RuntimeError, match="auth.Group"):
        Snapshot.capture(lambda: Group.objects.filter(name="editors").update(name="renamed"))
    assert not Group.objects.filter(name="renamed").exists()
