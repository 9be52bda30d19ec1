"""The whole pipeline: split quotes and continuation paragraphs keep their speaker."""

import subprocess
import sys

from claims.extraction.quotes import extract
from tests.extraction import quotes


def test_split_quote_and_continuation_paragraph_keep_the_speaker():
    text = (
        "“The intervention came at the right time,” said Muen Kadhimi, an aide. "
        "“It will change the rules of the game.”\n\n"
        "“The government has relied on an untrustworthy ally.”"
    )
    found = quotes(text)
    assert [f[2] for f in found] == ["Muen Kadhimi"] * 3


def test_the_second_half_of_a_split_quote_keeps_an_unnamed_source():
    text = (
        "The World Food Programme said it had cut rations for many families this month.\n\n"
        "“This is heartbreaking,” said a WFP spokeswoman. “Families will get less to eat.”"
    )
    assert [f[2:4] for f in quotes(text)] == [(None, "a WFP spokeswoman")] * 2


def test_continuation_paragraphs_keep_the_speaker_of_the_opening_paragraph():
    text = (
        'Speaking in Baghdad, al-Jabouri said: "Weapons alone will not defeat terrorism.\n\n'
        '"This is not a Sunni demand. It is a national necessity."'
    )
    assert [f[2] for f in quotes(text)] == ["al-Jabouri", "al-Jabouri"]


