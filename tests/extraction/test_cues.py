"""Attribution cues: the source phrase and verb before, after or inside a quotation."""

from tests.extraction import quotes


def test_cue_after_quote_with_inverted_name():
    assert quotes("“We will win,” said Hakim al-Zamili, a lawmaker.") == [
        ("We will win,", "direct", "Hakim al-Zamili", "Hakim al-Zamili", "said")
    ]


def test_cue_before_quote_and_guillemets():
    text = "Hakim al-Zamili said on October 7 in Baghdad, «I think Iraq will ask Russia.»"
    assert quotes(text)[0][2] == "Hakim al-Zamili"
    assert quotes(text)[0][4] == "said on October 7 in Baghdad"


def test_quoted_as_saying_names_the_person_quoted_not_the_outlet():
    text = "“The Americans are slow,” the Journal quoted one Iraqi lawmaker as saying."
    assert quotes(text)[0][2:4] == (None, "one Iraqi lawmaker")


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


def test_a_job_title_in_small_letters_before_the_name_is_part_of_the_source():
    text = "“We knew it would be close,” campaign manager Lena Holt said."
    assert quotes(text)[0][2:4] == ("Lena Holt", "campaign manager Lena Holt")


def test_words_after_the_speech_verb_are_not_taken_for_the_source():
    text = (
        "“Nobody here wants another shutdown,” Tom Okafor said while touring a steel mill "
        "outside Cleveland, before the vote."
    )
    assert quotes(text)[0][2:5] == ("Tom Okafor", "Tom Okafor", "said")


def test_a_colon_ending_the_paragraph_before_attributes_the_quote_that_opens_the_next():
    text = (
        "“Taxes will not rise,” said Mayor Ines Duarte.\n\n"
        "Councillor Piet Vermeulen replied:\n\n"
        "“Then the pools will close.”"
    )
    assert [f[2] for f in quotes(text)] == ["Ines Duarte", "Piet Vermeulen"]


def test_a_description_or_a_document_before_a_colon_is_the_source():
    text = (
        "At the meeting, the angry farmer retorted: “You have never milked a cow.”\n\n"
        "From the audit: “Records were kept on paper and then lost.”"
    )
    assert [f[3] for f in quotes(text)] == ["the angry farmer", "the audit"]


def test_the_subject_next_to_the_verb_after_a_leading_clause_is_the_source():
    text = (
        "Ana Ferreira spoke first.\n\n"
        "When asked about the budget, Tom Okafor said: “We will find the money.”"
    )
    assert quotes(text)[0][2] == "Tom Okafor"


def test_according_to_before_a_quote_names_its_source():
    text = "According to Tom Okafor, “the money is already spent.”"
    assert quotes(text)[0][2:5] == ("Tom Okafor", "Tom Okafor", "according to")


def test_a_fragment_after_a_quote_takes_the_subject_not_the_earlier_quote():
    text = (
        "“This is reckless,” Ana Ferreira said, adding that the plan was “a gift to speculators.”"
    )
    assert [f[2:4] for f in quotes(text)] == [("Ana Ferreira", "Ana Ferreira")] * 2


def test_a_fragment_after_any_verb_takes_that_verbs_subject():
    text = (
        "Tom Okafor spoke at noon.\n\n"
        "Ana Ferreira, who chairs the committee, mocked the proposal as “a wish list for donors.”"
    )
    assert quotes(text)[0][2:5] == ("Ana Ferreira", "Ana Ferreira", "mocked")


def test_a_pronoun_just_before_the_verb_is_the_source_of_a_fragment():
    text = "Tom Okafor voted for the bill. Later, he called the delay “a disgrace.”"
    assert quotes(text)[0][2:4] == ("Tom Okafor", "he")


def test_an_aside_between_commas_does_not_hide_the_subject():
    text = (
        "A senior diplomat, who asked not to be named because talks continue, said the deal "
        "was “almost done.”"
    )
    assert quotes(text)[0][2:4] == (None, "A senior diplomat")


def test_speech_verbs_beyond_said_attribute_a_quote():
    text = (
        "“Not a chance,” Ana Ferreira scoffed.\n\n"
        "“We will see,” agreed Tom Okafor, a farmer from Leiria."
    )
    assert [f[2:5] for f in quotes(text)] == [
        ("Ana Ferreira", "Ana Ferreira", "scoffed"),
        ("Tom Okafor", "Tom Okafor", "agreed"),
    ]


