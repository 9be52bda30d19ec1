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


def shown(pieces):
    return "".join(text for _, text in pieces)


def test_the_same_wording_is_shown_exactly_as_printed_with_its_ellipsis():
    text = "in Iraq. ... Yes, definitely a bigger role"
    assert shown(word_diff(text, text)) == text
    assert word_diff(text, text) == [("same", text)]


def test_punctuation_between_words_keeps_its_spacing_in_the_other_wording():
    pieces = word_diff("in Iraq. ... Yes, definitely", "in Iraq, definitely")
    assert shown([p for p in pieces if p[0] != "removed"]) == "in Iraq, definitely"
    assert ("removed", ". ... Yes") in pieces


def test_an_added_word_is_marked_and_spaced_as_printed():
    pieces = word_diff("we will win", "we will surely win.")
    assert ("added", "surely") in pieces
    assert shown(pieces) == "we will surely win."


def test_a_removed_word_stays_between_its_neighbours_with_single_spaces():
    pieces = word_diff("we will surely win", "we will win")
    assert ("removed", " surely") in pieces
    assert shown(pieces) == "we will surely win"
    assert shown([p for p in pieces if p[0] != "removed"]) == "we will win"


def test_case_and_apostrophe_style_are_ignored_when_comparing():
    assert word_diff("Iraq’s war", "iraq's war") == [("same", "iraq's war")]


def test_reported_and_direct_wordings_are_compared_too():
    pieces = word_diff(
        "I would welcome Russian strikes", "he would welcome Russian airstrikes in Iraq"
    )
    assert ("removed", "I ") in pieces and ("added", "he") in pieces
    assert any(op == "same" and "would welcome Russian" in text for op, text in pieces)
    assert shown([p for p in pieces if p[0] != "removed"]) == (
        "he would welcome Russian airstrikes in Iraq"
    )
