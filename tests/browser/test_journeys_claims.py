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


def facet_link(page, facet, label):
    """The link of option `label` in facet `facet`'s link list."""
    return page.locator(f"#facet-{facet} + ul").get_by_role("link", name=label)


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
    clicks.on(facet_link(page, "min_sources", "2 or more articles"))
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


def test_which_claims_by_iraqi_government_officials_were_carried_by_more_than_one_outlet(
    page, site, screenshot
):
    """Claims, then two facets: speakers of a government body, carried by two or more
    articles. Three clicks; the rows then name each speaker's role and the outlets, so a
    reader keeps the Iraqi officials' claims that name more than one outlet (an outlet can
    carry a claim in two articles, and "government" is any country's)."""
    page.goto(f"{site}/")
    clicks = Clicks(page)
    clicks.on(page.get_by_role("navigation", name="Main").get_by_role("link", name="Claims"))
    clicks.on(facet_link(page, "organization_kind", "Government body"))
    clicks.on(facet_link(page, "min_sources", "2 or more articles"))
    assert clicks.count == 3
    assert "organization_kind=government" in page.url and "min_sources=2" in page.url
    screenshot(page, "journey-claims-government-several-sources")
    shown = rows(page)
    expected = Claim.objects.listed().for_organization_kind("government")
    expected = expected.filter(article_count__gte=2)
    assert {key for key, _, _ in shown} == set(expected.values_list("key", flat=True))
    chips = page.locator(".chip").all_inner_texts()
    assert [chip.replace("\n", " ").rstrip(" ×") for chip in chips] == [
        "Organization kind: Government body",
        "Carried by: 2 or more articles",
    ]
    count = page.locator("h2.results__count").inner_text()
    assert count.startswith(f"{len(shown)} claim")

    def outlets(carried):
        named = carried.split(" · ")[0].partition(": ")[2]
        return [name for name in named.split(", ") if name]

    answer = {key for key, who, carried in shown if "Iraq" in who and len(outlets(carried)) > 1}
    # The same answer from the data: Iraqi government bodies' members, two or more outlets.
    truth = set()
    for claim in expected.select_related("speaker"):
        quotes = claim.quotes.select_related("article__outlet", "article__original_source")
        carriers = {q.article.outlet_id for q in quotes} | {
            q.article.original_source_id for q in quotes
        }
        iraqi = claim.speaker.memberships.filter(
            organization__kind="government", organization__name__contains="Iraq"
        )
        if len(carriers - {None}) > 1 and iraqi.exists():
            truth.add(claim.key)
    assert answer == truth == {"dd9f74e8b8"}  # Abadi's, in three outlets


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


def test_facet_links_and_chips_on_the_claims_list_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{site}/claims/")
    with page.expect_navigation():
        facet_link(page, "organization_kind", "Militia").click()
    assert "organization_kind=militia" in page.url
    with page.expect_navigation():
        page.get_by_role("link", name="Remove filter Organization kind: Militia").click()
    assert "organization_kind" not in page.url
    context.close()


def test_every_claim_filter_and_apply_are_reachable_without_a_scrolling_panel(browser, site):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{site}/claims/?organization_kind=government&min_sources=2")
    panel = page.locator("details.filters")
    assert panel.evaluate("p => getComputedStyle(p).overflowY") == "visible"
    apply = page.get_by_role("button", name="Apply filters")
    box = apply.bounding_box()
    assert apply.is_visible() and 0 <= box["y"] and box["y"] + box["height"] <= 768
    for label in ("Organization kind", "Carried by at least (articles)", "Status"):
        field = page.locator("#claim-filters").get_by_label(label, exact=True)
        field.scroll_into_view_if_needed()  # the page scrolls, not the panel
        assert field.is_visible()
        assert apply.is_visible()
    context.close()
