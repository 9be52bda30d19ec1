"""Quotation spans and their classification: what counts as someone's words."""

from claims.extraction.quotes import extract
from claims.extraction.spans import find_spans, sentence_bounds
from tests.extraction import quotes


def test_every_found_span_indexes_the_text():
    text = "“We will win,” said Hakim al-Zamili, a lawmaker. “Soon,” he added."
    for found in extract(text):
        assert text[found.start : found.end] == found.text


def test_unbalanced_marks_give_best_effort_without_error():
    text = "“This never closes, said nobody.\n\n“Nor this"
    for found in extract(text):
        assert text[found.start : found.end] == found.text


def test_single_quotes_with_apostrophes_inside_are_one_quote():
    text = "‘We don’t need the Americans’ help,’ said Hadi al-Amiri, head of Badr."
    assert quotes(text) == [
        ("We don’t need the Americans’ help,", "direct", "Hadi al-Amiri", "Hadi al-Amiri", "said")
    ]


def test_scare_quotes_and_titles_are_not_output():
    text = (
        "The government agreed to form an “operations room” in Baghdad.\n\n"
        "Militants have declared a “caliphate” in the region.\n\n"
        "The Post published an article headlined “A Putin Craze Takes Hold”."
    )
    assert quotes(text) == []


def test_titles_of_works_nicknames_and_terms_in_quotes_are_not_output():
    text = (
        "He said the title was a nod to Mary Shelley's “Frankenstein” and the prize, "
        "sometimes described as the “Arabic Booker,” was his, in what Iraqis call "
        "“the sectarian war.”"
    )
    assert quotes(text) == []


def test_partial_quote_inside_reported_speech():
    text = "Mr. Abadi on Tuesday called the U.S.-led coalition “a small help” at a hospital."
    assert quotes(text) == [("a small help", "partial", "Abadi", "Mr. Abadi", "called")]


def test_a_nested_quote_stays_inside_its_outer_quote():
    text = "“He told me ‘never again’ and left,” she said."
    (span,) = find_spans(text, (0, len(text)))
    assert text[span.start : span.end] == "He told me ‘never again’ and left,"


def test_sentences_do_not_end_at_the_full_stop_of_a_title():
    text = "Mr. Lund spoke first. Dr. Aho spoke next."
    assert [text[a:b] for a, b in sentence_bounds(text, 0, len(text))] == [
        "Mr. Lund spoke first.",
        "Dr. Aho spoke next.",
    ]


def test_a_curly_quote_closed_by_a_straight_mark_ends_there():
    text = '“We will not back down," said Ana Ferreira. "The vote is ours.”'
    assert [(f[0], f[2]) for f in quotes(text)] == [
        ("We will not back down,", "Ana Ferreira"),
        ("The vote is ours.", "Ana Ferreira"),
    ]


def test_a_straight_quote_nested_in_a_curly_one_does_not_close_it():
    text = '“They called it "a farce," and walked out,” said Ana Ferreira.'
    assert quotes(text)[0][0] == 'They called it "a farce," and walked out,'


def test_a_single_word_quote_that_a_speech_verb_follows_is_someones_words():
    text = "“Absolutely,” Ana Ferreira said when asked whether she would run again."
    assert quotes(text) == [("Absolutely,", "direct", "Ana Ferreira", "Ana Ferreira", "said")]


def test_a_short_fragment_after_a_verb_of_judging_is_a_partial_quote():
    text = "Tom Okafor accused the mayor of a “cover-up” at the harbour."
    assert quotes(text)[0][:3] == ("cover-up", "partial", "Tom Okafor")


def test_a_short_term_in_quotation_marks_without_such_a_verb_stays_out():
    text = "The so-called “blue wall” of northern towns held on Tuesday."
    assert quotes(text) == []


def test_titles_of_shows_slogans_used_as_modifiers_and_headings_are_not_speech():
    text = (
        "On Channel 4’s “Morning Call,” Ana Ferreira was asked about the strike.\n\n"
        "She set off on a “Bring The Trains Back” bus tour of the north.\n\n"
        "“A TOWN THAT WAITS”\n\n"
        "The documentary, “Tides of the North,” opens on Friday."
    )
    assert quotes(text) == []


def test_a_fragment_that_a_speech_verb_follows_mid_sentence_is_kept():
    text = "The closure was “a betrayal,” said Tom Okafor, who fishes in the bay."
    assert quotes(text)[0][:3] == ("a betrayal,", "direct", "Tom Okafor")


def test_a_fragment_after_its_or_after_calling_someone_is_a_partial_quote():
    text = (
        "Ana Ferreira says on her blog that it’s “very sad” the ferry stopped.\n\n"
        "Tom Okafor called her “Captain Chaos” at the meeting."
    )
    assert [(f[0], f[1], f[2]) for f in quotes(text)] == [
        ("very sad", "partial", "Ana Ferreira"),
        ("Captain Chaos", "partial", "Tom Okafor"),
    ]


def test_a_short_fragment_in_a_reported_that_clause_is_a_partial_quote():
    text = "Ana Ferreira backed the deal, though she made it clear that she has “grave doubts.”"
    assert quotes(text)[0][:3] == ("grave doubts.", "partial", "Ana Ferreira")


def test_a_short_chant_or_a_message_read_out_is_someones_words():
    text = "Outside the hall, about 200 fishermen gathered, chanting “Save Our Port.”"
    assert quotes(text)[0][:2] == ("Save Our Port.", "partial")


def test_an_opening_mark_written_for_the_closing_one_after_a_word_closes_the_quote():
    text = "Ana Ferreira called the toll “reckless“ in a statement, and the board met."
    assert quotes(text)[0][:3] == ("reckless", "partial", "Ana Ferreira")


