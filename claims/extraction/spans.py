"""Paragraphs, sentences and quotation spans, and whether a span holds someone's words."""

import re
from dataclasses import dataclass

from claims.extraction.article import lines_with_offsets
from claims.extraction.lexicon import (
    ABBREVIATIONS,
    CALLED_SOMEONE,
    FRAGMENT_VERBS,
    NAMING_CUES,
    PAIRS,
    PARTIAL_VERBS,
    SPEECH_VERBS,
    TITLE_CUES,
)


@dataclass
class Span:
    start: int  # first character inside the marks
    end: int  # just past the last character inside the marks
    open_at: int  # position of the opening mark
    close_at: int  # position just past the closing mark (or the paragraph end)
    paragraph: tuple
    closed: bool


# ---------------------------------------------------------------------------
# Paragraphs and sentences


def paragraphs(text, regions=None):
    """(start, end) of each non-empty line of `text`, optionally within `regions`."""
    result = []
    regions = sorted(regions) if regions is not None else None
    region_index = 0
    for start, end, line in lines_with_offsets(text):
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        span = (start + lead, end - trail)
        if regions is not None:
            # Regions come in text order, so one forward pass finds each line's region.
            while region_index < len(regions) and regions[region_index][1] < span[1]:
                region_index += 1
            if region_index == len(regions) or regions[region_index][0] > span[0]:
                continue
        result.append(span)
    return result


_SENTENCE_END = re.compile(r"[.!?][”\"»’]?(?=\s+[“\"«‘A-Z0-9])")
_ABBREVIATION_BEFORE = re.compile(rf"(?:\b(?:{ABBREVIATIONS})|\b[A-Z]|\.[A-Z])$")


# A word that opens a sentence and never follows an initialism inside one: "… in the U.S.
# He said …" ends a sentence, "the U.S. Senate" does not.
_OPENS_SENTENCE = re.compile(r"\s+(?:He|She|They|We|It|I|The|But|This|His|Her|Their)\b")


def is_sentence_end(text, match_start):
    """False for the full stop of an abbreviation such as Mr. or U.S., unless an initialism
    ends the sentence ("… in the U.S. He said …")."""
    if text[match_start] != ".":
        return True
    before = text[:match_start]
    if not _ABBREVIATION_BEFORE.search(before):
        return True
    return bool(re.search(r"\.[A-Z]$", before) and _OPENS_SENTENCE.match(text, match_start + 1))


def sentence_bounds(text, start, end):
    """Split text[start:end] into sentences: a list of (start, end)."""
    bounds = []
    cursor = start
    chunk = text[start:end]
    for match in _SENTENCE_END.finditer(chunk):
        if not is_sentence_end(chunk, match.start()):
            continue
        stop = start + match.end()
        bounds.append((cursor, stop))
        cursor = stop
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        bounds.append((cursor, end))
    return bounds


# ---------------------------------------------------------------------------
# Quotation spans


def _opens(text, i, para_start):
    ch = text[i]
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in "“«„‹":
        return True
    if ch in "‘‚":
        return (before.isspace() or before in '([—–-“"«') and after.isalnum()
    if ch == '"':
        return (before.isspace() or before in "([—–-/:") and not after.isspace()
    return False


MIXED_CLOSERS = {"“": '"', '"': "”"}


def find_spans(text, para):
    """Outer quotation spans in one paragraph; nested quotes stay inside their outer one."""
    p_start, p_end = para
    spans = []
    i = p_start
    while i < p_end:
        if not (_opens(text, i, p_start) or _reversed_opener(text, i, p_start, p_end)):
            i += 1
            continue
        opener = text[i]
        closer = PAIRS.get(opener, opener)
        depth = 0
        mixed = 0  # open quotes of the other style ("…" inside “…”, or “…” inside "…")
        j = i + 1
        found = None
        while j < p_end:
            ch = text[j]
            if ch == MIXED_CLOSERS.get(opener) and ch != closer:
                # Writers close a curly quote with a straight one and the reverse.
                if opener == "“" and _opens(text, j, p_start):
                    mixed += 1
                elif mixed:
                    mixed -= 1
                elif depth == 0 and not text[j - 1].isspace():
                    found = j
                    break
            elif opener == '"' and ch == "“":
                mixed += 1
            elif opener == "“" and ch == "“" and depth == 0 and _closes_like_opener(text, j, p_end):
                found = j  # “It's unusual,“ said …: an opening mark written for the closing one
                break
            elif ch == closer and (closer != "’" or not _apostrophe(text, j, p_end)):
                if closer == '"' and j + 1 < p_end and text[j + 1].isalnum():
                    # a straight quote glued to a word opens a nested quote
                    depth += 1
                elif depth == 0:
                    found = j
                    break
                else:
                    depth -= 1
            elif ch == opener and opener != closer and _opens(text, j, p_start):
                depth += 1
            j += 1
        if found is None:
            spans.append(_trimmed(text, i, p_end, p_end, para, closed=False))
            break
        spans.append(_trimmed(text, i, found, found + 1, para, closed=True))
        i = found + 1
    return [s for s in spans if s is not None]


