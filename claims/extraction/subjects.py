"""The noun phrase that names a source in the words around a verb: the subject next to
it, the one a clause opens with, an apposition's name (no Django)."""

import re

from claims.extraction.lexicon import (
    ASIDE_PART,
    DATELINE,
    NAME_PARTICLE,
    NAME_TOKEN,
    NOT_A_SOURCE,
    NOT_NAME_WORDS,
    OPENER,
    ORG_NOUNS,
    ORG_WORDS,
    PERSON_NOUNS,
    PLACES,
    PRONOUNS,
    SPEECH_VERBS,
    TITLE_WORDS,
    UNNAMED_HEADS,
    UPPER,
)
from claims.extraction.sources import DOCUMENT_WORDS, KIN, can_speak, name_in, single_name

TRACK_VERBS = (
    "was|were|is|are|has|had|have|went|struck|met|made|took|gave|spoke|led|held|sent|won|came|"
    "became|will|would|can|could|did|does|found|thought|knew|felt|saw|kept|left|got|began|"
    "brought|ran|stood|sought|spent|built|chose|drew|fell|grew|heard|hit|lost|meant|paid|"
    "rose|sat|shook|sold|struck|taught|threw|wants|needs|believes|thinks|hopes|makes|takes|"
    "gives|offers|puts|sets|keeps|lists|shows|holds|goes|comes|seems|remains|appears|knows|"
    "sees|finds|plans|expects|hits|gets|leads|runs|"
)


TIME_TAIL = re.compile(
    r"\s+(?:on|in|at|during|last|this|earlier|late)\s+(?:[A-Z]\w+|\w+day|week|month|year)"
    r"(?:\s+\d{1,2})?(?:\s+in\s+[A-Z]\w+)?$"
)


def source_from_subject(src):
    """Reduce a subject phrase to its head ("Hakim Zamili, a leading politician" -> name)."""
    src = src.strip()
    src = re.sub(
        r"^(?:(?:In|On|At|During|Meanwhile|However|Also|Earlier|Later|When|After|Before|"
        r"While|As|If|Asked|Although|Though|Since|Because|Unlike|Like|Once|Despite|Following|"
        r"Likewise|Similarly|Indeed|Moreover|Separately|Elsewhere|Outside|Inside|Amid|"
        r"Throughout|Across|Under|Over|Behind|Beyond|Near|"
        r"[A-Z][a-z]+ing|[A-Z][a-z]+ed(?=\s+(?:by|with|about|over|on|at|after)\b))\b[^,]*,\s*)+",
        "",
        src,
    )
    src = re.sub(r"^[~•*]+\s*", "", src)
    # a dateline or a heading in capitals: "NEW YORK - Donald Trump", "BIG NEWS - Jo Lind"
    src = re.sub(r"^(?:[A-Z][A-Z0-9.,’'/]*\s+)*[A-Z][A-Z0-9.,’'/]+\s+[-—–]+\s+", "", src)
    src = DATELINE.sub("", src)
    src = re.sub(r"^(?:But|And),\s*", "", src)
    src = re.sub(r"^(?:But|And|Yet|So|Still|Then|As)\s+", "", src)
    src = TIME_TAIL.sub("", src)
    src = re.sub(r"(?:\s+(?:also|has|had|have|previously|then|later|reportedly))+$", "", src)
    return src.strip(" ,")


def appositive_source(src, prefer_last=False):
    """Pick the part of "X, a spokesman for Y," that names the source; None when the parts
    are a clause and asides ("Not to act is to fail, it’s said")."""
    parts = [p.strip() for p in src.split(",") if p.strip()]
    # Asides name no one: "The two lawmakers, however,", "Others, reacting to the news,"
    kept = [
        p
        for i, p in enumerate(parts)
        if not (i and ASIDE_PART.match(p)) and not (len(parts) > 1 and OPENER.fullmatch(p))
    ]
    parts = kept or parts
    if not parts:
        return src
    if len(parts) > 1 and parts[-1].lower() in PRONOUNS:
        return parts[-1]  # "Of the storm, she said", "Sure, he admits": no apposition
    last = parts[-1]
    if (
        prefer_last
        and len(parts) > 1
        and (name_in(last) or single_name(last))
        and not re.match(rf"[{UPPER}]", parts[0])
    ):
        return last  # "the leaks by Tom Lind, which …, de Vries said": the name by the verb
    for part in parts:
        if name_in(part) and not NOT_A_SOURCE.search(part):
            return part
    for part in parts:
        if single_name(part):
            return part
    return _part_by_verb(parts, prefer_last) if len(parts) > 1 else parts[0]


