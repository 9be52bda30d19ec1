"""Facet counts: each select's options counted under the other filters, returned as data."""

import pytest
from django.http import QueryDict

from claims import scale
from claims.facets import facet_counts
from claims.filters import ClaimFilter, QuoteFilter
from claims.models import Claim, Quote
from tests.factories import (
    make_article,
    make_claim,
    make_membership,
    make_organization,
    make_quote,
    make_speaker,
)

pytestmark = pytest.mark.django_db


def counted(query, **page):
    """The Facets of /quotes/?<query>, with its first page as the view reads it."""
    quote_filter = QuoteFilter(QueryDict(query), queryset=Quote.objects.for_listing())
    assert quote_filter.is_valid(), quote_filter.errors
    paginated = scale.paginate(_Request(query), quote_filter.qs)
    return quote_filter, facet_counts(quote_filter, paginated)


def claims_counted(query):
    """The Facets of /claims/?<query>, with its first page as the view reads it."""
    claim_filter = ClaimFilter(QueryDict(query), queryset=Claim.objects.listed())
    assert claim_filter.is_valid(), claim_filter.errors
    paginated = scale.paginate(_Request(query), claim_filter.qs)
    return claim_filter, facet_counts(claim_filter, paginated)


class _Request:
    def __init__(self, query):
        self.GET = QueryDict(query)


def two_speakers():
    zamili = make_speaker(name="Hakim al-Zamili", slug="zamili")
    lavrov = make_speaker(name="Sergei Lavrov", slug="lavrov")
    article = make_article(body="“one” “two” “three”")
    make_quote(article=article, speaker=zamili, text="one", kind="direct")
    make_quote(article=article, speaker=zamili, text="two", kind="indirect")
    make_quote(article=article, speaker=lavrov, text="three", kind="direct")
    return zamili, lavrov


def test_each_facet_counts_under_the_other_filters_but_not_its_own():
    two_speakers()
    _, facets = counted("speaker=zamili")
    assert facets.counts["speaker"] == {"zamili": 2, "lavrov": 1}
    assert facets.counts["kind"] == {"direct": 1, "indirect": 1}


def test_counts_are_labels_of_the_options_and_the_form_is_left_as_it_was():
    two_speakers()
    quote_filter, facets = counted("")
    expected = [("zamili", "Hakim al-Zamili (2)"), ("lavrov", "Sergei Lavrov (1)")]
    assert facets.choices["speaker"] == expected
    assert dict(quote_filter.form.fields["speaker"].choices)["zamili"] == "Hakim al-Zamili"


def test_an_organization_counts_the_quotes_naming_it_and_its_members_quotes():
    zamili, _ = two_speakers()
    party = make_organization(name="Party", slug="party")
    make_membership(speaker=zamili, organization=party)
    _, facets = counted("")
    assert facets.counts["organization"] == {"party": 2}


def test_past_the_sample_the_counts_say_they_are_a_sample(settings):
    settings.FACET_SAMPLE = 2
    two_speakers()
    _, facets = counted("")
    assert sum(facets.counts["kind"].values()) == 2
    assert "from the first 2 matching quotes" in facets.note


def test_past_the_query_budget_facets_go_uncounted_and_say_so(settings):
    settings.FACET_QUERIES = 1
    two_speakers()
    _, facets = counted("speaker=zamili&kind=direct")
    assert "speaker" not in facets.counts and "kind" not in facets.counts
    assert facets.counts["status"] == {"unverified": 1}
    assert "speaker, kind options have no counts" in facets.note


def test_alias_options_are_shown_only_when_chosen():
    speaker = make_speaker(name="Moeen al-Kadhimi", slug="kadhimi", aliases=["Muen Kadhimi"])
    make_quote(speaker=speaker)
    _, facets = counted("")
    assert [value for value, _ in facets.choices["speaker"]] == ["kadhimi"]
    _, facets = counted("speaker=muen-kadhimi")
    assert "muen-kadhimi" in [value for value, _ in facets.choices["speaker"]]


def test_the_most_quoted_speaker_whose_alias_is_his_own_slug_is_offered(client):
    abadi = make_speaker(
        name="Haider al-Abadi", slug="haider-al-abadi", aliases=["Haider Al Abadi"]
    )
    make_quote(speaker=abadi)
    html = client.get("/quotes/").content.decode()
    assert '<option value="haider-al-abadi">Haider al-Abadi (1)</option>' in html


def test_a_select_with_counts_shows_its_empty_option_once(client):
    make_quote(speaker=make_speaker())
    html = client.get("/quotes/").content.decode()
    assert html.count(">Any kind of quote</option>") == 1
    assert html.count(">Any kind of organization</option>") == 1
    assert html.count(">Any outlet</option>") == 1


def lists(facets):
    return {facet.name: facet for facet in facets.lists}


