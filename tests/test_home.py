"""The home page: what the corpus holds, each figure linked to its list, and the most
quoted speakers."""

import re

from django.urls import reverse
from django.utils.html import escape

from claims.models import Article, Claim, Organization, Quote, Speaker


def stats(content):
    """{label: (figure, link or None)} from the home page's "What the corpus holds" list."""
    block = re.search(r'<dl class="stats"[^>]*>(.*?)</dl>', content, re.S).group(1)
    shown = {}
    for label, value in re.findall(r"<dt>\s*(.*?)\s*</dt>\s*<dd>(.*?)</dd>", block, re.S):
        link = re.search(r'href="([^"]*)"', value)
        figure = re.sub(r"<[^>]+>", "", value).strip()
        shown[label] = (figure, link and link.group(1))
    return shown


def test_home_shows_each_count_of_the_seed_linked_to_its_list(client, seed):
    content = client.get(reverse("claims:home")).content.decode()
    assert stats(content) == {
        "Articles": (str(Article.objects.count()), reverse("claims:article_list")),
        "Quotes": (str(Quote.objects.count()), reverse("claims:quote_list")),
        "Claims": (str(Claim.objects.listed().count()), reverse("claims:claim_list")),
        "Speakers": (str(Speaker.objects.count()), reverse("claims:speaker_list")),
        "Organizations": (str(Organization.objects.count()), reverse("claims:organization_list")),
    }
    assert stats(content)["Articles"][0] == "5"
    assert stats(content)["Speakers"][0] == "20"
    assert f"Browse all {Quote.objects.count()} quotes" in content


def test_home_ranks_the_most_quoted_speakers_with_their_counts(client, seed):
    content = client.get(reverse("claims:home")).content.decode()
    ranking = re.search(r'<ol class="ranking">(.*?)</ol>', content, re.S).group(1)
    shown = re.findall(
        r'<a href="([^"]+)">([^<]+)</a>\s*<span class="ranking__count">(\d+) quotes?</span>',
        ranking,
    )
    expected = [
        (speaker.get_absolute_url(), escape(speaker.name), str(speaker.quotes.count()))
        for speaker in sorted(
            Speaker.objects.filter(quotes__isnull=False).distinct(),
            key=lambda s: (-s.quotes.count(), s.name),
        )[:8]
    ]
    assert shown == expected
    assert int(shown[0][2]) > int(shown[-1][2])
