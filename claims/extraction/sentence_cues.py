"""Attribution cues found away from the quotation: in a relative clause or passive that
names who chose the words, at the end of the sentence, in the next sentence or paragraph, or
in the subject the sentence opens with (no Django). Each cue returns an Attribution or None;
`relayed_by` returns words that complete one already found."""

import re

from claims.extraction.cues import (
    CUE_OBJ,
    CUE_VERB,
    INVERTED_TAIL,
    LOW,
    MEDIUM,
    Attribution,
    after_cue,
    trailing_cue,
)
from claims.extraction.lexicon import ORG_WORDS, PRONOUNS, SPEECH_VERBS, UPPER
from claims.extraction.sources import clean_source, name_in, single_name
from claims.extraction.subjects import (
    CLAUSE_WORD,
    NOT_A_SOURCE,
    TIME_TAIL,
    appositive_source,
    describes_source,
    first_subject,
    looks_like_subject,
    masked_quotes,
    names_source,
    nearest_subject,
    source_from_subject,
    subject_phrase,
)

_NAMING_VERBS = (
    r"called|calls|call|dubbed|dubs|termed|terms|labeled|labelled|labels|branded|brands|"
    r"described|describes|referred\s+to|refers\s+to|characterized|characterizes"
)
# "what Ana Ferreira called a “…”", "whom one insider described as “…”": the relative
# clause's subject is the one who chose the words.
WHAT_NAMED = re.compile(
    r"\b(?:what|whom)\s+(?P<src>[^,;:_()—–]{1,60}?)\s+(?:(?:has|have|had)\s+)?(?:[a-z]+ly\s+)?"
    rf"(?P<verb>{_NAMING_VERBS})(?:\s+(?:it|him|her|them|this|that))?(?:\s+as)?"
    r"(?:\s+(?:a|an|the))?\s*$"
)
# "Insiders call this the “…”", "critics have dubbed it a “…”"
NAMED_THIS = re.compile(
    r"(?<![\w’'-])(?P<verb>call|calls|called|dub|dubs|dubbed|term|terms|termed)\s+"
    r"(?:this|it|that|him|her|them|these|those)(?:\s+(?:a|an|the))?\s*$"
)
# "has been called “…” by Ana Ferreira", "often labeled as a “…” by critics"
PASSIVE_NAMED = re.compile(
    r"\b(?:is|was|were|are|be|been|being|often|widely|long|once|also)\s+(?:[a-z]+ly\s+)?"
    rf"(?P<verb>{_NAMING_VERBS})(?:\s+as)?(?:\s+(?:a|an|the))?\s*$"
)
PASSIVE_AGENT = re.compile(r"^[”\"»]?\s*by\s+(?P<src>[^,;:.“”«»\"()—–]{2,80}?)\s*(?:[,;:.()—–]|$)")


def naming_cue(text, span, sentence_start):
    """For a fragment: the one who called something by the quoted words, when a relative
    clause ("what X calls “…”") or a passive with its agent ("was called “…” by X") says so."""
    head = text[sentence_start : span.open_at]
    masked = masked_quotes(head)
    what = WHAT_NAMED.search(masked)
    if what:
        src = head[what.start("src") : what.end("src")]
        if looks_like_subject(src) and not NOT_A_SOURCE.search(src):
            return Attribution(clean_source(src), what.group("verb"), span.open_at, MEDIUM)
    this = NAMED_THIS.search(masked)
    if this:  # "Insiders call this the “…”"
        src = nearest_subject(head[: this.start("verb")], masked[: this.start("verb")])
        if src and names_source(src) and looks_like_subject(src):
            return Attribution(clean_source(src), this.group("verb"), span.open_at, MEDIUM)
    passive = PASSIVE_NAMED.search(masked)
    if passive:
        agent = PASSIVE_AGENT.match(text[span.close_at : span.close_at + 120])
        src = TIME_TAIL.sub("", agent.group("src")) if agent else ""
        if src and looks_like_subject(src) and not NOT_A_SOURCE.search(src):
            return Attribution(clean_source(src), passive.group("verb"), span.open_at, MEDIUM)
    return None