def test_link_lists_show_options_with_counts_most_frequent_first_and_no_zero_counts():
    two_speakers()
    make_speaker(name="Never Quoted", slug="never")
    _, facets = counted("")
    speaker = lists(facets)["speaker"]
    assert [(o.label, o.count) for o in speaker.options] == [
        ("Hakim al-Zamili", 2),
        ("Sergei Lavrov", 1),
    ]
    assert speaker.options[0].query == "?speaker=zamili" and not speaker.options[0].chosen


def test_a_repeatable_option_adds_to_the_chosen_and_a_chosen_option_removes_itself():
    two_speakers()
    _, facets = counted("speaker=zamili&page=1&kind=direct")
    options = {o.label: o for o in lists(facets)["speaker"].options}
    assert options["Hakim al-Zamili"].chosen
    assert options["Hakim al-Zamili"].query == "?kind=direct"
    assert options["Sergei Lavrov"].query == "?speaker=zamili&speaker=lavrov&kind=direct"
    kinds = {o.label: o.query for o in lists(facets)["kind"].options}
    assert kinds["Reported speech"] == "?speaker=zamili&kind=indirect"


def test_organization_kinds_count_the_quotes_organization_and_the_speakers_memberships():
    zamili, lavrov = two_speakers()
    ministry = make_organization(name="Ministry", slug="ministry", kind="government")
    make_membership(speaker=lavrov, organization=ministry)
    make_membership(speaker=zamili, organization=make_organization(kind="party"))
    _, facets = counted("")
    assert facets.counts["organization_kind"] == {"government": 1, "party": 2}
    labels = {o.label for o in lists(facets)["organization_kind"].options}
    assert labels == {"Government body", "Party or coalition"}


def test_dates_are_a_facet_that_sets_a_one_day_range():
    import datetime as dt

    day = make_article(body="“a” “b”", published=dt.date(2015, 10, 21))
    make_quote(article=day, text="a")
    make_quote(article=day, text="b")
    make_quote(article=make_article(published=dt.date(2015, 10, 7)))
    make_quote()  # undated: in no date option
    _, facets = counted("")
    published = lists(facets)["published"]
    assert [(o.label, o.count) for o in published.options] == [
        ("21 Oct 2015", 2),
        ("7 Oct 2015", 1),
    ]
    assert published.options[0].query == "?date_after=2015-10-21&date_before=2015-10-21"
    _, facets = counted("date_after=2015-10-21&date_before=2015-10-21")
    chosen = lists(facets)["published"].options[0]
    assert chosen.chosen and chosen.query == ""


def test_a_chosen_date_removes_itself_however_it_was_written():
    import datetime as dt

    make_quote(article=make_article(published=dt.date(2015, 10, 7)))
    _, facets = counted("date_after=2015-10-7&date_before=2015-10-07&kind=direct")
    chosen = lists(facets)["published"].options[0]
    assert chosen.chosen and chosen.query == "?kind=direct"


def test_each_active_filter_is_a_chip_whose_link_removes_only_it():
    zamili, _ = two_speakers()
    party = make_organization(name="Party", slug="party")
    make_membership(speaker=zamili, organization=party)
    _, facets = counted(
        "speaker=zamili&speaker=lavrov&organization=party&q=one"
        "&date_after=2015-10-21&date_before=2015-10-21&sort=oldest"
    )
    chips = [(chip.label, chip.value, chip.query) for chip in facets.chips]
    rest = "&date_after=2015-10-21&date_before=2015-10-21&sort=oldest"
    assert chips == [
        ("Text", "one", f"?speaker=zamili&speaker=lavrov&organization=party{rest}"),
        ("Speaker", "Hakim al-Zamili", f"?speaker=lavrov&organization=party&q=one{rest}"),
        ("Speaker", "Sergei Lavrov", f"?speaker=zamili&organization=party&q=one{rest}"),
        ("Organization", "Party", f"?speaker=zamili&speaker=lavrov&q=one{rest}"),
        (
            "Published",
            "21 Oct 2015",
            "?speaker=zamili&speaker=lavrov&organization=party&q=one&sort=oldest",
        ),
    ]


def test_the_quote_list_shows_facet_links_and_removable_chips(client):
    two_speakers()
    html = client.get("/quotes/", {"kind": "direct"}).content.decode()
    assert 'href="/quotes/?kind=direct&amp;speaker=zamili"' in html
    assert 'aria-label="Remove filter Kind: Direct quotation"' in html
    assert 'class="chip__remove" href="/quotes/"' in html


# The claims list's facets: the same pieces, counting claims.


