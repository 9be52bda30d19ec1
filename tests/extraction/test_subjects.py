"""Finding the noun phrase that names a source next to a verb."""

from claims.extraction.subjects import (
    appositive_source,
    main_subject,
    masked_quotes,
    names_source,
    nearest_subject,
    own_subject,
    source_from_subject,
    subject_phrase,
    whole_phrase,
)


def test_the_subject_next_to_a_verb_is_the_noun_phrase_that_ends_the_words_before_it():
    assert nearest_subject("When the vote came, Ana Ferreira ") == "Ana Ferreira"
    assert nearest_subject("Tom Okafor, 61, a farmer from Braga, ") == "Tom Okafor"
    assert nearest_subject("Compare that with Ana Ferreira, who ") == "Ana Ferreira"


def test_words_before_a_verb_that_end_in_a_clause_give_no_subject():
    assert nearest_subject("the plan that the council had rejected ") is None


def test_quotations_are_masked_so_their_words_are_never_a_subject():
    head = "“We lost,” Ana Ferreira "
    assert masked_quotes(head) == "_" * 10 + " Ana Ferreira "
    assert nearest_subject(head, masked_quotes(head)) == "Ana Ferreira"


def test_a_sentence_subject_skips_a_leading_clause():
    assert subject_phrase("Speaking in Porto, the harbour master said little.") == (
        "the harbour master"
    )


def test_times_places_and_events_never_name_a_source():
    for phrase in ("Four hours earlier", "In Porto", "the committee meeting", "last week"):
        assert not names_source(phrase), phrase
    assert names_source("the former mayor")
    assert nearest_subject("After Ana Ferreira ") == "Ana Ferreira"


def test_a_common_verb_in_s_ends_the_subject_phrase():
    assert subject_phrase("The Harbour Trust makes a blunt case for the fees") == (
        "The Harbour Trust"
    )


def test_a_noun_in_s_after_a_possessive_is_not_the_verb():
    head = "Ana Ferreira’s wins in the north show that she is more than a "
    assert (main_subject(head, head) or ("", ""))[1] != "wins"


def test_attributed_as_is_cut_to_the_whole_noun_phrase_as_printed():
    assert whole_phrase("and then Ferreira") == "Ferreira"
    assert whole_phrase("the harbour board was") == "the harbour board"
    assert whole_phrase("Former harbour master Ana Ferreira broke down exactly what") == (
        "Former harbour master Ana Ferreira"
    )
    assert whole_phrase("said Tom Lind") == "Tom Lind"
    assert whole_phrase("Ana Ferreira of the harbour board") == "Ana Ferreira of the harbour board"
    assert whole_phrase("he") == "he"


def test_an_adverb_between_the_subject_and_a_verb_ending_in_s_keeps_the_verb():
    head = "When the subject comes up, Ana Ferreira routinely paints the harbour as a "
    assert main_subject(head, head) == ("Ana Ferreira", "paints")


def test_a_relative_clause_with_has_before_its_verb_is_skipped():
    head = "Hakim Zamili, who has chaired the committee since 2014, mocked the "
    assert main_subject(head, head) == ("Hakim Zamili", "mocked")


def test_the_main_clause_subject_may_be_a_description_before_an_unlisted_verb_in_s():
    assert own_subject("The audit report accuses the ministry of treating guards like ") == (
        "The audit report"
    )
    assert own_subject("Her economic plan promises to ") == "Her economic plan"
    assert own_subject("On its website, the ministry lists ") == "the ministry"


def test_a_plural_noun_in_s_does_not_end_the_subject_when_a_verb_follows():
    assert own_subject("The party leaders in Najaf denounced the ") == "The party leaders"
    assert own_subject("The bloc accuses the speaker of having ignored ") == "The bloc"


def test_the_main_clause_subject_comes_after_a_leading_clause_and_a_relative_clause():
    head = "As the minister spoke, the opposition bloc was rallying against "
    assert own_subject(head) == "the opposition bloc"
    head = "Hakim Zamili, who has led the committee since 2014, named "
    assert own_subject(head) == "Hakim Zamili"
    assert own_subject("The retired general addressed the crowd, remarking that the army was ") == (
        "The retired general"
    )


def test_a_contraction_or_a_pronoun_subject_gives_the_pronoun():
    assert own_subject("And she’s predicting that the deal will leave Basra ") == "she"
    assert own_subject("Mahdi didn’t seem impressed, telling the crowd, ") == "Mahdi"
    assert own_subject("But he laid off 200 staff and began talking about ") == "he"


def test_a_passive_or_an_expletive_names_no_source():
    assert own_subject("The plan was dismissed by the cabinet as ") is None
    assert own_subject("The cabinet will formally be asked to approve ") is None
    assert own_subject("It is odd that the council would call the plan ") is None
    assert own_subject("Conceding that there would be a deal, ") is None


def test_a_participle_with_its_own_subject_names_that_subject():
    head = "Lawmakers were quick to respond, with Speaker Ana Ferreira tweeting that it was "
    assert own_subject(head) == "Speaker Ana Ferreira"


