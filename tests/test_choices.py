"""Select options: every row of a short table, the chosen rows of a long one."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from claims.choices import choice_rows, organization_choices, quote_choices
from claims.models import Membership, SlugRedirect
from tests.factories import make_article, make_organization, make_speaker

pytestmark = pytest.mark.django_db


def test_a_speaker_whose_alias_slugifies_to_his_own_slug_stays_a_speaker_option():
    make_speaker(
        name="Haider al-Abadi", slug="haider-al-abadi", aliases=["Haider Al Abadi", "Haider Abadi"]
    )
    choices = quote_choices(QueryDict(""))
    assert ("haider-al-abadi", "Haider al-Abadi") in choices["speaker"]
    assert choices["alias_slugs"] == {"haider-abadi": "haider-al-abadi"}


def test_an_alias_that_is_another_speakers_slug_does_not_point_to_the_alias_owner():
    make_speaker(name="Ali Hussein", slug="ali-hussein")
    make_speaker(name="Ali Hussein Jr", slug="ali-hussein-jr", aliases=["Ali Hussein"])
    choices = quote_choices(QueryDict(""))
    assert "ali-hussein" not in choices["alias_slugs"]
    assert dict(choices["speaker"])["ali-hussein"] == "Ali Hussein"


def test_an_alias_slug_is_an_option_that_names_its_speaker():
    make_speaker(name="Moeen al-Kadhimi", slug="moeen-al-kadhimi", aliases=["Muen Kadhimi"])
    choices = quote_choices(QueryDict(""))
    assert ("muen-kadhimi", "muen-kadhimi") in choices["speaker"]
    assert choices["alias_slugs"]["muen-kadhimi"] == "moeen-al-kadhimi"


def test_a_short_table_gives_every_row_and_says_it_is_complete():
    make_speaker(name="B", slug="b")
    make_speaker(name="A", slug="a")
    rows, complete = choice_rows({"speaker": []}, limit=5)["speaker"]
    assert complete and [row[0] for row in rows] == ["a", "b"]


def test_a_long_table_gives_only_the_chosen_rows_also_by_a_former_slug():
    for n in range(3):
        make_speaker(name=f"Speaker {n}", slug=f"speaker-{n}")
    renamed = make_speaker(name="Renamed", slug="renamed")
    SlugRedirect.objects.create(kind="speaker", slug="old-name", target_id=renamed.pk)
    rows, complete = choice_rows({"speaker": ["speaker-1", "old-name"]}, limit=2)["speaker"]
    assert not complete
    assert [row[0] for row in rows] == ["renamed", "speaker-1"]


def test_that_a_table_is_long_is_remembered_so_it_is_not_reread():
    for n in range(3):
        make_speaker(slug=f"speaker-{n}")
    choice_rows({"speaker": []}, limit=2)
    with CaptureQueriesContext(connection) as queries:
        rows, complete = choice_rows({"speaker": ["speaker-0"]}, limit=2)["speaker"]
    assert not complete and [row[0] for row in rows] == ["speaker-0"]
    assert len(queries) == 1 and "'all speaker'" not in queries[0]["sql"]


def test_all_three_tables_are_read_in_one_query():
    make_speaker()
    make_organization()
    make_article()
    with CaptureQueriesContext(connection) as queries:
        quote_choices(QueryDict(""))
    assert len(queries) == 1


def test_values_that_are_not_slugs_are_not_looked_up():
    make_speaker(slug="a")
    choices = quote_choices(QueryDict("speaker=%3Cscript%3E&article=a b"))
    assert [value for value, _ in choices["speaker"]] == ["a"]


def test_a_long_organization_list_offers_the_chosen_one_and_the_top_ranked(settings):
    from django.db.models import Count

    settings.FILTER_CHOICES_LIMIT = 2
    orgs = [make_organization(name=f"Org {n}", slug=f"org-{n}") for n in range(4)]
    for org in orgs[2:]:
        Membership.objects.create(speaker=make_speaker(), organization=org)
    options = organization_choices("org-0", Count("memberships"))
    assert [slug for slug, _ in options] == ["org-0", "org-2", "org-3"]