def _reversed_opener(text, i, p_start, p_end):
    """True when the ” at `i` opens a quotation that another ” closes: outside any quote, at
    the start of the paragraph or after a space, as in ”We stay,” said Ana."""
    if text[i] != "”":
        return False
    before = text[i - 1] if i > p_start else " "
    opens = before.isspace() or before in "([—–-\u200e\u200f\u202a\u202b\u202c\ufeff"
    return opens and i + 1 < p_end and not text[i + 1].isspace() and "”" in text[i + 1 : p_end]


def _closes_like_opener(text, j, p_end):
    """True when the “ at `j` ends a word or a clause and no word follows it, so it closes a
    quotation: “It's unusual,“ said …, called the plan “reckless“ in a statement."""
    return (text[j - 1].isalnum() or text[j - 1] in ",.!?") and (
        j + 1 == p_end or text[j + 1].isspace() or text[j + 1] in ",.;:!?)<"
    )


def _apostrophe(text, j, p_end):
    """True when the ’ at `j` is an apostrophe (don’t, the Americans’ help), not a closing mark."""
    if j + 1 < p_end and text[j + 1].isalpha():
        return True
    plural_possessive = (
        text[j - 1] == "s" and text[j + 1 : j + 2] == " " and text[j + 2 : j + 3].islower()
    )
    return plural_possessive and text.find("’", j + 1, p_end) > 0


def _trimmed(text, open_at, inner_end, close_at, para, closed):
    start = open_at + 1
    end = inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return Span(start, end, open_at, close_at, para, closed)


# ---------------------------------------------------------------------------
# Classification


def is_sentence_like(quote):
    words = quote.split()
    first = quote.lstrip("…. ")[:1]
    if not first:
        return False
    return (first.isupper() or first.isdigit()) and (
        len(words) >= 4 or quote.rstrip()[-1:] in ".,!?…"
    )


# Words chanted, shouted or written out, just before the quotation marks.
CHANTED = re.compile(
    r"\b(?:chant|chants|chanted|chanting|chants\s+of|cries\s+of|shouts\s+of|shouting|"
    r"shouted|yelling|yelled|reading|tweeting|tweeted)[\s,:]*$",
    re.IGNORECASE,
)
# A reported clause: "she made it clear that she has “serious concerns”".
REPORTED_THAT = re.compile(r"\b(?:clear|believes?|thinks?|knows?|hopes?|feels?|[a-z]+ed)\s+that\b")


