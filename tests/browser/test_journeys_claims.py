"""Readers' questions answered from the home page through the claims list, counting clicks
(the issue allows at most three clicks or one filter form for each)."""

import pytest

from claims.models import Claim
from claims.services import seed_load
from tests.conftest import SEED_FIXTURE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, transactional_db):
    seed_load(path=SEED_FIXTURE)
    return live_server.url


class Clicks:
    """The page's clicks, counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def on(self, locator):
        locator.click()
        self.page.wait_for_load_state()
        self.count += 1


def rows(page):
    """(claim key, who, carried-by line) for each claim the list shows."""
    found = []
    for row in page.locator(".claim-row").all():
        href = row.locator(".claim-row__statement a").get_attribute("href")
        found.append(
            (
                href.strip("/").split("/")[-1],
                row.locator(".claim-row__who").inner_text(),
                row.locator(".claim-row__carried").inner_text(),
            )
        )
    return found


def test_which_claims_were_carried_by_more_than_one_outlet(page, site, screenshot):
    page.goto(f"{site}/")
    clicks = Clicks(page)
    clicks.on(page.locator(".stats a[href='/claims/']"))  # the home page's claim count
    clicks.on(page.get_by_role("link", name="carried by more than one article"))
    assert clicks.count == 2
    screenshot(page, "journey-claims-several-sources")
    shown = rows(page)
    several = Claim.objects.listed().filter(article_count__gte=2)
    assert {key for key, _, _ in shown} == set(several.values_list("key", flat=True))
    assert all("Carried by 1 article" not in carried for _, _, carried in shown)
    # Each row names the outlets: Abadi's statement was in three.
    abadi = dict((key, carried) for key, _, carried in shown)["dd9f74e8b8"]
    for outlet in ("The Wall Street Journal", "Russia Insider", "The Moscow Times"):
        assert outlet in abadi


def test_what_did_hakim_al_zamili_say_and_which_outlets_carried_it(page, site, screenshot):
    page.goto(f"{site}/")
    clicks = Clicks(page)
    clicks.on(page.get_by_role("navigation", name="Main").get_by_role("link", name="Claims"))
    # One filter form: choose the speaker, apply.
    form = page.locator("#claim-filters")
    if not form.is_visible():
        page.locator(".filters__summary").click()
    form.get_by_label("Speaker").select_option("hakim-al-zamili")
    clicks.on(form.get_by_role("button", name="Apply filters"))
    assert clicks.count == 2
    assert "speaker=hakim-al-zamili" in page.url
    screenshot(page, "journey-claims-zamili")
    shown = rows(page)
    expected = Claim.objects.listed().filter(speaker__slug="hakim-al-zamili")
    assert {key for key, _, _ in shown} == set(expected.values_list("key", flat=True))
    assert len(shown) >= 5
    for _key, who, carried in shown:
        assert who.startswith("Hakim al-Zamili")
        assert carried.startswith("Carried by") and ": " in carried  # the outlets follow


def test_the_navigation_with_claims_stays_on_one_line_at_375_px(page, site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site}/claims/")
    links = page.get_by_role("navigation", name="Main").get_by_role("link")
    assert links.all_inner_texts()[1] == "Claims"
    tops = {round(box["y"]) for box in (link.bounding_box() for link in links.all())}
    assert len(tops) == 1, f"the navigation wraps onto {len(tops)} lines"
    # Nothing is cut off for good: the row scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
