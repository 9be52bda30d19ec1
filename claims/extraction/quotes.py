"""Find quotations and reported speech in news text and attribute them (no Django).

`extract(text)` returns `Found` records whose offsets index into `text`, so
`text[found.start:found.end] == found.text`. The rules follow wire and
newspaper style: quotes with the cue before or after them ("…," said X /
X said: "…"), quotes split by their cue, continuation paragraphs, pronouns
and descriptions ("he", "the lawmaker") resolved to the person named earlier,
unnamed and institutional sources. Scare quotes, titles and headlines are
left out.

This module runs the stages in order over an article: `spans` finds paragraphs,
sentences and quotation spans, `cues` the source phrase and verb around each
quote, `sources` resolves the phrase to a name, and `indirect` finds reported
speech; `lexicon` holds the word lists they share.
"""

import re
from dataclasses import asdict, dataclass

from claims.extraction.cues import (
    HIGH,
    LOW,
    MEDIUM,
    Attribution,
    after_cue,
    before_cue,
    colon_cue,
    main_subject_cue,
    partial_cue,
)
from claims.extraction.indirect import LONGEST_SENTENCE, reported_statements
from claims.extraction.lexicon import DATELINE, PAIRS, SPEECH_VERBS, UNNAMED_HEADS, UPPER
from claims.extraction.names import name_key
from claims.extraction.sentence_cues import (
    asked_cue,
    clause_subject_cue,
    inscription_cue,
    inverted_aside_cue,
    main_clause_cue,
    naming_cue,
    next_sentence_cue,
    partial_trailing_cue,
    relayed_by,
    sentence_end_cue,
    signature_cue,
    signed_line_cue,
)
from claims.extraction.sources import Resolver, clean_source, name_in, single_name
from claims.extraction.spans import (
    classify,
    find_spans,
    is_sentence_like,
    paragraphs,
    sentence_bounds,
)
from claims.extraction.subjects import (
    LEADING_SUBORDINATE,
    appositive_source,
    masked_quotes,
    names_source,
    opening_surname,
    own_subject,
    source_from_subject,
    subject_phrase,
)


@dataclass
class Found:
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None
    attributed_as: str
    cue: str
    confidence: str = LOW  # how sure the attribution is: high, medium or low
    source_type: str = "unnamed"  # person, organization or unnamed

    def as_dict(self):
        data = asdict(self)
        data.pop("source_type")
        return data


