"""Attribution cues: the source phrase and speech verb around one quotation (no Django)."""

import re

from claims.extraction.lexicon import (
    AUDIENCES,
    CLOSERS,
    FRAGMENT_VERBS,
    NOT_NAME_WORDS,
    PARTIAL_VERBS,
    PRONOUNS,
    SOURCE,
    SPEECH_VERBS,
)
from claims.extraction.sources import clean_source, name_in, single_name
from claims.extraction.spans import is_sentence_end
from claims.extraction.subjects import (
    ANY_VERB,
    CLAUSE_WORD,
    NAME_AT_END,
    NOT_A_SOURCE,
    NOUN_BEFORE,
    RELATIVE_TAIL,
    TIME_TAIL,
    appositive_source,
    describes_source,
    first_subject,
    looks_like_subject,
    main_subject,
    masked_quotes,
    names_source,
    nearest_subject,
    opening_surname,
    source_from_subject,
    subject_phrase,
    whole_phrase,
)

CUE_VERB = (
    rf"(?P<adv>[a-z]+ly\s+)?(?P<verb>(?:{SPEECH_VERBS}|Tweeted|Wrote)"
    r"(?:,?\s+(?:adding|saying|noting))?)"
)
CUE_OBJ = (
    r"(?P<obj>(?:\s+(?:reporters|journalists|lawmakers|parliament|him|her|them|us|"
    rf"(?:(?:the|a|an|state)\s+)?(?:[\w-]+\s+){{0,2}}(?:{AUDIENCES})\b"
    r"(?:\s+[A-Z][\w’'-]*(?:\s+(?:dello|della|del|de|di|la|le)?\s*[A-Z][\w’'-]*){0,3})?|"
    r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}))?"
    r"(?:\s+(?:in|on|at|during|after|before|via|from|by|last|this|earlier|later|late)\b"
    r"[^,.“”«»\"]{0,60}|\s+(?:a|an|one|two|three|four|five|several|a\s+few)\s+"
    r"(?:days?|weeks?|months?|years?|hours?)\s+(?:earlier|later|ago|before))?)"
)

# The tail is cut at the sentence end, so a full stop inside the source is an abbreviation's
# ("said Brig. Gen. Yahya Rasool").
POST_INVERTED = re.compile(
    rf"^[\s,—–-]*{CUE_VERB}\s+(?P<src>[^“”«»\";:]{{1,200}}?)\s*(?:[;:]|\.?$)"
)
POST_SUBJECT = re.compile(rf"^[\s,—–-]*{SOURCE},?\s+(?:also\s+)?{CUE_VERB}{CUE_OBJ}\s*(?:[.,;:]|$)")
# Failing that, whatever follows the verb ("said while campaigning in Iowa") is no source.
POST_SUBJECT_OPEN = re.compile(
    rf"^[\s,—–-]*{SOURCE},?\s+(?:also\s+)?{CUE_VERB}{CUE_OBJ}(?=[\s.,;:]|$)"
)
PRE_SUBJECT = re.compile(
    rf"(?<![\w’'.-]){SOURCE},?\s+(?:also\s+)?{CUE_VERB}{CUE_OBJ}(?:\s+that)?[\s,:]*$"
)
POST_QUOTED_AS = re.compile(
    r"^[\s,—–-]*[^“”«»\"]{1,80}?\s+quoted\s+(?P<src>[^“”«»\"]{1,120}?)\s+as\s+saying\b"
)
# "…, with Trump reportedly yelling: “…”"
WITH_BEFORE = re.compile(
    r"\b[Ww]ith\s+(?P<src>[^,;“”«»\"]{2,80}?)\s+(?P<adv>[a-z]+ly\s+)?(?P<verb>[a-z]+ing)"
    r"(?:\s+[^,;:“”«»\"]{0,40})?[\s,:]*$"
)
# "As Breitbart News reported, …", "as the Heritage Foundation website notes"
AS_REPORTED = re.compile(
    r"\b[Aa]s\s+(?P<src>(?:the\s+)?[A-Z][^,;:]{1,60}?)\s+(?:has\s+)?(?:reported|reports|noted|"
    r"notes|wrote|writes|put it|puts it|said|says|explained|explains|pointed out|points out)\b"
)
ACCORDING_AFTER = re.compile(
    r"^[\s,—–-]*according\s+to\s+(?P<src>[^,;:“”«»\"]{2,120}?)\s*(?:[,;:]|$)"
)
# "“…,” as Ana Ferreira said on Monday": an aside naming who said it
AS_SAID_AFTER = re.compile(
    r"^[\s,—–-]*as\s+(?P<src>[^,;:“”«»\"]{2,60}?)\s+(?:(?:has|had|once)\s+)?(?:[a-z]+ly\s+)?"
    rf"(?P<verb>{SPEECH_VERBS}|suggested|put\s+it)\b(?!\s+(?:to|that|the|a|an)\b)"
)
ACCORDING_BEFORE = re.compile(r"\b[Aa]ccording to (?P<src>[^,;“”«»\"]{2,120}?),?\s*$")
# A verb joined to the clause's own: "… and added", "but went on to", "as if to"
JOINED = re.compile(
    r"(?:^|[\s,])(?:and|but|or|as if)(?:\s+(?!(?:he|she|they|it|we|i)\b)[a-z]\w*){0,3}\s*$"
)
ACCORDING_OPENS = re.compile(r"^\s*According to (?P<src>[^,;“”«»\"]{2,120}?),")
# "For Lind, according to X, the vote is “…”", not "…, according to X, Lind said"
ACCORDING_MIDWAY = re.compile(
    r"(?:[,;—–]\s*|\b(?:and|but)\s+)according to (?P<src>[^,;“”«»\"]{2,120}?),"
    rf"(?![^“”«»\"]*(?<![\w’'-])(?:{SPEECH_VERBS})\b)"
)
SPEECH_VERB = re.compile(rf"(?<=\s)(?:{SPEECH_VERBS})\b")
# "From the report: “…”", "More from Jones: “…”"
FROM_SOURCE = re.compile(
    r"^(?:(?:More|Read more|Quoting)\s+)?(?:[Ff]rom|[Qq]uoting)\s+(?P<src>.{2,80})$"
)
PRE_ADDING = re.compile(r"(?:,\s*|\band\s+|^\s*)(?P<verb>adding|saying|noting|stressing)[\s,:]*$")
INVERTED_TAIL = re.compile(
    r"\s+(?:while|when|after|before|because|during|as|(?:in|at|on|to|during)\s+(?:a|an|the|his|her)"
    r")\s+(?=[a-z])"
)


