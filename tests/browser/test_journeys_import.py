"""A curator imports a news page by its web address from the admin index: the article
opens with the page's title, outlet, date, author and URL and its quotes, the least
certain attribution first in the review queue. The page is served on 127.0.0.1."""

import pytest
from django.urls import reverse

from claims.models import Article
from tests.browser.test_journeys_curator import Clicks, log_in
from tests.factories import make_curator, make_organization
from tests.pageserver import page_server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, transactional_db):
    make_curator(
        username="cora", password="a-long-curator-password", first_name="Cora", last_name="Reed"
    )
    return live_server.url


def test_a_curator_imports_a_page_by_url_and_reviews_its_least_certain_quote_first(
    page, site, screenshot
):
    badr = make_organization(name="Badr Corps")
    log_in(page, site)
    clicks = Clicks(page)
    with page_server() as pages:
        url = f"{pages}/ledger-strikes.html"
        # Articles → Import an article → give the address → Import (3 clicks).
        clicks.click("text=Articles")
        clicks.click("text=Import an article")
        page.fill("input[name=url]", url)
        clicks.click("input[value=Import]")
    assert "quotes found" in page.content()
    article = Article.objects.get()
    assert (article.title, article.outlet.name, str(article.published), article.author) == (
        "Lawmakers split over air strikes",
        "Baghdad Ledger",
        "2015-10-12",
        "Layla Hassan",
    )
    assert article.url == url
    assert page.input_value("input[name=url]") == url
    assert article.quotes.filter(organization=badr).exists()
    screenshot(page, "import_by_url")
    assert clicks.count == 3

    # The review queue, least certain first (1 click from the queue).
    page.goto(f"{site}{reverse('admin:claims_quote_review')}")
    clicks.click("#review-doubtful-first")
    shown = page.inner_text("#review-confidence")
    ranks = {"Low": 0, "Medium": 1, "High": 2}
    lowest = min(ranks[q.get_attribution_confidence_display()] for q in article.quotes.all())
    assert ranks[shown] == lowest


def test_a_page_that_cannot_be_fetched_is_explained_on_the_form(page, site):
    log_in(page, site)
    with page_server() as pages:
        page.goto(f"{site}{reverse('admin:claims_article_import')}")
        page.fill("input[name=url]", f"{pages}/missing.html")
        page.click("input[value=Import]")
        page.wait_for_load_state()
    assert "the site answered 404 Not Found" in page.inner_text(".errornote")
    assert not Article.objects.exists()
