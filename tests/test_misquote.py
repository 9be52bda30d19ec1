"""Nothing misquoted: reported speech is never shown as a quotation, wordings are compared
as printed, claims without quotes lead somewhere, outlets count what they carried."""

import html
import json
import re

import pytest
from django.test import RequestFactory

from claims import pages, services
from claims.models import Claim, Quote
from tests.factories import make_article, make_claim, make_quote, make_speaker

pytestmark = pytest.mark.django_db

# Haider al-Abadi's reported “he would welcome Russian strikes …”: every source of it is
# reported speech.
REPORTED = "dd9f74e8b8"
OPENING_MARKS = ("“", '"', "«", "‘", "„", "<q>", "<q ")


def words_of(text, n=4):
    return " ".join(text.split()[:n])


def assert_not_quoted(content, text):
    """`text` (its first words) is shown somewhere in `content`, never right after an
    opening quotation mark or inside a <q> or <blockquote>."""
    fragment = html.escape(words_of(text), quote=False)
    content = re.sub(r'<script type="application/ld\+json">.*?</script>', "", content, flags=re.S)
    content = re.sub(r"</?mark>", "", content)  # a search's highlights split the words
    decoded = html.unescape(content)
    assert fragment in content or words_of(text) in decoded, fragment
    for mark in OPENING_MARKS:
        assert f"{mark}{words_of(text)}" not in decoded, mark
        assert f"{mark}{fragment}" not in content, mark
    for quoted in re.findall(r"<blockquote.*?</blockquote>", content, re.S):
        assert fragment not in quoted
    for quoted in re.findall(r"<q\b.*?</q>", content, re.S):
        assert fragment not in quoted


def reported_claim():
    claim = Claim.objects.get(key=REPORTED)
    quotes = list(claim.quotes.all())
    assert quotes and all(q.kind == "indirect" for q in quotes)
    return claim, quotes


def meta(content, attribute, name):
    found = re.search(rf'<meta {attribute}="{name}" content="([^"]*)"', content)
    return html.unescape(found.group(1))


def json_ld(content):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(block.group(1))


# Reported speech reads as reported


def test_reported_speech_reads_as_the_sentence_that_reports_it():
    assert (
        pages.reported_speech("he would welcome Russian strikes", "Mr. Abadi", "said")
        == "Mr. Abadi said he would welcome Russian strikes"
    )
    assert (
        pages.reported_speech("two were killed", "the Ministry of Interior", "according to")
        == "Two were killed, according to the Ministry of Interior"
    )


def test_a_reported_quote_names_the_speaker_as_printed_or_by_name_for_a_pronoun():
    speaker = make_speaker(name="Haider al-Abadi")
    article = make_article(body="Mr. Abadi said he would welcome strikes. He said he was glad.")
    named = make_quote(
        article=article,
        text="he would welcome strikes",
        kind="indirect",
        speaker=speaker,
        attributed_as="Mr. Abadi",
        cue="said",
    )
    pronoun = make_quote(
        article=article,
        text="he was glad",
        kind="indirect",
        speaker=speaker,
        attributed_as="He",
        cue="said",
    )
    assert pages.reported(named) == "Mr. Abadi said he would welcome strikes"
    assert pages.reported(pronoun) == "Haider al-Abadi said he was glad"


def test_the_claim_page_of_reported_speech_quotes_it_nowhere(client, seed):
    claim, quotes = reported_claim()
    content = client.get(claim.get_absolute_url()).content.decode()
    assert_not_quoted(content, claim.statement)
    for quote in quotes:
        assert_not_quoted(content, quote.text)
    title = html.unescape(re.search(r"<title>(.*?)</title>", content, re.S).group(1))
    assert " said " in title and "“" not in title
    for attribute, name in (("property", "og:title"), ("name", "twitter:title")):
        value = meta(content, attribute, name)
        assert words_of(claim.statement) in value and "“" not in value and "»" not in value
    citation = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>', content, re.S)
    assert words_of(claim.statement) in html.unescape(citation.group(1))
    assert f"“{words_of(claim.statement)}" not in html.unescape(citation.group(1))


