"""Search folds words the way it folds names, on SQLite and PostgreSQL alike: word forms,
apostrophes and hyphens, open and closed compounds and accents find the same quotes.
Run on both: `.venv/bin/python -m pytest tests/test_search_folding.py` and
`bash .ci/with-postgres.sh .venv/bin/python -m pytest tests/test_search_folding.py`."""

import pytest
from django.db import connection

from claims.folding import query_phrases
from claims.models import Article, Claim, Quote
from claims.scale.sql import fts5_query, tsquery
from tests.factories import make_article, make_quote

pytestmark = pytest.mark.django_db

AIRSTRIKES = [
    "Iraq would welcome Russian airstrikes on Islamic State",
    "an airstrike hit the refinery",
    "Iraq may request Russian air strikes soon",
    "the air-strikes failed to turn the tide",
    "a Russian air strike near Baiji",
]
SHIITES = [
    "Iraqi Shiite lawmakers urge Russia",
    "the Shi'ite militias hope for a partnership",
    "powerful Shi’ite militias",
    "a Shi-ite force",
]
OTHER = ["the strikes of the union", "Shia militias and the ruling alliance", "an air force base"]


@pytest.fixture
def quotes():
    """{text: quote id} for one quote of each text."""
    body = " ".join(f"“{text}”" for text in [*AIRSTRIKES, *SHIITES, *OTHER])
    article = make_article(body=body)
    return {
        text: make_quote(article=article, text=text).pk for text in [*AIRSTRIKES, *SHIITES, *OTHER]
    }


def found(text):
    return set(Quote.objects.matching_text(text).values_list("pk", flat=True))


def ids(quotes, texts):
    return {quotes[text] for text in texts}


def test_search_runs_on_a_full_text_index():
    assert connection.vendor in ("sqlite", "postgresql")


@pytest.mark.parametrize(
    "query", ["airstrikes", "airstrike", "air strikes", "air strike", "air-strikes", "Airstrikes"]
)
def test_word_forms_and_open_and_closed_compounds_find_the_same_quotes(quotes, query):
    assert found(query) == ids(quotes, AIRSTRIKES)


@pytest.mark.parametrize("query", ["Shiite", "Shi'ite", "Shi’ite", "Shi-ite", "shiites"])
def test_apostrophes_and_hyphens_inside_a_word_find_the_same_quotes(quotes, query):
    assert found(query) == ids(quotes, SHIITES)


def test_a_plural_finds_the_singular_and_the_singular_the_plural(quotes):
    assert found("militia") == found("militias") == ids(quotes, SHIITES[1:3] + OTHER[1:2])


def test_a_phrase_still_needs_its_words_in_order(quotes):
    assert found("russian air strikes") == ids(quotes, [AIRSTRIKES[i] for i in (0, 2, 4)])
    assert found("strikes russian") == set()


def test_common_words_are_searchable_as_words_not_stop_words(quotes):
    assert found("of the union") == ids(quotes, OTHER[:1])


def test_accents_are_folded(quotes):
    article = make_article(body="“the Kurdistán regional government”")
    accented = make_quote(article=article, text="the Kurdistán regional government")
    assert accented.pk in found("Kurdistan regional")


def test_claims_and_articles_fold_words_too(quotes):
    assert Claim.objects.matching_text("air strikes").count() == len(AIRSTRIKES)
    assert Article.objects.matching_text("Shi-ite").count() == 1


def test_a_query_asks_for_its_own_wording_first_then_its_folded_forms():
    assert query_phrases("air strikes") == [["air", "strikes"], ["airstrikes"]]
    assert query_phrases("Shiite militias") == [["shiite", "militias"], ["shi", "ite", "militias"]]
    assert query_phrases("Kata'ib Hezbollah") == [
        ["kata", "ib", "hezbollah"],
        ["kataib", "hezbollah"],
    ]
    assert query_phrases(" ... ") == []


def test_the_engine_queries_or_the_phrases_with_the_last_word_a_prefix():
    assert fts5_query("air strikes") == '"air strikes"* OR "airstrikes"*'
    assert tsquery("air strikes") == "(air <-> strikes:*) | (airstrikes:*)"


def test_a_query_with_many_compounds_asks_for_a_bounded_number_of_phrases():
    assert len(query_phrases(" ".join(["airstrikes"] * 10))) == 8
