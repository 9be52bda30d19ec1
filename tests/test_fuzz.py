"""Property-based fuzzing: no query string or slug makes a public page answer 500."""

from urllib.parse import quote as urlquote
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import urls as claims_urls
from claims.models import Article, Claim, Organization, Quote, Speaker
from tests.factories import make_curator

ALLOWED = {200, 301, 302, 400, 404}
# The number of examples comes from the hypothesis profile (tests/conftest.py):
# HYPOTHESIS_PROFILE=thorough sends ten times as many.
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TWICE = settings(FUZZ, max_examples=2 * FUZZ.max_examples)
KNOWN_PARAMETERS = [
    "q",
    "speaker",
    "organization",
    "outlet",
    "article",
    "date_after",
    "date_before",
    "kind",
    "status",
    "sort",
    "page",
    "page_size",
    "format",
    "role",
    "o",
    "sent",
    "has_quotes",
    "min_sources",
]
HOSTILE_VALUES = [
    "",
    "0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "2015-02-30",
    "2015-13-01",
    "0000-00-00",
    "9999-12-31",
    "-2015-10-01",
    "10/12/2015",
    "' OR 1=1 --",
    "'; DROP TABLE claims_quote; --",
    "1 UNION SELECT password FROM auth_user",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${7*7}",
    "%s%s%s%n",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "\x00",
    "a\x00b",
    "\u202eevil",
    "\ud7ff\ufffd\U0001f4a3",
    "ﷺ",
    "İstanbul",
    "x" * 10_240,
    "json",
    "csv",
    "xml",
    "JSON",
    "csv\x00",
    "html ",
    "[]",
    "newest",
    "speaker",
    "direct",
    "verified",
]
values = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=10_240),
)
names = st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(min_size=1, max_size=20))
query_strings = st.lists(st.tuples(names, values), max_size=8).map(
    lambda pairs: urlencode(pairs, encoding="utf-8", errors="surrogatepass")
)
slugs = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=300),
    st.text(min_size=1, max_size=100),
    st.sampled_from(["-", "_", "0", "a" * 5000, "admin", "..", "%00", "speaker-1"]),
)


def public_urls():
    """One URL per public page with seed data behind it, by URL name."""
    speaker = Speaker.objects.filter(quotes__isnull=False).first()
    claim = Claim.objects.first()
    urls = {
        name: reverse(name)
        for name in (
            "claims:home",
            "claims:quote_list",
            "claims:claim_list",
            "claims:speaker_list",
            "claims:organization_list",
            "claims:article_list",
            "claims:search",
            "claims:downloads",
            "healthz",
        )
    }
    urls["claims:quote_detail"] = Quote.objects.first().get_absolute_url()
    urls["claims:speaker_detail"] = speaker.get_absolute_url()
    urls["claims:speaker_feed"] = reverse("claims:speaker_feed", args=[speaker.slug])
    urls["claims:organization_detail"] = Organization.objects.first().get_absolute_url()
    urls["claims:article_detail"] = Article.objects.first().get_absolute_url()
    urls["claims:claim_detail"] = claim.get_absolute_url()
    urls["claims:claim_report"] = reverse("claims:claim_report", args=[claim.key])
    urls["claims:download_file"] = reverse("claims:download_file", args=["quotes.csv.gz"])
    return urls


def fetch(client, url):
    """GET `url` and read the whole body, streamed CSV included."""
    response = client.get(url)
    if response.streaming:
        response.content_bytes = b"".join(response.streaming_content)
    else:
        response.content_bytes = response.content
    return response


def check(response, url):
    assert response.status_code in ALLOWED, f"{response.status_code} for {url[:300]!r}"
    if response.status_code == 400 and response["Content-Type"].startswith("text/html"):
        assert b'role="alert"' in response.content_bytes, f"400 without a message: {url[:300]}"
    if response.status_code == 400 and response["Content-Type"] == "application/json":
        assert "error" in response.json()


LIST_AND_DETAIL_NAMES = [
    "claims:home",
    "claims:quote_list",
    "claims:claim_list",
    "claims:speaker_list",
    "claims:organization_list",
    "claims:article_list",
    "claims:search",
    "healthz",
    "claims:quote_detail",
    "claims:speaker_detail",
    "claims:speaker_feed",
    "claims:organization_detail",
    "claims:article_detail",
    "claims:claim_detail",
    "claims:claim_report",
    "claims:downloads",
    "claims:download_file",
]


@pytest.fixture
def urls(seed):
    return public_urls()


def test_every_public_url_is_fuzzed(urls):
    routed = {f"claims:{pattern.name}" for pattern in claims_urls.urlpatterns} | {"healthz"}
    assert set(LIST_AND_DETAIL_NAMES) == routed == set(urls)


@pytest.mark.parametrize("name", LIST_AND_DETAIL_NAMES)
def test_hostile_query_strings_never_make_a_public_page_answer_500(name, urls, client):
    @FUZZ
    @given(query=query_strings)
    def fuzz(query):
        url = f"{urls[name]}?{query}"
        check(fetch(client, url), url)

    fuzz()