# A speech verb and a comma or colon just before the marks: said, “Probably.”
SPOKEN_BEFORE = re.compile(rf"\b(?:{SPEECH_VERBS})(?:\s+\w+ly)?\s*[,:]\s*$")
# A speech verb right before the marks: the sign read “Hispanics 4 Trump”, he said “No”.
SAID_BEFORE = re.compile(
    r"\b(?:said|says|say|read|reads|wrote|writes|tweeted|tweets|posted|shouted|yelled|"
    r"chanted|declared|added|asked|replied|answered|responded|exclaimed)\s+$"
)
# Where a programme, book or song is named: said on “Meet the Press,” author of “…”.
WORK_BEFORE = re.compile(
    r"(?:\b(?:on|told|with|author\s+of|host\s+of|star\s+of|starred\s+in|roles?\s+in|"
    r"appearances?\s+on|perform|performed|performing)|\w['’]s)\s+$",
    re.IGNORECASE,
)
# Verbs of believing and judging that, like speech verbs, report what someone holds:
# "she thinks the plan is “a dead end”", "he cited the “broken” system".
BELIEF_VERBS = re.compile(
    r"\b(?:(?:believ|assum|compar|challeng|cit)(?:e|es|ed|ing)|(?:think|predict|expect|suggest|"
    r"refer|herald|question)(?:s|ed|ing)?|thought|referred|referring|impl(?:y|ies|ied|ying))\b",
    re.IGNORECASE,
)
# Verbs of talking about or taking up words: "boasting about “winning”", "echoing “too many”".
TALK_VERBS = re.compile(
    r"\b(?:echo(?:es|ed|ing)?|mention(?:s|ed|ing)?|(?:talk|talks|talked|talking|spoke|speaks?|"
    r"speaking)(?:\s+\w+)?\s+(?:about|of)|boast\w*|brag\w*|propos\w*|points?\s+to|pointed\s+to|"
    r"hammer\w*|derid\w*|pronounc\w*|crying|cried|coach\w*|mull\w*|push\w*\s+for|lament\w*)\b",
    re.IGNORECASE,
)
# Nouns that stand for someone's words: "his claim that “profit-making” …", "the phrase “…”".
SPEECH_NOUNS = re.compile(
    r"\b(?:claims?|assertions?|accusations?|dictum|message|phrase|term|remarks?|comments?|"
    r"statements?|slogan|pledges?|promises?|vows?|argument|allegations?|contention|"
    r"complaints?|warnings?|rhetoric|broadside|speech|interview|op-ed|tweets?|letter|memo|"
    r"report|words|description|insistence|mantra|catchphrase|motto|refrain|moniker|nickname)\b",
    re.IGNORECASE,
)
# Such a noun and a comma or colon just before the marks: the campaign slogan, “…”.
NOUN_BEFORE = re.compile(rf"(?:{SPEECH_NOUNS.pattern})\s*[,:]\s*$", re.IGNORECASE)
# A source named after the quote in the same sentence: “…” is sickening, Hollande said.
SPEAKER_AFTER = re.compile(
    rf"(?:^|,)\s*(?:according\s+to\b|(?:he|she|they)\s+(?:{SPEECH_VERBS})\b|"
    rf"(?:(?:the|a|an)\s+)?(?:[\w.’'-]+\s+){{0,3}}(?:said|says)\b|"
    rf"(?:[A-Z][\w.’'-]*\s+){{1,4}}(?:{SPEECH_VERBS})\b)"
)
SO_CALLED = re.compile(r"\bso[\s-]*called\s+(?:(?:a|an|the)\s+)?$", re.IGNORECASE)
# Someone casting someone or something as a thing in quotation marks: "referred to him as
# a “reformer,”", "portrays the deal as “a surrender”". An object comes between the verb
# and "as", so "sometimes described as the “Arabic Booker”" names rather than quotes.
CAST_AS = re.compile(
    r"\b(?:refer|describ|call|label|brand|dismiss|herald|hail|identif|characteri[sz]|declar|"
    r"portray|depict|cast|paint|present|frame|tout|pitch|mock|derid|ridicul|slam|blast|"
    r"denounc|condemn|criticiz|criticis|attack|accus|treat|view|regard|see|sees|saw|seen)"
    r"\w*\s+[^.;:“”\"«»]{1,80}?\s+as\s+"
    r"(?:(?:a|an|the|part\s+of\s+the|a\s+mere|mere|being|having)\s+)?$",
    re.IGNORECASE,
)
# "what Gilbert called “a perception problem”": one source's name for a thing, unlike
# "what Iraqis call “the sectarian war”", a term a people use.
WHAT_ONE_CALLED = re.compile(
    r"\b(?:what|who|whom)\s+(?:he|she|it|they|I|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+"
    r"(?:calls|called|dubbed|termed|labell?ed|described\s+as|describes\s+as)\s+"
    r"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+)?$"
)


def reports_words(head, rest):
    """True when the sentence around a quote reports what someone said or holds: a speech,
    belief or judging verb or a noun for words before it, or a source named after it."""
    return bool(
        PARTIAL_VERBS.search(head)
        or FRAGMENT_VERBS.search(head)
        or BELIEF_VERBS.search(head)
        or TALK_VERBS.search(head)
        or SPEECH_NOUNS.search(head)
        or re.search(r"\baccording\s+to\b", head)
        or SPEAKER_AFTER.search(rest)
    )


def _names_a_term(head):
    """True when the words before a quote introduce a name or term ("known as", "what
    Iraqis call"); a possessive before it ("the justice’s “mind is shot”") does not."""
    return bool(NAMING_CUES.search(head)) and not re.search(r"\w['’]s\s*$", head)


# Short words a title leaves in lower case: "This Week with George Stephanopoulos".
TITLE_SMALL_WORDS = {"with", "from", "into", "onto", "over", "upon", "than"}


def _follows_a_title(head):
    """True when the words before a quote end with a title-case quote and "and" or "or"."""
    previous = re.search(r"[“\"]([^“”\"]+)[”\"],?\s+(?:and|or)\s+$", head)
    return bool(previous) and is_title_case(previous.group(1))


def is_title_case(quote):
    """True when every word of four letters or more starts with a capital, as in titles
    ("Face the Nation", "13 Hours: The Secret Soldiers of Benghazi")."""
    words = re.findall(r"[^\W\d_][\w’'-]*", quote)
    long_words = [w for w in words if len(w) > 3 and w not in TITLE_SMALL_WORDS]
    if not long_words:  # short words only: the “Jeb Can Fix It” tour
        return len(words) > 1 and all(w[:1].isupper() for w in words)
    return all(w[:1].isupper() for w in long_words)


