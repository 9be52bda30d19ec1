"""Comparing two wordings of one statement, and two spellings of an organization."""

from claims.extraction.wording import organization_key, similar_wording, word_diff


def test_word_diff_marks_added_and_removed_words_ignoring_case_and_apostrophes():
    # Each piece is printed text, its spaces included, so the pieces read as printed.
    assert word_diff("We won’t leave Mosul.", "we won't ever leave Basra.") == [
        ("same", "we won't "),
        ("added", "ever"),
        ("same", " leave "),
        ("removed", "Mosul "),
        ("added", "Basra"),
        ("same", "."),
    ]


def test_word_diff_of_the_same_wording_is_one_same_piece():
    assert word_diff("The deal is dead.", "The deal is dead.") == [("same", "The deal is dead.")]


def test_similar_wording_allows_a_quarter_of_the_words_to_differ():
    assert similar_wording(
        "the budget will be passed before the end of the month",
        "The budget will surely be passed before the month ends",
    )
    assert not similar_wording(
        "the budget will be passed before the end of the month",
        "no budget can pass while the ministers are away",
    )


def test_similar_wording_of_short_quotes_needs_the_same_words():
    assert similar_wording("Never again.", "never again")
    assert not similar_wording("Never again.", "Never, ever again.")
    assert not similar_wording("", "anything")


def test_organization_key_ignores_a_leading_the_case_spacing_and_apostrophe_style():
    assert organization_key("The  Da’wa Party") == organization_key("da'wa party") == "da'wa party"
    assert organization_key("Theatre Guild") == "theatre guild"