def test_a_clause_ending_in_a_colon_keeps_its_subject():
    head = "The Kurdish bloc, a rival of the governing alliance, drafted a one-line reply: "
    assert own_subject(head) == "The Kurdish bloc"


def test_an_according_to_aside_names_the_source_of_the_clause():
    head = "For the mayor, according to his former deputy Omar Saleh, the vote represents "
    assert own_subject(head) == "his former deputy Omar Saleh"


def test_after_an_expletive_the_subject_of_the_clause_that_follows_is_taken():
    assert own_subject("That’s why Ana Ferreira wanted to ") == "Ana Ferreira"
    head = "There’s still time for Lind to build bridges, even after calling them "
    assert own_subject(head) == "Lind"
    assert own_subject("It is the enduring appeal of the old ") is None


def test_a_possessive_is_not_a_contraction_and_a_parenthesis_is_not_the_subject():
    head = "(Lind’s spokeswoman challenged the claim that Lind had ever "
    assert own_subject(head) == "Lind’s spokeswoman"
    assert own_subject("The photo quotes Psalm 23:4 – ") == "The photo"


def test_what_a_thing_is_names_no_source_unless_it_is_someones_words():
    assert own_subject("The house is the one the family bought, thinking it would be an ") is None
    assert own_subject("But Lind’s boldest claim is that the port authority is a ") == "Lind"
    assert own_subject("The harbour board is planning to print a leaflet that calls it a ") == (
        "The harbour board"
    )


def test_a_quotation_that_opens_a_clause_of_its_own_takes_no_main_subject():
    assert own_subject("Good news can still win out, but usually only when ") is None


def test_the_one_a_sentence_prompts_to_act_or_an_opening_said_names_the_source():
    assert own_subject("That prompted Lind to make a joke about ferries and call the plan ") == (
        "Lind"
    )
    assert own_subject("The fee was raised twice, leading local officials to complain that ") == (
        "local officials"
    )
    assert own_subject("Said Ana Ferreira, ") == "Ana Ferreira"


def test_a_pronoun_after_a_leading_adverb_or_phrase_is_the_subject():
    assert own_subject("And online he has criticized the mayor for ") == "he"
    assert own_subject("In a poll taken on Monday, most fishermen rejected the ") == (
        "most fishermen"
    )


def test_a_party_or_state_in_brackets_after_a_name_stays_in_the_subject():
    head = "At the hearing, Sen. Ana Lind (D-Ore.) "
    assert nearest_subject(head) == "Sen. Ana Lind (D-Ore.)"
    assert nearest_subject("Gov. Tom Okafor (R) ") == "Gov. Tom Okafor (R)"


def test_a_contrasting_clause_nearer_the_quote_gives_its_own_subject():
    head = "Lind calls the mayor “my old friend,” while Ferreira calls the councillor "
    assert main_subject(head, masked_quotes(head)) == ("Ferreira", "calls")
    head = "Lind proposed a vote on Monday - but the Ferreira campaign rejected the idea as "
    assert main_subject(head, head) == ("the Ferreira campaign", "rejected")


def test_a_sentence_according_to_someone_described_gives_them_its_quoted_words():
    head = "According to his personal physician, the veteran minister had "
    assert own_subject(head) == "his personal physician"


def test_a_state_abbreviation_after_an_opening_place_phrase_is_no_subject():
    head = "At a rally that week in Austin, Tex., the former oil minister closed by quoting "
    assert own_subject(head) == "the former oil minister"


def test_an_opening_participle_with_its_agent_is_not_the_source():
    assert source_from_subject("Challenged by Rudaw’s Ana Lind on the budget, Omar Saleh") == (
        "Omar Saleh"
    )
    assert source_from_subject("Fred Hassan, the mayor") == "Fred Hassan, the mayor"


def test_a_time_phrase_before_the_source_is_passed_over_for_the_part_by_the_verb():
    assert appositive_source("In May, a week after the vote, the council") == "the council"


def test_a_clause_or_an_opening_word_is_no_source_but_the_subject_by_the_verb_is():
    assert appositive_source("Not to act now is to say it does not matter, as Tom Lind") == (
        "Tom Lind"
    )
    assert appositive_source("So, if Ana Ferreira") == "Ana Ferreira"
    assert appositive_source("The crowd cheers, and then Lind") == "Lind"


def test_no_part_naming_a_source_leaves_no_source():
    assert appositive_source("The talks were held in Erbil, by all accounts") is None


def test_an_abstract_or_cut_off_subject_is_no_source_for_an_uncued_quotation():
    assert own_subject("His standing improved after the ") is None
    assert own_subject("The policy error would see the central bank create a ") is None
    assert own_subject("Anger at the mayor’s failure to fix the port in ") is None


def test_a_subject_that_can_speak_or_publish_is_the_source_of_an_uncued_quotation():
    assert own_subject("The harbour union accuses the mayor of ") == "The harbour union"
    assert own_subject("A lot of fishermen denounced the fees as ") == "A lot of fishermen"
    assert own_subject("Lind’s language in the letter shows that he wants ") == "Lind"