def next_sentence_cue(text, span, sentences, s_end):
    """For a quote that is a paragraph's whole first sentence: the person the next sentence
    opens with ("“It hurts.” Lazio coach Marco De Santis did not hide …")."""
    if text[span.close_at : s_end].strip(" ,.!?"):
        return None
    following = next(((a, b) for a, b in sentences if a >= s_end), None)
    if following is None:
        return None
    subject = subject_phrase(text[following[0] : following[1]])
    name = name_in(subject)
    if not name:
        return None
    return Attribution(name, "", following[0], MEDIUM)


def sentence_end_cue(text, span, spans, s_end):
    """The cue that closes a sentence after its last quotation, for the quotes before it:
    "Rents are “too high” and “rising,” Ana Ferreira said." gives Ana Ferreira to both."""
    last = span
    for other in spans:
        if span.open_at < other.open_at < s_end and other.close_at <= s_end:
            last = other
    between = text[span.close_at : last.open_at]
    if re.search(rf"(?<![\w’'-])(?:{SPEECH_VERBS})\b|\baccording to\b", between):
        return None  # the quotes between have a cue of their own
    found = None
    if last is not span:
        quote_end = text[last.end - 1 : last.end]
        found = after_cue(text, last, s_end, "direct" if quote_end in ",.!?" else "partial")
    tail = text[last.close_at : s_end]
    final = FINAL_CLAUSE.search(tail) if not re.search(r"[“”«»\"]", tail) else None
    if found is None and final and names_source(final.group("src")):
        # "Rents had “doubled” in a year, she said in a statement."
        src = appositive_source(source_from_subject(final.group("src")))
        cue = (final.group("adv") or "") + final.group("verb") + (final.group("obj") or "")
        found = Attribution(clean_source(src), cue.strip(), last.close_at, MEDIUM)
    inverted = FINAL_INVERTED.search(tail) if found is None and not final else None
    if inverted and not re.search(r"[“”«»\"]", tail) and not inverted.group("verb").endswith("ing"):
        # "Rents have “doubled” in the old town, said Ana Ferreira, the mayor."
        src = re.split(INVERTED_TAIL, TIME_TAIL.sub("", inverted.group("src").split(",")[0]))[0]
        if names_source(src):
            cue = (inverted.group("adv") or "") + inverted.group("verb")
            found = Attribution(clean_source(src), cue.strip(), last.close_at, MEDIUM)
    if found is not None:
        found.position = last.close_at
    return found


FINAL_INVERTED = re.compile(
    rf",\s+{CUE_VERB}\s+(?P<src>[^,;:“”«»\"][^;:“”«»\"]{{0,200}}?)\s*[.!?]?\s*$"
)
# A reporting clause that ends a sentence: "…, she said in a statement."
FINAL_CLAUSE = re.compile(
    rf",\s+(?P<src>[^,;:“”«»\"]{{1,80}}?),?\s+(?:also\s+)?{CUE_VERB}{CUE_OBJ}\s*[.!?]?\s*$"
)


def clause_subject_cue(text, span, sentence_start):
    """For a quote no cue names: the subject its sentence opens with, when that is a name,
    a pronoun or an organization ("In 2014, the Harbour Trust found that “…”")."""
    head = text[sentence_start : span.open_at]
    masked = masked_quotes(head)
    if "_" in masked or len(head.split()) < 2:
        return None  # an earlier quote in the sentence has its own source
    first = first_subject(head, masked)
    if not first or first.lower() in {"it", "this", "that", "there"}:
        return None
    if not (first.lower() in PRONOUNS or name_in(first) or single_name(first)):
        if not ORG_WORDS.search(first) and not describes_source(first):
            return None
    return Attribution(clean_source(first), "", span.open_at, LOW)


# A dash (hyphen, en, em dash or horizontal bar) and a name: "- Ana Ferreira, Basra."
SIGNATURE = re.compile(rf"[ \t]*[-–—―]+[ \t]*(?P<src>[{UPPER}][^,.;:\n“”«»\"]{{1,60}})[^\n]*")


def signature_cue(text, paras, p_index, span):
    """For a quote that ends its paragraph when the next paragraph is a signature line
    ("“…”" then "- Ana Ferreira, Basra."): the name signed."""
    if p_index + 1 >= len(paras) or text[span.close_at : paras[p_index][1]].strip(" .,"):
        return None
    start, end = paras[p_index + 1]
    return _signer(SIGNATURE.match(text, start, end))


