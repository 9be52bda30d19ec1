"""Resolving a source phrase to a person, an organization or an unnamed source."""

from claims.extraction.quotes import extract
from claims.extraction.sources import Resolver, name_in, single_name
from tests.extraction import quotes


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


def test_he_after_a_newly_named_person_in_the_same_paragraph_is_that_person():
    text = (
        "“We cannot wait,” said Jawad al-Bolani, a former minister.\n\n"
        "Sunni lawmaker Dhafer al-Ani disagreed. “Bringing Russia in is a mistake,” he said."
    )
    assert [f[2] for f in quotes(text)] == ["Jawad al-Bolani", "Dhafer al-Ani"]


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


def test_a_surname_opening_a_sentence_becomes_who_she_is():
    text = (
        "“We put ads everywhere,” said Dr. Carla Benavides-Hunt, the chief medical officer.\n\n"
        "“Loan forgiveness is a Band-Aid,” said state Sen. Brian Colquitt.\n\n"
        "Benavides-Hunt disagrees. “People here are not going anywhere,” she said."
    )
    assert [f[2] for f in quotes(text)] == ["Carla Benavides-Hunt", "Brian Colquitt"] + [
        "Carla Benavides-Hunt"
    ]


def test_a_surname_resolves_to_the_fullest_name_the_article_uses():
    resolver = Resolver("Defence Minister Pekka Lindqvist arrived. Lindqvist spoke.")
    assert resolver.resolve("Lindqvist", 45) == ("Pekka Lindqvist", "person")


def test_a_place_or_a_headline_is_never_a_speaker():
    text = (
        "Ferreira Is Done With Tom Okafor's Old Excuses\n\n"
        "“The port will reopen in May,” said Ana Ferreira.\n\n"
        "“Nobody believes it,” Okafor said.\n\n"
        "“We want the trains back,” said New Hampshire state Rep. Jo Lindqvist."
    )
    assert [f[2] for f in quotes(text)] == ["Ana Ferreira", "Okafor", "Jo Lindqvist"]


def test_she_skips_a_man_named_in_between_for_the_woman_the_article_called_she():
    text = (
        "Sen. Ana Ferreira said she would vote against the plan.\n\n"
        "Mayor Tom Okafor said he would defend it. Okafor spoke for an hour.\n\n"
        "“This is reckless,” she said."
    )
    assert quotes(text)[-1][2:4] == ("Ana Ferreira", "she")


def test_a_courtesy_title_tells_which_person_a_pronoun_is():
    text = (
        "“The port is ours,” said Ms. Lindqvist.\n\n"
        "Tom Okafor said he disagreed with the council.\n\n"
        "“We will see,” she said."
    )
    assert quotes(text)[-1][2] == "Lindqvist"


def test_the_newspaper_the_campaign_and_the_report_resolve_to_who_issued_them():
    text = (
        "The Harbour Gazette reported on Monday that the port would close.\n\n"
        "“The decision was taken in secret,” the newspaper said.\n\n"
        "The Ferreira campaign issued a statement on Tuesday.\n\n"
        "“We will appeal,” the campaign said.\n\n"
        "A report by the National Audit Office was published in May.\n\n"
        "“Spending was not controlled,” the report said."
    )
    assert [(f.speaker, f.source_type) for f in extract(text)] == [
        ("Harbour Gazette", "organization"),
        ("Ferreira campaign", "organization"),
        ("National Audit Office", "organization"),
    ]


def test_a_pronoun_after_a_fronted_phrase_is_the_subject():
    text = (
        "Tom Lind met Maria Costa at the port.\n\n"
        "Sure, she admits that “the harbour has not paid for itself in years.”"
    )
    assert quotes(text)[0][2:4] == ("Maria Costa", "she")


def test_she_is_not_the_man_named_last_when_a_given_name_tells():
    text = (
        "Maria Costa runs the market. Tom Lind chairs the harbour board.\n\n"
        "Of the new fees, she said, “They will ruin the small traders.”"
    )
    assert quotes(text)[0][2:4] == ("Maria Costa", "she")


def test_he_is_the_person_the_quote_sentence_opens_with():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "Sam Ferro fired back: “As a guardian of the harbour,” he wrote, “we are with you.”"
    )
    assert [f[2] for f in quotes(text)[1:]] == ["Sam Ferro", "Sam Ferro"]


def test_a_capitalised_word_the_article_also_writes_in_lower_case_is_no_surname():
    text = "Wait, it gets worse. Nobody will wait for the harbour fees. Lind says so."
    resolver = Resolver(text)
    assert resolver.resolve("Wait", 0) == (None, "unnamed")
    assert resolver.resolve("Lind", 60) == ("Lind", "person")