# The subject of a clause by the verb: "…, as Tom Lind said", "So, if Lind says", "The crowd
# cheers, and then Lind goes on".
CLAUSE_SUBJECT = re.compile(
    r"(?:as|if|when|while|because|although|though|unless|(?:and|but)(?:\s+then)?)\s+(.+)"
)


def _part_by_verb(parts, prefer_last):
    """Of the parts of a phrase before a speech verb, the first (or with `prefer_last` the
    last) when it may name a source, else the nearest to the verb that does; else a time or
    a place the first part gives, None for a clause (it names no one)."""
    opened = CLAUSE_SUBJECT.fullmatch(parts[-1])
    if opened:
        subject = opened.group(1)
        if subject.lower() in PRONOUNS or name_in(subject) or single_name(subject):
            return subject
    first = parts[-1] if prefer_last else parts[0]
    words = first.split()
    if not (
        NOT_A_SOURCE.search(first)
        or CLAUSE_WORD.search(first)
        or len(words) > 8
        or re.search(r"[“”\"']{1,2}|^(?:and|but|or|nor|so|yet)\b", first, re.IGNORECASE)
        or (len(words) == 1 and (first in NOT_NAME_WORDS or first in PLACES or first.islower()))
    ):
        return first  # "Most voters in Basra, by a wide margin, say"
    for part in parts[::-1]:
        if names_source(part) and not CLAUSE_WORD.search(part):
            return part
    if prefer_last or NOT_A_SOURCE.search(first):
        return first  # "A week later": the caller looks for the source elsewhere
    return None


DETERMINERS = {
    "this",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "some",
    "many",
    "several",
    "both",
    "all",
    "most",
    "few",
    "other",
    "another",
    "each",
}
RELATIVE_TAIL = re.compile(r"\s+(?:who|which)\s+")


def looks_like_subject(src):
    """A noun phrase naming a source, not a clause ("could be achieved … efforts")."""
    head = src.strip(" ,").split(",")[0]
    head = RELATIVE_TAIL.split(head)[0]  # "a White House official who spoke anonymously"
    words = head.split()
    if not words or len(words) > 9:
        return False
    first = words[0]
    if first[0].isupper() or first.lower() in PRONOUNS | {"a", "an", "the", "two", "one"}:
        return True
    if re.fullmatch(NAME_PARTICLE, first) and len(words) > 1 and words[1][:1].isupper():
        return True  # "de Vries", "van der Berg"
    if first.lower() in DETERMINERS and len(words) <= 5:
        return True  # "this source", "their lawyers"
    if len(words) <= 3 and (words[-1] in PERSON_NOUNS or re.fullmatch(r"[a-z]{3,}s", words[-1])):
        return not NOT_A_SOURCE.search(head)  # "federal prosecutors", "local officials"
    # "campaign manager Robby Mook", "some protesters"
    return bool(name_in(head) or UNNAMED_HEADS.match(head))


# "his wife", "her campaign", "their lawyer": a person or group named through another
NAMED_THROUGH_ANOTHER = PERSON_NOUNS | KIN | {"campaign", "team", "staff", "office"}


def describes_source(phrase):
    """A description of a person, group or document: "the Christie supporter", "a footnote in
    the report", "some protesters"."""
    words = phrase.lower().split()
    if 2 <= len(words) <= 4 and words[0] in {"his", "her", "their", "its", "our"}:
        # "his wife", "her campaign manager", "their lawyer": a person named through another
        return words[-1] in NAMED_THROUGH_ANOTHER
    if not words or len(words) > 8 or words[0] not in {"the", "a", "an", "one", "another"}:
        return bool(UNNAMED_HEADS.match(phrase)) and len(words) <= 8
    nouns = set(re.findall(r"[a-z]+", phrase.lower()))
    nouns |= {n[:-1] for n in nouns if n.endswith("s")}  # "the sources", "some officials"
    if re.fullmatch(rf"(?:the|a|an)\s+(?:[a-z-]+\s+)?[{UPPER}][a-z]+s", phrase):
        return True  # "the Saudis", "the Democrats"
    return bool(nouns & (PERSON_NOUNS | ORG_NOUNS | DOCUMENT_WORDS | {"supporter", "crowd"}))