def test_a_cue_that_ends_the_sentence_a_quote_opens_names_its_source():
    text = (
        "Tom Okafor spoke first.\n\n"
        "“Fewer trains to the coast” would hurt the north, transport minister Ana Ferreira said."
    )
    assert quotes(text)[0][2:4] == ("Ana Ferreira", "transport minister Ana Ferreira")


def test_with_x_shouting_before_a_quote_names_x():
    text = (
        "At the rally in Porto, people pushed a heckler out, with Ana Ferreira shouting: "
        "“Let him speak!”"
    )
    assert quotes(text)[0][2] == "Ana Ferreira"


def test_a_leading_clause_with_a_name_in_it_is_not_the_source():
    text = "Watching Tom Okafor speak about the budget, Ana Ferreira said: “He has no plan.”"
    assert quotes(text)[0][2] == "Ana Ferreira"


def test_a_clause_after_an_inverted_name_is_not_part_of_the_source():
    text = "“We have the votes,” said Ana Ferreira while touring a school in Braga."
    assert quotes(text)[0][2:4] == ("Ana Ferreira", "Ana Ferreira")


def test_a_quote_inside_a_sentence_without_a_speech_verb_takes_the_subject():
    text = (
        "Tom Okafor spoke first.\n\n"
        "In her newsletter, Ana Ferreira listed the costs, “Nine schools, two clinics and a "
        "bridge nobody uses.”"
    )
    assert quotes(text)[0][2] == "Ana Ferreira"


def test_a_relative_clause_after_the_source_is_left_out():
    text = (
        "A ministry official who spoke on condition of anonymity said on Monday, “The talks "
        "have stalled.”"
    )
    assert quotes(text)[0][2:4] == (None, "A ministry official")


def test_a_relative_clause_gives_its_fragment_to_the_noun_before_it():
    text = (
        "Tom Okafor spoke first.\n\n"
        "Compare that with Ana Ferreira, who has called the plan “a slow disaster.”\n\n"
        "“We will fight it,” said Piet Vermeulen, a councillor, who added that the vote was "
        "“rigged from the start.”"
    )
    assert [f[2:4] for f in quotes(text)] == [
        ("Ana Ferreira", "Ana Ferreira"),
        ("Piet Vermeulen", "Piet Vermeulen"),
        ("Piet Vermeulen", "Piet Vermeulen"),
    ]


def test_a_relative_clause_about_a_named_source_gives_the_name_not_the_pronoun():
    text = (
        "Hakim al-Zamili, the committee chairman, who has long called the deal “a trap,” "
        "spoke on Monday.\n\n"
        "The ministry issued a statement, which warned of “grave consequences.”"
    )
    found = quotes(text)
    assert found[0][2:4] == ("Hakim al-Zamili", "Hakim al-Zamili")
    assert found[1][2:4] == (None, "a statement")


def test_an_opening_mark_used_to_close_and_less_common_verbs_still_attribute():
    text = (
        "“It is unusual,“ said Ana Ferreira, a lawyer.\n\n"
        "“This is fantastic!” beamed Tom Okafor.\n\n"
        "As the Harbour Gazette put it, “The port is open again.”"
    )
    assert [f[2] for f in quotes(text)] == ["Ana Ferreira", "Tom Okafor", "Harbour Gazette"]


def test_but_before_the_subject_and_as_x_reported_before_a_colon():
    text = (
        "Tom Okafor spoke first. But Sen. Ana Ferreira, noting the size of the crowd, said, "
        "“They came for the trains.”\n\n"
        "As the Harbour Gazette reported, the council still refused to name the cause:\n\n"
        "“The council is reluctant to call the fire an act of arson.”"
    )
    assert [f[2] for f in quotes(text)] == ["Ana Ferreira", "Harbour Gazette"]


def test_a_participle_takes_the_subject_of_its_own_clause():
    text = (
        "“Let them decide,” said Ana Ferreira, urging critics to “give the council time.”\n\n"
        "Tom Okafor backed the plan on Tuesday, saying it was “the only way forward.”\n\n"
        "Both issued statements – Ferreira saying she was “very hopeful” and Okafor calling it "
        "“a fine start.”"
    )
    assert [f[2] for f in quotes(text)] == ["Ana Ferreira"] * 2 + ["Tom Okafor"] + [
        "Ana Ferreira",
        "Tom Okafor",
    ]