def test_a_reported_claim_is_a_schema_org_claim_appearing_in_articles(client, seed):
    claim, quotes = reported_claim()
    data = json_ld(client.get(claim.get_absolute_url()).content.decode())
    assert data["@type"] == "Claim"
    assert "Quotation" not in json.dumps(data)
    assert {a["@type"] for a in data["appearance"]} == {"NewsArticle"}
    assert len(data["appearance"]) == len({q.article_id for q in quotes})
    assert data["firstAppearance"]["@type"] == "NewsArticle"


def test_a_direct_quotation_keeps_its_quotation_in_json_ld(client, seed):
    quote = Quote.objects.filter(kind="direct").first()
    data = json_ld(client.get(quote.claim.get_absolute_url()).content.decode())
    assert any(a["@type"] == "Quotation" and a["text"] == quote.text for a in data["appearance"])


def test_quote_pages_cards_and_lists_do_not_quote_reported_speech(client, seed):
    claim, quotes = reported_claim()
    for quote in quotes:
        content = client.get(quote.get_absolute_url()).content.decode()
        assert_not_quoted(content, quote.text)
        title = html.unescape(re.search(r"<title>(.*?)</title>", content, re.S).group(1))
        assert "“" not in title
    speaker = claim.speaker
    for url in (
        speaker.get_absolute_url(),
        f"/quotes/?speaker={speaker.slug}&page_size=100",
        f"/quotes/?speaker={speaker.slug}&kind=indirect",
    ):
        content = client.get(url).content.decode()
        for quote in quotes:
            assert_not_quoted(content, quote.text)


def test_other_claims_search_and_report_page_do_not_quote_reported_speech(client, seed):
    claim, quotes = reported_claim()
    other = Claim.objects.filter(speaker=claim.speaker).exclude(pk=claim.pk)
    other = next(
        c
        for c in other
        if claim.get_absolute_url() in client.get(c.get_absolute_url()).content.decode()
    )
    content = client.get(other.get_absolute_url()).content.decode()
    section = content[content.index('id="other-title"') :]
    assert_not_quoted(section[: section.index("</section>")], claim.statement)
    search = client.get("/search/", {"q": "welcome Russian strikes"}).content.decode()
    assert claim.get_absolute_url() in search
    assert_not_quoted(search, claim.statement)
    report = client.get(f"{claim.get_absolute_url()}report/").content.decode()
    assert_not_quoted(report, claim.statement)
    description = meta(report, "name", "description")
    assert f"“{words_of(claim.statement)}" not in description


def test_feed_entries_report_reported_speech_without_quotation_marks(client, seed):
    claim, quotes = reported_claim()
    feed = client.get(f"{claim.speaker.get_absolute_url()}feed/").content.decode()
    for quote in quotes:
        assert_not_quoted(feed, quote.text)
    assert f"{claim.speaker.name} said" in html.unescape(feed) or "Abadi said" in feed


def test_the_article_page_marks_reported_speech_without_quoting_it(client, seed):
    claim, quotes = reported_claim()
    for quote in quotes:
        content = client.get(quote.article.get_absolute_url()).content.decode()
        body = content[content.index('class="article-body"') :]
        body = body[: body.index("</div>")]
        mark = re.search(rf'<mark id="q{quote.pk}" class="([^"]*)"', body)
        assert "quote-mark--indirect" in mark.group(1)
        assert "<q" not in body and "<blockquote" not in body


# Wording compared as printed, dates as known


def test_every_wording_is_compared_and_punctuation_is_shown_as_printed(client, seed):
    quote = Quote.objects.get(text__contains=". ... Yes")
    content = client.get(quote.claim.get_absolute_url()).content.decode()
    assert "...." not in content
    assert content.count('class="diff"') == quote.claim.quotes.count() - 1
    claim, quotes = reported_claim()
    reported_page = client.get(claim.get_absolute_url()).content.decode()
    assert "<del>" in reported_page or "<ins>" in reported_page


def test_first_reported_is_the_earliest_dated_source_and_undated_ones_are_named(client, seed):
    claim, quotes = reported_claim()
    content = client.get(claim.get_absolute_url()).content.decode()
    dated = sorted(q.article.published for q in quotes if q.article.published)
    assert "Earliest dated source" in content and "First reported" not in content
    assert dated[0].strftime("%Y-%m-%d") in content
    note = content[content.index("Earliest dated source") :]
    note = note[: note.index("</p>")]
    for quote in quotes:
        if not quote.article.published:
            assert "Undated:" in note
            assert html.escape(quote.article.title, quote=False) in note.replace("&#x27;", "'")