def first_subject(before, masked):
    """The noun phrase that opens the clause in `before`, when it names a source."""
    cut = max(masked.rfind(";"), masked.rfind("—"), masked.rfind(" – "), masked.rfind("_"))
    start = cut + 1 if cut >= 0 else 0
    subject = subject_phrase(source_from_subject(before[start:]))
    if subject and len(subject.split()) <= 8 and names_source(subject):
        return subject
    return None


# A content verb, not a copula or an auxiliary: "mocked", "opposes", "went", "made".
ANY_VERB = re.compile(
    r"(?<=\s)(?!(?:was|has|does|this|yes|always|perhaps|sometimes|news|series|percent|as|us|"
    r"thus|plus|whereas|towards|afterwards|its|his|hers|ours|yours|theirs|across|unless|"
    r"lines|times|years|days|weeks|months|others|states|votes|voters|plans|ways)\b)"
    rf"(?:[a-z]+ed|[a-z]*[a-hj-rtv-z]s|went|made|took|gave|spoke|led|held|sent|won|came|"
    rf"{SPEECH_VERBS})\b"
)


# The words that open a relative clause before its verb: "who", "which has", "that once had".
RELATIVE_VERB = re.compile(r"\b(?:who|which|that)\s+(?:\w+ly\s+|has\s+|had\s+|have\s+)*$")


def main_subject(head, masked):
    """(subject, verb) of the first verb in `head` whose subject names a source: "Trump, who
    leads, mocked Rubio for “…”" gives ("Trump", "mocked"); of the last, when it opens a
    clause of its own after "while", "but" or a semicolon."""
    found = []
    for verb in ANY_VERB.finditer(masked):
        if found and not CONTRAST_BEFORE.search(masked[: verb.start()]):
            continue  # after the first, only a clause of its own after a contrast can count
        if RELATIVE_VERB.search(masked[: verb.start()]):
            continue  # the verb of a relative clause: "X, who has chaired the committee, mocked …"
        words_before = masked[: verb.start()].split()
        while len(words_before) > 1 and re.fullmatch(r"[a-z]+ly", words_before[-1]):
            words_before.pop()  # "Ana Ferreira routinely describes …": the word before the adverb
        word_before = words_before[-1:] or [""]
        if verb.group(0).endswith("s") and not (
            word_before[0][:1].isupper() or word_before[0].lower() in PRONOUNS
        ):
            continue  # "Trump supporters chanted": a plural noun, not "Clinton supports"
        if verb.group(0).endswith("s") and (
            re.search(r"['’]s?$", word_before[0])
            or word_before[0].lower() in {"his", "her", "their", "its", "our", "my", "your"}
        ):
            continue  # "Clinton’s wins", "his aides": a noun after a possessive
        subject = nearest_subject(head[: verb.start()], masked[: verb.start()])
        if subject and names_source(subject):
            found.append((subject, verb.group(0), verb.start()))
    if not found:
        return None
    for subject, verb, at in reversed(found[1:]):
        if CONTRAST_BEFORE.search(masked[:at]) and head[:at].rstrip().endswith(subject):
            return subject, verb  # "X calls him “…,” while Y calls him “…”": Y's clause
    return found[0][:2]


# A clause of its own after a contrast: "…, while Ana Ferreira", "…; the mayor", "but he"
CONTRAST_BEFORE = re.compile(r"(?:;|\b(?:while|whereas|but))\s+(?:\S+\s+){0,6}$")