def test_a_sentence_that_opens_inside_a_quotation_does_not_leak_it_into_the_source():
    text = "“Absolutely not. Absolutely not,” Ana Ferreira replied, adding she was “looking ahead.”"
    assert [f[3] for f in quotes(text)][-1] == "Ana Ferreira"


def test_a_named_possessor_of_a_call_or_words_is_the_source_of_the_fragment():
    text = (
        "Ana Ferreira spoke first.\n\n"
        "While Tom Okafor's call for a “new deal for the coast” draws crowds, others wait.\n\n"
        "The mayor rejected Okafor's call for “free ferries.”"
    )
    assert [f[3] for f in quotes(text)] == ["Tom Okafor", "The mayor"]


def test_a_long_phrase_after_the_verb_does_not_hide_the_speaker():
    text = (
        "Tom Okafor spoke first.\n\n"
        "“Ferries are a lifeline. Cuts like these hurt us,” Ana Ferreira said in one of a "
        "string of posts about the remarks on Wednesday."
    )
    assert quotes(text)[0][2] == "Ana Ferreira"


def test_a_dateline_or_a_heading_in_capitals_is_not_part_of_the_source():
    text = (
        "PORTO, Portugal - Mayor Ana Ferreira said: “The ferries will run again.”\n\n"
        "TURNOUT IS UP - Tom Okafor: “More people voted than in any year since 1990.”"
    )
    assert [f[3] for f in quotes(text)] == ["Mayor Ana Ferreira", "Tom Okafor"]


def test_the_name_after_a_dash_before_a_colon_is_the_source():
    text = (
        "Turnout rose in the north - More from Lindqvist: “Young voters came out in numbers.”\n\n"
        "The panel ended early — Tom Okafor cut in:\n\n"
        "“You have not answered the question.”"
    )
    assert [f[2] for f in quotes(text)] == ["Lindqvist", "Tom Okafor"]


def test_before_a_colon_the_subject_of_the_speech_verb_nearest_it_is_the_source():
    text = (
        "Ana Ferreira went back to the harbour, where she bluntly told the crowd: "
        "“Nobody will sell this port.”"
    )
    assert quotes(text)[0][3:5] == ("she", "bluntly told the crowd")


def test_a_cue_closing_the_sentence_after_two_fragments_names_both():
    text = (
        "Maria Costa runs the market.\n\n"
        "Rents are “higher than any family here can pay” and “still rising,” "
        "Tomas Lind told the council."
    )
    assert [f[2] for f in quotes(text)] == ["Tomas Lind", "Tomas Lind"]


def test_according_to_after_a_quote_names_the_document():
    text = (
        "Maria Costa spoke first.\n\n"
        "“The harbour fees were never collected,” according to an audit by Rafael Moreno."
    )
    assert quotes(text)[-1][2:4] == ("Rafael Moreno", "an audit by Rafael Moreno")


def test_a_verb_joined_by_and_shares_the_subject_the_clause_opens_with():
    text = "Tom Lind noted that he taught law, and added: “I know a little about it.”"
    assert quotes(text)[0][2:4] == ("Tom Lind", "Tom Lind")


def test_the_object_of_a_participle_after_a_quote_is_no_source():
    text = "Tom Lind has hailed the harbour vote as “fantastic,” telling reporters he was pleased."
    assert quotes(text)[0][2:4] == ("Tom Lind", "Tom Lind")


def test_the_words_before_a_participle_after_a_comma_are_not_its_subject():
    text = (
        "Tom Lind endorsed the plan in June, but only after weeks of doubt, "
        "telling reporters in May that he was “not quite there yet.”"
    )
    assert quotes(text)[0][2:4] == ("Tom Lind", "Tom Lind")


def test_a_passive_speech_verb_names_no_speaker():
    text = "According to the manual, the sales staff were told, “Sell the dream, not the flat.”"
    assert quotes(text)[0][3] == "the manual"


def test_a_reporting_clause_ending_the_sentence_names_a_fragment_far_before_it():
    text = (
        "Tom Lind chairs the board. Ana Ferreira spoke after him.\n\n"
        "Rents had “doubled in a single year” across the old town, she said in a statement."
    )
    assert quotes(text)[0][3:5] == ("she", "said in a statement")