HIGH, MEDIUM, LOW = "high", "medium", "low"


class Attribution:
    """A source phrase and cue found for one quote. `confidence` says how sure the rule
    that found it is: high for a speech verb next to the quote, medium for a colon, a
    participle or a nearby sentence, low for a guess from the sentence's subject."""

    def __init__(self, attributed_as, cue, position, confidence=HIGH):
        self.attributed_as = whole_phrase(attributed_as)
        self.cue = re.sub(r"\s+that$", "", cue.strip(" ,"))
        self.position = position
        self.confidence = confidence
        self.via = None  # who relays the words: "…,” Lind said, according to Reuters.


def after_cue(text, span, limit, kind):
    """Attribution right after the closing mark, within the sentence."""
    tail = text[span.close_at : limit]
    stop = re.search(r"[“«\"‘]", tail)
    if stop:
        tail = tail[: stop.start()]
        if CRY_BEFORE_QUOTE.search(text[max(0, span.open_at - 100) : span.open_at]):
            # "When a heckler shouted, “…,” Lind joked, “…”": the cue after it opens the
            # next quote; this one is the words of the verb before it
            return None
    for end in re.finditer(r"\.(?=\s|$)", tail):
        if is_sentence_end(tail, end.start()):
            tail = tail[: end.start()]
            break
    tail = tail.rstrip()
    if not tail.strip(" ,.;"):
        return None
    quote_end = text[span.end - 1 : span.end]
    if kind == "partial" and not tail.startswith(",") and quote_end not in ",.!?":
        return None
    as_said = AS_SAID_AFTER.match(tail)
    if as_said and names_source(as_said.group("src")) and looks_like_subject(as_said.group("src")):
        src = clean_source(as_said.group("src"))
        return Attribution(src, as_said.group("verb"), span.close_at)
    according = ACCORDING_AFTER.match(tail)
    if according:  # "“…,” according to a court filing by the county prosecutor."
        return Attribution(clean_source(according.group("src")), "according to", span.close_at)
    quoted = POST_QUOTED_AS.match(tail)
    if quoted:
        return Attribution(clean_source(quoted.group("src")), "quoted as saying", span.close_at)
    inverted = POST_INVERTED.match(tail)
    if (
        inverted
        and not re.match(r"^(?:that|to|the\s+\w+\s+that)\b", inverted.group("src"))
        and not inverted.group("verb").endswith("ing")  # "…,” telling reporters: an addressee
    ):
        src = inverted.group("src")
        src_head = re.split(r",\s*", src)[0]
        src_head = TIME_TAIL.sub("", src_head)
        # "said Sanders while campaigning in Iowa", "said Smith in an interview"
        src_head = re.split(INVERTED_TAIL, src_head)[0]
        cue = (inverted.group("adv") or "") + inverted.group("verb")
        return Attribution(clean_source(src_head), cue.strip(), span.close_at)
    for subject in (POST_SUBJECT.match(tail), POST_SUBJECT_OPEN.match(tail)):
        if not subject or not looks_like_subject(subject.group("src")):
            continue
        if re.search(r"\b(?:was|were|is|are|been|being)$", subject.group("src")):
            continue  # "… Sanders was asked": no speaker's verb
        src = source_from_subject(subject.group("src"))
        cue = (subject.group("adv") or "") + subject.group("verb") + (subject.group("obj") or "")
        return Attribution(clean_source(appositive_source(src)), cue.strip(), span.close_at)
    if kind == "direct" and quote_end in ",?!":
        # “…,” Hannity pressed. / “…,” the two write: after a quote that ends in a comma the
        # noun phrase and verb that follow are its attribution, whatever the verb.
        before = text[max(0, span.open_at - 3) : span.open_at].rstrip(" \t")
        opens = not before or before[-1] in '.!?:\n”"'
        any_verb = AFTER_ANY_VERB.match(tail) or AFTER_ANY_VERB_S.match(tail)
        if opens and any_verb and any_verb.group("verb") not in NOT_ATTRIBUTION_VERBS:
            src = any_verb.group("src")
            if looks_like_subject(src) and names_source(src):
                cue = (any_verb.group("adv") or "") + any_verb.group("verb")
                return Attribution(clean_source(src), cue, span.close_at, MEDIUM)
    if kind == "direct":
        return trailing_cue(tail, span.close_at)
    return None


