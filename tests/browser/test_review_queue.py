"""A curator works the review queue and the public claim page shows the change."""

import pytest

from claims.models import Quote, QuoteStatus, Speaker
from tests.factories import make_article, make_curator, make_quote, make_speaker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, transactional_db):
    make_curator(
        username="cora", password="a-long-curator-password", first_name="Cora", last_name="Reed"
    )
    return live_server.url


def log_in_to_the_review_queue(page, site):
    page.goto(f"{site}/admin/login/?next=/admin/claims/quote/review/")
    page.fill("#id_username", "cora")
    page.fill("#id_password", "a-long-curator-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/claims/quote/review/")


def test_curator_verifies_one_quote_and_reassigns_another(page, site, screenshot):
    wrong = make_speaker(name="Wrong Speaker")
    right = make_speaker(name="Hadi al-Amiri")
    first = make_quote(article=make_article(published="2015-10-01"), speaker=wrong)
    second = make_quote(article=make_article(published="2015-10-02"), speaker=wrong)

    log_in_to_the_review_queue(page, site)
    assert page.locator("#review-context mark").inner_text() == "we will win"
    assert page.locator("input[name=quote]").get_attribute("value") == str(first.pk)

    page.click("button[value=verify]")
    page.wait_for_load_state()
    assert page.locator("input[name=quote]").get_attribute("value") == str(second.pk)
    assert "1 unverified quote" in page.content()

    page.select_option("#id_speaker", str(right.pk))
    page.fill("#id_reason", "The article names Hadi al-Amiri")
    screenshot(page, "review_queue")
    page.click("button[value=speaker]")
    page.wait_for_load_state()
    assert "Nothing to review" in page.content()

    assert Quote.objects.get(pk=first.pk).status == QuoteStatus.VERIFIED
    assert Quote.objects.get(pk=second.pk).speaker == Speaker.objects.get(pk=right.pk)

    page.goto(f"{site}{second.claim.get_absolute_url()}")
    history = page.locator("#attribution-history")
    assert "changed from Wrong Speaker to Hadi al-Amiri" in history.inner_text()
    assert "by Cora Reed" in history.inner_text()
    assert "Reason: The article names Hadi al-Amiri" in history.inner_text()


def test_disputing_a_skipped_to_quote_without_a_reason_then_with_one_disputes_that_quote(
    page, site
):
    first = make_quote(article=make_article(published="2015-10-01"))
    second = make_quote(article=make_article(published="2015-10-02"))

    log_in_to_the_review_queue(page, site)
    page.click("text=Skip this quote")
    page.wait_for_load_state()
    assert page.locator("input[name=quote]").get_attribute("value") == str(second.pk)

    page.click("button[value=dispute]")
    page.wait_for_load_state()
    assert "Say why" in page.content()
    assert page.locator("input[name=quote]").get_attribute("value") == str(second.pk)

    page.fill("#id_reason", "The article quotes someone else")
    page.click("button[value=dispute]")
    page.wait_for_load_state()
    assert Quote.objects.get(pk=second.pk).status == QuoteStatus.DISPUTED
    assert Quote.objects.get(pk=first.pk).status == QuoteStatus.UNVERIFIED
