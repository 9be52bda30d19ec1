"""The built seed fixture says only what the seed texts say, in the speakers' words.

These tests read fixtures/seed.json as JSON: no database is needed.
"""

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "seed.json"
OPENING = '“«„‹"‘'
CLOSING = '”»“›"’'
# A quotation mark, leaving out ’ where it is an apostrophe (“Russia’s”, “doesn’t”).
QUOTATION_MARK = re.compile(r"[“”«»„‹›\"‘]|’(?!\w)|(?<!\w)’")


@cache
def _records():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _of(model):
    return [r["fields"] for r in _records() if r["model"] == f"claims.{model}"]


def _articles():
    """Article fields by slug, each with the seed file prefix ("004") as `file`."""
    return {a["slug"]: {**a, "file": a["seed_file"].split("_")[0]} for a in _of("article")}


def _quotes(file=None):
    articles = _articles()
    quotes = [{**q, "file": articles[q["article"][0]]["file"]} for q in _of("quote")]
    return [q for q in quotes if file is None or q["file"] == file]


def _quote(file, text):
    hits = [q for q in _quotes(file) if q["text"] == text]
    assert len(hits) == 1, (file, text, len(hits))
    return hits[0]


def _claim_of(quote):
    return next(c for c in _of("claim") if c["key"] == quote["claim"][0])


def _quotes_of_claim(key):
    return [q for q in _quotes() if q["claim"] == [key]]


def _body(quote):
    return _articles()[quote["article"][0]]["body"]


def _paragraph_around(quote):
    body = _body(quote)
    start = body.rfind("\n", 0, quote["start"]) + 1
    end = body.find("\n", quote["end"])
    return body[start : end if end >= 0 else len(body)]


def _wrapped_in_quotation_marks(text):
    text = text.strip()
    return len(text) > 1 and text[0] in OPENING and text[-1] in CLOSING


def test_every_quote_is_the_article_text_at_its_offsets():
    for quote in _quotes():
        assert _body(quote)[quote["start"] : quote["end"]] == quote["text"], quote["text"]


def test_no_span_is_recorded_twice():
    spans = [(q["article"][0], q["start"], q["end"]) for q in _quotes()]
    assert len(spans) == len(set(spans))


def test_a_quotation_is_exactly_the_words_inside_its_quotation_marks():
    for quote in _quotes():
        if quote["kind"] == "indirect":
            continue
        body, start, end = _body(quote), quote["start"], quote["end"]
        assert body[start - 1] in OPENING and body[end] in CLOSING, quote["text"]
        assert quote["text"][0] not in OPENING and quote["text"][-1] not in CLOSING


def test_no_reported_speech_is_presented_as_a_quotation():
    for quote in _quotes():
        if quote["kind"] != "indirect":
            continue
        assert not _wrapped_in_quotation_marks(quote["text"]), quote["text"]
        assert not QUOTATION_MARK.search(quote["attributed_as"] + quote["cue"]), quote["text"]


def test_quotation_marks_inside_reported_speech_enclose_a_partial_quote_of_the_same_source():
    partials = {
        (q["article"][0], q["start"], q["end"]): q for q in _quotes() if q["kind"] == "partial"
    }
    for quote in _quotes():
        if quote["kind"] != "indirect":
            continue
        marks = [m.start() for m in QUOTATION_MARK.finditer(quote["text"])]
        assert len(marks) % 2 == 0, quote["text"]
        for opening, closing in zip(marks[::2], marks[1::2], strict=True):
            span = (quote["article"][0], quote["start"] + opening + 1, quote["start"] + closing)
            assert span in partials, quote["text"]
            partial = partials[span]
            assert (partial["speaker"], partial["organization"]) == (
                quote["speaker"],
                quote["organization"],
            )


def test_a_claim_of_reported_speech_only_is_not_worded_as_a_quotation():
    for claim in _of("claim"):
        quotes = _quotes_of_claim(claim["key"])
        if all(q["kind"] == "indirect" for q in quotes):
            assert not _wrapped_in_quotation_marks(claim["statement"]), claim["key"]