def test_a_quote_no_cue_names_takes_the_subject_its_sentence_opens_with():
    text = (
        "Tom Lind chairs the board.\n\n"
        "In 2014, the Harbour Trust found that “most boats were never inspected at all.”"
    )
    assert quotes(text)[0][2:4] == ("Harbour Trust", "the Harbour Trust")


def test_an_opening_adverb_with_a_comma_is_no_source():
    text = (
        "Tom Lind chairs the board.\n\n"
        "Likewise, a paper by two economists had this to say about the fees: "
        "“Nobody collected them for a decade.”"
    )
    assert quotes(text)[0][2:4] == (None, "a paper by two economists")


def test_any_verb_after_a_quote_that_opens_the_sentence_and_ends_in_a_comma_is_its_cue():
    text = (
        "Tom Lind left.\n\n“Would you sell the harbour?” Ana Ferreira pressed. “Maybe part of it?”"
    )
    assert [f[2] for f in quotes(text)] == ["Ana Ferreira", "Ana Ferreira"]


def test_a_plural_noun_phrase_after_a_quote_is_a_source():
    text = "Tom Lind left.\n\n“The fees were never paid,” federal prosecutors wrote in the filing."
    assert quotes(text)[0][3] == "federal prosecutors"


def test_a_name_before_the_verb_after_fronted_clauses_is_the_speaker():
    text = (
        "When asked by a host if the leaks by Tom Lind about the data in any way led to the "
        "attacks on the harbour, which was seen as an intelligence failure, de Vries said, "
        "“I have not heard that particular concern.”"
    )
    assert quotes(text)[0][2:4] == ("de Vries", "de Vries")


def test_a_base_form_speech_verb_before_a_colon_names_its_subject():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "The timing was so odd that a spokesman for Ana Ferreira could only quip: "
        "“I guess the holiday was booked.”"
    )
    assert quotes(text)[1][3] == "a spokesman for Ana Ferreira"


def test_as_is_no_verb_when_looking_for_the_subject_of_a_fragment():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "Ana Ferreira is praising Tom Lind, who ended his bid on Saturday, as “a man who never "
        "went to the gutter” in the race."
    )
    assert quotes(text)[1][2] == "Ana Ferreira"


def test_saying_after_a_clause_takes_the_clause_subject_not_the_last_speaker():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "In her speech at the harbour, Ana Ferreira thanked the crowd for coming. She quickly "
        "noted her years as mayor of the town, saying “we faced hard times together.”"
    )
    assert quotes(text)[1][2:4] == ("Ana Ferreira", "She")


def test_an_adverb_after_a_pronoun_is_not_part_of_the_subject():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "Ana Ferreira spoke next. She quickly noted her years as mayor, saying “we faced hard "
        "times together.”"
    )
    assert quotes(text)[1][2:4] == ("Ana Ferreira", "She")


def test_a_name_ending_in_ly_is_not_an_adverb_of_the_verb():
    text = "“We will win,” said Tom Lind.\n\n“You never answer,” Kelly charged in her question."
    assert quotes(text)[1][2:5] == ("Kelly", "Kelly", "charged in her question")


def test_an_inverted_cue_after_a_conjunction_names_the_speaker():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "Sam Ferro, who worked for Lind, praised his boss. "
        "But, said Ferro, “I don't want to cross him.”"
    )
    assert quotes(text)[1][3] == "Ferro"


def test_an_inverted_cue_ending_the_sentence_names_a_fragment_before_it():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "The vote signals “the beginning of the end” for the fees, said Ana Ferreira, "
        "founder of the traders' union."
    )
    assert quotes(text)[1][2:4] == ("Ana Ferreira", "Ana Ferreira")


def test_a_signature_line_after_a_quote_paragraph_names_its_speaker():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "“The fees were never collected, and nobody asked why.”\n\n"
        "- Ana Ferreira.\n\n"
        "“Nobody came to the village.”\n\n"
        "― Omar Saleh, 52, Mosul\n\n"
        "The audit says otherwise."
    )
    assert [f[2] for f in quotes(text)[1:]] == ["Ana Ferreira", "Omar Saleh"]


