"""axe-core (vendored, tests/browser/vendor/axe.min.js, v4.14.1) on every page type,
and the filter form used by keyboard alone."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from claims.models import Article, Claim, Quote

pytestmark = pytest.mark.browser
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")


def page_types():
    return [
        ("home", lambda: "/"),
        ("quote_list", lambda: "/quotes/"),
        ("quote_list_invalid", lambda: "/quotes/?date_after=nope"),
        (
            "quote_list_faceted",
            lambda: (
                "/quotes/?q=air+strikes&organization=government-of-iraq&date_after=2015-10-07"
                "&date_before=2015-10-07"
            ),
        ),
        ("quote_detail", lambda: Quote.objects.order_by("pk").first().get_absolute_url()),
        ("speaker_list", lambda: "/speakers/"),
        ("speaker_detail", lambda: "/speakers/hakim-al-zamili/"),
        ("organization_list", lambda: "/organizations/"),
        ("organization_detail", lambda: "/organizations/badr/"),
        ("article_list", lambda: "/articles/"),
        (
            "article_detail",
            lambda: Article.objects.get(seed_file__startswith="001").get_absolute_url(),
        ),
        ("claim_list", lambda: "/claims/"),
        ("claim_list_invalid", lambda: "/claims/?min_sources=two"),
        ("claim_detail", lambda: Claim.objects.carried_by_several().first().get_absolute_url()),
        ("claim_detail_reported", lambda: "/claims/dd9f74e8b8/"),
        (
            "claim_gone",
            lambda: Claim.objects.get_or_create(key="gone000000", statement="x")[
                0
            ].get_absolute_url(),
        ),
        ("search", lambda: "/search/?q=kadhimi"),
        ("downloads", lambda: "/downloads/"),
    ]


@pytest.mark.parametrize("name,path", page_types(), ids=[n for n, _ in page_types()])
def test_page_has_no_serious_or_critical_axe_violation(page, seeded_site, name, path):
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{seeded_site}{path()}")
    page.evaluate(AXE)  # not an inline <script>: the CSP would block it
    for width in (375, 1440):
        # The media queries apply as the window is resized: no second load is needed.
        page.set_viewport_size({"width": width, "height": 900})
        # Only violations are read; leaving out the details of passing checks halves the run.
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], f"{name} at {width}px: {bad}"


def test_filter_form_works_by_keyboard_alone(page, seeded_site):
    page.goto(f"{seeded_site}/quotes/")
    # Tab from the top of the page to the text field, type, and submit with Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    assert page.evaluate("document.activeElement.name") == "q"
    focus_outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_outline != "none"
    page.keyboard.type("polite people")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=polite+people**")
    assert page.locator("blockquote").count() == 1
    # The speaker select is reachable and operable with the keyboard too.
    page.goto(f"{seeded_site}/quotes/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "speaker":
            break
    assert page.evaluate("document.activeElement.name") == "speaker"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**speaker=**")
    [slug] = parse_qs(urlsplit(page.url).query)["speaker"]
    expected = Quote.objects.filter(speaker__slug=slug).count()
    assert expected > 0
    assert page.locator("figure.quote").count() == expected