def test_a_claims_statement_is_the_wording_of_one_of_its_quotes():
    for claim in _of("claim"):
        texts = [q["text"] for q in _quotes_of_claim(claim["key"])]
        assert claim["statement"] in texts, claim["key"]


def test_a_claims_quotes_name_one_speaker_at_most():
    for claim in _of("claim"):
        speakers = {tuple(q["speaker"]) for q in _quotes_of_claim(claim["key"]) if q["speaker"]}
        assert len(speakers) <= 1, (claim["key"], speakers)


def test_attribution_words_are_as_printed():
    for quote in _quotes():
        paragraph = _paragraph_around(quote)
        if quote["cue"]:
            assert quote["cue"].lower() in paragraph.lower(), (quote["cue"], quote["text"])
        if quote["attributed_as"]:
            # A quote that follows its cue's paragraph is named in a paragraph before it.
            body = _body(quote)
            paragraph_end = body.find("\n", quote["end"])
            through_paragraph = body if paragraph_end < 0 else body[:paragraph_end]
            assert quote["attributed_as"] in through_paragraph, quote["attributed_as"]


def test_speaker_aliases_are_spellings_the_seed_texts_print():
    bodies = "\n".join(a["body"] for a in _of("article"))
    for speaker in _of("speaker"):
        for alias in speaker["aliases"]:
            assert alias in bodies, (speaker["name"], alias)


def test_abadi_welcome_claim_holds_only_his_words():
    moscow_times = _quote(
        "004", "he would welcome Russian air strikes on Islamic State militants in Iraq"
    )
    assert moscow_times["cue"] == "has said"
    assert moscow_times["attributed_as"] == "Iraqi Prime Minister Haider Abadi"
    claim = _claim_of(moscow_times)
    assert claim["key"] == "dd9f74e8b8"
    quotes = _quotes_of_claim(claim["key"])
    for text in [claim["statement"], *(q["text"] for q in quotes)]:
        assert "militias" not in text and "partnership" not in text, text
    assert {tuple(q["speaker"]) for q in quotes} == {("haider-al-abadi",)}
    assert {q["file"] for q in quotes} == {"000", "001", "003", "004"}


def test_reported_speech_ends_before_a_second_cue():
    barzani = _quote(
        "001",
        "«better results» could be achieved in war against the Islamic State if Russia and "
        "the so-called international coalition coordinated their efforts",
    )
    assert barzani["speaker"] == ["massoud-barzani"] and barzani["cue"] == "said in statement"
    added = _quote(
        "001",
        "the Kurdistan region... welcomes Russia if it supports the Peshmerga in the fight "
        "against ISIS (the Islamic State)",
    )
    assert added["kind"] == "partial" and added["cue"] == "adding"
    assert added["speaker"] == ["massoud-barzani"]


def test_each_quote_carries_its_own_cue():
    stressed = _quote("001", "We are seeking to see Russia have a bigger role in Iraq,")
    adding = _quote("001", "Definitely a bigger role than the Americans have now.")
    assert (stressed["cue"], adding["cue"]) == ("stressed", "adding")
    also_said = _quote("001", "the vote is expected to pass with majority support")
    assert also_said["cue"] == "also said"
    following = [
        (
            "001",
            "It doesn’t matter if the request is supported by Sunni and Kurdish factions "
            "or not, it changes nothing. We have enough strength in the parliament.",
        ),
        ("001", "We can't conduct operations if the Russians were operating in Iraq right now."),
        ("002", "not ruling out any side that could provide support to Iraq"),
    ]
    for file, text in following:
        assert _quote(file, text)["cue"] == "", text
    assert (
        _quote("002", "not ruling out any side that could provide support to Iraq")["attributed_as"]
        == "he"
    )


def test_people_are_attributed_as_printed_by_their_names_not_their_titles():
    salim = _quote(
        "000",
        "those who oppose Russia’s intervention of supporting American interests in dividing "
        "Iraq and establishing an independent Sunni state",
    )
    assert salim["attributed_as"] == "Hassan Salim" and salim["speaker"] == ["hassan-salim"]
    matviyenko = _quote(
        "003", "Russia would carry out bombing raids in Iraq at the request of Baghdad"
    )
    assert matviyenko["attributed_as"] == "Valentina Matviyenko"
    assert matviyenko["cue"] == "during an official visit to Jordan on Tuesday said"