def extract(text, regions=None, indirect=False, known_orgs=()):
    """Quotes in `text` (optionally only within `regions`), in text order."""
    resolver = Resolver(text, known_orgs)
    results = []
    previous = None  # the last attributed quote
    continued = False  # the last paragraph ended inside an open quotation
    paras = paragraphs(text, regions)
    for p_index, para in enumerate(paras):
        sentences = sentence_bounds(text, *para)
        spans = find_spans(text, para)
        reader = _SentenceReader(text, resolver, sentences, spans, indirect)
        previous_end = para[0]  # where the last quote of this paragraph closed
        for span in spans:
            # Sentences before this quote come first: their names decide who "he" is.
            results.extend(reader.read_until(span.open_at))
            s_index = next((i for i, (a, b) in enumerate(sentences) if a <= span.open_at < b), None)
            s_start = sentences[s_index][0] if s_index is not None else para[0]
            kind = classify(text, span, s_start)
            s_end = _sentence_end(text, span, sentences, para)
            # A title mid-sentence ("on CBS's “Face the Nation,” Sanders said") is no speech.
            untitled = not text[s_start : span.open_at].strip(" :—–-") or text[span.start].islower()
            if kind is None and untitled and text[span.end - 1] in ",.!?":
                # “Absolutely,” he said: a word in quotation marks that a speech verb follows
                found_cue = after_cue(text, span, max(s_end, span.close_at), "direct")
                speech = found_cue and found_cue.cue and found_cue.confidence == HIGH
                kind = "direct" if speech else None
            if kind is None:
                continue
            if (
                not span.closed
                and not _continues(text, paras, p_index)
                and len(text[span.start : span.end].split()) < 3
            ):
                continue
            attribution = None
            if span.open_at == para[0] and kind == "direct":
                attribution = _transcript_label_cue(text, span)  # “RAMOS: Secretary, …”
            if attribution is None:
                attribution = asked_cue(text, span, s_start)  # "X was asked, “…”": not X's words
            if attribution is None:
                attribution = inscription_cue(text, span, s_start)  # "a sign that read “…”"
            if attribution is None:
                attribution = after_cue(text, span, max(s_end, span.close_at), kind)
            if attribution is None and kind == "partial":
                attribution = naming_cue(text, span, s_start)  # "what X calls “…”"
            if attribution is None:
                attribution = inverted_aside_cue(text, span, s_start)  # "…, says X, is “…”"
            if attribution is None:
                attribution = before_cue(text, span, s_start)
            if attribution is None and kind == "direct":
                attribution = main_subject_cue(text, span, s_start)
            if attribution is None and kind == "partial":
                attribution = partial_cue(text, span, s_start)
            if attribution is None:
                attribution = signature_cue(text, paras, p_index, span)  # “…”\n\n- Ana Lind.
            if attribution is None:
                attribution = signed_line_cue(text, span)  # “…” ― Ana Lind, 34
            if attribution is None and span.open_at == para[0] and not continued:
                attribution = _paragraph_colon_cue(text, paras, p_index, span)
            if attribution is None and span.open_at == para[0] and not continued:
                attribution = next_sentence_cue(text, span, sentences, s_end)
            if attribution is None or attribution.confidence == LOW:
                # "Guns are “…” and “…,” Dean proclaimed.": the cue after the sentence's last quote
                attribution = sentence_end_cue(text, span, spans, s_end) or attribution
            if kind == "partial" and (attribution is None or attribution.confidence == LOW):
                # "The mayor’s “promises” are empty, Ana Ferreira said, …"
                attribution = partial_trailing_cue(text, span, s_end) or attribution
            if (
                attribution is None
                and kind == "direct"
                and not text[s_start : span.open_at].strip()
            ):
                attribution = _late_cue(text, span, s_end)  # “…,” a delegate, wearing …, said
            if attribution is None:
                attribution = clause_subject_cue(text, span, s_start)
            if attribution is not None:
                # "A week later, she called it “…”": not the time phrase but the subject after it
                opener = main_clause_cue(text, span, s_start, s_end, attribution)
                attribution = opener or attribution
                attribution.via = relayed_by(text, s_start, s_end, attribution)
            if attribution is not None:
                if (attribution.attributed_as or "").lower() in {"he", "she", "they"}:
                    _track_head(text, resolver, s_start, span.open_at)
                source = _source_of(resolver, attribution, previous)
            else:
                source = None
                if span.open_at == para[0] and not continued and p_index:
                    # "Dianne Bystrom agreed.\n\n“…”": the paragraph before names the speaker
                    source = _previous_subject(text, resolver, *paras[p_index - 1], whole=True)
                if source is None and text[s_start : span.open_at].strip():
                    source = _own_subject(text, resolver, s_start, span)  # "The group accuses …"
                if source is None:
                    source = _carry_over(text, resolver, previous, (previous_end, para[1]), span)
                if source and source[-1] == MEDIUM and not (previous_end > para[0] or continued):
                    source = (*source[:-1], LOW)  # the last quote was in another paragraph
            speaker, source_type, attributed_as, cue, confidence = source or (
                None,
                "unnamed",
                "",
                "",
                LOW,
            )
            found = Found(
                text=text[span.start : span.end],
                start=span.start,
                end=span.end,
                kind=kind,
                speaker=speaker,
                attributed_as=attributed_as,
                cue=cue,
                confidence=confidence,
                source_type=source_type,
            )
            if source_type == "person":
                resolver.last_person = speaker
            results.append(found)
            previous = found
            previous_end = span.close_at
        results.extend(reader.read_until(para[1] + 1))
        continued = bool(spans) and not spans[-1].closed
    results.sort(key=lambda f: (f.start, f.end))
    return results


class _SentenceReader:
    """Walks a paragraph's sentences in order, keeping the resolver's idea of who "he" is
    up to date and, when asked, finding the reported speech in each."""

    def __init__(self, text, resolver, sentences, spans, indirect):
        self.text = text
        self.resolver = resolver
        self.sentences = sentences
        self.spans = spans
        self.indirect = indirect
        self.tracked = 0  # sentences whose names are tracked
        self.reported = 0  # sentences read for reported speech

    def read_until(self, position):
        """Reported speech in the sentences starting before `position`; tracks the names of
        those that end before it."""
        found = []
        while self.indirect and self.reported < len(self.sentences):
            a, b = self.sentences[self.reported]
            if a > position:
                break
            self._track(self.reported)
            found += _indirect_at(self.text, self.resolver, a, b, self.spans)
            self.reported += 1
        while self.tracked < len(self.sentences) and self.sentences[self.tracked][1] <= position:
            self._track(self.tracked + 1)
        return found

    def _track(self, upto):
        _track_names(self.text, self.resolver, self.sentences[self.tracked : upto])
        self.tracked = max(self.tracked, upto)