def test_a_described_surname_resolves_to_the_full_name():
    text = "Ana Ferreira arrived. “We win,” said Tom Lind.\n\n“It is ours,” an angry Ferreira said."
    assert quotes(text)[1][2:4] == ("Ana Ferreira", "an angry Ferreira")


def test_a_determiner_opening_a_sentence_is_not_part_of_a_name():
    assert name_in("Neither Tom Lind nor his deputy") == "Tom Lind"
    assert name_in("Whether Ana Ferreira") == "Ana Ferreira"
    assert name_in("Several Ferreira aides") is None


def test_a_title_in_quotation_marks_is_not_a_person_the_story_names():
    text = 'The march was organised by "Farmers Against Lind," a new group. Tom Lind shrugged.'
    assert [m.name for m in Resolver(text).mentions if not m.is_org] == ["Tom Lind"]
    text = "The march was organised by ''Farmers Against Lind,'' a new group. Tom Lind shrugged."
    assert [m.name for m in Resolver(text).mentions if not m.is_org] == ["Tom Lind"]


def test_a_long_run_of_titles_before_a_name_leaves_the_name():
    assert name_in("Senate Minority Leader Tom M. Lind") == "Tom M. Lind"
    assert name_in("New York City Public Advocate Ana Ferreira") == "Ana Ferreira"
    assert name_in("Republican Tom Lind") == "Tom Lind"
    assert name_in("Supreme Court Justice Ana Maria Ferreira") == "Ana Maria Ferreira"


def test_a_person_of_an_institute_is_the_person_not_the_institute():
    text = "The Kurdish Regional Government held talks with Baghdad on Monday."
    resolver = Resolver(text)
    assert resolver.resolve("Ana Lind of the Institute for Energy Studies", 0) == (
        "Ana Lind",
        "person",
    )
    # a title before "of" is no name: the person named after it is the one meant
    assert resolver.resolve("sent to Chief of Staff Omar Saleh", 0)[0] == "Omar Saleh"


def test_a_possessive_place_or_outlet_before_a_name_is_not_part_of_the_name():
    assert name_in("Basra’s Omar Saleh") == "Omar Saleh"
    assert name_in("the Baghdad Post’s Ana Lind") == "Ana Lind"
    assert name_in("Rudaw Live’s Layla Hassan") == "Layla Hassan"


def test_a_surname_resolves_to_a_full_name_ending_in_a_suffix():
    text = "Envoy Thomas R. Lind Jr. flew to Erbil on Monday.\n\n“We will stay,” Mr. Lind said."
    assert quotes(text)[0][2:4] == ("Thomas R. Lind Jr", "Mr. Lind")


def test_a_name_with_a_suffix_is_another_person_than_the_same_name_without_it():
    text = (
        "Rep. Omar Saleh backs the bill. His father, Omar Saleh Sr., once held the seat.\n\n"
        "“It is a good bill,” Saleh said."
    )
    assert quotes(text)[0][2] == "Omar Saleh"


def test_a_role_word_before_a_surname_leaves_the_surname():
    assert single_name("Justice Ferreira") == "Ferreira"
    assert single_name("Chief Justice Ferreira") == "Ferreira"
    text = "Justice Ana Ferreira wrote for the court.\n\n“The law stands,” Justice Ferreira said."
    assert quotes(text)[0][2] == "Ana Ferreira"


def test_a_surname_two_people_share_stands_for_the_one_named_first():
    text = (
        "Rep. Tom Lind’s Senate campaign is faltering. His wife, Maria Lind, is running for "
        "his House seat. Maria Lind spoke to voters in Basra. Maria Lind smiled.\n\n"
        "“She will have my name,” Lind said."
    )
    assert quotes(text)[0][2] == "Tom Lind"


def test_a_courtesy_title_picks_the_person_of_that_gender():
    text = (
        "Tom Lind and his wife, Maria Lind, toured the camp.\n\n"
        "“We saw too much,” Mrs. Lind said.\n\n“It must end,” Mr. Lind said."
    )
    assert [q[2] for q in quotes(text)] == ["Maria Lind", "Tom Lind"]


def test_a_name_after_an_opening_clause_is_who_a_later_pronoun_means():
    text = (
        "Justice Ana Ferreira and Judge Maria Lind heard the case.\n\n"
        "Maria Lind asked few questions. When the case was argued in May, Justice Ferreira’s "
        "remarks at the hearing drew notice.\n\n“The law is plain,” she said."
    )
    assert quotes(text)[0][2] == "Ana Ferreira"


def test_the_name_of_a_law_is_no_person():
    assert name_in("the Lind-Okafor Act") is None
    text = (
        "Ana Ferreira wants the Lind-Okafor Act back. Lind-Okafor split the banks in two.\n\n"
        "“It worked,” she said."
    )
    assert quotes(text)[0][2] == "Ana Ferreira"