def test_a_short_reply_after_a_speech_verb_and_a_comma_is_a_direct_quote():
    text = "Asked whether she would stand again, Ana Ferreira said, “Maybe.”"
    assert quotes(text)[0][:3] == ("Maybe.", "direct", "Ana Ferreira")


def test_casting_someone_as_a_thing_in_quotation_marks_quotes_the_caster():
    text = "Ana Ferreira refers to the harbour master as “Captain Bligh.”"
    assert quotes(text)[0][:3] == ("Captain Bligh.", "partial", "Ana Ferreira")


def test_what_one_named_source_called_something_is_a_partial_quote():
    text = "The council shelved what Tom Okafor called “a vanity project,” to general relief."
    assert quotes(text)[0][:2] == ("a vanity project,", "partial")


def test_a_lowercase_fragment_after_a_possessive_in_reported_speech_is_a_partial_quote():
    text = "Tom Okafor said the mayor’s “patience has run out.”"
    assert quotes(text)[0][:3] == ("patience has run out.", "partial", "Tom Okafor")


def test_a_lowercase_fragment_after_a_belief_verb_is_a_partial_quote():
    text = "Ana Ferreira believes the ferry can be “saved by spring.”"
    assert quotes(text)[0][:3] == ("saved by spring.", "partial", "Ana Ferreira")


def test_a_lowercase_fragment_whose_source_follows_in_the_sentence_is_a_partial_quote():
    text = "The port’s “slow decline” is over, Tom Okafor said on Monday."
    assert quotes(text)[0][:2] == ("slow decline", "partial")


def test_words_right_after_a_speech_verb_are_quoted_even_when_capitalised():
    text = "The banner over the harbour gate read “Save the Ferry” all week."
    assert quotes(text)[0][:2] == ("Save the Ferry", "partial")


def test_the_programme_a_speaker_appeared_on_is_not_a_quote():
    text = "“We will rebuild the pier,” Ana Ferreira said on “Morning Harbour Live.”"
    assert [f[0] for f in quotes(text)] == ["We will rebuild the pier,"]


def test_a_name_of_short_capitalised_words_before_a_noun_is_not_a_quote():
    text = "Ana Ferreira spent May on a three-week “We Can Do It” ferry tour."
    assert quotes(text) == []


def test_a_long_chant_of_one_name_is_still_a_chant():
    text = "Her fans broke into chants of “Ana! Ana! Ana! Ana” when she came in."
    assert quotes(text)[0][:2] == ("Ana! Ana! Ana! Ana", "partial")


def test_a_closing_mark_typed_for_the_opening_one_still_opens_a_quote():
    text = "”We stay until the boats come back,” said Ana Ferreira."
    assert quotes(text)[0][:3] == ("We stay until the boats come back,", "direct", "Ana Ferreira")


def test_a_lowercase_fragment_after_a_noun_for_someones_words_is_a_partial_quote():
    text = "Tom Okafor repeated his claim that “secret deals” sank the ferry."
    assert quotes(text)[0][:2] == ("secret deals", "partial")


def test_a_lowercase_fragment_after_a_verb_of_talking_about_is_a_partial_quote():
    text = "By evening Ana Ferreira was boasting about “winning big” on the pier."
    assert quotes(text)[0][:2] == ("winning big", "partial")


def test_a_fragment_whose_unnamed_source_follows_it_is_a_partial_quote():
    text = "The ferry was “badly run” for years, the harbour board says."
    assert quotes(text)[0][:2] == ("badly run", "partial")


def test_the_name_one_source_gave_someone_is_a_partial_quote():
    text = "She mocked Tom Okafor, who she dubbed “the ferry king.”"
    assert quotes(text)[0][:2] == ("the ferry king.", "partial")


def test_a_short_phrase_in_sentence_case_mid_sentence_is_someones_wording():
    text = "Tom Okafor stood by his remark on Friday that “Ferries lose money,” despite the outcry."
    assert quotes(text)[0][:2] == ("Ferries lose money,", "partial")


def test_a_programme_title_with_a_small_lowercase_word_is_still_a_title():
    text = (
        "“We will rebuild the pier,” Ana Ferreira said on ABC’s “Sunday Morning with Tom Okafor.”"
    )
    assert [f[0] for f in quotes(text)] == ["We will rebuild the pier,"]


def test_a_headline_followed_by_its_byline_is_not_a_quote():
    text = "HARBOUR NEWS—“Ferry service to end in May after forty years,” by Ana Ferreira."
    assert quotes(text) == []


def test_a_title_joined_by_and_to_another_title_is_not_a_quote():
    text = "Ana Ferreira, who starred in “Harbour Lights” and “The Long Tide Home,” spoke first."
    assert quotes(text) == []


def test_words_after_a_noun_for_words_and_a_colon_are_quoted():
    text = "The protesters on the pier had one message: “Ferry Now.”"
    assert quotes(text)[0][:2] == ("Ferry Now.", "partial")


def test_a_fragment_in_sentence_case_before_its_source_is_a_partial_quote():
    text = "“We’re extremely relieved” about the vote, said Ana Ferreira, who runs the ferry."
    assert quotes(text)[0][:2] == ("We’re extremely relieved", "partial")


def test_an_initialism_ends_a_sentence_when_a_pronoun_opens_the_next():
    text = "The fleet is ignored in the U.S. He says so. The U.S. Senate met. Mr. Okafor left."
    assert [text[a:b] for a, b in sentence_bounds(text, 0, len(text))] == [
        "The fleet is ignored in the U.S.",
        "He says so.",
        "The U.S. Senate met.",
        "Mr. Okafor left.",
    ]
