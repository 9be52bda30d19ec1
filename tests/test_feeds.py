"""The speaker's Atom feed: well-formed XML whatever control characters were stored."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.factories import make_article, make_quote, make_speaker

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_feed_with_control_characters_in_stored_text_is_well_formed_atom(db, client):
    speaker = make_speaker(name="Hadi\x01 al-Amiri", description="Leader\x0bof Badr")
    body = "He said “we\x0c will\x01 win” on Monday."
    article = make_article(title="Badr\x1f speaks", body=body)
    make_quote(speaker=speaker, article=article, text="we\x0c will\x01 win")
    response = client.get(reverse("claims:speaker_feed", args=[speaker.slug]))
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Hadi al-Amiri — quotes on iraqnews"
    assert feed.find(f"{ATOM}subtitle").text == "Leader\nof Badr"
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "we will win"
    assert "“we\n will win”" in entry.find(f"{ATOM}summary").text


def test_the_feed_keeps_tabs_and_newlines(db, client):
    speaker = make_speaker(name="Speaker", description="One\tline\nand another")
    make_quote(speaker=speaker, article=make_article())
    feed = ET.fromstring(client.get(reverse("claims:speaker_feed", args=[speaker.slug])).content)
    assert feed.find(f"{ATOM}subtitle").text == "One\tline\nand another"
