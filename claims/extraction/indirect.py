"""Reported speech: the statements a sentence reports without quotation marks (no Django)."""

import re

from claims.extraction.lexicon import AUDIENCES, CLOSERS, DATELINE, PAIRS, SOURCE

INDIRECT_VERBS = (
    r"said|says|stated|states|told|tells|noted|notes|added|adds|stressed|explained|reported|"
    r"warned|insisted|announced|argued|confirmed|acknowledged|admitted|suggested|"
    r"pointed out|claimed|predicted|estimated|cautioned|emphasi[sz]ed|replied|wrote"
)
# Whom the source told: "told Reuters", "told the newspaper", "told Italian daily Corriere".
_TOLD = (
    rf"(?:\s+(?:reporters|journalists|him|her|them|us|parliament|"
    rf"(?:(?:the|a|an|state)\s+)?(?:[\w-]+\s+){{0,2}}(?:{AUDIENCES})\b"
    r"(?:\s+[A-Z][\w’'-]*(?:\s+(?:dello|della|del|de|di|la|le)?\s*[A-Z][\w’'-]*){0,3})?|"
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}|[a-z]+))"
)
# When and where the words were said: "on Tuesday", "in a statement", "Sunday evening".
_WHEN = (
    r"(?:\s+(?:on|in|at|during|last|this|earlier|later|late|to|via|after|before)\b"
    r"[^.,;“”«»\"]{0,40}?|\s+\w+day(?:\s+(?:morning|afternoon|evening|night))?)?"
)
INDIRECT_THAT = re.compile(
    rf"^{SOURCE},?\s+(?:also\s+|has\s+|had\s+|have\s+|previously\s+)*"
    rf"(?P<adv>[a-z]+ly\s+)?(?P<verb>{INDIRECT_VERBS})"
    rf"(?P<mid>{_TOLD}?"
    r"(?:\s+(?:in|on|at|during|last|this|earlier|to|after|before|via)\b[^.,“”«»\"]{0,60}?)?)"
    r"\s+that\s+(?P<clause>.+?)[.]?$"
)
# Times that may stand between "said" and a clause without "that": "said on Wednesday they …"
_SAID_DAY = (
    r"(?P<mid>\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"\s+(?:last|this)\s+(?:week|month|year)|\s+earlier)?"
)
INDIRECT_BARE = re.compile(
    rf"^{SOURCE},?\s+(?:also\s+|has\s+|had\s+)*(?P<verb>said|says|say|told{_TOLD}){_SAID_DAY}\s+"
    r"(?P<clause>(?!in\b|on\b|at\b|during\b|that\b)[^,].+?)[.]?$"
)
# "…, a military spokesman said on Tuesday[, as militants pulled back]."
INDIRECT_TRAILING = re.compile(
    r"^(?P<clause>.+?),\s+(?P<src>[^,]{2,80}?)\s+"
    rf"(?P<verb>said|says|say|told{_TOLD}|reported|added|wrote){_WHEN}"
    r"(?:,\s+[^“”«»\"]*?)?[.]?$"
)
# "…, according to the Texas Hospital Association[, which estimates that …]."
INDIRECT_TRAILING_INVERTED = re.compile(
    r"^(?P<clause>.+?),\s+(?P<verb>said|according\s+to|reported)\s+(?P<src>.+?)"
    r"(?:,\s+(?P<relative>(?:which|who)\s+[^,]+?))?[.]?$"
)
RELATIVE_SAYS = re.compile(
    rf"^(?:which|who)\s+(?:also\s+)?(?P<verb>{INDIRECT_VERBS}|estimates|believes|argues)\s+"
    r"(?:that\s+)?(?P<clause>.+)$"
)
INDIRECT_ACCORDING = re.compile(r"^According to (?P<src>[^,]+),\s+(?P<clause>.+?)[.]?$")
INDIRECT_PARTICIPLE = re.compile(
    r"^(?P<src>.+?)\s+(?:has\s+)?(?:[a-z]+ed|did\s+not|does\s+not|was|were|is|spoke|gave|took|"
    r"made|held|met|went)\b.*?,\s+(?P<verb>telling|saying|noting|adding)"
    r"(?P<mid>[^.,]{0,60}?)\s+that\s+(?P<clause>.+?)(?:,\s+\w+\s+reported)?[.]?$"
)
INDIRECT_AND_SAID = re.compile(
    r"^(?P<src>[^,]+?)\s+(?:on\s+\w+\s+)?[a-z]+ed\b.+?\s+and\s+(?P<verb>said)\s+"
    r"(?P<clause>.+?)[.]?$"
)
INDIRECT_REPORT = re.compile(
    r"^(?P<src>[A-Z][^,]+?)\s+published\s+a\s+report\s+(?P<verb>saying)\s+(?P<clause>.+?)[.]?$"
)
# "…, with coach Luca Ferraresi saying his side had played …" (anywhere in the sentence)
INDIRECT_WITH = re.compile(
    r"(?:^|,\s+)[Ww]ith\s+(?P<src>[^,“”«»\"]{2,80}?)\s+(?P<verb>saying|warning|adding|arguing)"
    r"\s+(?:that\s+)?(?P<clause>.+?)[.]?$"
)
# A second statement joined to the first: "… was “ready for a vote” and blamed …"
SECOND_STATEMENT = re.compile(
    r"\s+(?:and|but)\s+(?:also\s+)?(?:blamed|warned|accused|urged|called|vowed|denied|"
    r"insisted|conceded|concede|added|argued|stressed|noted|said)\b"
)
INDIRECT_PATTERNS = (
    INDIRECT_ACCORDING,
    INDIRECT_REPORT,
    INDIRECT_PARTICIPLE,
    INDIRECT_THAT,
    INDIRECT_TRAILING_INVERTED,
    INDIRECT_AND_SAID,
    INDIRECT_BARE,
    INDIRECT_TRAILING,
    INDIRECT_WITH,
)