CRY_BEFORE_QUOTE = re.compile(
    r"(?<![.!?”\"])\s(?:shouted|yelled|screamed|chanted|asked|said|replied|wrote|tweeted),?\s*$"
)
_AFTER_SRC = (
    r"^[\s,—–-]*(?P<src>(?:[\w’'.-]+\s+){0,5}?[\w’'.-]+)\s+(?:(?:has|had|have|then|later|also)\s+)?"
    r"(?P<adv>[a-z]+ly\s+)?"
)
AFTER_ANY_VERB = re.compile(
    _AFTER_SRC + r"(?P<verb>[a-z]+ed|write|state|conclude|say|tell|add|note|ask|argue|explain|"
    r"insist|warn|answer|reply|respond|claim|recall|agree|joke)\b(?![’'-])"
)
# "Hannity presses": a verb in -s only after a name or a pronoun, not "Her critics cited"
AFTER_ANY_VERB_S = re.compile(
    r"^[\s,—–-]*(?P<src>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*|he|she|they)\s+"
    r"(?P<adv>[a-z]+ly\s+)?(?P<verb>[a-z]+[^s\W]s)\b(?![’'-])"
)
NOT_ATTRIBUTION_VERBS = {"is", "was", "has", "does", "goes", "comes", "seems", "means", "looks"}


def trailing_cue(tail, position):
    """The cue that ends the sentence a quote opens: "“Boots on the ground” would be right,
    Ben Carson said after the attacks." / "…” for Clinton, said Kunin."""
    clause = re.search(
        rf",\s+{SOURCE},?\s+(?:also\s+)?(?:(?:has|have|had)\s+)?{CUE_VERB}{CUE_OBJ}"
        r"(?=[\s.,;:]|$)",
        tail,
    )
    if clause and names_source(clause.group("src")):
        src = source_from_subject(clause.group("src"))
        cue = (clause.group("adv") or "") + clause.group("verb") + (clause.group("obj") or "")
        return Attribution(clean_source(appositive_source(src)), cue.strip(), position, MEDIUM)
    inverted = re.search(rf",\s+{CUE_VERB}\s+(?P<src>[^,;:]{{2,80}}?)\s*(?:,|$)", tail)
    if (
        inverted
        and names_source(inverted.group("src"))
        and not inverted.group("verb").endswith("ing")
    ):
        src = re.split(INVERTED_TAIL, TIME_TAIL.sub("", inverted.group("src")))[0]
        cue = (inverted.group("adv") or "") + inverted.group("verb")
        return Attribution(clean_source(src), cue.strip(), position, MEDIUM)
    return None


