"""Hostile text from articles, speakers, organizations and curators is shown as text
everywhere: public pages, JSON-LD, the admin, the Atom feed, JSON and CSV."""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from claims.sanitize import render_markdown
from tests.factories import make_article, make_claim, make_organization, make_quote, make_speaker

PAYLOAD = (
    '<script>alert("xss")</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(2)">click</a><svg/onload=alert(3)></script><b'
)
NOTES = f"Checked.\n\n{PAYLOAD}\n\n[link](javascript:alert(4)) <iframe src=//evil>"
# How the payload's opening tag reads once escaped: seen on a page, it proves the hostile
# text is shown there, as text.
ESCAPED = "&lt;script&gt;"
FORMULAS = ['=HYPERLINK("http://evil")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]


class LiveMarkup(HTMLParser):
    """Collects what a browser would run: scripts with code, on* handlers, javascript: URLs,
    and iframes."""

    def __init__(self):
        super().__init__()
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "iframe" or (tag == "img" and dict(attrs).get("src") == "x"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag} {name}=javascript:")
        self._in_script = tag == "script" and "json" not in (dict(attrs).get("type") or "")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"script running {data[:60]!r}")


@pytest.fixture
def hostile(db):
    """One of everything, each text field holding the payload."""
    outlet = make_organization(name=f"Outlet {PAYLOAD}", slug="outlet-x", description=PAYLOAD)
    speaker = make_speaker(
        name=f"Speaker {PAYLOAD}", slug="speaker-x", notes=NOTES, description=PAYLOAD
    )
    body = f"Before. The speaker said “{PAYLOAD}” and left."
    article = make_article(title=f"Title {PAYLOAD}", slug="article-x", body=body, outlet=outlet)
    claim = make_claim(statement=PAYLOAD, notes=NOTES)
    quote = make_quote(
        article=article,
        text=PAYLOAD,
        speaker=speaker,
        claim=claim,
        notes=NOTES,
        attributed_as=PAYLOAD,
    )
    formula_speakers = [
        make_speaker(name=name, slug=f"formula-{n}") for n, name in enumerate(FORMULAS)
    ]
    return {
        "outlet": outlet,
        "speaker": speaker,
        "article": article,
        "claim": claim,
        "quote": quote,
        "formula_speakers": formula_speakers,
    }


def assert_no_live_markup(html, where):
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    assert parser.found == [], f"{where}: live markup {parser.found}"
    assert "<script>alert" not in html


def public_pages(objects):
    speaker = objects["speaker"]
    return [
        reverse("claims:home"),
        reverse("claims:quote_list"),
        reverse("claims:speaker_list"),
        reverse("claims:organization_list"),
        reverse("claims:article_list"),
        reverse("claims:search") + "?q=script",
        reverse("claims:search") + "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        reverse("claims:quote_list") + "?q=%3Cscript%3E",
        objects["quote"].get_absolute_url(),
        speaker.get_absolute_url(),
        speaker.get_absolute_url() + "?q=%3Cscript%3E",
        objects["outlet"].get_absolute_url(),
        objects["article"].get_absolute_url(),
        objects["claim"].get_absolute_url(),
    ]


def test_every_public_page_shows_hostile_text_as_text(hostile, client):
    for url in public_pages(hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        assert ESCAPED in response.content.decode(), f"{url} does not show the hostile text"
        assert_no_live_markup(response.content.decode(), url)


def test_the_payload_is_visible_escaped_on_the_article_and_quote_pages(hostile, client):
    for url in (hostile["article"].get_absolute_url(), hostile["quote"].get_absolute_url()):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html, url


def test_json_ld_cannot_break_out_of_its_script_block(hostile, client):
    html = client.get(hostile["claim"].get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks, "the claim page carries structured data"
    for block in blocks:
        assert "</script" not in block.lower()
        assert "<!--" not in block
        assert "<" not in block


def test_curator_notes_become_sanitised_markdown():
    html = str(render_markdown(NOTES))
    assert "<p>Checked.</p>" in html
    assert_no_live_markup(html, "notes")
    assert "javascript:" not in html


def test_json_exports_carry_hostile_text_as_data_that_browsers_will_not_sniff(hostile, client):
    response = client.get(reverse("claims:quote_list"), {"format": "json"})
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    texts = [record["text"] for record in response.json()["results"]]
    assert PAYLOAD in texts


def test_the_atom_feed_escapes_hostile_text(hostile, client):
    response = client.get(reverse("claims:speaker_feed", args=[hostile["speaker"].slug]))
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<script>" not in xml
    assert ESCAPED in xml


@pytest.mark.parametrize(
    "name",
    ["claims:quote_list", "claims:speaker_list", "claims:organization_list", "claims:article_list"],
)
def test_csv_cells_that_start_a_formula_are_neutralised(name, hostile, client):
    response = client.get(reverse(name), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    for cell in cells:
        assert cell[:1] not in {"=", "+", "-", "@"}, f"{name}: formula cell {cell!r}"


def test_formula_speaker_names_are_prefixed_with_a_quote_in_csv(hostile, client):
    response = client.get(reverse("claims:speaker_list"), {"format": "csv"})
    names = [
        row[2] for row in csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    ]
    for formula in FORMULAS:
        assert "'" + formula in names


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("root", "r@example.org", "pw-long-enough"))
    return client


def test_the_admin_shows_hostile_text_as_text(hostile, superuser_client):
    pages = []
    for key, model in [
        ("speaker", "speaker"),
        ("outlet", "organization"),
        ("article", "article"),
        ("claim", "claim"),
        ("quote", "quote"),
    ]:
        pages.append(reverse(f"admin:claims_{model}_changelist"))
        pages.append(reverse(f"admin:claims_{model}_change", args=[hostile[key].pk]))
        pages.append(reverse(f"admin:claims_{model}_history", args=[hostile[key].pk]))
    for url in pages:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        # The admin's own textareas hold the raw payload escaped, never as markup.
        assert ESCAPED in html, f"{url} does not show the hostile text"
        assert_no_live_markup(html, url)
