"""The extractor on small texts in wire and newspaper style (no database)."""

from claims.extraction.article import parse_article
from claims.extraction.names import name_key, names_match
from claims.extraction.quotes import extract


def quotes(text, **kwargs):
    return [(f.text, f.kind, f.speaker, f.attributed_as, f.cue) for f in extract(text, **kwargs)]


def test_every_found_span_indexes_the_text():
    text = "“We will win,” said Hakim al-Zamili, a lawmaker. “Soon,” he added."
    for found in extract(text):
        assert text[found.start : found.end] == found.text


def test_cue_after_quote_with_inverted_name():
    assert quotes("“We will win,” said Hakim al-Zamili, a lawmaker.") == [
        ("We will win,", "direct", "Hakim al-Zamili", "Hakim al-Zamili", "said")
    ]


def test_cue_before_quote_and_guillemets():
    text = "Hakim al-Zamili said on October 7 in Baghdad, «I think Iraq will ask Russia.»"
    assert quotes(text)[0][2] == "Hakim al-Zamili"
    assert quotes(text)[0][4] == "said on October 7 in Baghdad"


def test_pronoun_resolves_to_the_person_named_earlier():
    text = (
        "Hassan Salim, a lawmaker, accused the government of weakness.\n\n"
        "“They are deluded by America,” he said at a news conference."
    )
    assert quotes(text) == [
        (
            "They are deluded by America,",
            "direct",
            "Hassan Salim",
            "he",
            "said at a news conference",
        )
    ]


def test_split_quote_and_continuation_paragraph_keep_the_speaker():
    text = (
        "“The intervention came at the right time,” said Muen Kadhimi, an aide. "
        "“It will change the rules of the game.”\n\n"
        "“The government has relied on an untrustworthy ally.”"
    )
    found = quotes(text)
    assert [f[2] for f in found] == ["Muen Kadhimi"] * 3


def test_scare_quotes_and_titles_are_not_output():
    text = (
        "The government agreed to form an “operations room” in Baghdad.\n\n"
        "Militants have declared a “caliphate” in the region.\n\n"
        "The Post published an article headlined “A Putin Craze Takes Hold”."
    )
    assert quotes(text) == []


def test_partial_quote_inside_reported_speech():
    text = "Mr. Abadi on Tuesday called the U.S.-led coalition “a small help” at a hospital."
    assert quotes(text) == [("a small help", "partial", "Abadi", "Mr. Abadi", "called")]


def test_unnamed_source_has_no_speaker():
    text = "“It was not the right time,” said a senior Shiite politician close to Abadi."
    assert quotes(text)[0][2:4] == (None, "a senior Shiite politician close to Abadi")


def test_organization_as_source():
    text = (
        "“Lawmakers are urging Russia to act,” reported the Wall Street Journal (WSJ) on Tuesday."
    )
    found = extract(text)[0]
    assert (found.speaker, found.source_type) == ("Wall Street Journal", "organization")


def test_description_resolves_to_person_with_matching_title():
    text = (
        "Iraqi Prime Minister Haider al-Abadi spoke last week.\n\n"
        "“It is a possibility,” said the Iraqi PM."
    )
    assert quotes(text)[0][2] == "Haider al-Abadi"


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


def test_unbalanced_marks_give_best_effort_without_error():
    text = "“This never closes, said nobody.\n\n“Nor this"
    for found in extract(text):
        assert text[found.start : found.end] == found.text


def test_name_key_folds_spellings():
    assert name_key("Moeen al-Kadhimi") == name_key("Muen Al Kadhimi") == name_key("Muen Kadhimi")
    assert names_match("Abadi", "Haider al-Abadi")
    assert not names_match("Haider", "Haider al-Abadi")


def test_article_parser_reads_metadata_and_drops_boilerplate():
    text = (
        "You are here\n\nA headline\n\nBy Reuters - Oct 21,2015 - Last updated at Oct 21,2015\n\n"
        "BAGHDAD — A paragraph long enough to count as the body of this article, really.\n\n"
        "57 users have voted.\n\nAdd new comment\n"
    )
    parsed = parse_article(text)
    assert parsed.title == "A headline"
    assert parsed.original_source == "Reuters"
    assert str(parsed.published) == "2015-10-21"
    assert parsed.body.startswith("BAGHDAD") and "voted" not in parsed.body


def test_he_after_a_newly_named_person_in_the_same_paragraph_is_that_person():
    text = (
        "“We cannot wait,” said Jawad al-Bolani, a former minister.\n\n"
        "Sunni lawmaker Dhafer al-Ani disagreed. “Bringing Russia in is a mistake,” he said."
    )
    assert [f[2] for f in quotes(text)] == ["Jawad al-Bolani", "Dhafer al-Ani"]


def test_the_second_half_of_a_split_quote_keeps_an_unnamed_source():
    text = (
        "The World Food Programme said it had cut rations for many families this month.\n\n"
        "“This is heartbreaking,” said a WFP spokeswoman. “Families will get less to eat.”"
    )
    assert [f[2:4] for f in quotes(text)] == [(None, "a WFP spokeswoman")] * 2