def _last_close(head):
    """Where the last closing quotation mark in `head` is, or -1; an apostrophe inside a word
    ("Ferreira’s letter", "don’t") or after a plural ("the Lindsays’ home") closes nothing."""
    for index in range(len(head) - 1, -1, -1):
        if head[index] in CLOSERS:
            inside = head[index] in "’'" and head[index - 1 : index].isalnum()
            if inside and head[index - 1] == "s" and "‘" not in head[:index]:
                continue  # no single quotation opened before it
            if not (inside and head[index + 1 : index + 2].isalnum()):
                return index
    return -1


def before_cue(text, span, sentence_start):
    head = text[sentence_start : span.open_at]
    last_close = _last_close(head)
    own = head[last_close + 1 :] if last_close >= 0 else head
    if not own.strip():
        return None
    as_reported = AS_REPORTED.search(own)
    if as_reported and not own[as_reported.end() :].strip(" ,:"):
        # "But as the Harbour Gazette pointed out, “…”"
        src = clean_source(as_reported.group("src"))
        cue = own[as_reported.end("src") : as_reported.end()].strip()
        return Attribution(src, cue, span.open_at, MEDIUM)
    subject = PRE_SUBJECT.search(own)
    if subject and re.search(r"\b(?:was|were|is|are|been|being|be)$", subject.group("src")):
        subject = None  # "the staff were told, “…”": the words of someone unnamed
    if subject and NOUN_BEFORE.search(subject.group("src") + " "):
        subject = None  # "Ginsburg’s comments “…”", "his remarks": a noun, not a verb
    if subject and re.fullmatch(
        r"(?:But|And|Yet|So|Still|Then|Now|Again|Or)", subject.group("src")
    ):
        obj = (subject.group("obj") or "").strip()
        if obj and names_source(obj):  # "But, said Solovey, “…”"
            return Attribution(clean_source(obj), subject.group("verb"), span.open_at)
    if (
        subject
        and NOT_A_SOURCE.search(subject.group("src").strip())
        and not names_source(appositive_source(source_from_subject(subject.group("src"))))
        and "," in own[subject.end("src") : subject.start("verb")]
        and subject.group("obj")
        and (name_in(subject.group("obj")) or single_name(subject.group("obj").strip()))
    ):
        # "Because of how the fees were set, explained Ana Ferreira, “…”": inverted
        return Attribution(clean_source(subject.group("obj")), subject.group("verb"), span.open_at)
    if subject:
        src = source_from_subject(subject.group("src"))
        # "When asked about the vote, he said: …": the part next to the verb names the source.
        chosen = RELATIVE_TAIL.split(appositive_source(src, prefer_last=True))[0]
        last = src.split(",")[-1].strip()
        if (
            "," in src
            and "," not in own[subject.end("src") : subject.start("verb")]
            and (
                (re.match(r"(?:a|an|the|one|another)\s", last) and describes_source(last))
                or name_in(last)
                or single_name(last)
            )
        ):
            chosen = last  # "Clinton, a top aide said, “…”": no comma closes an apposition
        clause = CLAUSE_WORD.search(chosen) or ANY_VERB.search(chosen) or len(chosen.split()) > 8
        if clause:
            # "Ana Ferreira went back to the harbour, where she bluntly told the crowd:"
            nearest = nearest_subject(src + " ")
            if nearest and names_source(nearest):
                chosen, clause = nearest, False
        verb = subject.group("verb").split()[0]
        joined = JOINED.search(src)
        if (
            clause
            or joined
            or (verb.endswith("ing") and "," in own[subject.end("src") : subject.start("verb")])
        ):
            # "Lind noted that he taught law, and added:", "…, telling reporters that":
            # the verb shares the subject the clause opens with.
            before = own[: subject.start("verb")]
            masked_before = masked_quotes(before)
            first = first_subject(before, masked_before)
            nearer = CLAUSE_PRONOUN.search(masked_before.rstrip(" ,"))
            if (
                first
                and nearer
                and (joined or verb.endswith("ing"))
                and nearer.start() > before.find(first)
            ):
                first = nearer.group("pronoun")  # "Lind conceded it as she defended X, saying"
            if first:
                chosen = first
            elif not looks_like_subject(chosen):
                chosen = ""  # "holding signs and chanting": no subject of its own
        if chosen and (looks_like_subject(src) or looks_like_subject(chosen)):
            cue = (subject.group("adv") or "") + subject.group("verb")
            cue += subject.group("obj") or ""
            return Attribution(clean_source(chosen), cue.strip(), span.open_at)
    with_subject = WITH_BEFORE.search(own)
    if with_subject and names_source(with_subject.group("src")):
        cue = (with_subject.group("adv") or "") + with_subject.group("verb")
        return Attribution(clean_source(with_subject.group("src")), cue, span.open_at, MEDIUM)
    # "…, according to the report: “…”", "According to the manual, staff were told “…”"
    according = (
        ACCORDING_BEFORE.search(own) or ACCORDING_OPENS.match(own) or ACCORDING_MIDWAY.search(own)
    )
    if according:
        return Attribution(clean_source(according.group("src")), "according to", span.open_at)
    adding = PRE_ADDING.search(own)
    if adding:
        # "She noted her years as mayor, saying “…”": the clause's subject; failing that the
        # source of the quote before ("…,” Lind said, adding: “…”)
        before = own[: adding.start()]
        first = first_subject(before, masked_quotes(before)) if before.strip() else None
        if not first and not before.strip(" ,") and head.lstrip()[:1] not in '“"«':
            # “Kerpen needled the “reporter,” saying, “…”": the subject the sentence opens with
            opening = subject_phrase(source_from_subject(head[: last_close + 1]))
            first = opening if opening and names_source(opening) else None
        return Attribution(clean_source(first or ""), adding.group("verb"), span.open_at, MEDIUM)
    if own.rstrip().endswith(":"):  # "Ellison put it bluntly: “…”"
        return colon_cue(own, span.open_at)
    return None