def _sentence_end(text, span, sentences, para):
    """Where the sentence holding a quote's closing mark ends."""
    s_end = next((b for a, b in sentences if a <= span.close_at - 1 < b), para[1])
    if text[span.end - 1] in "?!" and not text[span.close_at : s_end].strip():
        # “… it’s offensive!” Cruz said. The cue after ?” or !” looks like a new sentence.
        s_end = next((b for a, b in sentences if a >= s_end), s_end)
    return s_end


def _source_of(resolver, attribution, previous):
    """(speaker, source_type, attributed_as, cue, confidence) for a quote's attribution."""
    if attribution.attributed_as is None:  # "she was asked about the “…” remark": no one named
        return None, "unnamed", "", attribution.cue, LOW
    if not attribution.attributed_as:  # "adding" and the like: the same source as before
        if previous is None:
            return None, "unnamed", "", attribution.cue, LOW
        return (
            previous.speaker,
            previous.source_type,
            previous.attributed_as,
            attribution.cue,
            attribution.confidence,
        )
    speaker, source_type = resolver.resolve(attribution.attributed_as, attribution.position)
    confidence = _resolved(attribution.confidence, attribution.attributed_as, speaker)
    attributed_as = attribution.attributed_as
    if attribution.via:
        attributed_as = f"{attributed_as}, according to {attribution.via}"
    return speaker, source_type, attributed_as, attribution.cue, confidence


def _resolved(confidence, attributed_as, speaker):
    """A high confidence becomes medium when the speaker was found through a pronoun or a
    description ("he", "the Iraqi PM") rather than named in `attributed_as`."""
    if confidence != HIGH or not speaker:
        return confidence
    if speaker.split()[-1].lower() in attributed_as.lower():
        return confidence
    return MEDIUM


def _paragraph_colon_cue(text, paras, p_index, span):
    """For a quote opening a paragraph after one that ends in a colon ("Cruz continued:")."""
    if p_index == 0:
        return None
    start, end = paras[p_index - 1]
    if text[end - 1] != ":":
        return None
    last = sentence_bounds(text, start, end)[-1]
    clause = text[last[0] : end]
    if re.search(r"[“”«»\"]", clause):
        return None
    # "When the talks collapsed, the minister released this statement:"
    main = _main_clause(clause)
    main_at = last[0] + len(clause) - len(main)
    found = colon_cue(clause, last[0]) or (main != clause and colon_cue(main, main_at))
    subject = subject_phrase(main)
    if not found and names_source(subject):  # "The New York Times confirmed it, reporting:"
        found = Attribution(clean_source(subject), "", last[0], MEDIUM)
    return found or None


def _main_clause(sentence):
    """`sentence` without the clause or phrase it opens with when a subject and its verb
    follow that ("When the talks collapsed, the minister said …" -> "the minister said …")."""
    opener = LEADING_SUBORDINATE.match(sentence)
    if not opener:
        return sentence
    rest = sentence[opener.end() :]
    subject = subject_phrase(rest)
    if subject and rest.startswith(subject) and re.match(r"\s+[a-z]", rest[len(subject) :]):
        return rest
    return sentence


TRANSCRIPT_LABEL = re.compile(
    rf"(?P<src>[{UPPER}][{UPPER}.’'-]+(?:[ \t]+[{UPPER}][{UPPER}.’'-]+){{0,2}}"
    rf"|[{UPPER}][a-z’'-]+(?:[ \t]+[{UPPER}][\w.’'-]+){{1,2}}):[ \t]+(?=[{UPPER}])"
)
NOT_SPEAKER_LABELS = {"VIDEO", "AUDIO", "UPDATE", "NOTE", "EXCLUSIVE", "BREAKING", "WATCH"}


def _transcript_label_cue(text, span):
    """For a quote that opens with a speaker's label, as transcripts print each turn ("“RAMOS:
    Secretary, …”", "“Ana Lind: We …”"): the name labelled."""
    label = TRANSCRIPT_LABEL.match(text, span.start)
    if not label or label.group("src").upper() in NOT_SPEAKER_LABELS:
        return None
    src = label.group("src")
    if not (name_in(src) or single_name(src) or src.isupper()):
        return None
    return Attribution(src, "", span.start, MEDIUM)