def test_the_ministry_resolves_to_the_ministry_named_before():
    text = (
        "The Russian Defense Ministry said its aircraft had flown 60 sorties in Syria.\n\n"
        "«The intensity of the strikes is increasing,» the ministry said in a statement."
    )
    assert extract(text)[0].speaker == "Russian Defense Ministry"


def test_the_official_after_an_unnamed_official_stays_unnamed():
    text = (
        "Iraqi Prime Minister Haider al-Abadi spoke on Monday about the campaign in Anbar.\n\n"
        "A senior official said the prime minister was “under enormous pressure” from his bloc.\n\n"
        "“He may please no one,” the official said."
    )
    assert [f[2] for f in quotes(text)] == [None, None]


def test_titles_of_works_nicknames_and_terms_in_quotes_are_not_output():
    text = (
        "He said the title was a nod to Mary Shelley's “Frankenstein” and the prize, "
        "sometimes described as the “Arabic Booker,” was his, in what Iraqis call "
        "“the sectarian war.”"
    )
    assert quotes(text) == []


def test_single_quotes_with_apostrophes_inside_are_one_quote():
    text = "‘We don’t need the Americans’ help,’ said Hadi al-Amiri, head of Badr."
    assert quotes(text) == [
        ("We don’t need the Americans’ help,", "direct", "Hadi al-Amiri", "Hadi al-Amiri", "said")
    ]


def test_continuation_paragraphs_keep_the_speaker_of_the_opening_paragraph():
    text = (
        'Speaking in Baghdad, al-Jabouri said: "Weapons alone will not defeat terrorism.\n\n'
        '"This is not a Sunni demand. It is a national necessity."'
    )
    assert [f[2] for f in quotes(text)] == ["al-Jabouri", "al-Jabouri"]


def test_quoted_as_saying_names_the_person_quoted_not_the_outlet():
    text = "“The Americans are slow,” the Journal quoted one Iraqi lawmaker as saying."
    assert quotes(text)[0][2:4] == (None, "one Iraqi lawmaker")


def test_military_and_academic_titles_are_not_taken_for_the_name():
    text = (
        "“The road is open,” said Brig. Gen. Yahya Rasool, a spokesman for the army.\n\n"
        "“We expected it,” Lt. Col. Hamid al-Jubouri told reporters.\n\n"
        "“The data are clear,” said Prof. Ingrid Solberg of the University of Bergen."
    )
    assert [f[2] for f in quotes(text)] == ["Yahya Rasool", "Hamid al-Jubouri", "Ingrid Solberg"]


def test_job_titles_before_a_name_and_accented_or_hyphenated_names_are_dropped_or_kept():
    text = (
        "“We will not chase volume,” Chief Executive Henrik Sjöberg told analysts.\n\n"
        "“Costs are rising,” said Chief Financial Officer Maja Eklund-Strand."
    )
    assert [f[2] for f in quotes(text)] == ["Henrik Sjöberg", "Maja Eklund-Strand"]


def test_an_unnamed_source_telling_the_newspaper_is_not_the_newspaper():
    text = (
        "The Post reported last month that advisers had drawn up plans.\n\n"
        "‘The Kurds are essential to any plan,’ a U.S. military official told the newspaper."
    )
    assert quotes(text)[0][2:4] == (None, "a U.S. military official")


def test_a_quote_split_by_told_a_news_conference_keeps_its_speaker():
    text = (
        "“Our soldiers will stay,” Ahmet Davutoglu told a news conference in Ankara, "
        "“and they will train volunteers.”"
    )
    assert [f[2] for f in quotes(text)] == ["Ahmet Davutoglu"] * 2


def test_a_colon_after_a_named_subject_attributes_the_quote():
    text = (
        "Sen. Margaret Ellison voted against the bill.\n\n"
        "Rep. Tom Kowalczyk says the deal only delays the fight.\n\n"
        'Ellison put it bluntly: "This town spends money it does not have."'
    )
    assert quotes(text)[0][2] == "Margaret Ellison"


def test_a_quote_opening_a_paragraph_takes_the_person_the_next_sentence_names():
    text = (
        "“We gave them two goals,” Lazio captain Ciro Bellandi said.\n\n"
        "“It hurts.” Lazio coach Marco De Santis did not hide his disappointment."
    )
    assert [f[2] for f in quotes(text)] == ["Ciro Bellandi", "Marco De Santis"]


def test_a_surname_opening_a_sentence_becomes_who_she_is():
    text = (
        "“We put ads everywhere,” said Dr. Carla Benavides-Hunt, the chief medical officer.\n\n"
        "“Loan forgiveness is a Band-Aid,” said state Sen. Brian Colquitt.\n\n"
        "Benavides-Hunt disagrees. “People here are not going anywhere,” she said."
    )
    assert [f[2] for f in quotes(text)] == ["Carla Benavides-Hunt", "Brian Colquitt"] + [
        "Carla Benavides-Hunt"
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
