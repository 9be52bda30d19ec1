"""The speaker's Atom feed is valid RFC 4287 and reads as what was said, by whom."""

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from claims.models import Quote
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def feed(client):
    """The parsed feed of a speaker with a dated direct quote, a dated reported one whose
    attribution is "he", and an undated one."""
    speaker = make_speaker(name="Haider al-Abadi", slug="haider-al-abadi")
    dated = make_article(
        body="“we welcome strikes” and he would welcome <b>strikes</b>",
        published=dt.date(2015, 10, 7),
    )
    make_quote(article=dated, speaker=speaker, text="we welcome strikes", kind="direct")
    make_quote(
        article=dated,
        speaker=speaker,
        text="he would welcome <b>strikes</b>",
        kind="indirect",
        attributed_as="he",
    )
    make_quote(article=make_article(), speaker=speaker, attributed_as="He")
    # A quote saved before its article's date (an import of old text, a clock set back).
    Quote.objects.filter(article=dated).update(updated=dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
    response = client.get(reverse("claims:speaker_feed", args=[speaker.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def entries(feed):
    return feed.findall(f"{ATOM}entry")


def test_the_feed_has_an_author_so_every_entry_has_one(feed):
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "iraqnews"


def test_the_feed_and_each_entry_have_the_elements_rfc_4287_requires(feed):
    for element in (feed, *entries(feed)):
        for name in ("id", "title", "updated"):
            assert element.find(f"{ATOM}{name}") is not None, name
    assert len(entries(feed)) == 3


def test_entry_ids_are_tag_uris_unique_and_stable(feed, client):
    ids = [entry.find(f"{ATOM}id").text for entry in entries(feed)]
    assert all(i.startswith("tag:testserver,2026-01-01:quote/") for i in ids)
    assert len(set(ids)) == 3


def test_updated_is_never_before_published(feed):
    for entry in entries(feed):
        published = entry.find(f"{ATOM}published")
        updated = dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        if published is not None:
            assert updated >= dt.datetime.fromisoformat(published.text)


def test_summaries_are_plain_text_naming_the_speaker(feed):
    summaries = [entry.find(f"{ATOM}summary") for entry in entries(feed)]
    assert {s.get("type") for s in summaries} == {"text"}
    texts = [s.text for s in summaries]
    assert all(t.startswith(("Haider al-Abadi", "“")) and "Haider al-Abadi" in t for t in texts)
    assert not any(" — he," in t or t.startswith("He") for t in texts)
    # The hostile-looking markup is text, shown as typed, not HTML decoded again.
    assert any("<b>strikes</b>" in t for t in texts)


def test_reported_speech_is_not_shown_in_quotation_marks(feed):
    reported = [e for e in entries(feed) if "would welcome" in e.find(f"{ATOM}title").text]
    assert reported
    for entry in reported:
        for name in ("title", "summary"):
            text = entry.find(f"{ATOM}{name}").text
            assert "“" not in text and "reported" in text
