"""A curator's journey from the admin index: import an article, verify, dispute, fix a
speaker, attach a quote to a suggested claim, merge two speakers and undo. After each
decision the public claim page shows it with the curator's name and reason. Clicks are
counted from the index; filling a field is not a click."""

import pytest
from django.urls import reverse

from claims.models import Claim, Quote, QuoteStatus, Speaker
from tests.factories import make_article, make_curator, make_quote, make_speaker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = """Iraqi leaders weigh Russian help

October 9, 2015

Iraqi Prime Minister Haider al-Abadi said on Monday: "We will take help from anyone who \
fights Daesh in Iraq."

Hakim al-Zamili, head of the security committee, said: "The Russians have done more in a \
week than the coalition did in a year."

Moeen al-Kadhimi, a Badr commander, told reporters: "We will defeat Daesh in Anbar before \
the end of this year, with or without the Americans."

"The coalition has not changed its plans," said Karim al-Nouri, a Badr spokesman.
"""


class Clicks:
    """A page whose clicks are counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, selector):
        self.count += 1
        self.page.click(selector)
        self.page.wait_for_load_state()


@pytest.fixture
def site(live_server, transactional_db):
    make_curator(
        username="cora", password="a-long-curator-password", first_name="Cora", last_name="Reed"
    )
    return live_server.url


def log_in(page, site):
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.fill("#id_username", "cora")
    page.fill("#id_password", "a-long-curator-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def history_of(page, site, quote):
    """The public history of `quote`'s claim, as an anonymous visitor reads it."""
    visitor = page.context.browser.new_context()
    public = visitor.new_page()
    public.goto(f"{site}{Quote.objects.get(pk=quote.pk).claim.get_absolute_url()}")
    text = public.locator("#attribution-history").inner_text()
    visitor.close()
    return text