LATE_VERB = re.compile(rf"(?<![\w’'-])(?:also\s+)?(?:{SPEECH_VERBS}|recalled|remembered)\b")
NOT_A_SUBJECT = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|what|that|which|when|if)\b"
)


def _late_cue(text, span, s_end):
    """For a quote that opens its sentence when the speech verb after it follows a long
    subject ("“…,” a delegate from Basra, wearing a “Vote Lind” pin, said") or comes before
    its subject ("“…,” recalled Omar Saleh"): that subject, when it names a source."""
    tail = masked_quotes(text[span.close_at : s_end])
    verb = LATE_VERB.search(tail)
    if not verb or verb.start() > 240 or not re.match(r"[,\s]", tail):
        return None
    src = tail[: verb.start()].strip(" ,").split(",")[0].strip()
    if not src:  # “…,” recalled Omar Saleh, the party’s spokesman
        src = re.split(r"[,;:.]", tail[verb.end() :])[0].strip()
    words = src.split()
    if not words or len(words) > 12 or "_" in src or NOT_A_SUBJECT.search(src):
        return None
    if not names_source(src):
        return None
    return Attribution(src, verb.group(0), span.close_at, MEDIUM)


def _continues(text, paras, p_index):
    if p_index + 1 >= len(paras):
        return False
    return text[paras[p_index + 1][0]] in PAIRS


# The full stop of "Sen.", "M." or "(R-Tex.)", which ends no sentence.
ABBREVIATION_STOP = (
    r"(?<=[\s(-][A-Z])\.|(?<=[\s(-][A-Z][a-z])\.|(?<=[\s(-][A-Z][a-z]{2})\.(?=[\s)])"
)
NOUN_CUE = re.compile(r"\b(?:a|an|the|his|her|their|its|this|that)$", re.IGNORECASE)


def _carry_over(text, resolver, previous, para, span):
    """Source of an uncued quote: a speech verb since the last quote, or the last quote's."""
    head = text[para[0] : span.open_at]
    cues = [
        match
        for match in re.finditer(
            rf"(?P<src>(?:[^.“”«»\"]|{ABBREVIATION_STOP}){{1,120}}?)\s+"
            rf"(?P<cue>(?:also\s+)?(?:{SPEECH_VERBS}))\b",
            head,
        )
        if not NOUN_CUE.search(match.group("src"))  # "tweeted a warning": a noun, no verb
    ]
    # "” … the train has left the station,” wrote the magazine. “…”"
    cues += re.finditer(
        rf"[”\"],?\s*(?P<cue>{SPEECH_VERBS})\s+(?P<src>[^.,;:“”«»\"]{{2,80}})", head
    )
    for match in sorted(cues, key=lambda m: m.start("cue"), reverse=True):
        src = source_from_subject(match.group("src"))
        src = re.sub(rf"^(?:{SPEECH_VERBS})\s+", "", src)  # “…,” said Rep. Lind, who added
        src = re.split(r"\s+(?:as|because|when|while|after|since)\s+", src)[-1]
        src = appositive_source(src)
        if src and not NOT_A_SUBJECT.search(src):  # "Obama has had a frosty …": a clause
            speaker, source_type = resolver.resolve(src, para[0] + match.start())
            if speaker or UNNAMED_HEADS.match(src):
                return speaker, source_type, clean_source(src), match.group("cue"), MEDIUM
    named = _previous_subject(text, resolver, para[0], span.open_at)
    if named:
        return named
    if previous:
        return previous.speaker, previous.source_type, previous.attributed_as, "", MEDIUM
    return None


def _own_subject(text, resolver, s_start, span):
    """Source of an uncued quote inside a sentence: the subject of the sentence's main
    clause before it ("The report accuses the ministry of “…”"), at low confidence."""
    subject = own_subject(text[s_start : span.open_at])
    if not subject:
        return None
    speaker, source_type = resolver.resolve(subject, s_start)
    return speaker, source_type, clean_source(subject), "", LOW