def test_a_connective_or_a_participle_aside_is_not_the_subject():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "The two traders, however, argue that “there is no fee at all.” Others, reacting to "
        "the news, shouted, “Stop the fees!”"
    )
    assert [f[3] for f in quotes(text)[1:]] == ["The two traders", "Others"]


def test_a_description_between_commas_and_the_verb_without_a_comma_is_the_source():
    text = "“We will win,” said Tom Lind.\n\nAna Ferreira, a top aide said, “is very sure of it.”"
    assert quotes(text)[1][3] == "a top aide"


def test_a_group_named_by_a_plural_or_an_organization_noun_is_a_source():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "“The harbour is ours,” the Basrans state in the petition. Lind is a “fine mayor,” "
        "the editorial board writes."
    )
    assert [f[3] for f in quotes(text)[1:]] == ["the Basrans", "the editorial board"]


def test_a_fragment_takes_the_main_clause_subject_not_the_opening_clause_one():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "When Ana Ferreira announced her bid in June, he infamously referred to the traders as "
        "“thieves” and worse."
    )
    assert quotes(text)[1][2:4] == ("Tom Lind", "he")


def test_a_fragment_after_a_passive_speech_verb_names_no_speaker():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "Ana Ferreira was asked about the “harbour tax” at the meeting. Asked whether Lind "
        "is “fit to lead the port” in the poll, 40 percent of traders said no."
    )
    assert [f[2:4] for f in quotes(text)[1:]] == [(None, ""), (None, "")]


def test_a_participle_after_a_comma_takes_the_clause_subject_not_its_object():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "Speaking at a town hall in Basra, Ana Ferreira went after Lind, calling him "
        "“a total stiff.”"
    )
    assert quotes(text)[1][2] == "Ana Ferreira"


def test_an_apostrophe_inside_a_word_closes_no_quotation():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "Ana Ferreira spoke. Ferreira’s letter makes a blunt case: “The harbour must pay.”"
    )
    assert quotes(text)[1][2] == "Ana Ferreira"


def test_a_speech_noun_after_a_possessive_is_no_cue():
    # (fails once apostrophes no longer close quotes, unless the noun is recognised)
    text = "“We will win,” said Tom Lind.\n\nAna Ferreira told us that Lind’s comments “show bias.”"
    assert quotes(text)[1][2] == "Ana Ferreira"


def test_a_sentence_adverb_before_the_subject_is_not_the_speaker():
    text = "“We will win,” said Tom Lind.\n\nAdditionally, Ferreira said: “The harbour must pay.”"
    assert quotes(text)[1][2:4] == ("Ferreira", "Ferreira")


def test_an_inverted_cue_after_a_fronted_phrase_names_the_speaker_after_the_verb():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "Because of how the fees were set, explained Ana Ferreira, “nobody paid for years.”\n\n"
        "In an interview, Sam Ferro, a trader, said Lind “was heavily involved in all of it.”"
    )
    assert [f[2] for f in quotes(text)[1:]] == ["Ana Ferreira", "Sam Ferro"]


def test_a_name_right_before_the_verb_after_a_fronted_topic_is_the_speaker():
    text = (
        "“We will win,” said Tom Lind.\n\nLind, Ferreira wrote “has shown that he can raise money.”"
    )
    assert quotes(text)[1][2] == "Ferreira"


def test_saying_right_after_a_scare_quote_takes_the_sentence_subject():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "Ferreira needled the harbour “expert,” saying, “An expert who tweets on request!”"
    )
    assert quotes(text)[1][2:5] == ("Ferreira", "Ferreira", "saying")


def test_a_name_after_an_article_and_adjectives_is_a_source():
    text = "“We will win,” said Tom Lind.\n\n“The harbour is ours,” an angry Ferreira retaliated."
    assert quotes(text)[1][3] == "an angry Ferreira"


def test_a_time_phrase_between_the_verb_and_the_quote_is_part_of_the_cue():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "While Ana Ferreira affirmed that she likes Lind, she also stated a day earlier, "
        "“If he catches on, we will have to fight.”"
    )
    assert quotes(text)[1][2:5] == ("Ana Ferreira", "she", "stated a day earlier")


def test_as_x_pointed_out_before_a_quote_names_x():
    text = (
        "“We will win,” said Tom Lind.\n\n"
        "But as the Harbour Gazette pointed out, “Lind has not released any figures.”"
    )
    assert quotes(text)[1][2:5] == ("Harbour Gazette", "the Harbour Gazette", "pointed out")


