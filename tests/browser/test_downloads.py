"""A reader who wants every quote at once finds the full-dataset files from the home page."""

import hashlib
import io

import pytest
from django.core.management import call_command

from tests.browser.test_accessibility import AXE

pytestmark = pytest.mark.browser


@pytest.fixture
def built_dataset(seeded_site, settings, tmp_path):
    settings.DOWNLOADS_ROOT = tmp_path
    call_command("export_dataset", site_url=seeded_site, stdout=io.StringIO())
    return tmp_path


def test_download_the_whole_dataset_from_the_home_page(
    page, seeded_site, built_dataset, screenshot
):
    page.goto(seeded_site + "/")
    page.get_by_role("link", name="Downloads: the full dataset as CSV and JSON lines").click()
    page.wait_for_url("**/downloads/")
    assert page.get_by_role("heading", level=1).inner_text() == "Downloads"
    screenshot(page, "downloads")
    csv_link = page.get_by_role("link", name="CSV", exact=True)
    with page.expect_download() as download_info:
        csv_link.click()  # the second click from the home page
    download = download_info.value
    data = open(download.path(), "rb").read()
    assert hashlib.sha256(data).hexdigest() in page.content()


def test_the_quote_list_points_to_the_downloads_for_everything(page, seeded_site, built_dataset):
    page.goto(seeded_site + "/quotes/")
    page.get_by_role("link", name="the full dataset", exact=True).click()
    page.wait_for_url("**/downloads/")


def test_the_downloads_page_has_no_serious_axe_violation(page, seeded_site, built_dataset):
    for width in (375, 1440):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(seeded_site + "/downloads/")
        page.evaluate(AXE)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], f"downloads at {width}px: {bad}"
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"the page scrolls sideways at {width}px"