LONGEST_SENTENCE = 3000
FINITE_VERB = re.compile(
    r"\b(?:had|has|have|was|were|is|are|would|will|could|should|can|told|did|does)\b"
)


OPENING_PHRASE = re.compile(
    r"^(?:In|On|At|During|After|Before|Since|Speaking|Asked|Writing)\b[^,;“”«»\"]{0,80},\s+"
)


def reported_statements(sentence):
    """(src, cue, clause_start, clause_end) for each statement a sentence reports: [] if none."""
    text = sentence.strip()
    # "In a statement released on Monday, Ana Ferreira pointed to …, noting that …": the
    # subject comes after the opening phrase, whose participle is not the main verb.
    opening = OPENING_PHRASE.match(text)
    for pattern in INDIRECT_PATTERNS:
        match = pattern.search(text) if pattern is INDIRECT_WITH else pattern.match(text)
        shift = 0
        if opening and pattern in (INDIRECT_PARTICIPLE, INDIRECT_AND_SAID):
            later = pattern.match(text[opening.end() :])
            if later:
                match, shift = later, opening.end()
        if not match:
            continue
        src = match.group("src")
        groups = match.groupdict()
        verb = groups.get("verb") or "according to"
        cue = verb
        if pattern is INDIRECT_ACCORDING:
            cue = "according to"
        elif groups.get("mid"):
            cue = (verb + groups["mid"]).strip()
        if groups.get("adv"):
            cue = groups["adv"] + cue
        if pattern is INDIRECT_BARE and re.search(r"\b(?:not|n't|never|to|that|many)$", src):
            continue  # "He did not say how many …", "… that many say has led to …"
        if pattern in (INDIRECT_TRAILING, INDIRECT_TRAILING_INVERTED):
            if len(match.group("clause").split()) < 5 or len(src.split()) > 15:
                continue
            if FINITE_VERB.search(src):
                continue
        hit = _clause(text, match, "clause", offset=shift)
        if hit is None:
            continue
        hits = [(src, cue, *hit)]
        relative = RELATIVE_SAYS.match(groups.get("relative") or "")
        if relative:
            second = _clause(text, relative, "clause", offset=shift + match.start("relative"))
            if second:
                hits.append((src, relative.group("verb"), *second))
        return hits
    return []


def _clause(text, match, group, offset=0):
    """(start, end) in `text` of the reported clause `match` found, or None if it is too short
    or is all one quotation (a partial quote already covers it)."""
    clause = match.group(group).rstrip(" .")
    start = offset + match.start(group)
    dateline = DATELINE.match(clause)
    if dateline:
        clause = clause[dateline.end() :]
        start += dateline.end()
    second = SECOND_STATEMENT.search(clause)
    if second and len(clause[: second.start()].split()) >= 3:
        clause = clause[: second.start()].rstrip(" ,")
    if len(clause.split()) < 3:
        return None
    if clause[0] in PAIRS and clause[-1] in CLOSERS and not re.search(r"[“”«»\"]", clause[1:-1]):
        return None
    return start, start + len(clause)