def _previous_subject(text, resolver, start, end, whole=False):
    """The source a quote that opens a sentence takes from the sentence just before it in
    its paragraph ("Dianne Bystrom agreed. “…”"), or, with `whole`, from the last sentence
    of the paragraph before when that paragraph quotes no one; else None."""
    if not text[start:end].strip():
        return None
    if whole and re.search(r"[“”«»\"]", text[start:end]):
        return None
    a, b = sentence_bounds(text, start, end)[-1]
    if text[b:end].strip() or re.search(r"[“”«»\"]", text[a:b]):
        return None
    sentence = text[a:b]
    main = _main_clause(sentence)  # "At the minister’s request, the party …"
    if main == sentence and LEADING_SUBORDINATE.match(sentence):
        return None  # a name inside the opening phrase is not the sentence's subject
    a, sentence = a + len(sentence) - len(main), main
    subject = subject_phrase(sentence)
    named = name_in(subject) or single_name(subject) or subject.lower() in {"he", "she"}
    # "The ministry issued a statement.": a group or description that speaks in the sentence
    speaks = whole and STATEMENT_SENTENCE.search(sentence)
    speaks = speaks and (names_source(subject) or re.fullmatch(r"(?:the\s+)?[A-Z]{2,6}", subject))
    if not (named or speaks):
        return None
    speaker, source_type = resolver.resolve(subject, a)
    if not (speaker or speaks):
        return None
    return speaker, source_type, clean_source(subject), "", LOW


STATEMENT_SENTENCE = re.compile(
    rf"\b(?:{SPEECH_VERBS}|issued|released)\b.*\b(?:statement|letter|release|memo)\b"
)
OWN_PRONOUN = re.compile(
    rf",?\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS}|believes|thinks|hopes|wants|wanted)\s+(?:that\s+)?"
    r"(he|she)\b"
)


def _track_names(text, resolver, sentences):
    """Keep the last person and organization named as a subject up to date for pronouns."""
    for a, b in sentences:
        sentence = text[a:b]
        if re.search(r"[“”«»\"]", sentence):
            continue
        main = _main_clause(sentence)  # "When …, Justice Lind’s remarks …"
        subject = subject_phrase(main)
        if main != sentence and not (name_in(subject) or single_name(subject)):
            subject = subject_phrase(sentence)
        name = name_in(subject) or single_name(subject)
        if name and not name_in(subject) and not resolver.surname_like(name):
            name = None  # "Sources close to the talks say …"
        if not name:
            # "Benavides-Hunt disagrees.": a surname the article has used, then a verb.
            opening = opening_surname(sentence)
            key = name_key(opening).split() if opening else []
            if key and key[-1] in resolver.by_surname:
                name = opening
        if not name and subject.lower().startswith("the "):
            name = resolver.describe(subject, a)  # "The Iraqi PM has so far avoided …"
        if name:
            resolver.position = a
            resolver.last_person = resolver.fullest_person(name)
            # "Ana Ferreira said she would run": a named subject speaks of themself
            own = OWN_PRONOUN.match(sentence[sentence.find(subject) + len(subject) :])
            if subject and own:
                resolver.learn_gender(resolver.last_person, own.group(1).lower())
        org = re.search(r"\bthe\s+((?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*)\s+published\b", sentence)
        if org:
            resolver.last_org = resolver.fullest_org(org.group(1))


def _track_head(text, resolver, start, end):
    """Track the subject the quote's sentence opens with before its first quotation mark
    ("Fallon fired back: “…,” he wrote"), so that "he" can be that person."""
    head = re.split(r"[“”«»\"]", text[start:end])[0]
    if len(head.split()) >= 2:
        _track_names(text, resolver, [(start, start + len(head))])


def _indirect_at(text, resolver, a, b, spans):
    """The reported speech in the sentence text[a:b], as Found records."""
    if b - a > LONGEST_SENTENCE:
        return []  # not prose; the patterns would take time quadratic in its length
    if any(a <= s.open_at < b and is_sentence_like(text[s.start : s.end]) for s in spans):
        return []
    return [_reported(text, resolver, a, *hit) for hit in reported_statements(text[a:b])]


def _reported(text, resolver, a, src, cue, c_start, c_end):
    """A Found for the clause text[a + c_start : a + c_end] that `src` reported."""
    dateline = DATELINE.match(src)  # "ERBIL, Iraq — Kurdish commanders say …"
    if dateline:
        src = src[dateline.end() :]
    src_head = appositive_source(source_from_subject(src)) or ""
    src_head = re.split(r"\s+(?:as|because|when|while|after|since)\s+", src_head)[-1]
    name = name_in(src_head)
    if name and len(src_head.split()) > 6:
        src_head = name
    speaker, source_type = resolver.resolve(src_head, a)
    confidence = _resolved(HIGH, src_head, speaker) if speaker or src_head else LOW
    start, end = a + c_start, a + c_end
    while start < end and text[start] in " ,":
        start += 1
    return Found(
        text=text[start:end],
        start=start,
        end=end,
        kind="indirect",
        speaker=speaker,
        attributed_as=clean_source(src_head),
        cue=cue,
        confidence=confidence,
        source_type=source_type,
    )