def colon_cue(clause, position):
    """The source a clause ending in a colon introduces ("Ellison put it bluntly:", "the
    Christie supporter retorted:", "From the report:"), or None."""
    clause = clause.rstrip(" :")
    # "Signs of a shift were there - More from Jones:", "… — Cruz called them on it:"
    clause = re.split(r"\s[-–]\s?|—", clause)[-1].strip()
    document = FROM_SOURCE.search(clause) or AS_REPORTED.search(clause)
    if document:
        return Attribution(clean_source(document.group("src")), "", position, MEDIUM)
    verbs = [v for v in SPEECH_VERB.finditer(clause) if not NOUN_BEFORE.search(clause[: v.start()])]
    for verb in reversed(verbs):  # "…, where he erroneously suggested Curiel was from Mexico:"
        nearest = nearest_subject(clause[: verb.start()])
        if nearest and names_source(nearest):
            return Attribution(clean_source(nearest), verb.group(0), position, MEDIUM)
        if nearest is None or nearest:
            break
        # no subject of its own ("Lind, who told them when asked about it:"): the verb before
    phrase = subject_phrase(clause)
    if phrase.lower() in PRONOUNS or name_in(phrase) or single_name(phrase):
        return Attribution(phrase, "", position, MEDIUM)
    if opening_surname(clause):
        return Attribution(opening_surname(clause), "", position, MEDIUM)
    if describes_source(phrase):
        return Attribution(clean_source(phrase), "", position, MEDIUM)
    last = NAME_AT_END.search(clause)
    if last and name_in(last.group(0)):  # "The result does not surprise pollster Tom Lind:"
        return Attribution(clean_source(last.group(0)), "", position, MEDIUM)
    return None


def main_subject_cue(text, span, sentence_start):
    """For a quote inside a sentence that has no speech verb next to it: the subject of the
    sentence's verb ("Billy Joel sings, “…”", "Ash argued in his email, “…”")."""
    head = text[sentence_start : span.open_at]
    last_close = _last_close(head)
    own = head[last_close + 1 :]
    if len(own.split()) < 2:
        return None
    main = main_subject(own, masked_quotes(own))
    if main:
        return Attribution(clean_source(main[0]), main[1], span.open_at, LOW)
    return None