def signed_line_cue(text, span):
    """For a quote that a dash and a name follow to the end of its line ("“…” ― Ana Lind,
    34, Basra"): the name signed."""
    return _signer(SIGNATURE.match(text, span.close_at))


def _signer(signed):
    if not signed or len(signed.group(0).split()) > 12:
        return None
    src = signed.group("src").strip()
    if not (name_in(src) or single_name(src)):
        return None
    return Attribution(clean_source(src), "", signed.start("src"), MEDIUM)


# A phrase that opens a sentence before its subject: a time ("A week later", "Last month"),
# or a preposition, subordinator or participle ("In defending …", "When asked …").
ADVERBIAL_OPENER = re.compile(
    r"^(?:(?:in|on|at|when|after|before|since|while|from|during|upon|by)(?:\s+[a-z]+ing)?$|"
    r"(?:in|on|when|after|before|since|while|from|during|upon|by)\s+[a-z]+ing\b|"
    r"(?:when|after|once|if)\s+(?:asked|told|pressed|questioned)\b|"
    r"(?:after|from)\s+(?:months|weeks|days|years)\b|"
    r"(?:a|one|two|three|four|five|several|a\s+few)\s+(?:days?|weeks?|months?|years?|hours?)"
    r"\s+(?:later|earlier|ago|before|after)\b|"
    r"(?:last|next|earlier\s+this|later\s+that)\s+(?:week|month|year|night|time|spring|summer|"
    r"fall|autumn|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    re.IGNORECASE,
)


def main_clause_cue(text, span, sentence_start, sentence_end, attribution):
    """For a cue whose source is the phrase a sentence opens with ("A week later, she
    called it “…”", "In defending the plan as “fair,” the mayor …"): the subject of the main
    clause after that phrase's comma, else None."""
    phrase = (attribution.attributed_as or "").strip()
    if not phrase or not ADVERBIAL_OPENER.match(phrase):
        return None
    sentence = text[sentence_start:sentence_end]
    masked = masked_quotes(sentence)
    # The opener ends at its comma, or at a quotation that ends in one (“fair,” the mayor).
    ends = [m.end() for m in re.finditer(r",", masked)]
    ends += [m.end() for m in re.finditer(r"_+", masked) if sentence[: m.end() - 1].endswith(",")]
    for end in sorted(ends):
        rest, rest_masked = sentence[end:], masked[end:]
        own = span.open_at - sentence_start - end  # the clause before the quote, if it is later
        if own > 0:
            rest, rest_masked = rest[:own], rest_masked[:own]
        subject = first_subject(rest, rest_masked)
        if subject and not ADVERBIAL_OPENER.match(subject.strip()):
            return Attribution(clean_source(subject), attribution.cue, span.open_at, LOW)
        break
    return None


def partial_trailing_cue(text, span, sentence_end):
    """For a fragment no cue near it names: the reporting clause that closes its clause
    ("The mayor’s “promises” are empty, Ana Ferreira said on Monday, …")."""
    tail = text[span.close_at : sentence_end]
    stop = re.search(r"[“«\"‘]", tail)
    if stop:
        tail = tail[: stop.start()]
    found = trailing_cue(tail.rstrip(), span.close_at)
    if found and re.search(r"\b(?:that|which|who|whom)\b", found.attributed_as):
        return None  # "…, a charge that party leaders denied, noting …": a relative clause
    return found


# ", says Ana Ferreira, the harbour master, ": a reporting aside with the verb first
INVERTED_ASIDE = re.compile(
    rf",\s+(?P<verb>{SPEECH_VERBS})\s+(?P<src>[^,;:_()—–]{{2,60}}?)\s*,"
    r"(?:[^,;:_()—–]{1,80},)?\s+(?=[a-z])"
)


def inverted_aside_cue(text, span, sentence_start):
    """For a quote after a reporting aside that names the speaker after its verb ("The
    trouble, says Ana Ferreira, the harbour master, is that it is “…”")."""
    head = text[sentence_start : span.open_at]
    masked = masked_quotes(head)
    asides = list(INVERTED_ASIDE.finditer(masked))
    if not asides or "_" in masked[asides[-1].end() :]:
        return None
    aside = asides[-1]
    src = head[aside.start("src") : aside.end("src")]
    if aside.group("verb").endswith("ing") or not (names_source(src) and looks_like_subject(src)):
        return None
    if CLAUSE_WORD.search(src) or re.search(r"\b(?:as|when|while|after|because|that)\s", src):
        return None  # "…, acknowledged the error as he defended the mayor, saying": an object
    return Attribution(clean_source(src), aside.group("verb"), span.open_at, MEDIUM)