def test_a_curator_imports_decides_attaches_merges_and_undoes_each_shown_in_public(
    page, site, screenshot
):
    kadhimi = make_speaker(name="Moeen al-Kadhimi", slug="moeen-al-kadhimi")
    amiri = make_speaker(name="Hadi al-Amiri", slug="hadi-al-amiri")
    kareem = make_speaker(name="Abu Karim", slug="abu-karim")
    earlier = make_quote(
        article=make_article(
            published="2015-10-01",
            body="Kadhimi said “We will beat Daesh in Anbar before the year is out, "
            "Americans or not.”",
        ),
        speaker=kadhimi,
        status=QuoteStatus.VERIFIED,
    )
    make_quote(
        article=make_article(published="2015-10-02", body="Nouri said “we hold the line”."),
        speaker=kareem,
        status=QuoteStatus.VERIFIED,
    )
    log_in(page, site)
    clicks = Clicks(page)

    # 1. Import: Articles → Import an article → paste → Import (3 clicks).
    clicks.click("text=Articles")
    clicks.click("text=Import an article")
    page.fill("textarea[name=text]", ARTICLE)
    clicks.click("input[value=Import]")
    assert "4 quotes found" in page.content()
    abadi_q, zamili_q, kadhimi_q, nouri_q = Quote.objects.filter(
        article__title="Iraqi leaders weigh Russian help"
    ).order_by("start")
    assert "Imported by Cora Reed" in history_of(page, site, abadi_q)
    assert clicks.count == 3

    # 2. Verify: Home → Review quotes → Verify (3 clicks).
    clicks.click("text=Home")
    clicks.click("text=Review quotes")
    assert page.locator("input[name=quote]").get_attribute("value") == str(abadi_q.pk)
    page.fill("#id_reason", "Read the whole article")
    clicks.click("button[value=verify]")
    history = history_of(page, site, abadi_q)
    assert "was verified." in history
    assert "by Cora Reed" in history and "Reason: Read the whole article" in history

    # 3. Dispute, with a reason (1 click: the queue moved on to the next quote).
    assert page.locator("input[name=quote]").get_attribute("value") == str(zamili_q.pk)
    page.fill("#id_reason", "The article hedges")
    clicks.click("button[value=dispute]")
    history = history_of(page, site, zamili_q)
    assert "was disputed." in history and "Reason: The article hedges" in history
    assert "by Cora Reed" in history

    # 4. Fix a speaker: skip the Kadhimi quote, fix the next one's speaker (2 clicks).
    assert page.locator("input[name=quote]").get_attribute("value") == str(kadhimi_q.pk)
    clicks.click("text=Skip this quote")
    assert page.locator("input[name=quote]").get_attribute("value") == str(nouri_q.pk)
    page.select_option("#id_speaker", str(amiri.pk))
    page.fill("#id_reason", "The spokesman spoke for Amiri")
    clicks.click("button[value=speaker]")
    history = history_of(page, site, nouri_q)
    assert "changed from Karim al-Nouri to Hadi al-Amiri" in history
    assert "by Cora Reed" in history and "Reason: The spokesman spoke for Amiri" in history

    # 5. Attach to a suggested claim: Quotes → the quote → Attach → Attach (4 clicks).
    clicks.click("text=Home")
    clicks.click("#content-main >> text=Quotes")
    clicks.click(f"a[href$='/admin/claims/quote/{kadhimi_q.pk}/change/']")
    suggestion = page.locator(".suggestions li").first
    assert earlier.claim.key in suggestion.inner_text()
    clicks.click(".suggestions li >> text=Attach to this claim")
    page.fill("#id_reason", "One statement, reworded by two outlets")
    screenshot(page, "curator_attach")
    clicks.click("input[value=Attach]")
    assert Quote.objects.get(pk=kadhimi_q.pk).claim_id == earlier.claim_id
    history = history_of(page, site, kadhimi_q)
    assert "was attached to this claim" in history
    assert "Reason: One statement, reworded by two outlets" in history

    # 6. Merge two speakers: Home → Speakers → tick two → action → Go → keep → Merge.
    clicks.click("text=Home")
    clicks.click("#content-main >> text=Speakers")
    karim = Speaker.objects.get(name="Karim al-Nouri")
    page.check(f"input[name=_selected_action][value='{karim.pk}']")
    page.check(f"input[name=_selected_action][value='{kareem.pk}']")
    page.select_option("select[name=action]", "merge_speakers")
    clicks.click("button[name=index]")
    page.check(f"input[name=survivor][value='{karim.pk}']")
    page.fill("input[name=reason]", "One spokesman, spelled twice")
    clicks.click("input[name=apply]")
    kareem_quote = Quote.objects.get(speaker=karim, article__published="2015-10-02")
    history = history_of(page, site, kareem_quote)
    assert "Speaker Abu Karim was merged into Karim al-Nouri" in history
    assert "One spokesman, spelled twice" in history and "by Cora Reed" in history

    # 7. Undo: Home → Merges → tick → action → Go → reason → Undo.
    clicks.click("text=Home")
    clicks.click("#content-main >> text=Merges")
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "undo")
    clicks.click("button[name=index]")
    page.fill("input[name=reason]", "Two men after all")
    clicks.click("input[name=apply]")
    history = history_of(page, site, kareem_quote)
    assert "A merge was undone" in history and "Two men after all" in history
    print(f"curator journey: {clicks.count} clicks from the admin index")
    assert clicks.count <= 25


def test_an_anonymous_visitor_reaches_none_of_the_curators_pages(page, site):
    quote = make_quote()
    claim = Claim.objects.get()
    for url in (
        reverse("admin:index"),
        reverse("admin:claims_article_import"),
        reverse("admin:claims_quote_review"),
        reverse("admin:claims_quote_change", args=[quote.pk]),
        reverse("admin:claims_quote_attach", args=[quote.pk, claim.key]),
        reverse("admin:claims_speaker_changelist"),
        reverse("admin:claims_merge_changelist"),
    ):
        page.goto(f"{site}{url}")
        assert "/admin/login/" in page.url, url
        assert page.locator("#id_username").is_visible()
