"""Curation services: merges and their undo, locked saves, bulk changes, hand-added quotes."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from claims import services
from claims.models import (
    Claim,
    Membership,
    Merge,
    Organization,
    Quote,
    QuoteStatus,
    SlugRedirect,
    Speaker,
)
from tests.factories import (
    make_article,
    make_claim,
    make_membership,
    make_organization,
    make_quote,
    make_speaker,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator():
    return get_user_model().objects.create_user("cora", first_name="Cora", last_name="Reed")


@pytest.fixture
def duplicates():
    """One spokesman entered twice, with a quote, a claim and memberships each."""
    badr = make_organization(name="Badr", slug="badr")
    survivor = make_speaker(name="Moeen al-Kadhimi", slug="moeen-al-kadhimi")
    duplicate = make_speaker(
        name="Muen Kadhimi", slug="muen-kadhimi", aliases=["Muen al-Kadhimi"], notes="dup"
    )
    make_membership(speaker=survivor, organization=badr, role="spokesman")
    kept = make_membership(speaker=duplicate, organization=badr, role="spokesman")
    moved = make_membership(speaker=duplicate, organization=make_organization(), role="")
    claim = make_claim(speaker=duplicate)
    quote = make_quote(speaker=duplicate, claim=claim)
    return {
        "survivor": survivor,
        "duplicate": duplicate,
        "repeat_membership": kept,
        "moved_membership": moved,
        "claim": claim,
        "quote": quote,
    }


def test_speaker_merge_moves_quotes_claims_and_memberships_to_the_survivor(duplicates, curator):
    survivor = duplicates["survivor"]
    services.speaker_merge(
        survivor=survivor, duplicates=[duplicates["duplicate"]], user=curator, reason="same man"
    )
    assert not Speaker.objects.filter(slug="muen-kadhimi").exists()
    assert Quote.objects.get(pk=duplicates["quote"].pk).speaker == survivor
    assert Claim.objects.get(pk=duplicates["claim"].pk).speaker == survivor
    assert Membership.objects.get(pk=duplicates["moved_membership"].pk).speaker == survivor
    # The repeated (speaker, organization, role) membership is kept once.
    assert survivor.memberships.filter(role="spokesman").count() == 1


def test_merged_names_become_aliases_and_old_slugs_redirect(duplicates, client):
    survivor = duplicates["survivor"]
    services.speaker_merge(survivor=survivor, duplicates=[duplicates["duplicate"]])
    survivor.refresh_from_db()
    assert survivor.aliases == ["Muen Kadhimi", "Muen al-Kadhimi"]
    assert SlugRedirect.resolve("speaker", "muen-kadhimi") == survivor.pk
    assert SlugRedirect.resolve("speaker", "muen-al-kadhimi") == survivor.pk
    response = client.get("/speakers/muen-kadhimi/")
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()


def test_merge_history_names_the_curator_and_the_reason(duplicates, curator):
    services.speaker_merge(
        survivor=duplicates["survivor"],
        duplicates=[duplicates["duplicate"]],
        user=curator,
        reason="same man",
    )
    record = Quote.history.filter(id=duplicates["quote"].pk).latest("history_date")
    assert record.history_user == curator
    assert record.history_change_reason.endswith("same man")
    deleted = Speaker.history.get(id=duplicates["duplicate"].pk, history_type="-")
    assert "into Moeen al-Kadhimi" in deleted.history_change_reason


def test_merge_undo_restores_duplicates_exactly(duplicates, curator):
    duplicate, survivor = duplicates["duplicate"], duplicates["survivor"]
    before = set(SlugRedirect.objects.values_list("kind", "slug", "target_id"))
    merge = services.speaker_merge(survivor=survivor, duplicates=[duplicate], user=curator)
    services.merge_undo(merge=merge, user=curator)

    restored = Speaker.objects.get(pk=duplicate.pk)
    assert (restored.slug, restored.name, restored.aliases, restored.notes) == (
        "muen-kadhimi",
        "Muen Kadhimi",
        ["Muen al-Kadhimi"],
        "dup",
    )
    assert Quote.objects.get(pk=duplicates["quote"].pk).speaker == restored
    assert Claim.objects.get(pk=duplicates["claim"].pk).speaker == restored
    assert Membership.objects.get(pk=duplicates["moved_membership"].pk).speaker == restored
    repeat = Membership.objects.get(pk=duplicates["repeat_membership"].pk)
    assert (repeat.speaker, repeat.role) == (restored, "spokesman")
    survivor.refresh_from_db()
    assert survivor.aliases == []
    assert set(SlugRedirect.objects.values_list("kind", "slug", "target_id")) == before
    merge.refresh_from_db()
    assert merge.undone_by == curator and merge.undone_at is not None


def test_merge_undo_is_refused_twice(duplicates):
    merge = services.speaker_merge(
        survivor=duplicates["survivor"], duplicates=[duplicates["duplicate"]]
    )
    services.merge_undo(merge=merge)
    with pytest.raises(services.MergeRefused, match="already been undone"):
        services.merge_undo(merge=merge)


def test_merge_undo_is_refused_when_the_slug_was_taken_since(duplicates):
    merge = services.speaker_merge(
        survivor=duplicates["survivor"], duplicates=[duplicates["duplicate"]]
    )
    make_speaker(slug="muen-kadhimi")
    with pytest.raises(services.MergeRefused, match="slug"):
        services.merge_undo(merge=merge)
    assert Merge.objects.get(pk=merge.pk).undone_at is None


def test_merge_needs_a_duplicate_besides_the_survivor():
    speaker = make_speaker()
    with pytest.raises(services.MergeRefused):
        services.speaker_merge(survivor=speaker, duplicates=[speaker])


def test_organization_merge_moves_articles_quotes_and_members_and_undoes():
    survivor = make_organization(name="Reuters", slug="reuters")
    duplicate = make_organization(name="Reuters news agency", slug="reuters-news-agency")
    article = make_article(outlet=duplicate, original_source=duplicate)
    quote = make_quote(article=article, organization=duplicate)
    membership = make_membership(organization=duplicate, role="reporter")
    merge = services.organization_merge(survivor=survivor, duplicates=[duplicate])
    article.refresh_from_db()
    assert (article.outlet, article.original_source) == (survivor, survivor)
    assert Quote.objects.get(pk=quote.pk).organization == survivor
    assert Membership.objects.get(pk=membership.pk).organization == survivor
    assert SlugRedirect.resolve("organization", "reuters-news-agency") == survivor.pk

    services.merge_undo(merge=merge)
    article.refresh_from_db()
    assert article.outlet_id == duplicate.pk
    assert Organization.objects.get(pk=duplicate.pk).slug == "reuters-news-agency"
    assert SlugRedirect.resolve("organization", "reuters-news-agency") == duplicate.pk


def test_undo_leaves_alone_a_quote_reassigned_after_the_merge(duplicates):
    third = make_speaker()
    merge = services.speaker_merge(
        survivor=duplicates["survivor"], duplicates=[duplicates["duplicate"]]
    )
    Quote.objects.filter(pk=duplicates["quote"].pk).update(speaker=third)
    services.merge_undo(merge=merge)
    assert Quote.objects.get(pk=duplicates["quote"].pk).speaker == third


def test_locked_save_raises_the_version():
    quote = make_quote()
    quote.status = QuoteStatus.VERIFIED
    services.record_save_checked(obj=quote, expected_version=1, reason="checked")
    quote.refresh_from_db()
    assert (quote.status, quote.version) == (QuoteStatus.VERIFIED, 2)
    assert quote.history.latest().history_change_reason == "checked"


def test_second_save_from_the_same_version_is_refused_and_writes_nothing():
    quote = make_quote()
    first, second = Quote.objects.get(pk=quote.pk), Quote.objects.get(pk=quote.pk)
    first.status = QuoteStatus.VERIFIED
    services.record_save_checked(obj=first, expected_version=1)
    second.status = QuoteStatus.DISPUTED
    with pytest.raises(services.StaleEdit, match="changed by someone else"):
        services.record_save_checked(obj=second, expected_version=1)
    assert Quote.objects.get(pk=quote.pk).status == QuoteStatus.VERIFIED


def test_bulk_update_records_reason_and_user_per_quote(curator):
    quotes = [make_quote(), make_quote()]
    services.quote_bulk_update(
        quotes=Quote.objects.filter(pk__in=[q.pk for q in quotes]),
        changes={"status": QuoteStatus.VERIFIED},
        user=curator,
        reason="bulk action: mark verified",
    )
    for quote in quotes:
        record = quote.history.latest()
        assert record.status == QuoteStatus.VERIFIED
        assert (record.history_user, record.history_change_reason) == (
            curator,
            "bulk action: mark verified",
        )
        assert record.version == 2


def test_detach_gives_a_shared_quote_its_own_claim_and_keeps_the_last():
    claim = make_claim()
    first, second = make_quote(claim=claim), make_quote(claim=claim)
    moved = services.quote_detach(quotes=Quote.objects.all(), reason="different statements")
    assert moved == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.claim == claim
    assert second.claim != claim and second.claim.statement == second.text


def test_quote_added_by_hand_starts_its_own_claim():
    article = make_article(body="He said “no deal” twice.")
    quote = services.quote_add(quote=Quote(article=article, text="no deal", start=10))
    assert (quote.end, quote.method, quote.claim.statement) == (17, "curated", "no deal")


def test_reassigned_quotes_take_the_new_speakers_organization_at_the_time(curator):
    dunford = make_speaker(name="Joseph Dunford")
    joint_chiefs = make_organization(name="Joint Chiefs of Staff")
    make_membership(speaker=dunford, organization=joint_chiefs, start_date=date(2015, 10, 1))
    abadi_party = make_organization(name="Government of Iraq")
    then = make_quote(article=make_article(published=date(2015, 10, 5)), organization=abadi_party)
    before = make_quote(article=make_article(published=date(2015, 9, 1)), organization=abadi_party)
    count = services.quote_reassign(
        quotes=[then, before], speaker=dunford, user=curator, reason="the article names him"
    )
    assert count == 2
    then.refresh_from_db()
    before.refresh_from_db()
    assert (then.speaker, then.organization, then.method) == (dunford, joint_chiefs, "curated")
    assert (before.speaker, before.organization, before.method) == (dunford, None, "curated")
    assert then.history.latest().history_change_reason == "the article names him"


def test_a_speaker_with_several_organizations_then_keeps_the_one_the_article_names():
    speaker = make_speaker()
    named = make_organization(name="Badr Organization")
    make_membership(speaker=speaker, organization=make_organization(name="Parliament"))
    make_membership(speaker=speaker, organization=named)
    article = make_article(body="The Badr Organization leader said “we will win” on Monday.")
    fields = services.quote_speaker_fields(speaker=speaker, article=article)
    assert fields == {"speaker": speaker, "organization": named, "method": "curated"}
    unnamed = make_article()
    fields = services.quote_speaker_fields(speaker=speaker, article=unnamed)
    assert fields["organization"] is None