def partial_cue(text, span, sentence_start):
    """For a fragment inside reported speech: the speech verb and its subject."""
    head = text[sentence_start : span.open_at]
    masked = masked_quotes(head)
    possessive = POSSESSIVE_CUE.search(masked)
    framed = possessive and (
        PARTIAL_VERBS.search(masked[: possessive.start()])
        or FRAGMENT_VERBS.search(masked[: possessive.start()])
    )
    if possessive and not framed:  # "Sanders's call for a “revolution”", "in Forbes’ words"
        words = head[possessive.start("src") : possessive.end("src")].split()
        while len(words) > 1 and words[0] in NOT_NAME_WORDS:
            words.pop(0)  # "While Tom Okafor's call …"
        cue = possessive.group("noun")
        return Attribution(clean_source(" ".join(words)), cue, span.open_at, MEDIUM)
    participle = None
    # "When Lind announced his bid, he called them “…”": not the verb of the opening clause
    lead = LEADING_CLAUSE.match(masked)
    skip = lead.end() if lead and len(masked) - lead.end() > 10 else 0
    if ASKED_OPENING.match(masked):
        return Attribution(None, "asked", span.open_at, LOW)  # "Asked whether she “…”"
    for verb in reversed(list(PARTIAL_VERBS.finditer(masked, skip))):
        before = masked[: verb.start()]
        if NOUN_BEFORE.search(before) or not verb.group(0)[0].islower():
            continue  # a noun, not a verb: "Carter's comments", "his remarks", "United States"
        if verb.group(0).lower() in PASSIVE_PARTICIPLES and PASSIVE_BEFORE.search(before):
            # "Pence was asked about the “…” remark", "what is called a “debate”": the words
            # of someone the sentence does not name
            return Attribution(None, verb.group(0), span.open_at, LOW)
        if verb.group(0).lower().endswith("ing"):
            source = _participle_subject(head[: verb.start()], before)
            if source:
                return Attribution(clean_source(source), verb.group(0), span.open_at, MEDIUM)
            participle = participle or verb
            continue  # "…, adding that …": the subject is the main verb's
        subject = nearest_subject(head[: verb.start()], before)
        if subject is None:
            break
        if not subject and re.search(r"_\s*,?\s*$", before):
            # “…,” said Ana Ferreira, urging …: the subject follows the verb
            after = re.match(r"\s+([^,_;]{2,80}?)\s*(?:,|$)", masked[verb.end() :])
            subject = head[verb.end() + after.start(1) : verb.end() + after.end(1)] if after else ""
        if not subject and re.search(r"\band\s+(?:then\s+|later\s+|also\s+)?$", before):
            # "when Lind knocked Okafor on trade and called him a “…”": the verb before's subject
            opens = [m.end() for m in CLAUSE_OPENING.finditer(before)]
            prior = main_subject(head[opens[-1] : verb.start()], before[opens[-1] :])
            subject = prior[0] if prior else ""
        if subject and names_source(subject):
            return Attribution(clean_source(subject), verb.group(0), span.open_at, MEDIUM)
    if participle:  # "Carly Fiorina backed Ted Cruz on Wednesday, saying …"
        first = first_subject(head[: participle.start()], masked[: participle.start()])
        if first:
            return Attribution(clean_source(first), participle.group(0), span.open_at, MEDIUM)
    main = main_subject(head[skip:], masked[skip:])
    if main:
        cue = participle.group(0) if participle else main[1]
        own = CLAUSE_PRONOUN.search(masked[skip:])
        if own and own.start() > masked[skip:].find(main[1]):
            # "Lind backed the deal, although she has “doubts”": the fragment's own clause
            # names its source nearer than the sentence's subject does
            return Attribution(own.group("pronoun"), own.group("verb"), span.open_at, LOW)
        # "As the members sat down, Lind opened with a call to “…”": a past-tense verb in the
        # fragment's own clause, after its last comma or conjunction, has the nearer subject
        cut = max(m.end() for m in re.finditer(r"^|[,;]\s+|\s(?:and|but|while|when|as)\s", masked))
        near = main_subject(head[cut:], masked[cut:]) if cut > skip else None
        if near and near[0] != main[0] and near[1].endswith("ed"):
            return Attribution(clean_source(near[0]), near[1], span.open_at, LOW)
        return Attribution(clean_source(main[0]), cue, span.open_at, LOW)
    return _partial_cue_fallback(head, span)