def names_source(phrase):
    """True when `phrase` names a person, a group or a document: a pronoun, a name, an
    organization or a description ("the former secretary of state"); never a time, a
    place or an event ("Four hours earlier", "In Mexico City", "the committee meeting")."""
    if not phrase or NOT_A_SOURCE.search(phrase):
        return False
    described = DESCRIBED_NAME.fullmatch(phrase)
    if described and single_name(described.group(1)):
        return True  # "an angry Ferreira"
    return bool(
        phrase.lower() in PRONOUNS
        or name_in(phrase)
        or single_name(phrase)
        or ORG_WORDS.search(phrase)
        or describes_source(phrase)
    )


DESCRIBED_NAME = re.compile(rf"(?:an?|the)\s+(?:[a-z-]+\s+){{1,3}}([{UPPER}][\w’'-]+)")
# A speech verb used as a noun: "Carter's comments", "his remarks", "the calls".
NOUN_BEFORE = re.compile(
    r"(?:(?<!\bhe)(?<!\bshe)(?<!\bit)(?<!\bwho)(?<!\bthat)['’]s|"  # "she's said": no possessive
    r"\b(?:his|her|their|its|our|the|a|an|these|those|such))\s+$",
    re.I,
)


# Where a clause ends inside the words before a verb.
CLAUSE_BREAK = re.compile(
    r"_+|[,;:(—–?!]|\s-(?=\s)|(?<!\S)(?:at|by)\s+(?:which|that|this)\s+(?:point|time|moment)\s|"
    r"\s(?:and|but|or|that|which|while|when|as|after|before|because|although|though|"
    r"since|if|so|where|whom|than|until|whether)\s"
)


CLAUSE_WORD = re.compile(
    r"\b(?:is|was|were|are|has|had|have|will|would|did|does|do|can|could|should|may|might|"
    r"must|be|been)\b|(?<!the )(?<!\ba )(?<!former )(?<!retired )\b[a-z]{3,}ed\b"
)


def masked_quotes(head):
    """`head` with the words inside quotation marks replaced by underscores, same length;
    a quotation the sentence opens with, whose mark lies before `head`, too."""
    masked = re.sub(r"[“\"«][^“”\"«»]*[”\"»]", lambda m: "_" * len(m.group(0)), head)
    unopened = re.match(r"[^“\"«]*?[”»]|[^“\"«]*?[^\s_]\"(?=[\s,.])", masked)
    if unopened:  # Absolutely not," Clinton responded: the sentence began inside the quote
        masked = "_" * unopened.end() + masked[unopened.end() :]
    return masked


BRACKETED_TAG = re.compile(r"\((?:[A-Z][\w.-]{0,12}|[RDI]-[\w. ]{1,12})\)")


def nearest_subject(before, masked=None):
    """The noun phrase that ends `before` (the words just before a verb), as printed: "" when
    there is none, None when the words before the verb end in a clause, not a subject."""
    masked = masked if masked is not None else before
    # "Sen. Ana Lind (D-Ore.) said": a party or a state in brackets ends no clause
    masked = BRACKETED_TAG.sub(lambda m: "x" * len(m.group(0)), masked)
    adverbs = TRAILING_ADVERBS.search(masked)
    if adverbs:  # "Tom Okafor, who fishes there, once described …", "who has called"
        before, masked = before[: adverbs.start()], masked[: adverbs.start()]
    relative = re.search(r",?\s*\b(?:who|which)\s*$", masked)
    if relative:  # "Gen. Dunford, who said …": the noun the clause is about
        before, masked = before[: relative.start()], masked[: relative.start()]
        antecedent = ANTECEDENT.search(masked)
        apposed = masked[: antecedent.start()].rstrip().endswith(",") if antecedent else False
        if antecedent and not apposed and names_source(before[antecedent.start() :].strip()):
            # "Contrast that with Trump, who …", "the Mexican president, who …"
            return before[antecedent.start() :].strip()
        before, masked = before + ",", masked + ","
    if before.rstrip().endswith(","):
        return _subject_before_aside(before, masked)
    cuts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(masked)]
    part = re.sub(rf"^(?:{SPEECH_VERBS})\s+", "", source_from_subject(before[cuts[-1] :]))
    # "After Donald Trump announced …": the subordinator is not part of the subject
    part = re.sub(
        r"^(?:After|When|While|As|Before|If|Since|Because|Although|Though|Once|Until)\s+", "", part
    )
    part = re.sub(r"^(he|she|they|we|I)['’](?:s|ve|d)$", r"\1", part, flags=re.I)  # "she's said"
    if not part or part.lower() in PRONOUNS | {"i"}:
        return part
    pronoun = re.search(r"(?<!\band)(?<!\bor)\s+(he|she|they|we|I)$", part)
    lead = part[: pronoun.start()] if pronoun else ""
    if pronoun and not (CLAUSE_WORD.search(lead) or re.search(rf"\b(?:{SPEECH_VERBS})\b", lead)):
        return pronoun.group(1)  # "On Monday he", "Later that day she": no comma after the time
    if len(part.split()) > 8 or CLAUSE_WORD.search(part) or re.match(r"[a-z]+ing\b", part):
        return None
    return part