def test_a_participle_opener_before_the_quote_is_not_the_source():
    text = (
        "The port has been shut since March. In declaring the new levy “a robbery,” "
        "the mayor of Basra again sided with the fishermen."
    )
    assert quotes(text)[0][3] == "the mayor of Basra"
    text = (
        "Ana Ferreira runs the fish market. And in explaining why those “simple repairs” "
        "were never made, Tom Okafor blamed the ministry."
    )
    assert quotes(text)[0][2:4] == ("Tom Okafor", "Tom Okafor")


def test_a_time_phrase_opening_the_sentence_is_not_the_source():
    text = (
        "Ana Ferreira runs the harbour. A week later, she paid a visit to the docks and "
        "explained why the “temporary closure” had dragged on."
    )
    assert quotes(text)[0][2:] == ("Ana Ferreira", "she", "explained")


def test_a_reporting_clause_closing_the_clause_of_a_fragment_names_its_source():
    text = (
        "“The port will reopen,” said Tom Okafor.\n\n"
        "The mayor’s “promises” are empty, Ana Ferreira said on Monday, noting that the port "
        "“has been shut for a year.”"
    )
    assert [f[2] for f in quotes(text)] == ["Tom Okafor", "Ana Ferreira", "Ana Ferreira"]
    text = (
        "The mayor complained that the vote had been “rigged” against him, a charge that the "
        "party leaders strongly denied, noting that the rules were old."
    )
    assert quotes(text)[0][3] == "The mayor"


def test_what_someone_calls_a_fragment_names_who_chose_the_words():
    lead = "“We will reopen,” said Tom Okafor.\n\n"
    text = lead + "A third option is what Ana Ferreira called a “slow thaw” of the harbour rules."
    assert quotes(text)[1][2:] == ("Ana Ferreira", "Ana Ferreira", "called")
    text = lead + "His deputy is Ana Ferreira, whom one fisherman described as “his shadow.”"
    assert quotes(text)[1][3] == "one fisherman"


def test_a_passive_naming_verb_with_its_agent_names_the_agent():
    text = (
        "“We will reopen,” said Tom Okafor.\n\n"
        "The plan has been called “a fairy tale” by Ana Ferreira, the harbour master."
    )
    assert quotes(text)[1][2:] == ("Ana Ferreira", "Ana Ferreira", "called")


def test_an_as_x_said_aside_after_the_quote_names_its_source():
    lead = "“We will reopen,” said Tom Okafor.\n\n"
    text = lead + (
        "Still, the fact that the port is “a ghost town,” as Ana Ferreira said on Monday, "
        "worries the council."
    )
    assert quotes(text)[1][2:] == ("Ana Ferreira", "Ana Ferreira", "said")


def test_a_possessive_pledge_to_be_a_fragment_names_the_one_who_pledged():
    text = (
        "“We will reopen,” said Tom Okafor.\n\n"
        "The concerns go beyond Ana Ferreira’s controversial pledge to be “neutral” in the talks."
    )
    assert quotes(text)[1][2:] == ("Ana Ferreira", "Ana Ferreira", "pledge")


def test_an_inverted_reporting_aside_before_the_quote_names_its_source():
    text = (
        "“We will reopen,” said Tom Okafor.\n\n"
        "The trouble with the port, says Ana Ferreira, the harbour master, is that it has "
        "become “a ghost town” in winter."
    )
    assert quotes(text)[1][2:] == ("Ana Ferreira", "Ana Ferreira", "says")


def test_a_reporting_clause_in_the_perfect_closing_the_sentence_names_its_source():
    text = (
        "“We will reopen,” said Tom Okafor.\n\n"
        "The ministry made a “mistake” in the audit of the fleet, Ferreira has said. "
        "Okafor should have been told."
    )
    assert quotes(text)[1][2:4] == ("Ferreira", "Ferreira")


def test_a_question_put_to_someone_is_not_their_words():
    lead = "“We will reopen,” said Tom Okafor.\n\n"
    text = lead + (
        "Ana Ferreira was asked, “Would you close the harbour again?” She answered, “Never.”"
    )
    assert [f[2] for f in quotes(text)] == ["Tom Okafor", None, "Ana Ferreira"]
    text = lead + (
        "Ana Ferreira was asked by host Sam Lind, who runs the radio show, "
        "“Would you close the harbour again?”"
    )
    assert quotes(text)[1][2:] == ("Sam Lind", "host Sam Lind", "asked")


