"""claims.pages: what the claim, article and speaker pages show, built from small data."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from claims import pages, services
from claims.models import Quote, QuoteStatus
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


def change(quote, reason, **fields):
    quote = Quote.objects.get(pk=quote.pk)
    for name, value in fields.items():
        setattr(quote, name, value)
    return services.record_save_checked(obj=quote, expected_version=quote.version, reason=reason)


def listed(quotes):
    return list(Quote.objects.for_listing().filter(pk__in=[q.pk for q in quotes]).oldest_first())


# Claim page


def test_claim_sources_mark_the_wording_that_differs_from_the_statement():
    claim = make_claim(statement="we will win the war")
    same = make_quote(claim=claim, article=make_article(body="He said “we will win the war.”"))
    other = make_quote(claim=claim, article=make_article(body="He said “we shall win the war”"))
    reported = make_quote(
        claim=claim,
        article=make_article(body="He said we would win."),
        text="we would win",
        kind="indirect",
    )
    by_quote = {s["quote"].pk: s for s in pages.claim_sources(claim, [same, other, reported])}
    assert by_quote[same.pk]["same_wording"] is True
    assert by_quote[other.pk]["same_wording"] is False
    assert ("removed", "will ") in by_quote[other.pk]["diff"]
    assert ("added", "would") in by_quote[reported.pk]["diff"]


def test_claim_sources_show_a_republished_story_as_a_chain_and_one_outlet_once():
    wire, outlet = make_organization(name="Reuters"), make_organization(name="Russia Insider")
    republished = make_quote(article=make_article(original_source=wire, outlet=outlet))
    own = make_quote(article=make_article(original_source=outlet, outlet=outlet))
    chains = [s["chain"] for s in pages.claim_sources(republished.claim, [republished, own])]
    assert chains == [[wire, outlet], [outlet]]


def test_claim_sources_give_the_paragraph_around_each_quote():
    article = make_article(body="First paragraph.\n\nHe said “we will win” today.\n\nLast.")
    quote = make_quote(article=article)
    (source,) = pages.claim_sources(quote.claim, [quote])
    assert source["context"] == ("He said “", "we will win", "” today.")


def test_claim_statement_kind_is_the_kind_of_the_quote_worded_like_the_statement():
    claim = make_claim(statement="we will win")
    partial = make_quote(claim=claim, article=make_article(body="“we will”"), kind="partial")
    direct = make_quote(claim=claim, article=make_article(body="“we will win”"))
    assert pages.claim_statement_kind(claim, [partial, direct]) == "direct"
    assert pages.claim_statement_kind(claim, [partial]) == "partial"
    assert pages.claim_statement_kind(claim, []) == "direct"


def test_claim_speaker_role_is_the_membership_held_when_first_reported():
    speaker = make_speaker()
    make_membership(speaker=speaker, role="minister", end_date=datetime.date(2015, 1, 1))
    spokesman = make_membership(
        speaker=speaker, role="spokesman", start_date=datetime.date(2015, 6, 1)
    )
    claim = make_claim(speaker=speaker)
    later = make_quote(claim=claim, article=make_article(published=datetime.date(2015, 10, 5)))
    first = make_quote(claim=claim, article=make_article(published=datetime.date(2015, 7, 1)))
    with CaptureQueriesContext(connection) as queries:
        assert pages.claim_speaker_role(claim, [later, first]) == spokesman
    assert len(queries) == 1
    assert pages.claim_speaker_role(make_claim(), [first]) is None


def test_claim_json_ld_names_the_author_and_each_appearance_and_stays_in_its_script():
    speaker = make_speaker(name="Hadi al-Amiri")
    article = make_article(
        title="A </script> headline",
        body="He said “we will win” on Monday.",
        published=datetime.date(2015, 10, 5),
        outlet=make_organization(name="Reuters"),
        url="https://example.com/story",
    )
    quote = listed([make_quote(article=article, speaker=speaker)])
    request = RequestFactory().get("/")
    text = pages.claim_json_ld(request, quote[0].claim, quote)
    assert "</script>" not in text
    data = json.loads(text)
    assert data["@type"] == "Claim" and data["text"] == "we will win"
    assert data["author"] == {
        "@type": "Person",
        "name": "Hadi al-Amiri",
        "url": f"http://testserver{speaker.get_absolute_url()}",
    }
    appearance = data["firstAppearance"]
    assert appearance["isBasedOn"]["datePublished"] == "2015-10-05"
    assert appearance["isBasedOn"]["publisher"]["name"] == "Reuters"
    assert appearance["isBasedOn"]["sameAs"] == "https://example.com/story"
    assert data["appearance"] == [appearance]


def test_claim_json_ld_of_an_unnamed_source_uses_how_the_article_names_it():
    quote = listed([make_quote(attributed_as="a senior official")])
    data = json.loads(pages.claim_json_ld(RequestFactory().get("/"), quote[0].claim, quote))
    assert data["author"] == {"@type": "Person", "name": "a senior official"}


# Attribution history


def test_history_lists_speaker_and_status_changes_with_who_and_why(curator):
    first, second = make_speaker(name="Hadi al-Amiri"), make_speaker(name="Karim al-Nouri")
    quote = make_quote(speaker=first, text="we will win")
    quote._history_user = curator
    change(quote, "The article names Nouri", speaker=second)
    change(quote, "Checked", status=QuoteStatus.VERIFIED)
    history = pages.attribution_history(quote.claim)
    assert [(c.field, c.old, c.new, c.reason) for c in history] == [
        ("speaker", "Hadi al-Amiri", "Karim al-Nouri", "The article names Nouri"),
        ("status", "Unverified", "Verified", "Checked"),
    ]
    assert history[0].summary == (
        "Speaker of the quote “we will win” changed from Hadi al-Amiri to Karim al-Nouri."
    )


def test_history_shows_the_curators_display_name(curator, client):
    client.force_login(curator)  # HistoryRequestMiddleware records the request's user
    quote = make_quote()
    services.quote_bulk_update(
        quotes=[quote], changes={"status": QuoteStatus.DISPUTED}, user=curator, reason="x"
    )
    assert pages.attribution_history(quote.claim)[0].who == "Cora Reed"


def test_history_records_quotes_joining_and_leaving_the_claim():
    claim, other = make_claim(), make_claim()
    quote = make_quote(claim=other)
    change(quote, "same statement", claim=claim)
    assert [c.field for c in pages.attribution_history(claim)] == ["joined"]
    change(quote, "different after all", claim=other)
    assert [c.field for c in pages.attribution_history(claim)] == ["joined", "left"]


def test_history_names_a_speaker_merged_away():
    survivor, duplicate = make_speaker(name="Moeen al-Kadhimi"), make_speaker(name="Muen")
    quote = make_quote(speaker=duplicate)
    services.speaker_merge(survivor=survivor, duplicates=[duplicate], reason="same")
    (entry,) = pages.attribution_history(quote.claim)
    assert (entry.old, entry.new) == ("Muen", "Moeen al-Kadhimi")


def test_history_takes_the_same_number_of_queries_however_long():
    speakers = [make_speaker() for _ in range(4)]
    quote = make_quote(speaker=speakers[0])
    change(quote, "one", speaker=speakers[1])
    with CaptureQueriesContext(connection) as short:
        pages.attribution_history(quote.claim)
    for speaker in speakers[2:]:
        change(quote, "again", speaker=speaker)
    make_quote(claim=quote.claim, speaker=speakers[0])
    with CaptureQueriesContext(connection) as long:
        assert len(pages.attribution_history(quote.claim)) == 3
    assert len(long) == len(short) == 3


def test_claim_page_template_renders_the_history_the_view_passes_without_querying(client):
    quote = make_quote()
    change(quote, "Checked twice", status=QuoteStatus.DISPUTED)
    response = client.get(quote.claim.get_absolute_url())
    assert [c.reason for c in response.context["history"]] == ["Checked twice"]
    names = ["claim", "quotes", "sources", "role", "statement_kind", "other_claims", "history"]
    context = {name: response.context[name] for name in names}
    with CaptureQueriesContext(connection) as rendering:
        html = render_to_string("claims/claim_detail.html", context, response.wsgi_request)
    assert "Reason: Checked twice" in html
    assert not [q for q in rendering.captured_queries if "historical" in q["sql"].lower()]


def test_claim_page_shows_history_and_sanitised_notes(client):
    quote = make_quote(notes="Quote note <script>bad()</script>")
    claim = quote.claim
    claim.notes = "See [Reuters](https://reuters.com) <img src=x onerror=alert(1)>"
    claim.save()
    change(quote, "Reason <b>typed</b>", status=QuoteStatus.DISPUTED)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "Attribution history" in html
    assert "Reason: Reason &lt;b&gt;typed&lt;/b&gt;" in html
    assert '<a href="https://reuters.com" rel="nofollow noopener">Reuters</a>' in html
    assert "onerror" not in html and "<script>bad()" not in html
    assert "Quote note" in html


# Article page


def test_article_segments_cover_the_body_and_highlight_each_quote():
    article = make_article(body="He said “one” and “two” today.")
    first = make_quote(article=article, text="one")
    second = make_quote(article=article, text="two")
    segments = pages.article_segments(article, [second, first])
    assert "".join(text for text, _, _ in segments) == article.body
    assert [q for _, q, _ in segments if q] == [first, second]


def test_article_segments_nest_a_partial_inside_reported_speech():
    article = make_article(body="He said the plan was “a small help” at best.")
    outer = make_quote(article=article, text="the plan was “a small help” at best", kind="indirect")
    inner = make_quote(article=article, text="a small help", kind="partial")
    segments = pages.article_segments(article, [inner, outer])
    text, quote, nested = segments[1]
    assert quote == outer and text == outer.text
    assert "".join(t for t, _ in nested) == outer.text
    assert [q for _, q in nested if q] == [inner]


def test_article_segments_leave_out_a_quote_overlapping_an_earlier_one():
    article = make_article(body="one two three four")
    first = make_quote(article=article, text="one two three")
    overlapping = make_quote(article=article, text="three four")
    segments = pages.article_segments(article, [first, overlapping])
    assert [q for _, q, _ in segments if q] == [first]
    assert "".join(text for text, _, _ in segments) == article.body


def test_quoted_sources_count_each_speaker_and_each_unnamed_source_most_quoted_first():
    article = make_article(body="“a” “b” “c” “d”")
    speaker = make_speaker(name="Hadi al-Amiri")
    quotes = [
        make_quote(article=article, text="a", attributed_as="an official"),
        make_quote(article=article, text="b", speaker=speaker),
        make_quote(article=article, text="c", speaker=speaker, attributed_as="Amiri"),
        make_quote(article=article, text="d", attributed_as="an official"),
    ]
    sources = pages.quoted_sources(quotes)
    assert [(s["speaker"], s["label"], s["count"]) for s in sources] == [
        (speaker, "", 2),
        (None, "an official", 2),
    ]


# Speaker page


def test_speaker_claim_groups_group_quotes_by_claim_direct_first_with_the_role_then():
    speaker = make_speaker()
    spokesman = make_membership(
        speaker=speaker, role="spokesman", start_date=datetime.date(2015, 6, 1)
    )
    claim = make_claim(speaker=speaker)
    reported = make_quote(
        claim=claim,
        speaker=speaker,
        kind="indirect",
        article=make_article(published=datetime.date(2015, 10, 5)),
    )
    direct = make_quote(
        claim=claim, speaker=speaker, article=make_article(published=datetime.date(2015, 10, 1))
    )
    early = make_quote(speaker=speaker, article=make_article(published=datetime.date(2015, 1, 1)))
    outline = list(Quote.objects.filter(speaker=speaker).newest_first().outline())
    cards = {reported.pk: "reported card", direct.pk: "direct card", early.pk: "early card"}
    speaker = type(speaker).objects.for_detail().get(pk=speaker.pk)
    groups = pages.speaker_claim_groups(speaker, outline, cards)
    assert [[line["card"] for line in g["quotes"]] for g in groups] == [
        ["direct card", "reported card"],
        ["early card"],
    ]
    assert groups[0]["quotes"][0]["role"] == spokesman
    assert groups[1]["quotes"][0]["role"] is None


def test_speaker_claim_groups_leave_out_a_quote_without_a_card():
    quote = make_quote(speaker=make_speaker())
    outline = list(Quote.objects.filter(pk=quote.pk).outline())
    assert pages.speaker_claim_groups(quote.speaker, outline, {}) == []


def test_speaker_page_shows_sanitised_notes(client):
    speaker = make_speaker(notes="**Spokesman** <svg onload=alert(1)>")
    make_quote(speaker=speaker, notes="_checked_")
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert "<strong>Spokesman</strong>" in html and "onload" not in html


def test_quote_page_shows_sanitised_quote_notes(client):
    quote = make_quote(notes="_checked_ against [the wire](javascript:alert(1))")
    html = client.get(quote.get_absolute_url()).content.decode()
    assert "<em>checked</em>" in html and "javascript:" not in html