# The noun phrase a relative clause follows: a name, or a short description.
ANTECEDENT = re.compile(
    r"(?:(?<=\s)(?<!\bof\s)(?<!\bin\s)(?<!\bfrom\s)(?<!\bfor\s)(?<!\bat\s)|^)"
    rf"(?:(?:{TITLE_WORDS})\s+)*{NAME_TOKEN}(?:\s+(?:{NAME_PARTICLE}\s+)?{NAME_TOKEN})*$"
    r"|\b(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3}[a-z][\w-]+$"
)


TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:once|still|never|later|recently|repeatedly|just|even|again|also|then|has|had|"
    r"have|"
    r"previously|reportedly|could|would|should|will|can|may|might|must|did|does|not|cannot|"
    r"[a-z]+ly))+\s*$"
)


# What opens an aside between commas: "X, who asked not to be named, said", "X, 21, said".
ASIDE_START = re.compile(
    r"(?:who|which|whose|where|speaking|because|although|though|as|while|when|if|since|"
    r"according|after|before|like|unlike|\d+)\b",
    re.IGNORECASE,
)


def _subject_before_aside(before, masked):
    """The subject of "Marley Anderson, 21, a junior from Las Vegas, said": the nearest name
    before the asides, else the first description ("A senior diplomat, who …, said")."""
    cuts = [0] + [m.end() for m in re.finditer(r",|_+", masked)]
    description = None
    for index in range(len(cuts) - 1, -1, -1):
        stop = cuts[index + 1] if index + 1 < len(cuts) else len(before)
        segment = before[cuts[index] : stop].strip(" ,_")
        if not segment or ASIDE_START.match(segment):
            continue
        if index == 0:  # the sentence's subject, or the name the asides are about
            segment = nearest_subject(segment) or name_in(segment) or subject_phrase(segment)
        segment = re.sub(rf"^(?:{SPEECH_VERBS})\s+", "", source_from_subject(segment))
        if segment.lower() in PRONOUNS | {"i"} or name_in(segment) or single_name(segment):
            return segment
        if segment and names_source(segment):
            description = segment
        elif index > 0 and (CLAUSE_WORD.search(segment) or re.match(r"(?:a|an|the)\s", segment)):
            continue  # an aside that is a clause or a description: "…, a councillor, who …"
        elif segment:
            break
    return description


def subject_phrase(sentence):
    """The words before a sentence's first verb, reduced to the part naming a source."""
    verb = re.search(
        r"(?<=\s)(?:[a-z]+n[’']t|[a-z]+ed|" + TRACK_VERBS + SPEECH_VERBS + r")\b", sentence
    )  # "didn’t" too: "Lind didn’t seem impressed"
    subject = sentence[: verb.start()] if verb else " ".join(sentence.split()[:12])
    if verb:  # "She quickly noted": the adverb is not part of the subject
        subject = TRAILING_ADVERBS.sub("", subject)
    return appositive_source(source_from_subject(subject)) or ""


def opening_surname(sentence):
    """A capitalised word that opens `sentence` and is followed by a verb ("Ellison put …")."""
    opening = re.match(rf"\s*((?:[Aa]l-)?[{UPPER}][\w’'-]+)\s+[a-z]", sentence)
    if opening and opening.group(1) not in NOT_NAME_WORDS:
        return opening.group(1)
    return None


