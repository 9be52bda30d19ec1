"""The list pages' FilterSets: what each query-string parameter keeps."""

import pytest
from django.http import QueryDict

from claims.filters import ArticleFilter, OrganizationFilter, QuoteFilter, SpeakerFilter
from claims.models import Article, Organization, Quote, Speaker
from tests.factories import (
    make_article,
    make_membership,
    make_organization,
    make_quote,
    make_speaker,
)

pytestmark = pytest.mark.django_db


def quotes(query):
    quote_filter = QuoteFilter(QueryDict(query), queryset=Quote.objects.for_listing())
    assert quote_filter.is_valid(), quote_filter.errors
    return list(quote_filter.qs)


def test_a_speaker_alias_slug_keeps_that_speakers_quotes():
    speaker = make_speaker(name="Moeen al-Kadhimi", slug="kadhimi", aliases=["Muen Kadhimi"])
    quote = make_quote(speaker=speaker)
    make_quote(speaker=make_speaker())
    assert quotes("speaker=muen-kadhimi") == [quote]


def test_several_speakers_keep_the_quotes_of_any_of_them():
    first, second = make_quote(speaker=make_speaker()), make_quote(speaker=make_speaker())
    make_quote(speaker=make_speaker())
    chosen = f"speaker={first.speaker.slug}&speaker={second.speaker.slug}"
    assert set(quotes(chosen)) == {first, second}


def test_an_organization_keeps_the_quotes_naming_it_and_its_members_quotes():
    party = make_organization(slug="party")
    member = make_membership(organization=party).speaker
    named = make_quote(organization=party)
    by_member = make_quote(speaker=member)
    make_quote()
    assert set(quotes("organization=party")) == {named, by_member}


def test_an_outlet_keeps_the_articles_it_published_or_originated():
    wire = make_organization(slug="wire")
    published = make_quote(article=make_article(outlet=wire))
    originated = make_quote(article=make_article(original_source=wire))
    make_quote()
    assert set(quotes("outlet=wire")) == {published, originated}


def test_the_list_is_newest_first_unless_sorted_otherwise():
    old = make_quote(article=make_article(published="2015-10-01"))
    new = make_quote(article=make_article(published="2015-10-09"))
    assert quotes("") == [new, old]
    assert quotes("sort=oldest") == [old, new]


def test_an_unknown_speaker_is_a_form_error():
    make_speaker(slug="known")
    quote_filter = QuoteFilter(QueryDict("speaker=unknown"), queryset=Quote.objects.all())
    assert not quote_filter.is_valid() and "speaker" in quote_filter.errors


def test_qs_without_drops_only_the_named_filters():
    speaker = make_speaker()
    direct = make_quote(speaker=speaker, kind="direct")
    make_quote(speaker=speaker, kind="indirect")
    other = make_quote(kind="direct")
    data = QueryDict(f"speaker={speaker.slug}&kind=direct&sort=oldest")
    quote_filter = QuoteFilter(data, queryset=Quote.objects.all())
    assert quote_filter.is_valid()
    assert set(quote_filter.qs_without("speaker")) == {direct, other}
    assert set(quote_filter.qs_without()) == {direct}


def test_a_speaker_search_matches_names_ignoring_al_and_case():
    kadhimi = make_speaker(name="Moeen al-Kadhimi", slug="kadhimi")
    make_speaker(name="Sergei Lavrov", slug="lavrov")
    speaker_filter = SpeakerFilter(QueryDict("q=KADHIMI"), queryset=Speaker.objects.all())
    assert list(speaker_filter.qs) == [kadhimi]
    blank = SpeakerFilter(QueryDict("q=+"), queryset=Speaker.objects.all())
    assert blank.qs.count() == 2


def test_speakers_and_articles_filter_by_a_chosen_organization():
    party = make_organization(slug="party")
    member = make_membership(organization=party).speaker
    make_speaker()
    speakers = SpeakerFilter(QueryDict("organization=party"), queryset=Speaker.objects.all())
    assert list(speakers.qs) == [member]
    article = make_article(outlet=party)
    make_article()
    articles = ArticleFilter(QueryDict("outlet=party"), queryset=Article.objects.all())
    assert list(articles.qs) == [article]


def test_an_organization_search_matches_a_name_or_an_alias():
    pmf = make_organization(name="Popular Mobilization Forces", slug="pmf", aliases=["Hashd"])
    make_organization(name="Badr", slug="badr")
    organizations = OrganizationFilter(QueryDict("q=hashd"), queryset=Organization.objects.all())
    assert list(organizations.qs) == [pmf]


def test_several_organizations_keep_the_quotes_of_any_of_them():
    party, militia = make_organization(slug="party"), make_organization(slug="militia")
    by_member = make_quote(speaker=make_membership(organization=party).speaker)
    naming = make_quote(organization=militia)
    make_quote()
    assert set(quotes("organization=party&organization=militia")) == {by_member, naming}
    assert set(quotes("organization=party")) == {by_member}


def test_an_organization_kind_keeps_quotes_naming_one_or_by_a_member_of_one():
    """organization_kind=K: the quote's organization is of kind K, or its speaker is a
    member of an organization of kind K (any membership, whatever its dates)."""
    ministry = make_organization(slug="ministry", kind="government")
    minister = make_membership(organization=ministry, role="minister").speaker
    by_official = make_quote(speaker=minister)
    naming = make_quote(organization=make_organization(slug="council", kind="government"))
    make_quote(speaker=make_membership(organization=make_organization(kind="militia")).speaker)
    make_quote()
    assert set(quotes("organization_kind=government")) == {by_official, naming}
    assert quotes("organization_kind=international") == []


def test_an_unknown_organization_kind_is_a_form_error():
    quote_filter = QuoteFilter(QueryDict("organization_kind=church"), queryset=Quote.objects.all())
    assert not quote_filter.is_valid() and "organization_kind" in quote_filter.errors


def test_speakers_sort_by_name_or_by_most_quotes():
    one = make_speaker(name="Aaron One", slug="one")
    many = make_speaker(name="Zed Many", slug="many")
    make_speaker(name="Mid None", slug="none")
    make_quote(speaker=one)
    make_quote(speaker=many)
    make_quote(speaker=many)

    def order(query):
        speaker_filter = SpeakerFilter(QueryDict(query), queryset=Speaker.objects.order_by("name"))
        assert speaker_filter.is_valid(), speaker_filter.errors
        return [s.slug for s in speaker_filter.qs]

    assert order("") == order("sort=name") == ["one", "none", "many"]
    assert order("sort=quotes") == ["many", "one", "none"]


def test_sorting_members_by_quotes_counts_each_quote_once():
    party = make_organization(slug="party")
    member = make_speaker(slug="member")
    make_membership(speaker=member, organization=party, role="spokesman")
    make_membership(speaker=member, organization=party, role="aide")
    make_quote(speaker=member)
    speaker_filter = SpeakerFilter(
        QueryDict("organization=party&sort=quotes"), queryset=Speaker.objects.order_by("name")
    )
    assert [s.quote_total for s in speaker_filter.qs] == [1]