def test_reported_speech_inside_other_words_is_recorded_for_the_person_it_names():
    nested = [
        ("001", "he would welcome Russian airstrikes in Iraq", "al-Abadi", "had said"),
        (
            "002",
            "they were not seeking Russia's help",
            "Abadi and Iraqi Defence Minister Khaled Obeidi",
            "both told him",
        ),
        (
            "002",
            "it wasn’t the right time to include the Russians in the fight because that "
            "would only complicate the situation with the Americans and could have undesired "
            "consequences even on long-term future relations with America",
            "Abadi",
            "told the meeting parties",
        ),
        (
            "003",
            "he would welcome Russian strikes as long as they were coordinated with the "
            "U.S.-led coalition’s air campaign against Islamic State in Iraq",
            "Mr. Abadi",
            "said",
        ),
    ]
    for file, text, attributed_as, cue in nested:
        quote = _quote(file, text)
        assert quote["kind"] == "indirect" and quote["speaker"] == ["haider-al-abadi"], text
        assert (quote["attributed_as"], quote["cue"]) == (attributed_as, cue), text
        outer = [
            q
            for q in _quotes(file)
            if q["start"] <= quote["start"]
            and quote["end"] <= q["end"]
            and q["text"] != quote["text"]
        ]
        assert outer and all(q["speaker"] != ["haider-al-abadi"] for q in outer), text


def test_an_outlet_reporting_someones_words_is_recorded_as_a_source_too():
    reuters = _quote(
        "003",
        "Iraqi Prime Minister Haider al-Abadi has also expressed support for Russia’s military "
        "assistance against ISIS in Iraq, telling a press conference last week that he may allow "
        "Moscow to conduct airstrikes on Iraqi soil",
    )
    assert reuters["organization"] == ["reuters"] and reuters["speaker"] is None
    assert (reuters["attributed_as"], reuters["cue"]) == ("Reuters", "reported")
    wsj = _quote(
        "003",
        "Valentina Matviyenko, the head of Russia’s Federation Council, the upper house of "
        "parliament, during an official visit to Jordan on Tuesday said that Russia would carry "
        "out bombing raids in Iraq at the request of Baghdad",
    )
    assert wsj["organization"] == ["the-wall-street-journal"] and wsj["speaker"] is None
    assert (wsj["attributed_as"], wsj["cue"]) == ("The WSJ report", "noted")


def test_a_retold_reuters_report_is_one_claim_with_the_report():
    pairs = [
        ("a group of Shia militias and the ruling Alliance", "Iraq's ruling alliance and powerful"),
        ("the Prime Minister is under great pressure", "the prime minister was under “tremendous"),
    ]
    for retold, reported in pairs:
        (first,) = [q for q in _quotes("001") if q["text"].startswith(retold)]
        (second,) = [q for q in _quotes("002") if q["text"].startswith(reported)]
        assert first["claim"] == second["claim"], retold


def test_claims_carried_by_several_articles_are_the_statements_the_texts_share():
    files = defaultdict(set)
    for quote in _quotes():
        files[quote["claim"][0]].add(quote["file"])
    shared = {c["statement"][:40] for c in _of("claim") if len(files[c["key"]]) > 1}
    assert shared == {
        "he would welcome Russian strikes as long",  # Abadi, in all but 002
        "It is a possibility,",
        "We welcome Russian airstrikes in Iraq to",
        "We welcome Russia as they have advanced ",
        "Russia may consider a formal request fro",
        "In the case of an appeal by the Iraqi le",
        "No appeal yet has been made.",
        "In the upcoming few days or weeks, I thi",
        "We are seeking to see Russia have a bigg",
        "After a whole year, Daesh (IS) is still ",
        "Iraq's ruling alliance and powerful Shii",
        "the prime minister was under “tremendous",
    }
