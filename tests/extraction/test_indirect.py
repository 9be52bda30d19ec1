"""Reported speech: statements without quotation marks, found only when asked for."""

from claims.extraction.indirect import reported_statements
from claims.extraction.quotes import extract
from tests.extraction import quotes


def test_indirect_speech_only_with_the_flag():
    text = "Karim Al Nuri, a Badr spokesman, said an Iranian adviser had helped in the operation."
    assert quotes(text) == []
    found = extract(text, indirect=True)
    assert [(f.kind, f.speaker, f.text) for f in found] == [
        ("indirect", "Karim Al Nuri", "an Iranian adviser had helped in the operation")
    ]


def test_according_to_and_trailing_said():
    text = (
        "A car bombing killed two people, according to the Ministry of Interior.\n\n"
        "The worst attack killed 36 people in Khalis, said Hasan Shalal, mayor of the city."
    )
    found = extract(text, indirect=True)
    assert [(f.speaker, f.cue) for f in found] == [
        ("Ministry of Interior", "according to"),
        ("Hasan Shalal", "said"),
    ]


def test_reported_speech_with_the_cue_inside_or_after_the_clause():
    text = (
        "Iraqi troops pushed deeper into Anbar on Tuesday, a military spokesman said, "
        "as militants pulled back.\n\n"
        "Turnout reached 72% by the time polls closed, the electoral commission said Sunday "
        "evening.\n\n"
        "Napoli won 4-0, with coach Luca Ferraresi saying his side had played very well.\n\n"
        "Kurdish officials say the regional government needs $1bn a month.\n\n"
        "He did not say how many would vote against it."
    )
    assert [(f[0], f[2]) for f in quotes(text, indirect=True)] == [
        ("Iraqi troops pushed deeper into Anbar on Tuesday", None),
        ("Turnout reached 72% by the time polls closed", None),
        ("his side had played very well", "Luca Ferraresi"),
        ("the regional government needs $1bn a month", None),
    ]


def test_according_to_an_organization_that_estimates_gives_two_statements():
    text = (
        "Rural hospitals face similar problems, according to the Texas Hospital Association, "
        "which estimates that 40 rural hospitals could cut services."
    )
    assert [(f[0], f[2]) for f in quotes(text, indirect=True)] == [
        ("Rural hospitals face similar problems", "Texas Hospital Association"),
        ("40 rural hospitals could cut services", "Texas Hospital Association"),
    ]


def test_he_in_reported_speech_is_the_person_named_just_before_in_the_paragraph():
    text = (
        "“Without a government, Baghdad has all the cards,” said Prof. Hawre Rashid.\n\n"
        "For Kawa Mustafa, a retired teacher, the election was overdue. He told AP he hoped "
        "the new parliament would pay salaries on time."
    )
    assert quotes(text, indirect=True)[-1][2] == "Kawa Mustafa"


def test_reported_statements_gives_the_source_verb_and_clause_of_a_sentence():
    sentence = "The mayor said the bridge would reopen in May."
    ((src, cue, start, end),) = reported_statements(sentence)
    assert (src, cue, sentence[start:end]) == (
        "The mayor",
        "said",
        "the bridge would reopen in May",
    )


def test_a_participle_after_an_opening_phrase_reports_for_the_subject_after_it():
    text = (
        "In a report published on Monday, auditor Rafael Moreno pointed to the unpaid fees, "
        "noting that the harbour had lost two million dinars in a year."
    )
    found = extract(text, indirect=True)
    assert [(f.speaker, f.cue) for f in found] == [("Rafael Moreno", "noting")]
