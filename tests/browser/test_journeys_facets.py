"""Journeys through the quote list's facets, from the home page, counting clicks."""

import pytest

from claims.models import Organization, Quote
from claims.services import seed_load
from tests.conftest import SEED_FIXTURE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, transactional_db):
    seed_load(path=SEED_FIXTURE)
    return live_server.url


class Clicks:
    """Clicks a link (by its role and name) and counts the clicks."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def link(self, name, within=None):
        scope = self.page.locator(within) if within else self.page
        with self.page.expect_navigation():
            scope.get_by_role("link", name=name, exact=False).first.click()
        self.count += 1


def shown_quote_ids(page):
    """How many quote cards the page shows."""
    return page.locator("a.quote__claim").count()


def test_journey_4_what_iraqi_government_officials_said_in_the_21_october_coverage(
    page, site, screenshot
):
    """(4) everything Iraqi government officials said in coverage dated 21 October 2015:
    Quotes, the day, the Government of Iraq: three clicks."""
    page.goto(site)
    clicks = Clicks(page)
    clicks.link("Quotes", within="nav.site-nav")
    clicks.link("21 Oct 2015", within="#facet-published + ul")
    clicks.link("Government of Iraq", within="#facet-organization + ul")
    assert clicks.count == 3
    assert "organization=government-of-iraq" in page.url and "date_after=2015-10-21" in page.url
    government = Organization.objects.get(slug="government-of-iraq")
    expected = Quote.objects.for_organization(government.pk).filter(published="2015-10-21")
    assert expected.count() > 0
    assert shown_quote_ids(page) == expected.count()
    assert {q.speaker.name for q in expected} == {"Haider al-Abadi"}
    assert page.locator("h2.results__count").inner_text().startswith(f"{expected.count()} quote")
    screenshot(page, "journey_government_21_october")


def test_journey_4_by_one_filter_form_with_the_organization_kind(page, site):
    """The same day's quotes by government officials and bodies of any country, by one
    filter form: organization kind and dates, then Apply."""
    page.goto(site)
    page.locator("nav.site-nav").get_by_role("link", name="Quotes").click()
    page.select_option("select[name=organization_kind]", "government")
    page.fill("input[name=date_after]", "2015-10-21")
    page.fill("input[name=date_before]", "2015-10-21")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**organization_kind=government**")
    expected = Quote.objects.for_organization_kind("government").filter(published="2015-10-21")
    assert expected.count() > 0
    assert shown_quote_ids(page) == expected.count()


def test_removing_a_chip_removes_only_that_filter(page, site):
    page.goto(
        f"{site}/quotes/?organization=government-of-iraq&date_after=2015-10-21&date_before=2015-10-21"
    )
    before = shown_quote_ids(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Remove filter Published: 21 Oct 2015").click()
    assert "date_after" not in page.url and "organization=government-of-iraq" in page.url
    assert shown_quote_ids(page) > before
    chips = page.locator(".chip").all_inner_texts()
    assert len(chips) == 1 and "Government of Iraq" in chips[0]


def test_facet_links_and_chips_work_without_javascript(browser, site):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1440, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{site}/quotes/")
    with page.expect_navigation():
        page.locator("#facet-organization_kind + ul").get_by_role("link").first.click()
    assert "organization_kind=" in page.url
    with page.expect_navigation():
        page.locator(".chip__remove").first.click()
    assert "organization_kind=" not in page.url
    context.close()


def test_apply_is_in_view_and_the_panel_does_not_scroll_at_1366_by_768(browser, site):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{site}/quotes/")
    panel = page.locator("details.filters")
    assert panel.evaluate("p => getComputedStyle(p).overflowY") == "visible"
    assert page.get_by_role("button", name="Apply filters").is_visible()
    box = page.get_by_role("button", name="Apply filters").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 768
    context.close()


def test_the_navigation_stays_on_one_line_at_375_px(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{site}/quotes/")
    tops = page.locator("nav.site-nav li").evaluate_all(
        "items => items.map(li => li.getBoundingClientRect().top)"
    )
    assert len(set(tops)) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
