"""A claim's public attribution history and curator notes on public pages."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.models import Quote, QuoteStatus
from tests.factories import make_claim, make_quote, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator():
    return get_user_model().objects.create_user("cora", first_name="Cora", last_name="Reed")


def change(quote, reason, **fields):
    quote = Quote.objects.get(pk=quote.pk)
    for name, value in fields.items():
        setattr(quote, name, value)
    return services.record_save_checked(obj=quote, expected_version=quote.version, reason=reason)


def test_history_lists_speaker_and_status_changes_with_who_and_why(curator):
    first, second = make_speaker(name="Hadi al-Amiri"), make_speaker(name="Karim al-Nouri")
    quote = make_quote(speaker=first, text="we will win")
    quote._history_user = curator
    change(quote, "The article names Nouri", speaker=second)
    change(quote, "Checked", status=QuoteStatus.VERIFIED)
    history = quote.claim.attribution_history()
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
    assert quote.claim.attribution_history()[0].who == "Cora Reed"


def test_history_records_quotes_joining_and_leaving_the_claim():
    claim, other = make_claim(), make_claim()
    quote = make_quote(claim=other)
    change(quote, "same statement", claim=claim)
    assert [c.field for c in claim.attribution_history()] == ["joined"]
    change(quote, "different after all", claim=other)
    assert [c.field for c in claim.attribution_history()] == ["joined", "left"]


def test_history_names_a_speaker_merged_away():
    survivor, duplicate = make_speaker(name="Moeen al-Kadhimi"), make_speaker(name="Muen")
    quote = make_quote(speaker=duplicate)
    services.speaker_merge(survivor=survivor, duplicates=[duplicate], reason="same")
    (entry,) = quote.claim.attribution_history()
    assert (entry.old, entry.new) == ("Muen", "Moeen al-Kadhimi")


def test_history_takes_the_same_number_of_queries_however_long():
    speakers = [make_speaker() for _ in range(4)]
    quote = make_quote(speaker=speakers[0])
    change(quote, "one", speaker=speakers[1])
    with CaptureQueriesContext(connection) as short:
        quote.claim.attribution_history()
    for speaker in speakers[2:]:
        change(quote, "again", speaker=speaker)
    make_quote(claim=quote.claim, speaker=speakers[0])
    with CaptureQueriesContext(connection) as long:
        assert len(quote.claim.attribution_history()) == 3
    assert len(long) == len(short) == 3


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


def test_speaker_page_shows_sanitised_notes(client):
    speaker = make_speaker(notes="**Spokesman** <svg onload=alert(1)>")
    make_quote(speaker=speaker, notes="_checked_")
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert "<strong>Spokesman</strong>" in html and "onload" not in html


def test_quote_page_shows_sanitised_quote_notes(client):
    quote = make_quote(notes="_checked_ against [the wire](javascript:alert(1))")
    html = client.get(quote.get_absolute_url()).content.decode()
    assert "<em>checked</em>" in html and "javascript:" not in html
