"""Which quotes are one claim: the wording similarity, the ranking of suggestions, the
import joining identical wording, and the recall of suggestions on the seed."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims import matching
from claims.models import Quote
from claims.services import article_import, claim_suggestions
from claims.services.suggestions import suggestion_recall
from tests.factories import make_article, make_curator, make_quote, make_speaker


def test_identical_wording_scores_100_whatever_the_punctuation():
    assert matching.wording_similarity("We will win.", "“we will win”") == 100


def test_a_partial_quotation_of_a_longer_statement_scores_high():
    whole = "the government will welcome the Russian air force to strike Daesh"
    assert matching.wording_similarity("welcome the Russian air force to strike", whole) > 80


def test_unrelated_wordings_score_under_the_suggestion_threshold():
    score = matching.wording_similarity("No appeal yet has been made.", "We will win the war")
    assert score < matching.SUGGEST_THRESHOLD


def test_rank_puts_the_closest_wording_first_and_drops_the_unlike():
    candidates = [
        matching.Candidate("far", ("The weather was fine on Monday",)),
        matching.Candidate("near", ("we will defeat Daesh in Anbar this year", "x")),
    ]
    ranked = matching.rank("We will defeat Daesh in Anbar this year.", candidates)
    assert [s.key for s in ranked] == ["near"]


@pytest.mark.django_db
def test_suggestions_are_claims_of_the_same_speaker_in_other_articles():
    speaker, other = make_speaker(), make_speaker()
    quote = make_quote(speaker=speaker, article=make_article(body="He said “we will win”."))
    same = make_quote(speaker=speaker, article=make_article(body="He said “We will win!”."))
    make_quote(speaker=other, article=make_article(body="She said “we will win”."))
    found = claim_suggestions(quote=quote)
    assert [s["claim"] for s in found] == [same.claim]


@pytest.mark.django_db
def test_an_imported_sentence_identical_to_seed_quote_1_joins_its_claim(seed):
    first = Quote.objects.order_by("pk").first()  # ids depend on what ran before on PostgreSQL
    text = (
        "Abadi backs coordinated strikes\n\nIraqi Prime Minister Haider al-Abadi said "
        f"{first.text}.\n\nOfficials gave no date.\n"
    )
    result = article_import(text=text, source_name="same-as-quote-1.txt")
    (imported,) = result.article.quotes.all()
    assert imported.claim_id == first.claim_id
    assert result.joined_claims == 1


@pytest.mark.django_db
def test_suggestions_find_the_seeds_cross_article_claims_and_no_other_speakers(seed, capsys):
    figures = suggestion_recall(list(Quote.objects.select_related("claim")))
    call_command("claim_suggestions_recall")
    print(capsys.readouterr().out)
    assert figures["claims"] >= 9
    assert figures["at1"] / figures["queries"] >= 0.9
    assert figures["at3"] == figures["queries"]
    assert figures["cross_speaker_proposals"] == 0
    assert figures["highest_cross_speaker_score"] < matching.JOIN_THRESHOLD


@pytest.mark.django_db
def test_a_curator_attaches_a_quote_to_a_suggested_claim_with_a_reason(client):
    client.force_login(make_curator(first_name="Cora", last_name="Reed"))
    speaker = make_speaker()
    quote = make_quote(speaker=speaker, article=make_article(body="He said “we will win”."))
    same = make_quote(speaker=speaker, article=make_article(body="He said “We will win!”."))
    page = client.get(reverse("admin:claims_quote_change", args=[quote.pk])).content.decode()
    attach = reverse("admin:claims_quote_attach", args=[quote.pk, same.claim.key])
    assert "Possibly the same claim" in page and attach in page
    client.post(attach, {"reason": ""})
    assert Quote.objects.get(pk=quote.pk).claim_id != same.claim_id
    client.post(attach, {"reason": "One statement, two outlets"})
    assert Quote.objects.get(pk=quote.pk).claim_id == same.claim_id
    public = client.get(same.claim.get_absolute_url()).content.decode()
    assert "was attached to this claim" in public
    assert "One statement, two outlets" in public and "Cora Reed" in public


@pytest.mark.django_db
def test_an_attach_link_is_refused_to_anonymous_visitors(client):
    quote = make_quote()
    other = make_quote()
    attach = reverse("admin:claims_quote_attach", args=[quote.pk, other.claim.key])
    response = client.post(attach, {"reason": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Quote.objects.get(pk=quote.pk).claim_id == quote.claim_id
