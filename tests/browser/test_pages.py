import pytest

from claims.models import Article, Quote

pytestmark = pytest.mark.browser


def test_filter_quotes_by_speaker_and_date(page, seeded_site, screenshot):
    page.goto(f"{seeded_site}/quotes/")
    page.select_option("select[name=speaker]", "hakim-al-zamili")
    page.fill("input[name=date_after]", "2015-10-07")
    page.fill("input[name=date_before]", "2015-10-07")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**speaker=hakim-al-zamili**")
    expected = Quote.objects.filter(
        speaker__slug="hakim-al-zamili", article__published="2015-10-07"
    ).count()
    assert expected > 0
    assert page.locator("figure.quote").count() == expected
    screenshot(page, "quote_list_filtered")


def test_open_claim_page_from_the_list(page, seeded_site, screenshot):
    page.goto(f"{seeded_site}/quotes/?q=polite+people")
    page.get_by_role("link", name="Claim page").first.click()
    page.wait_for_url("**/claims/**")
    assert "polite people" in page.content()
    screenshot(page, "claim_detail")


def test_follow_a_highlight_in_an_article_to_its_claim(page, seeded_site, screenshot):
    article = Article.objects.get(seed_file__startswith="004")
    page.goto(f"{seeded_site}{article.get_absolute_url()}")
    screenshot(page, "article_detail")
    link = page.locator("mark a").first
    href, text = link.get_attribute("href"), link.inner_text()
    link.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").count() == 1
    assert text in page.locator("main").inner_text()


@pytest.mark.parametrize(
    "path,name",
    [
        ("/", "home"),
        ("/quotes/", "quote_list"),
        ("/speakers/", "speaker_list"),
        ("/speakers/moeen-al-kadhimi/", "speaker_detail"),
        ("/organizations/", "organization_list"),
        ("/organizations/badr/", "organization_detail"),
        ("/articles/", "article_list"),
    ],
)
def test_page_renders_without_console_errors(page, seeded_site, screenshot, path, name):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    response = page.goto(f"{seeded_site}{path}")
    assert response.status == 200
    assert page.locator("main").count() == 1
    screenshot(page, name)
    assert errors == []
