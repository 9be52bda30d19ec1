"""HEAD answers like GET, without a body, on every public page and /healthz."""

import pytest
from django.urls import reverse

from claims.models import Article, Claim, Organization, Quote, Speaker

pytestmark = pytest.mark.django_db


def public_urls():
    speaker = Speaker.objects.order_by("pk").first()
    claim = Claim.objects.order_by("pk").first()
    return [
        reverse("healthz"),
        reverse("claims:home"),
        reverse("claims:quote_list"),
        reverse("claims:quote_list") + "?format=json",
        reverse("claims:quote_list") + "?format=csv",
        Quote.objects.order_by("pk").first().get_absolute_url(),
        reverse("claims:speaker_list"),
        speaker.get_absolute_url(),
        reverse("claims:speaker_feed", args=[speaker.slug]),
        reverse("claims:organization_list"),
        Organization.objects.order_by("pk").first().get_absolute_url(),
        reverse("claims:article_list"),
        Article.objects.order_by("pk").first().get_absolute_url(),
        claim.get_absolute_url(),
        reverse("claims:claim_report", args=[claim.key]),
        reverse("claims:search") + "?q=Abadi",
    ]


def test_head_answers_every_public_page_like_get_without_a_body(seed, client):
    for url in public_urls():
        got = client.get(url)
        head = client.head(url)
        assert head.status_code == got.status_code == 200, url
        assert head["Content-Type"] == got["Content-Type"], url
        body = b"".join(head.streaming_content) if head.streaming else head.content
        assert body == b"", url


def test_other_methods_are_still_refused_on_read_only_pages(seed, client):
    assert client.post(reverse("claims:quote_list")).status_code == 405
    assert client.delete(reverse("healthz")).status_code == 405