def _is_heading(text, span, quote):
    """A whole paragraph in quotation marks written as a heading: capitals throughout, or
    title case with no closing punctuation."""
    p_start, p_end = span.paragraph
    whole = (
        text[p_start : span.open_at].strip() == ""
        and text[span.close_at : p_end].strip(" .:") == ""
    )
    if not whole:
        return False
    if quote.isupper() and len(quote.split()) >= 2:
        return True
    return is_title_case(quote) and quote.rstrip()[-1:] not in ".,!?…"


def classify(text, span, sentence_start):
    """'direct', 'partial' or None for scare quotes, titles and headlines. The words around
    the marks decide: a speech, belief or judging verb, a noun for words or a source named
    after the quote make a fragment someone's words; a programme, a byline or a neighbouring
    title make it a name."""
    quote = text[span.start : span.end]
    head = text[sentence_start : span.open_at]
    after_mark = text[span.close_at : span.paragraph[1]]
    rest = re.split(r"(?<=[.!?])\s", after_mark, maxsplit=1)[0]  # the sentence after the quote
    count = len(quote.split())
    if TITLE_CUES.search(head) and is_title_case(quote):
        return None
    if CALLED_SOMEONE.search(head) and not is_sentence_like(quote):
        return "partial"
    if CHANTED.search(head) and (count < 4 or is_title_case(quote)):
        return "partial"  # chanting “Dump Trump”, a message reading “Thank you Georgia”
    if _is_heading(text, span, quote):
        return None
    byline = not quote[:1].islower() and quote.rstrip("'’")[-1:] == ","
    if byline and re.match(r"\s*by\s+(?:the\s+)?[A-Z]", after_mark):
        return None  # a headline and its byline: “Ferry to close in May,” by Ana Ferreira
    if is_sentence_like(quote) and SPOKEN_BEFORE.search(head):
        return "direct"  # he said, “We’ll see.”
    if SAID_BEFORE.search(head) or NOUN_BEFORE.search(head):
        return "direct" if is_sentence_like(quote) and count >= 3 else "partial"
    if 2 <= count <= 8 and is_title_case(quote) and WORK_BEFORE.search(head):
        return None  # he said on “Meet the Press.”
    if count > 1 and is_title_case(quote) and _follows_a_title(head):
        return None  # starred in “Harbour Lights” and “The Long Tide,”
    if count <= 8 and (CAST_AS.search(head) or WHAT_ONE_CALLED.search(head)):
        return "partial"
    cued_after = (  # “a betrayal,” said Tom Okafor: a quote its cue follows
        quote[-1:] in ",!?" and SPEAKER_AFTER.match(rest) and not re.match(r"\s*according\b", rest)
    )
    fragment = quote[:1].islower() or (  # “We’re extremely happy” about it, said Ana
        count > 1 and not is_title_case(quote) and not is_sentence_like(quote)
    )
    if (
        fragment
        and not cued_after
        and not SO_CALLED.search(head)
        and not _names_a_term(head)
        and reports_words(head, rest)
    ):
        return "partial"  # Trump said the justice’s “mind is shot.”
    words = quote.rstrip(" ,.").split()
    after = after_mark[:30]
    if (
        len(words) <= 6
        and is_title_case(quote)
        and quote[-1:].isalnum()
        and re.match(r"\s+(?!(?:said|says|told|tells|was|is|and|or)\b)[a-z]", after)
    ):
        return None  # a name used as a noun's modifier: the “Jeb Can Fix It” bus tour
    if len(words) <= 4 and NAMING_CUES.search(head):
        return None  # a name, title or term in quotation marks, not someone's words
    if (
        len(words) <= 4
        and all(w[:1].isupper() for w in words if len(w) > 3)
        and not (is_sentence_like(quote) and len(words) >= 3)
    ):
        return None  # titles of works and nicknames: "Frankenstein", "Arabic Booker"
    if is_sentence_like(quote):
        before = head.rstrip()
        mid_sentence = (
            before and before[-1].isalpha() and not PARTIAL_VERBS.search(before.split()[-1])
        )
        if mid_sentence and len(quote.split()) < 4:
            # In sentence case, not title case, a short phrase is someone's wording.
            wording = PARTIAL_VERBS.search(head) or not is_title_case(quote)
            return "partial" if wording else None
        return "direct"
    if len(quote.split()) >= 4 or PARTIAL_VERBS.search(head):
        return "partial"
    if quote[:1].islower() and (FRAGMENT_VERBS.search(head) or REPORTED_THAT.search(head)):
        return "partial"
    return None