def carried_claims():
    """Abadi's claim in three articles of two outlets (one from an agency), a one-article
    claim by Zamili, a member of a militia, and an unnamed source's undated claim."""
    import datetime as dt

    wsj = make_organization(name="The Wall Street Journal", slug="wsj", kind="outlet")
    reuters = make_organization(name="Reuters", slug="reuters", kind="agency")
    government = make_organization(name="Government of Iraq", slug="goi", kind="government")
    badr = make_organization(name="Badr", slug="badr", kind="militia")
    abadi = make_speaker(name="Haider al-Abadi", slug="abadi")
    zamili = make_speaker(name="Hakim al-Zamili", slug="zamili")
    make_membership(speaker=abadi, organization=government, role="prime minister")
    make_membership(speaker=zamili, organization=badr, role="head")
    welcome = make_claim(statement="we welcome strikes", speaker=abadi)
    for i, (outlet, source) in enumerate([(wsj, None), (wsj, None), (None, reuters)]):
        article = make_article(
            body="“we welcome strikes”",
            outlet=outlet,
            original_source=source,
            published=dt.date(2015, 10, 7 + i),
        )
        make_quote(article=article, speaker=abadi, claim=welcome, text="we welcome strikes")
    alone = make_claim(statement="we need help", speaker=zamili)
    article = make_article(body="“we need help”", outlet=wsj, published=dt.date(2015, 10, 21))
    make_quote(article=article, speaker=zamili, claim=alone, text="we need help")
    make_quote(article=make_article(), kind="indirect")  # unnamed, undated
    return welcome, alone


def test_claim_facets_count_each_claim_once_however_many_quotes_carry_it():
    carried_claims()
    _, facets = claims_counted("")
    assert facets.counts["speaker"] == {"abadi": 1, "zamili": 1}
    assert facets.counts["outlet"] == {"wsj": 2, "reuters": 1}
    assert facets.counts["kind"] == {"direct": 2, "indirect": 1}
    assert facets.counts["first_reported"] == {"2015-10-07": 1, "2015-10-21": 1}
    assert facets.noun == "claim" and facets.note == ""


def test_claim_organization_facets_count_what_their_filters_keep(client):
    """Each organization and organization-kind option counts the claims its link lists."""
    carried_claims()
    _, facets = claims_counted("")
    assert facets.counts["organization"] == {"goi": 1, "badr": 1}
    assert facets.counts["organization_kind"] == {"government": 1, "militia": 1}
    for name in ("organization", "organization_kind", "outlet"):
        for value, count in facets.counts[name].items():
            data = client.get("/claims/", {name: value, "format": "json"}).json()
            assert data["count"] == count, (name, value)


def test_sources_options_count_the_claims_carried_by_at_least_that_many_articles():
    carried_claims()
    _, facets = claims_counted("")
    assert facets.counts["min_sources"] == {"2": 1, "3": 1, "5": 0, "10": 0}
    sources = lists(facets)["min_sources"]
    assert sources.label == "Carried by"
    assert [(o.label, o.count, o.query) for o in sources.options] == [
        ("2 or more articles", 1, "?min_sources=2"),
        ("3 or more articles", 1, "?min_sources=3"),
    ]
    # Any number chosen is counted, and its chip reads as the option does.
    _, facets = claims_counted("min_sources=4&speaker=abadi")
    chosen = lists(facets)["min_sources"].options[0]
    assert (chosen.label, chosen.count, chosen.chosen) == ("4 or more articles", 0, True)
    assert chosen.query == "?speaker=abadi"
    chips = [(chip.label, chip.value, chip.query) for chip in facets.chips]
    assert chips == [
        ("Speaker", "Haider al-Abadi", "?min_sources=4"),
        ("Carried by", "4 or more articles", "?speaker=abadi"),
    ]


def test_claim_dates_are_a_facet_that_sets_a_one_day_range_of_the_first_report():
    carried_claims()
    _, facets = claims_counted("")
    first = lists(facets)["first_reported"]
    assert first.label == "First reported"
    assert [(o.label, o.query) for o in first.options] == [
        ("21 Oct 2015", "?date_after=2015-10-21&date_before=2015-10-21"),
        ("7 Oct 2015", "?date_after=2015-10-07&date_before=2015-10-07"),
    ]
    _, facets = claims_counted("date_after=2015-10-21&date_before=2015-10-21")
    assert [(c.label, c.value, c.query) for c in facets.chips] == [
        ("First reported", "21 Oct 2015", "")
    ]
    assert facets.counts["speaker"] == {"zamili": 1}


def test_claim_and_quote_counts_of_one_query_string_are_cached_apart(settings):
    settings.FACET_SAMPLE = 1  # sampled counts are cached under the query string
    carried_claims()
    _, quotes = counted("")
    _, claims = claims_counted("")
    assert sum(quotes.counts["kind"].values()) == 1
    assert "from the first 1 matching quotes" in quotes.note
    assert "from the first 1 matching claims" in claims.note
    assert "min_sources" in claims.counts and "min_sources" not in quotes.counts