# "Ana Ferreira was asked, “…”", "she was asked by host Tom Okafor, …, “…”"
ASKED_BEFORE = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:also\s+|then\s+|later\s+)?asked"
    r"(?:\s+by\s+(?P<src>[^,;:“”«»\"]{2,80}?))?(?:,[^“”«»\"]{0,160})?[,:]\s*$"
)


def asked_cue(text, span, sentence_start):
    """For a question put to someone ("Ana Ferreira was asked, “…”"): not the words of the
    one asked but of the one asking, when the sentence names them ("asked by X")."""
    asked = ASKED_BEFORE.search(text[sentence_start : span.open_at])
    if not asked:
        return None
    src = (asked.group("src") or "").strip()
    if src and names_source(src):
        return Attribution(clean_source(src), "asked", span.open_at, MEDIUM)
    return Attribution(None, "asked", span.open_at, LOW)


# Things whose printed words are quoted: "a sign that read “…”", "a hat reading “…”"
INSCRIBED = (
    r"signs?|banners?|placards?|t-shirts?|shirts?|hats?|caps?|headlines?|billboards?|posters?|"
    r"stickers?|buttons?|bottles?|mugs?|messages?"
)
INSCRIPTION = re.compile(
    r"(?<![\w’'-])(?P<src>(?:an?|the|one|another|his|her|their|its)\s+"
    r"(?:(?!(?:an?|the|of|in|on|under|with|for|to|from|by|at)\s)[\w’'-]+\s+){0,3}?"
    rf"(?:{INSCRIBED}))(?:[\s,—–-]+(?:that|which))?\s+"
    r"(?P<verb>read|reads|reading|said|says|saying)[\s,:]*$",
    re.IGNORECASE,
)


def inscription_cue(text, span, sentence_start):
    """For a quote a sign, a shirt or a headline bears ("Lind held up a sign that read “…”"):
    the thing printed with the words, not the person holding it."""
    head = text[sentence_start : span.open_at]
    found = INSCRIPTION.search(masked_quotes(head))
    if not found:
        return None
    attribution = Attribution("", found.group("verb"), span.open_at, MEDIUM)
    # the whole phrase, though a name opens it: "a Tom Lind campaign hat"
    attribution.attributed_as = clean_source(head[found.start("src") : found.end("src")])
    return attribution


# "According to Reuters, Lind said …" / "…,” Lind said, according to a transcript."
# "In a Gallup poll, 40 percent said …", "…,” Lind said, the Harbour Gazette reported."
VIA_OPENS = re.compile(
    r"^\s*(?:According to (?P<via>[^,;:_]{2,80}?)|"
    r"In (?P<poll>an?\s[^,;:_]{0,60}?\b(?:poll|survey)(?:\s(?:released|published|taken|"
    r"conducted)\s[^,;:_]{0,30})?)),"
)
VIA_ENDS = re.compile(
    r",?\s+(?:according to (?P<via>[^,;:_]{2,80}?)|(?:reported|reports)\s+(?P<outlet>(?:the\s+)?"
    rf"[{UPPER}][^,;:_]{{1,60}}?)|(?P<teller>(?:the\s+)?[{UPPER}][^,;:_]{{1,60}}?)\s+"
    r"(?:reported|reports))[.!?]?\s*$"
)


def relayed_by(text, sentence_start, sentence_end, attribution):
    """Who the sentence says relays the quote's words, when an "according to" opens or
    closes it and the cue is someone else's ("…,” Lind said, according to Reuters."), else
    None."""
    if attribution.cue == "according to" or not attribution.attributed_as:
        return None
    sentence = text[sentence_start:sentence_end]
    masked = masked_quotes(sentence)
    via = VIA_OPENS.match(masked) or VIA_ENDS.search(masked)
    if not via:
        return None
    name = next(group for group, found in via.groupdict().items() if found)
    src = clean_source(sentence[via.start(name) : via.end(name)])
    if NOT_A_SOURCE.search(src) or not (names_source(src) or looks_like_subject(src)):
        return None
    if src.lower() in attribution.attributed_as.lower():
        return None
    return src
