"""End-to-end checks of the seed fixture against the seed texts."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command

from claims.models import Article, Claim, Membership, Organization, Quote, Speaker
from claims.seed import build_fixture, dump_fixture
from claims.services import seed_load
from tests.factories import make_quote

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEEDS = FIXTURES / "seeds"
CURATION = FIXTURES / "curation.toml"


def test_fixture_build_is_deterministic():
    assert dump_fixture(build_fixture(SEEDS, CURATION)) == dump_fixture(
        build_fixture(SEEDS, CURATION)
    )


def test_committed_fixture_is_up_to_date_with_seeds_and_curation():
    built = dump_fixture(build_fixture(SEEDS, CURATION))
    assert (FIXTURES / "seed.json").read_text(encoding="utf-8") == built, (
        "fixtures/seed.json is stale: run `make fixtures` and commit it"
    )


def test_build_fixtures_check_command_passes(capsys):
    call_command("build_fixtures", "--check")
    assert "up to date" in capsys.readouterr().out


def test_fixture_carries_no_primary_keys():
    assert all("pk" not in record for record in build_fixture(SEEDS, CURATION))


def test_project_does_not_read_shared_folder():
    for path in Path(settings.BASE_DIR).glob("claims/**/*.py"):
        assert "../shared" not in path.read_text(encoding="utf-8"), path


@pytest.mark.django_db
def test_every_loaded_quote_matches_its_article_body(seed):
    quotes = list(Quote.objects.select_related("article"))
    assert len(quotes) > 80
    for quote in quotes:
        assert quote.article.body[quote.start : quote.end] == quote.text


@pytest.mark.django_db
def test_counts_loaded(seed):
    assert Article.objects.count() == 5
    assert Speaker.objects.count() == 20
    assert Organization.objects.count() >= 15
    assert Quote.objects.exclude(kind="indirect").count() >= 50
    assert Quote.objects.filter(kind="indirect").count() >= 20
    assert Claim.objects.carried_by_several().count() >= 8


@pytest.mark.django_db
def test_loading_twice_adds_nothing_and_keeps_curator_edits(seed):
    before = {
        m: m.objects.count() for m in (Article, Speaker, Organization, Quote, Claim, Membership)
    }
    quote = Quote.objects.filter(kind="direct").first()
    quote.status = "verified"
    quote.save()
    added, kept = seed_load(path=FIXTURES / "seed.json")
    assert added == 0 and kept == sum(before.values())
    assert {m: m.objects.count() for m in before} == before
    quote.refresh_from_db()
    assert quote.status == "verified"


@pytest.mark.django_db
def test_every_seeded_row_starts_its_history_with_a_baseline(seed):
    # The public history compares each change with the version before it.
    for model in (Article, Speaker, Organization, Quote, Claim, Membership):
        records = model.history.values_list("history_type", "history_change_reason")
        assert set(records) == {("+", "Loaded from the seed")}
        assert records.count() == model.objects.count()
    seed_load(path=FIXTURES / "seed.json")
    assert Quote.history.count() == Quote.objects.count()


@pytest.mark.django_db
def test_the_baseline_migration_gives_each_row_without_history_one_first_record():
    baselines = importlib.import_module("claims.migrations.0010_history_baselines")
    without = make_quote()
    without.history.all().delete()
    without.claim.history.all().delete()
    with_history = make_quote()
    baselines.add_baselines(django_apps, None)
    baselines.add_baselines(django_apps, None)
    for row in (without, without.claim):
        records = row.history.values_list("history_type", "history_change_reason")
        assert list(records) == [("+", baselines.REASON)]
    assert with_history.history.get().history_change_reason != baselines.REASON
    assert without.history.get().text == without.text


BOILERPLATE = [
    "Join the Conversation",
    "thoughts on",
    "Your email address will not be published",
    "users have voted",
    "Add new comment",
    "This question is for testing whether",
    "Solve this simple math problem",
    "Tags:",
    "You are here",
    "Please let us know if you're having issues with commenting",
    "Get top stories",
    "Original url",
    "Write to Matt Bradley",
    "**",
]


@pytest.mark.django_db
def test_article_bodies_leave_out_site_boilerplate(seed):
    for article in Article.objects.all():
        for marker in BOILERPLATE:
            assert marker not in article.body, (article.seed_file, marker)
        assert not article.body.startswith(article.title)


@pytest.mark.django_db
def test_article_metadata_is_what_the_texts_state(seed):
    insider = Article.objects.get(seed_file__startswith="000")
    assert insider.outlet.name == "Russia Insider"
    assert insider.original_source.name == "The Wall Street Journal"
    assert insider.author == "Matt Bradley"
    assert insider.published is None and insider.url == ""
    jordan = Article.objects.get(seed_file__startswith="002")
    assert jordan.original_source.name == "Reuters"
    assert str(jordan.published) == "2015-10-21"
    assert jordan.outlet is None
    moscow = Article.objects.get(seed_file__startswith="004")
    assert moscow.outlet.name == "The Moscow Times"
    assert str(moscow.published) == "2015-10-07"
    assert moscow.url.startswith("https://www.themoscowtimes.com/2015/10/07/")
    for seed_file in ("001", "003"):
        article = Article.objects.get(seed_file__startswith=seed_file)
        assert article.outlet is None and article.published is None and article.url == ""


@pytest.mark.django_db
def test_scare_quotes_and_headlines_are_not_loaded(seed):
    texts = set(Quote.objects.values_list("text", flat=True))
    for scare in ["operations room", "caliphate", "Small Help", "winning", "sustainable war"]:
        assert scare not in texts


@pytest.mark.django_db
def test_unnamed_sources_are_kept_without_a_speaker(seed):
    unnamed = Quote.objects.get(text__startswith="Abadi told the meeting parties")
    assert unnamed.speaker is None and unnamed.organization is None
    assert unnamed.attributed_as == "a senior Shiite politician close to Abadi"
    partial = Quote.objects.get(text="tremendous pressure")
    assert partial.kind == "partial" and partial.speaker is None
    assert partial.attributed_as == "Two members of parliament"


@pytest.mark.django_db
def test_institutional_sources_are_organizations(seed):
    wsj = Quote.objects.get(text__startswith="Iraqi Shiite lawmakers and militia leaders")
    assert wsj.speaker is None and wsj.organization.name == "The Wall Street Journal"
    journal = Quote.objects.get(text__startswith="Since Moscow began bombing")
    assert journal.organization.name == "The Wall Street Journal"
    assert journal.attributed_as == "the Journal"


@pytest.mark.django_db
def test_spellings_of_one_person_are_one_speaker(seed):
    kadhimi = Speaker.objects.get(slug="moeen-al-kadhimi")
    spelled = set(kadhimi.quotes.values_list("attributed_as", flat=True))
    assert {"Moeen al-Kadhimi", "Muen al-Kadhimi", "Muen Kadhimi", "Muen Al Kadhimi"} <= spelled
    assert kadhimi.quotes.order_by().values("article").distinct().count() == 5


@pytest.mark.django_db
def test_pronoun_and_description_cues_resolve_to_the_person_named_earlier(seed):
    assert Quote.objects.get(text__startswith="It is a possibility").speaker.name == (
        "Haider al-Abadi"
    )
    stressed = Quote.objects.get(text__startswith="Definitely a bigger role")
    assert stressed.speaker.name == "Hakim al-Zamili" and stressed.attributed_as == "he"
    assert Quote.objects.get(text__startswith="It doesn’t matter").speaker.name == (
        "Mowaffak Rubaie"
    )


@pytest.mark.django_db
def test_claims_group_the_same_statement_across_articles(seed):
    kadhimi = Quote.objects.filter(text__startswith="We welcome Russian airstrikes in Iraq")
    assert kadhimi.count() == 2 and kadhimi.values("claim").distinct().count() == 1
    zamili = Quote.objects.filter(text__contains="upcoming few days or weeks")
    assert zamili.count() == 2 and zamili.values("claim").distinct().count() == 1
    assert zamili[0].text != zamili[1].text  # different wording, one claim
    matviyenko = Quote.objects.filter(text__startswith="In the case of an appeal")
    assert matviyenko.values("claim").distinct().count() == 1
    assert Quote.objects.get(text__startswith="We are looking forward").claim not in {
        q.claim for q in kadhimi
    }


@pytest.mark.django_db
def test_reported_speech_is_loaded_with_its_source(seed):
    dunford = Quote.objects.get(
        kind="indirect", text__startswith="Abadi and Iraqi Defence Minister Khaled Obeidi"
    )
    assert dunford.speaker.name == "Joseph Dunford"
    assert dunford.text.endswith("they were not seeking Russia's help")
    interior = Quote.objects.get(kind="indirect", text__startswith="A car bombing")
    assert interior.organization.name == "Iraqi Ministry of Interior"
