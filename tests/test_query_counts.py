"""Every page runs a fixed number of SQL queries however many rows it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Organization, Quote, Speaker
from tests.factories import (
    make_article,
    make_claim,
    make_membership,
    make_organization,
    make_quote,
    make_speaker,
)

pytestmark = pytest.mark.django_db


def build(n):
    """n quotes by one speaker in n articles of one outlet, spread over n claims."""
    make_organization(name="Outlet", slug="outlet", kind="outlet")
    militia = make_organization(name="Militia", slug="militia", kind="militia")
    speaker = make_speaker(name="Hakim al-Zamili", slug="zamili", aliases=["Hakim Zamili"])
    make_membership(speaker=speaker, organization=militia, role="head")
    shared = make_claim(statement="we will win", speaker=speaker)
    add_rows(shared, range(n))
    return shared


def add_rows(shared, numbers):
    """For each number: an article with two quotes (one in `shared`) and a new member."""
    outlet = Organization.objects.get(slug="outlet")
    militia = Organization.objects.get(slug="militia")
    speaker = Speaker.objects.get(slug="zamili")
    for i in numbers:
        article = make_article(
            title=f"Article {i}",
            slug=f"article-{i}",
            outlet=outlet,
            body=f"Zamili said “we will win {i}” and “we are strong {i}” today.",
        )
        make_quote(
            article=article,
            speaker=speaker,
            organization=militia,
            claim=shared,
            text=f"we will win {i}",
        )
        make_quote(
            article=article,
            speaker=speaker,
            text=f"we are strong {i}",
            claim=make_claim(statement=f"we are strong {i}", speaker=speaker),
        )
        other = make_speaker(name=f"Other {i}", slug=f"other-{i}")
        make_membership(speaker=other, organization=militia, role=f"member {i}")


PAGES = [
    "/",
    "/quotes/?page_size=100",
    "/quotes/?page_size=100&speaker=zamili&kind=direct",
    "/quotes/?format=json&page_size=100",
    "/speakers/?page_size=100",
    "/speakers/?format=json&page_size=100",
    "/speakers/zamili/",
    "/speakers/zamili/feed/",
    "/organizations/?page_size=100",
    "/organizations/militia/",
    "/organizations/outlet/",
    "/articles/?page_size=100",
    "/articles/article-1/",
    "/search/?q=zamili",
    "/claims/?page_size=100",
    "/claims/?page_size=100&speaker=zamili&organization_kind=militia&min_sources=1",
    "/claims/?page_size=100&organization=militia&outlet=outlet&kind=direct&sort=sources",
    "/claims/?format=json&page_size=100&sort=sources",
    "CLAIM",
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(queries)


def test_no_page_query_count_grows_with_rows(client):
    """Every page with 5 rows, then every page again with 50: the data is built once."""
    claim = build(5)
    urls = [claim.get_absolute_url() if page == "CLAIM" else page for page in PAGES]
    with_5 = {url: count_queries(client, url) for url in urls}
    add_rows(claim, range(5, 50))
    assert Quote.objects.count() == 100
    with_50 = {url: count_queries(client, url) for url in urls}
    grew = {url: (with_5[url], n) for url, n in with_50.items() if n != with_5[url]}
    assert grew == {}, "queries with 5 rows, with 50 rows"
    too_many = {url: n for url, n in with_50.items() if n > 14}
    assert too_many == {}
