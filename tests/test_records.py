"""claims.records: the fields added to the quote and speaker records (JSON and CSV), and
/search/'s JSON."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from tests.factories import make_article, make_membership, make_organization, make_quote

pytestmark = pytest.mark.django_db


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def dunford_quote():
    """A quote by a chairman whose membership began before the article's date, and a
    membership that ended before it."""
    wire = make_organization(name="Reuters", slug="reuters", kind="agency")
    staff = make_organization(name="Joint Chiefs of Staff", slug="jcs", kind="government")
    membership = make_membership(
        organization=staff, role="Chairman", start_date=dt.date(2015, 10, 1)
    )
    make_membership(
        speaker=membership.speaker,
        organization=make_organization(name="Marines", slug="marines"),
        role="Commandant",
        end_date=dt.date(2015, 9, 24),
    )
    article = make_article(original_source=wire, published=dt.date(2015, 10, 21))
    return make_quote(article=article, speaker=membership.speaker)


def test_quote_json_adds_claim_key_original_source_and_role_at_the_time(client, dunford_quote):
    record = client.get(reverse("claims:quote_list"), {"format": "json"}).json()["results"][0]
    assert record["claim_key"] == dunford_quote.claim.key
    assert record["article"]["original_source"] == {
        "name": "Reuters",
        "url": "http://testserver/organizations/reuters/",
    }
    assert record["speaker_role"] == {
        "role": "Chairman",
        "organization": {
            "name": "Joint Chiefs of Staff",
            "url": "http://testserver/organizations/jcs/",
        },
    }


def test_a_quote_without_speaker_or_original_source_has_nulls(client):
    make_quote()
    record = client.get(reverse("claims:quote_list"), {"format": "json"}).json()["results"][0]
    assert record["speaker_role"] is None and record["article"]["original_source"] is None


def test_quote_csv_has_the_added_columns(client, dunford_quote):
    row = csv_rows(client.get(reverse("claims:quote_list"), {"format": "csv"}))[0]
    assert row["claim_key"] == dunford_quote.claim.key
    assert row["article_original_source_name"] == "Reuters"
    assert row["speaker_role_role"] == "Chairman"
    assert row["speaker_role_organization_name"] == "Joint Chiefs of Staff"


def test_speakers_csv_gives_each_role_as_role_comma_organization(client, dunford_quote):
    row = csv_rows(client.get(reverse("claims:speaker_list"), {"format": "csv"}))[0]
    assert row["roles"] == (
        "Chairman, Joint Chiefs of Staff (from 2015-10-01); Commandant, Marines (to 2015-09-24)"
    )


def test_the_speakers_json_roles_are_unchanged(client, dunford_quote):
    roles = client.get(reverse("claims:speaker_list"), {"format": "json"}).json()["results"][0]
    assert set(roles["roles"][0]) == {"organization", "role", "start_date", "end_date"}


def test_search_answers_json_in_the_list_envelope(client, dunford_quote):
    response = client.get(reverse("claims:search"), {"q": "win", "format": "json"})
    data = response.json()
    assert set(data) == {"query", "count", "next", "previous", "results"}
    assert data["query"] == "win" and data["count"] == len(data["results"]) > 0
    claim = next(r for r in data["results"] if r["type"] == "claim")
    assert claim["key"] == dunford_quote.claim.key and claim["sources"] == 1
    assert client.get(reverse("claims:search"), {"q": "x", "format": "xml"}).status_code == 400