# A claim left without quotes


def test_a_claim_whose_quotes_moved_answers_301_to_where_they_went(client, seed):
    claim, quotes = reported_claim()
    target = Claim.objects.filter(speaker=claim.speaker).exclude(pk=claim.pk).first()
    # The history records where the quotes were (seed rows have none until first edited).
    services.quote_bulk_update(quotes=quotes, changes={"status": "verified"}, reason="checked")
    services.quote_bulk_update(quotes=quotes, changes={"claim": target}, reason="same claim")
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == target.get_absolute_url()
    other = client.get(target.get_absolute_url()).content.decode()
    assert claim.get_absolute_url() not in other
    search = client.get("/search/", {"q": "welcome"}).context["results"]["claims"]
    assert claim.pk not in [c.pk for c in search]


def test_a_claim_whose_quotes_were_deleted_is_gone_and_links_its_speaker(client):
    speaker = make_speaker(name="Hadi al-Amiri")
    claim = make_claim(speaker=speaker, statement="we will win")
    make_quote(claim=claim, speaker=speaker).delete()
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 410
    assert speaker.get_absolute_url() in response.content.decode()
    assert client.get("/claims/0000000000/").status_code == 404


def test_a_seed_claim_emptied_without_history_is_gone_and_links_its_speaker(client, seed):
    claim, quotes = reported_claim()
    Quote.objects.filter(claim=claim).delete()  # no history record says where they went
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 410
    assert claim.speaker.get_absolute_url() in response.content.decode()


# Outlets count what they carried


def test_an_outlet_counts_the_quotes_of_the_articles_it_published(client, seed):
    data = client.get("/organizations/", {"format": "json", "kind": "outlet"}).json()
    counts = {r["slug"]: r["quote_count"] for r in data["results"]}
    for slug in ("russia-insider", "the-moscow-times"):
        carried = client.get("/quotes/", {"format": "json", "outlet": slug}).json()["count"]
        assert carried > 0 and counts[slug] >= carried
        page = client.get(f"/organizations/{slug}/")
        assert page.context["quote_count"] == counts[slug]
        assert len(page.context["carried"]) == carried


def test_outlet_selects_offer_outlets_and_agencies_not_militias(client, seed):
    for url in ("/quotes/", "/articles/"):
        form = client.get(url).context["filter"].form
        offered = {value for value, _ in form.fields["outlet"].choices}
        assert {"reuters", "russia-insider"} <= offered
        assert not offered & {"badr", "kataib-hezbollah", "government-of-iraq"}
    assert client.get("/quotes/", {"outlet": "badr"}).status_code == 200


def test_the_speaker_timeline_says_how_many_quotes_are_undated(client, seed):
    claim, _ = reported_claim()
    undated = Quote.objects.filter(speaker=claim.speaker, published__isnull=True).count()
    assert undated
    content = client.get(claim.speaker.get_absolute_url()).content.decode()
    assert f"{undated} quotes without a date" in content


def test_the_claim_json_ld_helper_dedupes_an_article_that_reports_twice():
    article = make_article(body="He said we would win. He said we would win again.")
    claim = make_claim(statement="we would win")
    quotes = [
        make_quote(article=article, claim=claim, text="we would win", kind="indirect"),
        make_quote(
            article=article, claim=claim, text="we would win again", kind="indirect", start=35
        ),
    ]
    data = json.loads(pages.claim_json_ld(RequestFactory().get("/"), claim, quotes))
    assert len(data["appearance"]) == 1


def claim_page_queries(client, others):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    speaker = make_speaker()
    article = make_article(body="He said “we will win”. " + "He said we would win. " * others)
    claim = make_claim(speaker=speaker, statement="we will win")
    make_quote(claim=claim, article=article, speaker=speaker)
    for n in range(others):
        start = article.body.index("we would win", 24 + 22 * n)
        make_quote(
            article=article,
            claim=make_claim(speaker=speaker, statement="we would win"),
            text="we would win",
            start=start,
            kind="indirect",
            speaker=speaker,
            cue="said",
        )
    with CaptureQueriesContext(connection) as queries:
        content = client.get(claim.get_absolute_url()).content.decode()
    assert content.count(f"{speaker.name} said we would win") == others
    return len(queries)


def test_other_reported_claims_cost_no_query_each(client):
    assert claim_page_queries(client, 2) == claim_page_queries(client, 5)