def test_the_extraction_package_imports_no_django():
    code = (
        "import sys, claims.extraction.quotes, claims.extraction.article, "
        "claims.extraction.wording; print(any(m.startswith('django') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_a_quote_after_a_sentence_about_a_newly_named_person_is_theirs():
    text = (
        "“The port will reopen in May,” said Ana Ferreira, the harbour master.\n\n"
        "Fisherman Tom Okafor disagreed. “Nobody has told us anything.”"
    )
    assert [f[2] for f in quotes(text)] == ["Ana Ferreira", "Tom Okafor"]


def test_each_quote_carries_the_confidence_of_the_rule_that_attributed_it():
    text = (
        "“The port will reopen in May,” said Ana Ferreira, the harbour master.\n\n"
        "“Nobody believes it,” he said.\n\n"
        "Tom Okafor, who fishes there, once described the plan as “a fairy tale for tourists.”\n\n"
        "“Boats are already leaving.”"
    )
    assert [(f.speaker, f.confidence) for f in extract(text)] == [
        ("Ana Ferreira", "high"),
        ("Ana Ferreira", "medium"),
        ("Tom Okafor", "medium"),
        ("Tom Okafor", "low"),
    ]
    assert extract(text)[0].as_dict()["confidence"] == "high"


def test_a_quote_opening_a_paragraph_takes_the_person_the_paragraph_before_ends_with():
    text = (
        "“The port will reopen in May,” said Ana Ferreira, the harbour master.\n\n"
        "Fisherman Tom Okafor has heard that before.\n\n"
        "“Nobody has told us anything.”"
    )
    assert [f[2] for f in quotes(text)] == ["Ana Ferreira", "Tom Okafor"]


SPOKESMAN = "“We did nothing wrong,” said Ali Hassan, the ministry spokesman. "


def test_a_quote_inside_a_sentence_with_no_cue_takes_the_sentence_subject():
    text = SPOKESMAN + "The audit report accuses the ministry of treating guards like “hired help.”"
    assert quotes(text)[-1][2:4] == (None, "The audit report")
    text = SPOKESMAN + (
        "As the minister spoke, the opposition bloc was rallying outside against "
        "“foreign meddling in our elections.”"
    )
    assert quotes(text)[-1][3] == "the opposition bloc"


def test_a_quote_inside_a_passive_sentence_keeps_the_earlier_speaker():
    text = SPOKESMAN + "The plan was dismissed by the cabinet as “a fantasy of the opposition.”"
    assert quotes(text)[-1][2] == "Ali Hassan"


def test_a_statement_paragraph_opening_with_a_time_clause_names_the_quote_after_it():
    text = (
        "When the talks collapsed in 2014, Prime Minister Nouri al-Maliki released the "
        "following statement:\n\n"
        "“We regret the failure of the talks. We will keep working for a deal.”"
    )
    assert [f[2:4] for f in quotes(text)] == [("Nouri al-Maliki", "Prime Minister Nouri al-Maliki")]


def test_a_quote_after_a_paragraph_where_a_group_issues_a_statement_is_the_groups():
    text = (
        "Turnout was low in the north.\n\n"
        "At the premier’s request, the IHEC issued a statement on the count.\n\n"
        "“Every ballot will be counted again by hand. No result is final.”"
    )
    assert [f[3] for f in quotes(text)] == ["the IHEC"]


def test_an_opening_clause_with_a_comma_does_not_make_the_next_name_the_speaker():
    text = (
        "“Voters are angry,” said Omar Saleh, a pollster.\n\n"
        "With the court at an impasse and the nominee, Sami Hadi, waiting, the rules will be "
        "set by lower courts.\n\n"
        "“We will be in court for months.”"
    )
    assert [f[2] for f in quotes(text)][1] != "Sami Hadi"


def test_a_quote_signed_with_a_dash_on_its_own_line_is_the_signers():
    text = (
        "Readers wrote in about the election.\n\n"
        "“The council has failed us. Nobody listens to the villages.” ― Ana Lind, 34, Basra\n"
        "“Prices keep rising and wages do not.”— Omar Saleh.\n"
    )
    assert [f[2] for f in quotes(text)] == ["Ana Lind", "Omar Saleh"]


def test_a_quote_opening_with_a_transcript_label_is_the_labelled_speakers():
    text = (
        "Ana Lind was interviewed on Monday.\n\n"
        '"KARIM: Minister, did the ministry know about the leak?\n\n'
        '"LIND: We knew nothing until Monday."\n\n'
        '"Omar Saleh: Honestly, the budget is a fantasy."'
    )
    assert [f[2:4] for f in quotes(text)] == [
        ("KARIM", "KARIM"),
        ("Ana Lind", "LIND"),
        ("Omar Saleh", "Omar Saleh"),
    ]


def test_a_label_inside_a_chant_or_a_book_title_names_no_speaker():
    text = (
        "Holding signs, the protesters chanted “Ana Lind: Bad for Basra, bad for you.”\n\n"
        'According to "Perfect Storm: The Fall of the Ministry" by Omar Saleh, she resigned.'
    )
    assert "Ana Lind" not in [f[2] for f in quotes(text)]


def test_a_speech_verb_after_a_long_subject_with_a_quoted_badge_names_the_speaker():
    text = (
        "Not everyone was pleased.\n\n"
        "“We have had better congresses than this one,” Basra delegate Omar Saleh, wearing a "
        "“Vote Lind” badge and a red scarf, said flatly."
    )
    assert quotes(text)[0][2:5] == ("Omar Saleh", "Basra delegate Omar Saleh", "said")


def test_a_speech_verb_after_a_person_of_a_long_named_institute_names_the_person():
    text = (
        "The debate went on.\n\n"
        "“A pipeline across the desert would be a stretch for the ministry,” Ana Lind of the "
        "Kirkuk Center for Energy Studies wrote in March."
    )
    assert quotes(text)[0][2] == "Ana Lind"


def test_a_quote_that_an_unlisted_verb_and_a_name_follow_is_that_persons():
    text = (
        "Ana Lind pushed the merger through.\n\n"
        "“Everyone said, 'No, do not do this,' and she did it anyway,” remembered Omar Saleh, "
        "the party’s former spokesman. “She was determined.”"
    )
    assert [f[2] for f in quotes(text)] == ["Omar Saleh", "Omar Saleh"]


def test_a_continuation_after_an_inverted_cue_keeps_the_source_named_after_the_verb():
    text = (
        "The vote is on Saturday.\n\n"
        "” … in the north, the Lind campaign has already won,” wrote the Basra Herald. "
        "“Her rivals never organised there.”"
    )
    assert quotes(text)[-1][3] == "the Basra Herald"


def test_a_continuation_keeps_a_speaker_whose_title_and_party_tag_have_full_stops():
    text = (
        "“We are close,” said Gov. Omar Saleh of Basra, a former backer of Sen. Ana Lind, who "
        "has since called on voters to back him. “Realistically, this is our chance.”"
    )
    assert [f[2] for f in quotes(text)] == ["Omar Saleh"] * 2


def test_a_paragraph_naming_an_outlet_and_ending_in_a_colon_gives_it_the_quote_after():
    text = (
        "Both The Baghdad Times and Rudaw covered the vote.\n\n"
        "The Baghdad Times confirmed the count, reporting:\n\n"
        "“Turnout in the north was the lowest since 2005.”"
    )
    assert quotes(text)[0][2:4] == ("Baghdad Times", "The Baghdad Times")


def test_a_clause_before_a_speech_verb_is_not_carried_over_as_the_source():
    text = (
        "“We will not back down,” Omar Saleh told reporters.\n\n"
        "Saleh said that he would be willing to bring his experience to the new government "
        "if asked. “I am ready to serve.”"
    )
    assert [f[2:4] for f in quotes(text)][1] == ("Omar Saleh", "Saleh")
