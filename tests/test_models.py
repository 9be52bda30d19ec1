import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Quote, Speaker
from tests.factories import (
    make_article,
    make_claim,
    make_membership,
    make_organization,
    make_quote,
    make_speaker,
)

pytestmark = pytest.mark.django_db


def test_quote_end_must_be_after_start():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.create(article=article, claim=make_claim(), text="", start=5, end=5)


def test_quote_kind_and_status_must_be_known_values():
    quote = make_quote()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(kind="rumour")
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(status="maybe")


def test_quote_clean_rejects_text_that_is_not_the_body_between_offsets():
    quote = make_quote()
    quote.text = "something else"
    with pytest.raises(ValidationError):
        quote.clean()


def test_one_span_of_one_kind_per_article():
    quote = make_quote()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.create(
            article=quote.article,
            claim=quote.claim,
            text=quote.text,
            start=quote.start,
            end=quote.end,
            kind=quote.kind,
        )


def test_slugs_are_unique():
    make_speaker(slug="zamili")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_speaker(slug="zamili")
    make_organization(slug="badr")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organization(slug="badr")


def test_one_membership_per_speaker_organization_and_role():
    membership = make_membership(role="spokesman")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_membership(
            speaker=membership.speaker, organization=membership.organization, role="spokesman"
        )
    make_membership(speaker=membership.speaker, organization=membership.organization, role="aide")


def test_membership_cannot_end_before_it_starts():
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        make_membership(start_date=datetime.date(2015, 10, 2), end_date=datetime.date(2015, 10, 1))


def test_organization_kind_must_be_known():
    org = make_organization()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(org).objects.filter(pk=org.pk).update(kind="club")


def test_speaker_search_finds_aliases_ignoring_accents_case_and_al_prefix():
    speaker = make_speaker(
        name="Moeen al-Kadhimi", aliases=["Muen al-Kadhimi", "Muen Kadhimi", "Muen Al Kadhimi"]
    )
    make_speaker(name="Hakim al-Zamili")
    for query in ["Kadhimi", "al kadhimi", "Muen", "MOEEN AL-KADHIMI", "Kádhimi"]:
        assert list(Speaker.objects.matching_name(query)) == [speaker], query


def test_every_model_has_str_and_absolute_url():
    quote = make_quote(speaker=make_speaker(name="Lavrov"))
    membership = make_membership(role="head")
    for obj in [quote, quote.article, quote.claim, quote.speaker, membership.organization]:
        assert str(obj)
        assert obj.get_absolute_url().startswith("/")
    assert "head" in str(membership)