LEADING_WORDS = re.compile(
    r"^(?:(?:and|but|or|then|so|by|in|on|at|with|from|after|before|when|while|as|if|"
    r"because|although|though|since|also|said|says|told|according to)\s+)+"
    r"|^(?:[b-hj-z]|ll|re|ve)\s+(?=\w)",  # the tail of a word cut at an apostrophe ("t surprise")
    re.IGNORECASE,
)
NAME_RUN = re.compile(rf"[{UPPER}][\w.’'-]*(?:\s+(?:{NAME_PARTICLE}\s+)?[{UPPER}][\w.’'-]*)+")
# Words that carry a noun phrase on after a name: "Tom Lind of the harbour board"
NP_CONTINUES = {"of", "for", "at", "from", "in", "and", "with", "on", "who", "whose", "de", "al"}
TRAILING_WORDS = re.compile(
    r"(?:\s+(?:the|a|an|of|to|for|in|on|at|by|with|and|but|or|that|who|which|whom|was|is|"
    r"were|are|will|would|has|had|have|as|if|when|so|then|also|what|how|why|exactly))+$"
)
NAME_AT_END = re.compile(
    rf"(?:(?:{TITLE_WORDS})\s+)*(?:[{UPPER}][\w.’'-]*\s+(?:{NAME_PARTICLE}\s+)?)*"
    rf"[{UPPER}][\w.’'-]*$"
)


def whole_phrase(phrase):
    """`phrase` cut to the noun phrase it begins with, as printed: no conjunction or
    preposition before it ("and then Wallnau" -> "Wallnau"), no verb after it ("the FBI was",
    "Jeb Bush broke down exactly what" -> "Jeb Bush"); a name at the end of a clause that
    names no one before it ("After months of …, FBI Director Tom Lind" -> the name)."""
    if not phrase or phrase.lower() in PRONOUNS:
        return phrase
    text = LEADING_WORDS.sub("", phrase.strip())
    named = next((m for m in NAME_RUN.finditer(text) if name_in(m.group(0))), None)
    if named:
        after = re.match(r"\s+([a-z][\w’'-]*)", text[named.end() :])
        possessive = re.search(r"['’]s?$", named.group(0))  # "Lind’s spokesman"
        if after and after.group(1) not in NP_CONTINUES and not possessive:
            text = text[: named.end()]  # "Jeb Bush broke down exactly what" -> "Jeb Bush"
        elif possessive:  # "Lind’s claim that Okafor …": the noun, not the clause after it
            text = re.split(r"\s+(?:that|who|which|whom)\s", text)[0]
    text = TRAILING_WORDS.sub("", text.strip(" ,")).strip(" ,")
    if len(text.split()) > 6 and not re.match(rf"(?:the|a|an)\s|[{UPPER}]", text):
        end = NAME_AT_END.search(text)
        if end and name_in(end.group(0)):
            text = end.group(0)
    return text or phrase