@pytest.mark.parametrize("name", LIST_AND_DETAIL_NAMES)
def test_a_nul_character_in_the_query_string_is_never_a_500(name, urls, client):
    for query in ("q=%00", "q=a%00b", "speaker=%00&q=%00x", "page=%00", "format=%00"):
        url = f"{urls[name]}?{query}"
        check(fetch(client, url), url)


LISTS = [
    "claims:quote_list",
    "claims:claim_list",
    "claims:speaker_list",
    "claims:organization_list",
    "claims:article_list",
]
DETAILS = {
    "claims:speaker_detail": "slug",
    "claims:speaker_feed": "slug",
    "claims:organization_detail": "slug",
    "claims:article_detail": "slug",
    "claims:claim_detail": "key",
    "claims:download_file": "name",
}


def test_hostile_filters_on_json_and_csv_exports_never_answer_500(urls, client):
    @TWICE
    @given(
        name=st.sampled_from(LISTS),
        fmt=st.sampled_from(["json", "csv", "jsonl"]),
        query=query_strings,
    )
    def fuzz(name, fmt, query):
        url = f"{urls[name]}?format={fmt}&{query}"
        check(fetch(client, url), url)

    fuzz()


def test_hostile_slugs_answer_404_or_a_redirect(seed, client):
    @TWICE
    @given(name=st.sampled_from(sorted(DETAILS)), slug=slugs)
    def fuzz(name, slug):
        url = reverse(name, kwargs={DETAILS[name]: "SLUG"}).replace("SLUG", urlquote(slug, safe=""))
        check(fetch(client, url), url)

    fuzz()


@FUZZ
@given(pk=st.integers(min_value=-(10**40), max_value=10**40))
def test_any_quote_number_answers_200_or_404(pk, seed, client):
    url = f"/quotes/{urlquote(str(pk))}/"
    check(fetch(client, url), url)


def test_an_unknown_format_is_a_400_with_a_message(seed, client):
    for fmt in ["xml", "JSON", "csv\x00", "json ", "x" * 10_240, "\x00"]:
        response = fetch(client, reverse("claims:quote_list") + "?" + urlencode({"format": fmt}))
        assert response.status_code == 400
        assert b'role="alert"' in response.content_bytes


def test_an_invalid_date_filter_shows_which_filter_is_wrong(seed, client):
    response = fetch(client, reverse("claims:quote_list") + "?date_after=2015-02-30")
    assert response.status_code == 400
    assert b'role="alert"' in response.content_bytes
    assert b"Published on or after" in response.content_bytes


# The curators' admin: every changelist and the review queue, as a member of Curators.
ADMIN_LISTS = [
    "admin:claims_quote_changelist",
    "admin:claims_claim_changelist",
    "admin:claims_article_changelist",
    "admin:claims_speaker_changelist",
    "admin:claims_organization_changelist",
    "admin:claims_membership_changelist",
    "admin:claims_merge_changelist",
    "admin:claims_attributionreport_changelist",
    "admin:claims_quote_review",
]
ADMIN_PARAMETERS = [
    "q",
    "o",
    "p",
    "e",
    "all",
    "id",
    "id__in",
    "status__exact",
    "kind__exact",
    "problem__exact",
    "speaker__id__exact",
    "organization__id__exact",
    "article__outlet__id__exact",
    "outlet__id__exact",
    "undone_at__isempty",
    "skip",
    "_changelist_filters",
]
ADMIN_HOSTILE = ["\x00", "a\x00b", "99999999999999999999999999", "-1", "' OR 1=1 --", "x" * 2000]
admin_queries = st.lists(
    st.tuples(st.sampled_from(ADMIN_PARAMETERS), values), min_size=1, max_size=4
).map(lambda pairs: urlencode(pairs, encoding="utf-8", errors="surrogatepass"))


@pytest.fixture
def curator_client(db, client):
    client.force_login(make_curator())
    return client


def admin_check(response, url):
    assert response.status_code in ALLOWED, f"{response.status_code} for {url[:300]!r}"


@pytest.mark.parametrize("name", ADMIN_LISTS)
def test_hostile_values_in_every_admin_filter_never_answer_500(name, seed, curator_client):
    base = reverse(name)
    for parameter in ADMIN_PARAMETERS:
        for value in ADMIN_HOSTILE:
            url = f"{base}?{urlencode({parameter: value})}"
            admin_check(curator_client.get(url), url)


@pytest.mark.parametrize("name", ADMIN_LISTS)
def test_hostile_admin_query_strings_never_answer_500(name, seed, curator_client):
    @FUZZ
    @given(query=admin_queries)
    def fuzz(query):
        url = f"{reverse(name)}?{query}"
        admin_check(curator_client.get(url), url)

    fuzz()


@pytest.mark.parametrize("term", ADMIN_HOSTILE)
def test_hostile_autocomplete_terms_never_answer_500(term, seed, curator_client):
    query = {"app_label": "claims", "model_name": "quote", "field_name": "speaker", "term": term}
    url = f"{reverse('admin:autocomplete')}?{urlencode(query)}"
    admin_check(curator_client.get(url), url)
