"""Journey (issue 12, question 3): “how did the wording of Abadi's statement differ between
outlets?”, answered from the home page in at most three clicks."""

import pytest

from claims.models import Claim
from claims.services import seed_load
from tests.conftest import SEED_FIXTURE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_CLICKS = 3


@pytest.fixture
def site(live_server, transactional_db):
    seed_load(path=SEED_FIXTURE)
    return live_server.url


def test_how_the_wording_of_abadis_statement_differed_between_outlets(page, site, screenshot):
    clicks = 0
    page.goto(site)

    page.get_by_role("link", name="Haider al-Abadi").first.click()
    clicks += 1
    page.wait_for_url("**/speakers/haider-al-abadi/")

    # His most widely carried claim offers the comparison of its sources.
    compare = page.get_by_role("link", name="Compare how its")
    counts = [int(text.split()[3]) for text in compare.all_inner_texts()]
    compare.nth(counts.index(max(counts))).click()
    clicks += 1
    page.wait_for_url("**/claims/**")

    claim = Claim.objects.get(key=page.url.rstrip("/").rsplit("/", 1)[-1])
    assert claim.speaker.slug == "haider-al-abadi" and claim.quotes.count() == max(counts)
    sources = page.locator("li.source")
    assert sources.count() == claim.quotes.count()
    outlets = set(page.locator("li.source .source__outlet a").all_inner_texts())
    assert len(outlets) >= 2  # several outlets, each with its own wording
    assert page.locator(".diff ins, .diff del").count() > 0  # the differences are marked
    # Reported speech reads as reported, never as a quotation.
    statement = page.locator(".claim__statement").inner_text()
    assert "“" not in statement and " said " in statement
    assert (
        page.locator("li.source blockquote").count()
        == claim.quotes.exclude(kind="indirect").count()
    )
    assert clicks <= MAX_CLICKS
    screenshot(page, "journey_wording")