def test_according_to_after_a_cue_keeps_the_speaker_and_names_who_relays_the_words():
    text = (
        "“The border will stay open,” Hakim al-Zamili said on Sunday, according to Rudaw.\n\n"
        "According to a transcript released by the court, Ana Lind said, “We were never told.”"
    )
    assert [f[2:4] for f in quotes(text)] == [
        ("Hakim al-Zamili", "Hakim al-Zamili, according to Rudaw"),
        ("Ana Lind", "Ana Lind, according to a transcript released by the court"),
    ]


def test_according_to_that_names_a_time_or_is_the_cue_adds_nothing():
    text = (
        "“We will vote,” Ana Lind said, according to last week.\n\n"
        "“Prices will rise,” according to the central bank."
    )
    assert [f[3] for f in quotes(text)] == ["Ana Lind", "the central bank"]


def test_a_fragment_in_a_clause_with_its_own_pronoun_subject_takes_the_pronoun():
    text = (
        "Ana Lind met the Kurdish delegation on Monday.\n\n"
        "Meanwhile, Lind endorsed the budget, although she made it clear that she has "
        "“grave doubts” about the oil deal."
    )
    assert quotes(text)[0][2:4] == ("Ana Lind", "she")


def test_a_time_phrase_without_its_comma_is_not_part_of_the_pronoun_subject():
    text = (
        "Hakim al-Zamili said the vote would go ahead.\n\n"
        "On Monday he said he would “strongly oppose” any delay."
    )
    assert quotes(text)[0][2:4] == ("Hakim al-Zamili", "he")


def test_a_contracted_pronoun_before_a_speech_verb_is_its_subject():
    text = (
        "Ever since Ana Lind announced her candidacy, she's said the same thing at every "
        "rally: “It is about the port.”"
    )
    assert quotes(text)[0][2:5] == ("Ana Lind", "she", "said")


def test_a_participle_or_joined_verb_after_a_clause_with_a_pronoun_takes_the_pronoun():
    text = (
        "Tom Okafor, a close ally, acknowledged the error even as he defended the mayor, "
        "saying, “Most of the plan is sound.”\n\n"
        "Tom Okafor started the row when he raised the budget and later said, “It is not "
        "just the port.”"
    )
    assert [f[2:4] for f in quotes(text)] == [("Tom Okafor", "he"), ("Tom Okafor", "he")]


def test_words_printed_on_a_sign_or_a_headline_are_the_sign_s_not_its_holder_s():
    text = (
        "Ana Lind held up a sign that read “Basra deserves water.”\n\n"
        "Tom Okafor posted the video under a headline that said, “The port is closed.”\n\n"
        "Protesters were carrying placards saying “No more delays.”"
    )
    assert [f[3] for f in quotes(text)] == ["a sign", "a headline", "Protesters"]


def test_an_outlet_that_reported_the_words_or_a_poll_that_asked_is_kept_with_the_speaker():
    text = (
        "Ana Lind welcomed the deal, saying it was “long overdue” for the port, the Basra Times "
        "reported.\n\n"
        "In a Rudaw poll, 40 percent of voters said the council was “out of touch.”"
    )
    assert [f[3] for f in quotes(text)] == [
        "Ana Lind, according to the Basra Times",
        "40 percent of voters, according to a Rudaw poll",
    ]


def test_a_possessive_name_keeps_the_noun_it_qualifies_in_attributed_as():
    text = "“We were never consulted,” Hakim al-Zamili’s chief of staff told reporters."
    assert quotes(text)[0][3] == "Hakim al-Zamili’s chief of staff"


def test_a_fragment_takes_the_subject_of_its_own_clause_not_of_a_clause_before_it():
    text = (
        "On Thursday as the council members took their seats, Ana Lind opened with a call "
        "for the city to “embrace” the harbour plan."
    )
    assert quotes(text)[0][3] == "Ana Lind"


def test_a_poll_named_with_its_release_day_is_kept_with_the_respondents():
    text = "In a Rudaw poll released Sunday, 40 percent of voters said they were “very worried.”"
    assert quotes(text)[0][3] == "40 percent of voters, according to a Rudaw poll released Sunday"