# The verb that ends a main clause's subject: an auxiliary, a past form, a speech verb.
CLAUSE_VERB = re.compile(
    r"(?<=\s)(?:is|are|were|will|should|may|might|must|do|" + TRACK_VERBS + SPEECH_VERBS + r"|"
    r"[a-z]{3,}ed|[a-z]+n['’]t)\b"
    r"|(?:(?<=\b[Hh]e)|(?<=\b[Ss]he)|(?<=\b[Ii]t)|(?<=\b[Tt]hey)|(?<=\b[Ww]e)|(?<=\bI))"
    r"['’](?:s|ve|d|ll|re|m)\b"  # "she’s", "we’ve": not "Rubio’s"
)
# A past participle that describes a noun: "the retired general", "a newly formed group".
ADJECTIVE_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|our|former)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE
)
# A verb in -s that no list holds ("accuses", "insists"), or a plural noun ("party leaders").
S_VERB = re.compile(r"(?<=\s)[a-z]{2,}[a-hj-rtv-z]s\b")
# An -s word followed by its object: "accuses the mayor", "thanks Obama".
S_VERB_OBJECT = re.compile(
    rf"\s[a-z]{{2,}}[a-hj-rtv-z]s\s+(?:(?:the|a|an|his|her|their|its|him|them|[{UPPER}])\b|_)"
)
LEADING_SUBORDINATE = re.compile(
    r"\s*(?:Ever\s+since|Since|When|After|While|As|Although|Though|Before|Because|If|Once|"
    r"Until|Even\s+as|Even\s+though|Whereas|Unlike|Despite|In|On|At|During|Under|For|From|"
    r"With|Without|By|Between|Among|Amid|Throughout|Like|[A-Z][a-z]+ing)\b[^,_]*,"
    r"(?:\s*[A-Z][a-z]{1,5}\.,)?\s*"  # "In Aspen, Colo., the governor …"
)
PARTICIPLE = r"(?:[a-z]+ed|(?!even|open|seven|when|then|often)[a-z]{2,}en)\b"
PASSIVE = re.compile(rf"\s+(?:[a-z]+ly\s+)?(?:been\s+|being\s+)?{PARTICIPLE}")
# "will informally be dubbed", "has been called"
PASSIVE_AFTER = re.compile(
    rf"(?:\s+(?:[a-z]+ly|not))*\s+(?:be|been)\s+(?:[a-z]+ly\s+)?{PARTICIPLE}"
)
# "…, with Donald Trump tweeting that …": the participle's own subject
WITH_PARTICIPLE = re.compile(r",\s*with\s+([^,_]{2,60}?)\s+(?:[a-z]+ly\s+)?[a-z]{3,}ing\b")
# "For the mayor, according to his aides, the vote was …"
ACCORDING_ASIDE = re.compile(r"(?:^|,)\s*according to\s+([^,_]{2,80}?)\s*,", re.IGNORECASE)
# Where a clause of its own starts: "…; the party …", "…: the ministry …", "… — its …"
CLAUSE_CUT = re.compile(r";|:(?=\s)|—|\s[–-]\s")
# The subject of the clause after "That’s why", "It is odd that", "There is time for"
EXPLETIVE_TAIL = re.compile(
    rf"\b(?:that|why|for|because|how)\s+((?:he|she|they|we|I|[{UPPER}][\w’'-]*(?:\s+[{UPPER}][\w’'-]*)*))"
    r"\s+(?:[a-z]+ly\s+)?(?:to|would|will|could|should|can|has|had|is|was|[a-z]+ed|[a-z]+s)\b"
)
OWNER = re.compile(rf"([{UPPER}][\w.-]*(?:\s+[{UPPER}][\w.-]*)*)['’]s\s")
OPEN_CLAUSE = re.compile(r"\b(?:when|if|because|while|although|though|since|but|or)\s*$")
# "That prompted Lind to call the plan …": the one prompted speaks
PROMPTED = re.compile(
    r"\b(?:prompt|prompted|prompting|led|leading|forced|forcing|pushed|pushing|spurred|spurring)"
    r"\s+([^,_]{2,60}?)\s+to\s+[a-z]+\b"
)
# "Said Lind, …": a cue the sentence opens with
INVERTED_OPENING = re.compile(r"\s*(?:Said|Says|Added|Adds|Wrote|Writes)\s+([^,_]{2,80}?),?\s*$")
NO_ONE = {"it", "there", "this", "that", "what", "which", "here", "who", "you"}