# A pronoun subject in the last clause before a fragment: "…, although she made it clear that"
CLAUSE_PRONOUN = re.compile(
    r"(?:^|[,;(]\s*|\b(?:although|though|but|and|while|because|as|so|that|when|after|once)\s+)"
    r"(?P<pronoun>he|she|they)\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b(?=[^,;_()]*$)"
)


CLAUSE_OPENING = re.compile(r"^|[,;_]\s*|\b(?:when|as|after|while|because|that|since)\s+")
ASKED_OPENING = re.compile(r"\s*Asked\s+(?:whether|if|about|how|why|what|who|when)\b[^,_]*$")
PASSIVE_PARTICIPLES = {"asked", "called", "described", "said", "told", "labeled", "labelled"}
PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|is|are|be|been|being|when|if|what\s+is|what\s+was)\s+(?:[a-z]+ly\s+)?$"
)
LEADING_CLAUSE = re.compile(
    r"^\s*(?:(?:And|But|So)\s+)?(?i:(?:ever\s+)?since|when|after|while|as|although|though|"
    r"before|because|if|once|until|even\s+as|even\s+though|whereas)\b[^,_]{3,160},\s*"
)


# Words that report someone's words through what they are: "his call for …".
SAYING_NOUNS = (
    r"call|calls|promise|promises|claim|claims|words|comments|remarks|statement|assertion|"
    r"description|phrase|pledge|vow|warning|question|answer|response|line|message|slogan|"
    r"catch ?phrase|argument|accusation|suggestion|insistence|contention|characterization|"
    r"demand|criticism|praise|tweet|retort|quip|dictum|mantra|refrain|boast|assurance"
)
POSSESSIVE_CUE = re.compile(
    r"(?:^|(?<=[\s(]))(?P<src>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}(?=['’]s?\s))"
    rf"(?:['’]s?)?\s+(?:[a-z-]+\s+){{0,2}}(?P<noun>{SAYING_NOUNS})"
    r"(?:\s+(?:for|of|that|about|to(?:\s+be)?))?(?:\s+(?:a|an|the))?[\s,:]*$"
)


def _participle_subject(before, masked):
    """The subject of a participle that has its own: "with coach X saying", "– Ryan saying",
    "“…,” said X, urging"."""
    with_subject = re.search(r"\b[Ww]ith\s+([^,_]{2,80}?)\s*$", masked)
    if with_subject:
        return before[with_subject.start(1) : with_subject.end(1)]
    inverted = re.search(rf"_\s*(?:{SPEECH_VERBS})\s+([^,_]{{2,80}}?),\s*$", masked)
    if inverted and names_source(before[inverted.start(1) : inverted.end(1)]):
        return before[inverted.start(1) : inverted.end(1)]
    if not masked.rstrip().endswith(","):
        subject = nearest_subject(before, masked)
        if subject and names_source(subject) and looks_like_subject(subject):
            return subject
    return None


def _partial_cue_fallback(head, span):
    verbs = list(PARTIAL_VERBS.finditer(head))
    if not verbs:
        pronoun = re.match(r"^(?:[^,]{0,40},\s*)?(?P<src>[Hh]e|[Ss]he|[Tt]hey)\b", head)
        if pronoun:
            return Attribution(pronoun.group("src"), "", span.open_at, LOW)
        return None
    # The verb nearest the fragment whose subject is a noun phrase: not a noun after a
    # possessive ("Carter's comments") nor the second of two verbs ("told X that … and warned").
    verb, before = verbs[0], head[: verbs[0].start()]
    for candidate in reversed(verbs):
        subject = head[: candidate.start()]
        if re.search(r"['’]s\s+$", subject):
            continue
        aside = re.search(r",\s*([^,]+?)\s*$", subject)  # "Quotas, she argues, are …"
        if aside and (aside.group(1).lower() in PRONOUNS or name_in(aside.group(1))):
            verb, before = candidate, aside.group(1)
            break
        if looks_like_subject(source_from_subject(subject)):
            verb, before = candidate, subject
            break
    src = appositive_source(source_from_subject(before))
    if src is None:  # a clause before the verb names no one
        return Attribution(None, verb.group(0), span.open_at, LOW)
    src = re.split(r"\s+(?:as|because|when|while|after|since)\s+", src)[-1]
    if len(src.split()) > 6 and name_in(src):
        src = name_in(src)  # a whole clause before the verb: keep the name in it
    cue = verb.group(0)
    return Attribution(clean_source(src), cue, span.open_at, LOW)
