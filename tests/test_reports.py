"""The public "report a problem with this attribution" form."""

import pytest
from django.urls import reverse

from claims.models import AttributionReport
from claims.reports import REPORTS_PER_HOUR
from tests.factories import make_claim, make_quote

pytestmark = pytest.mark.django_db

REPORT = {"problem": "wrong_speaker", "details": "It was his deputy.", "contact": "", "website": ""}


@pytest.fixture
def claim():
    return make_quote().claim


def report_url(claim):
    return reverse("claims:claim_report", args=[claim.key])


def test_claim_page_links_to_the_report_form(client, claim):
    html = client.get(claim.get_absolute_url()).content.decode()
    assert f'href="{report_url(claim)}"' in html
    assert "Report a problem with this attribution" in html


def test_report_form_renders_in_two_queries(client, claim, django_assert_num_queries):
    # The claim, then its quotes' wording: reported speech is shown unquoted.
    with django_assert_num_queries(2):
        response = client.get(report_url(claim))
    assert response.status_code == 200
    assert 'name="website"' in response.content.decode()


def test_a_report_is_stored_with_a_hashed_address_and_thanks(client, claim):
    response = client.post(report_url(claim), REPORT, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    report = AttributionReport.objects.get()
    assert (report.claim, report.problem, report.status) == (claim, "wrong_speaker", "open")
    assert len(report.address_hash) == 64 and "203.0.113.9" not in report.address_hash
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_honeypot_filled_in_means_no_report(client, claim):
    response = client.post(report_url(claim), {**REPORT, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not AttributionReport.objects.exists()


def test_a_report_needs_a_known_problem(client, claim):
    response = client.post(report_url(claim), {**REPORT, "problem": "hate-it"})
    assert response.status_code == 400
    assert not AttributionReport.objects.exists()


def test_reports_are_rate_limited_per_address(client, claim):
    for _ in range(REPORTS_PER_HOUR):
        assert client.post(report_url(claim), REPORT, REMOTE_ADDR="198.51.100.1").status_code == 302
    response = client.post(report_url(claim), REPORT, REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert "Too many reports" in response.content.decode()
    assert client.post(report_url(claim), REPORT, REMOTE_ADDR="198.51.100.2").status_code == 302
    assert AttributionReport.objects.count() == REPORTS_PER_HOUR + 1


def test_report_text_is_stored_as_typed_and_shown_escaped(client, claim):
    details = '<script>alert("x")</script>'
    client.post(report_url(claim), {**REPORT, "details": details})
    assert AttributionReport.objects.get().details == details
    response = client.post(report_url(claim), {**REPORT, "details": details, "problem": ""})
    html = response.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html


def test_report_on_unknown_claim_is_404(client):
    make_claim()
    assert client.get(reverse("claims:claim_report", args=["nope"])).status_code == 404