def own_subject(head):
    """The subject of the main clause in `head`, the words of a sentence before a quotation
    inside it ("The group accuses the mayor of …"), when it may be the quotation's source:
    not an expletive ("It is …"), nor the subject of a passive or a copula, nor a time or a
    place; else None."""
    masked = masked_quotes(head)
    if OPEN_CLAUSE.search(masked):
        return None  # "…, but only when “…”": the quotation opens a clause of its own
    aside = _aside_source(head, masked)
    if aside:
        return aside
    body = masked.rstrip(" :—–-")  # "The group put it bluntly:" opens its own clause
    cut = max([0] + [m.end() for m in CLAUSE_CUT.finditer(body)])
    start = cut + len(re.match(r"[\s(]*", masked[cut:]).group(0))
    lead = LEADING_SUBORDINATE.match(masked, start)
    start = lead.end() if lead else start
    first_verb = next(
        (
            v
            for v in CLAUSE_VERB.finditer(masked, start)
            if not RELATIVE_VERB.search(masked[: v.start()])
            and not (v.group(0).endswith("ed") and ADJECTIVE_BEFORE.search(masked[: v.start()]))
        ),
        None,
    )
    verbs = [first_verb] if first_verb else []
    s_verb = S_VERB.search(masked, start, verbs[0].start() if verbs else len(masked))
    if s_verb and not NOUN_BEFORE.search(masked[: s_verb.start()]):
        verbs.append(s_verb)  # "The book accuses …" when no verb comes after "accuses"
    for verb in verbs:
        copula = verb.group(0) in {"is", "are", "was", "were"}
        if (PASSIVE if copula else PASSIVE_AFTER).match(masked[verb.end() :]):
            return None
        subject = source_from_subject(head[start : verb.start()])
        subject = re.sub(r"^(?:[A-Z][a-z]+ly|Then|Later|Now|So|And|But|Also)\s+", "", subject)
        subject = re.sub(r"(?:\s+(?:often|always|earlier|first))+$", "", subject)
        subject = TRAILING_ADVERBS.sub("", subject).strip(" ,")
        if not subject or "_" in masked[start : verb.start()].split(",")[0]:
            continue  # "The “opt out” movement is …": a name in quotation marks, not a source
        first = re.sub(r"['’]\w+$", "", subject.split()[0])  # "There’s", "That’s"
        if first.lower() in {"it", "there", "that", "this"}:
            # "That’s why Lind wanted to …", "It is odd that she would call it …"
            later = EXPLETIVE_TAIL.search(head, start)
            return later.group(1) if later and names_source(later.group(1)) else None
        if first.lower() in NO_ONE or NOT_A_SOURCE.search(subject) or first in {"Do", "Don’t"}:
            return None
        if first.lower() in {"he", "she", "they", "we", "i"}:
            return first  # "he laid off staff", "she often referred to"
        last = subject.split()[-1]
        if last.lower() in {"he", "she", "they", "we"} and subject[0].islower():
            return last  # "online he has criticized …"
        if re.fullmatch(r"[A-Z][a-z]+ing", first) and re.match(r"\S+\s+[a-z]", subject):
            return None  # "Conceding that there …": a participle, not a name
        if copula and not re.match(r"\s+(?:\w+ly\s+)?[a-z]+ing\b", masked[verb.end() :]):
            # "The place is a townhome …": what a thing is tells nothing of who spoke, unless
            # it is someone's words ("Lind’s claim was that …")
            owner = OWNER.match(subject)
            return owner.group(1) if owner else None
        lowered = subject[0].lower() + subject[1:]  # "The retired general": not a verb
        clause = CLAUSE_WORD.search(lowered.split(",")[0]) or S_VERB_OBJECT.search(subject)
        if looks_like_subject(subject) and not clause:
            source = appositive_source(subject)
            if source and can_speak(source):
                return source
            owner = OWNER.match(subject)  # "Lind’s words at the rally": Lind
            words_of = owner and subject[owner.end() :].split()[0].lower() in WORDS_NOUNS
            return owner.group(1) if words_of else None
    return None


def _aside_source(head, masked):
    """Who a sentence names beside its main clause as the one speaking: "…, with Lind
    tweeting …", "according to Lind,", "Said Lind,", "prompted Lind to …"; else None."""
    according = ACCORDING_ASIDE.search(masked)
    if according and looks_like_subject(according.group(1)):
        return head[according.start(1) : according.end(1)]  # "according to his doctor,"
    named = WITH_PARTICIPLE.search(masked) or INVERTED_OPENING.match(masked)
    if named and names_source(named.group(1)):
        return head[named.start(1) : named.end(1)]
    prompted = PROMPTED.search(masked)
    if prompted and looks_like_subject(prompted.group(1)):
        return head[prompted.start(1) : prompted.end(1)]
    return None


# What someone says: "Lind’s remarks", "her words".
WORDS_NOUNS = {"words", "remarks", "comments", "language", "statement", "claim", "message"}