def test_an_opening_clause_after_and_is_not_the_fragment_s_clause():
    text = (
        "And after the court said the law was void, Ana Lind denounced the ruling as "
        "“a gift to the smugglers.”"
    )
    assert quotes(text)[0][2:4] == ("Ana Lind", "Ana Lind")


def test_a_plural_possessive_apostrophe_closes_no_quotation():
    text = (
        "Tom Lind didn’t seem impressed by the Okafors’ comments on Tuesday, telling "
        "reporters, “Nobody asked the fishermen.”"
    )
    assert quotes(text)[0][2:4] == ("Tom Lind", "Tom Lind")


def test_a_clause_ending_in_a_colon_after_a_name_it_does_not_open_with_introduces_that_name():
    text = "The timing of the vote does not surprise pollster Tom Okafor: “Turnout was low.”"
    assert quotes(text)[0][2:4] == ("Tom Okafor", "Tom Okafor")


def test_a_verb_joined_by_and_to_one_with_a_subject_shares_that_subject():
    text = (
        "There were sharper jabs, such as when Ana Lind knocked Tom Okafor on trade and "
        "called him a “weathervane.”"
    )
    assert quotes(text)[0][2:5] == ("Ana Lind", "Ana Lind", "called")


def test_whoever_calls_this_the_quoted_words_chose_them():
    text = "Voters expect little. Insiders call this the “expectations game” and play it well."
    assert quotes(text)[0][3:5] == ("Insiders", "call")


def test_according_to_inside_the_sentence_names_the_source_of_the_quote_after_it():
    text = (
        "For the mayor, according to the harbour master Tom Okafor, the vote is "
        "“a test of nerve.”\n\n"
        "“We will not move,” Ana Lind said in a statement according to Rudaw."
    )
    assert [f[3] for f in quotes(text)] == [
        "the harbour master Tom Okafor",
        "Ana Lind, according to Rudaw",
    ]


def test_a_cue_after_a_quote_that_opens_the_next_one_leaves_it_to_the_verb_before():
    text = (
        "When a heckler in the hall shouted, “Resign now,” Ana Lind smiled and replied, "
        "“Not today, my friend.”"
    )
    assert [f[3] for f in quotes(text)] == ["a heckler in the hall", "Ana Lind"]


def test_a_time_or_place_phrase_before_the_subject_is_not_the_source():
    text = (
        "Tuesday at Salahaddin University in Erbil, after the vote, Governor Ana Lind said, "
        "“We are ready.”\n\n"
        "In a long interview with reporter Tom Okafor last year, Hakim al-Zamili said he "
        "would stay and added, “I will not resign.”"
    )
    assert [f[3] for f in quotes(text)] == ["Governor Ana Lind", "Hakim al-Zamili"]


def test_a_possessive_with_a_kin_or_staff_noun_names_a_source():
    text = (
        "As the crowd cheered Hakim al-Zamili on Tuesday, his wife whispered to him: "
        "“They are still with you.”\n\n"
        "Her campaign is planning to reprint an editorial that accuses the mayor of a "
        "“fiction-filled budget” before the vote."
    )
    assert [f[3] for f in quotes(text)] == ["his wife", "Her campaign"]


def test_a_colon_clause_with_two_verbs_takes_the_subject_of_the_one_that_has_it():
    text = (
        "The inquiry belongs to Tom Okafor, the prosecutor, who then told parliament when "
        "asked about it: “That matter is with the courts.”"
    )
    assert quotes(text)[0][2] == "Tom Okafor"


def test_at_which_point_and_a_spaced_dash_end_the_clause_before_a_subject():
    text = (
        'Ana Lind said, "We will build the port" - at which point the crowd chanted '
        '"Build the port!" at the rally.\n\n'
        "Who was right? - Rudaw notes that the surveys it studied are not “monolithic.”"
    )
    found = quotes(text)
    assert found[1][3:5] == ("the crowd", "chanted")
    assert found[2][3:5] == ("Rudaw", "notes")


def test_a_colon_heading_after_an_unspaced_dash_names_its_source():
    text = "Turnout was the story all along -More from Lind and Okafor: “Our data show it.”"
    assert quotes(text)[0][3] == "Lind and Okafor"
