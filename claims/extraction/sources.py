"""Person and organization mentions, and the Resolver that maps a source phrase to the
fullest name the article uses for it (no Django)."""

import bisect
import re
from dataclasses import dataclass

from claims.extraction.lexicon import (
    DOCUMENTS,
    FEMALE_NAMES,
    MALE_NAMES,
    NAME_PARTICLE,
    NAME_RE,
    NOT_NAME_WORDS,
    ORG_NOUNS,
    ORG_WORDS,
    OUTLET_NAMES,
    OUTLET_NOUNS,
    OUTLET_WORDS,
    PERSON_NOUNS,
    PLACES,
    PRONOUNS,
    ROLE_WORDS,
    TITLE_WORDS,
    UNNAMED_HEADS,
    UPPER,
)
from claims.extraction.names import SUFFIXES, name_key, names_match, surname


@dataclass
class Mention:
    name: str
    start: int
    context: str  # words around the mention (titles and appositions)
    is_org: bool


def clean_source(phrase):
    if phrase is None:
        return None
    phrase = phrase.strip(" ,.;:—–-")
    phrase = re.sub(r"\s*\((?:[A-Z]{2,6})\)", "", phrase)
    return phrase.strip()


def _strip_titles(name):
    name = re.sub(rf"^(?:{TITLE_WORDS}\s+)+", "", name)
    return name.strip()


def name_in(phrase):
    """The person name in `phrase` ("Iraqi Prime Minister Haider al-Abadi" -> "Haider al-Abadi")."""
    best = None
    for match in NAME_RE.finditer(phrase):
        candidate = _strip_titles(re.sub(r"['’]s$", "", match.group(0)))
        tokens = candidate.split()
        # A headline in title case is no name: "Christie Is Over Marco Rubio".
        breaks = [i for i, t in enumerate(tokens) if t in HEADLINE_WORDS]
        if breaks:
            tokens = tokens[max(breaks) + 1 :]
        # A person's name starts after an organization's ("Pentagon Press Secretary Peter Cook")
        # and after the titles before it ("Senate Majority Leader Daniel Hartwell").
        if len(tokens) > 2 and re.search(r"['’]s$", tokens[-2]) and tokens[0] in GIVEN_NAMES:
            tokens = [*tokens[:-2], re.sub(r"['’]s$", "", tokens[-2])]  # "Ana Lind’s Senate"
        ends = [i for i, t in enumerate(tokens) if ORG_WORDS.fullmatch(t)]
        ends += [i for i, t in enumerate(tokens[:-1]) if t.rstrip(".") in ROLE_WORDS]
        if ends:
            tokens = tokens[max(ends) + 1 :]
        owners = [i for i, t in enumerate(tokens[:-2]) if re.search(r"['’]s$", t)]
        if owners:  # "Colorado’s Kendal Unruh", "HuffPost Live’s Ana Lind": the person
            tokens = tokens[max(owners) + 1 :]
        while tokens and tokens[0] in NOT_NAME_WORDS:
            tokens.pop(0)
        tokens = _after_place(tokens)  # "New Hampshire Sen. Jeanne Shaheen"
        while tokens and tokens[-1] in NOT_NAME_WORDS | {"Al", "al"}:
            tokens.pop()
        if tokens and tokens[-1] in {"Act", "Amendment"}:
            continue  # "the Lind-Okafor Act": a law
        if len(tokens) >= 2 and not ORG_WORDS.search(" ".join(tokens)):
            if " ".join(tokens) not in PLACES:
                best = " ".join(tokens)
    return best


GIVEN_NAMES = MALE_NAMES | FEMALE_NAMES
HEADLINE_WORDS = set(
    "Is Are Was Were Has Have Says Said Over For With And Of To On In At By Vs From After "
    "About Than Into As Or The Will Would Can Could Should Slams Blasts Calls Wants".split()
)


def _after_place(tokens):
    """`tokens` without the place name they open with, and the titles after it."""
    for size in (3, 2, 1):
        if len(tokens) > size and " ".join(tokens[:size]) in PLACES:
            rest = tokens[size:]
            while len(rest) > 1 and rest[0].rstrip(".") in ROLE_WORDS | NOT_NAME_WORDS:
                rest = rest[1:]
            return rest
    return tokens


SINGLE_NAME = re.compile(
    rf"(?:{TITLE_WORDS}\s+)?((?:{NAME_PARTICLE}\s+)?(?:[Aa]l-)?[{UPPER}][\w’'-]+)"
)


def single_name(phrase):
    """The surname `phrase` consists of, titles and roles aside ("Jubouri", "Gen. Dunford",
    "Chief Justice Lind"), or None."""
    words = phrase.split()
    while len(words) > 1 and words[0].rstrip(".") in ROLE_WORDS:
        words.pop(0)
    single = SINGLE_NAME.fullmatch(" ".join(words))
    name = re.sub(r"['’]s?$", "", single.group(1)) if single else None  # "Ferreira’s letter"
    if name and name not in NOT_NAME_WORDS | PLACES:
        return name
    return None


ORG_OF = re.compile(
    rf"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[{UPPER}][\w’'-]+"
    rf"(?:[ \t]+(?:and[ \t]+)?[{UPPER}][\w’'-]+){{0,3}}"
)


def _title_case_lines(text):
    """(start, end) of the lines of `text` written in title case, as headlines are."""
    lines, start = [], 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line) if len(w) > 3]
        if len(words) >= 3 and all(w[:1].isupper() for w in words):
            lines.append((start, start + len(line)))
        start += len(line) + 1
    return lines


# A title in quotation marks, double or doubled single ones: “Going Viral”, ''Going Viral''.
TITLE_QUOTED = re.compile(r"(?:[“\"]|'')(?:(?!'')[^“”\"\n]){1,60}?[,.]?(?:[”\"]|'')")


SENTENCE_OPENERS = set(
    "The Both Even Only And But So Also Then While When If As Although Because Meanwhile "
    "However Yet Still Neither Either Unlike Like Now Today Yesterday Follow See Read Watch".split()
)


def _org_name(raw):
    """`raw` without "The" and the words a sentence opens with before a name ("Both The
    New York Times" -> "New York Times")."""
    words = raw.split()
    while len(words) > 2 and words[0] in SENTENCE_OPENERS:
        words.pop(0)
    return re.sub(r"^(?:The|the)\s+", "", " ".join(words))


def collect_mentions(text):
    """Person and organization mentions in `text`, in order, with their context."""
    mentions = []
    headings = _title_case_lines(text)
    for match in NAME_RE.finditer(text):
        if any(a <= match.start() < b for a, b in headings):
            continue  # "Christie Is Over Marco Rubio": a headline, not a name
        opened = [max(0, match.start() - n) for n in (1, 2)]
        if match.start() and any(TITLE_QUOTED.match(text, at) for at in opened):
            continue  # the co-author of “Going Viral”: a title in quotation marks
        raw = match.group(0)
        before = re.split(r"[,.;:“”«»\"]", text[max(0, match.start() - 60) : match.start()])[-1]
        after = text[match.end() : match.end() + 140]
        apposition = re.match(r"^,\s*([^,.;“”«»\"]+)", after)
        context = before + " " + raw + " " + (apposition.group(1) if apposition else "")
        person = name_in(raw)
        if ORG_WORDS.search(raw) and not (person and raw.endswith(person)):
            # "Ministry of Migration", "Office of Management and Budget"
            of = ORG_OF.match(text, match.end())
            org = _org_name(raw + (of.group(0) if of else ""))
            mentions.append(Mention(org, match.start(), context, True))
            continue
        name = name_in(raw)
        if name:
            offset = match.start() + raw.find(name.split()[0])
            mentions.append(Mention(name, offset, context, False))
    return mentions


DOCUMENT_FROM = re.compile(rf"^(?:a|an|the)\s+(?:{DOCUMENTS})\s+(?:from|by|issued\s+by)\s+")
DOCUMENT_OF = re.compile(
    rf"(?:the\s+|an?\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)\s+(?:{DOCUMENTS})"
)


# Things that speak for whoever issued them: "the report said", "the campaign said".
ISSUED_NOUNS = {"report", "statement", "study", "memo", "letter", "ad", "campaign", "poll"}
PRONOUN_GENDER = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she"}


def given_name_gender(name):
    """ "he" or "she" for a name whose first word is a common given name, else None."""
    first = _strip_titles(name).split()[:1]
    if first and first[0] in FEMALE_NAMES:
        return "she"
    if first and first[0] in MALE_NAMES:
        return "he"
    return None


NP_TAIL = re.compile(r"\s+(?:of|from|at|with|for|who|which)\s+")


def _name_before_tail(phrase):
    """The person a phrase names before its "of"/"from"/"at" tail ("Ana Lind of the Institute
    for Energy Studies" -> "Ana Lind"), unless the head is a title ("Chief of Staff")."""
    head = NP_TAIL.split(phrase)[0]
    if head == phrase or head.split()[-1].rstrip(".") in ROLE_WORDS:
        return None
    return name_in(head)


# Capitalised words that open a name run without being a given name: "Team Lind".
NOT_GIVEN_NAMES = {"Team", "Plus", "Maybe", "Another", "Several", "Rival", "Interestingly"}


def _surname_keys(name):
    """The keys a name is filed under: its surname's, and a suffix it ends with."""
    key = name_key(name).split()
    return {surname(name), key[-1]} - {""} if key else set()


def _unsuffixed(name):
    """The key of `name` without the suffix it ends with, or None when it has none."""
    key = name_key(name).split()
    return " ".join(key[:-1]) if len(key) > 1 and key[-1] in SUFFIXES else None


def _same_person(a, b):
    """True when the names `a` and `b` can name one person (one contains the other)."""
    return names_match(a, b) or names_match(b, a)


class Resolver:
    """Maps how a quote's source is named to the fullest name the article uses."""

    def __init__(self, text, known_orgs=()):
        self.text = text
        self.mentions = collect_mentions(text)
        self.starts = [m.start for m in self.mentions]
        # Person mentions by surname (and by a suffix ending them, for "Donald Jr."): a
        # surname can only match those.
        self.by_surname = {}
        self.laws = set(re.findall(r"([\w’'-]+)\s+(?:Act|Amendment)\b", text))
        for mention in self.mentions:
            if mention.is_org or self._names_a_law(mention.name.split()[-1]):
                continue  # "Super Lind-Okafor" of "the Lind-Okafor Act" is no person
            for key in _surname_keys(mention.name):
                if mention.name not in self.by_surname.setdefault(key, []):
                    self.by_surname[key].append(mention.name)
        self.known_orgs = list(known_orgs)
        self.position = 0
        self._last_person = None
        self.last_person_at = -1
        self.recent = []  # people the story has been about, the latest last
        self.surname_person = {}  # (surname, gender) -> whom the surname alone names
        self.gender = {}  # person -> "he" or "she", as the article refers to them
        self.last_org = None
        self.last_unnamed = None  # (words, position) of the last unnamed source

    @property
    def last_person(self):
        return self._last_person

    @last_person.setter
    def last_person(self, name):
        self._last_person = name
        self.last_person_at = self.position
        if name:
            if name in self.recent:
                self.recent.remove(name)
            self.recent.append(name)

    def _names_a_law(self, word):
        """True when the article writes `word` before "Act" ("the Lind-Okafor Act")."""
        return word in self.laws

    def surname_like(self, word):
        """False for a capitalised word the article also uses in lower case ("Sources",
        "Wait", "Signs") unless a full name in the article ends with it, and for the name of
        a law ("Lind-Okafor" of "the Lind-Okafor Act")."""
        if self._names_a_law(word):
            return False
        if _surname_keys(word) & self.by_surname.keys():
            return True
        lower = re.escape(word.split()[-1].lower())
        return not re.search(rf"(?<![\w’'-]){lower}(?![\w’'-])", self.text)

    def learn_gender(self, name, pronoun):
        """Remember that the article calls `name` "he" or "she" ("Ana Ferreira said she …")."""
        if name and pronoun in PRONOUN_GENDER:
            self.gender.setdefault(name, PRONOUN_GENDER[pronoun])

    def pronoun_person(self, pronoun):
        """The person "he" or "she" stands for: the latest of the last three the story was
        about whom the article has not called by the other pronoun."""
        wanted = PRONOUN_GENDER.get(pronoun)
        for name in reversed(self.recent[-3:]):
            if self.gender.get(name, given_name_gender(name) or wanted) == wanted:
                return name
        if wanted and self.gender.get(self.last_person, given_name_gender(self.last_person or "")):
            # the last person is of the other gender: the nearest earlier one who fits
            nearby = bisect.bisect_left(self.starts, self.position)
            for mention in reversed(self.mentions[max(0, nearby - 15) : nearby]):
                name = self.fullest_person(mention.name) if not mention.is_org else None
                if name and self.gender.get(name, given_name_gender(name)) == wanted:
                    return name
        return self.last_person

    def fullest_person(self, name, courtesy=None):
        """The fullest name in the article for the person `name` names. A surname two people
        share stands for the one it stood for before, else for the one the article names
        first (of the gender `courtesy`, "Mr" or "Ms", gives); a name with a suffix ("Duncan
        Lind Sr.") is another person than the same name printed without it."""
        candidates = []
        for key in _surname_keys(name):
            candidates += [c for c in self.by_surname.get(key, []) if names_match(name, c)]
        printed = {name_key(c) for c in candidates}
        candidates = [
            c for c in dict.fromkeys(candidates) if c == name or _unsuffixed(c) not in printed
        ]
        if not candidates:
            return name
        people = [c for c in candidates if self._given_name_first(c)] or candidates
        if len(name_key(name).split()) == 1 and len({name_key(c).split()[0] for c in people}) > 1:
            # two people share the surname ("Alan Lind", "Dena Lind")
            people, gender = self._of_courtesy_gender(courtesy, people)
            anchor = self.surname_person.get((surname(name), gender))
            if anchor not in people:
                anchor = self._likeliest(people)
            self.surname_person[surname(name), gender] = anchor
            candidates = [c for c in people if _same_person(c, anchor)]
        return max(candidates, key=lambda c: (len(name_key(c)), len(c)))

    def _given_name_first(self, name):
        """True when `name` opens with a given name, not with a word the article also uses in
        lower case ("Does Lind", "Team Lind")."""
        first = name.split()[0]
        if first in GIVEN_NAMES or len(name.split()) < 2:
            return True
        if first in NOT_NAME_WORDS | SENTENCE_OPENERS | NOT_GIVEN_NAMES or first.endswith("ing"):
            return False
        return not re.search(rf"(?<![\w’'-]){re.escape(first.lower())}(?![\w’'-])", self.text)

    def _of_courtesy_gender(self, courtesy, candidates):
        """(`candidates` of the gender `courtesy` ("Mr", "Ms") gives if any are, that gender)."""
        if not courtesy:
            return candidates, None
        wanted = "he" if courtesy == "Mr" else "she"
        genders = {c: self.gender.get(c, given_name_gender(c)) for c in candidates}
        known = [c for c in candidates if genders[c] == wanted]
        return known or [c for c in candidates if not genders[c]] or candidates, wanted

    def _likeliest(self, candidates):
        """Of `candidates`, the person the article names first."""
        order = [m.name for m in self.mentions if not m.is_org]
        return min(
            candidates, key=lambda c: next(i for i, m in enumerate(order) if _same_person(c, m))
        )

    def fullest_org(self, name):
        """The longest organization name in the article that contains the words of `name`."""
        bare = re.sub(r"^(?:the|The)\s+", "", name)
        bare = re.sub(r"^(?:[a-z][\w-]*\s+)+(?=[A-Z])", "", bare)  # "rival Patriotic Union"
        best = bare
        for org in [*self.known_orgs, *(m.name for m in self.mentions if m.is_org)]:
            org_bare = re.sub(r"^(?:the|The)\s+", "", org)
            words = set(org_bare.lower().split())
            if set(bare.lower().split()) <= words and len(org_bare) > len(best):
                best = org_bare
        return best

    def describe(self, phrase, position):
        """Resolve a description ("the Iraqi PM", "the lawmaker") to the person it names.

        The person the story is about just now wins if their titles and appositions
        share a word with the description (or no one's do); else the earlier person
        sharing most words, the nearest on a tie; failing that a later one that shares
        at least two words (cataphora).
        """
        words = {
            w
            for w in re.findall(r"[a-z]+", phrase.lower())
            if w not in {"the", "of", "a", "an", "and", "s", "in"}
        }
        if not words & PERSON_NOUNS:
            return None
        synonyms = {"pm": {"prime", "minister"}, "lawmaker": {"mp", "parliamentarian"}}
        for word in list(words):
            words |= synonyms.get(word, set())
        before, after = [], []
        nearby = bisect.bisect_left(self.starts, position)
        for mention in self.mentions[max(0, nearby - 40) : nearby + 10]:
            if mention.is_org:
                continue
            context = set(re.findall(r"[a-z]+", mention.context.lower()))
            overlap = len(words & context)
            if mention.start < position:
                before.append((overlap, mention.start, mention.name))
            else:
                after.append((overlap, -mention.start, mention.name))
        if before:
            overlapping = [b for b in before if b[0]]
            if self.last_person and (
                not overlapping or any(names_match(b[2], self.last_person) for b in overlapping)
            ):
                return self.last_person  # the person the story is about just now
            return self.fullest_person(max(overlapping or before)[2])
        if after and max(after)[0] >= 2:
            return self.fullest_person(max(after)[2])
        return None

    def describe_org(self, phrase, position):
        """Resolve "the ministry", "the newspaper" or "the Kommersant newspaper" to an org."""
        named = re.fullmatch(
            rf"(?:the\s+)?((?:[A-Z][\w’'.-]*\s+){{0,3}}[A-Z][\w’'.-]*)\s+(?:{OUTLET_NOUNS})",
            phrase,
        )
        if named and named.group(1) not in NOT_NAME_WORDS:
            return named.group(1)
        bare = re.fullmatch(r"the\s+(?:[a-z-]+\s+)?([a-z]+)", phrase.lower())
        if bare and bare.group(1) in ISSUED_NOUNS:
            return self.issuer(bare.group(1), position)
        if not bare or bare.group(1) not in ORG_NOUNS:
            return None
        noun = bare.group(1)
        pattern = re.compile(
            rf"(?:the\s+)?((?:[A-Z][\w’'.-]*\s+){{0,3}}[A-Z][\w’'.-]*)\s+(?:{OUTLET_NOUNS})\b"
        )
        candidates = [
            (m.start, m.name)
            for m in self.mentions
            if m.is_org
            and m.start < position
            and (noun in m.name.lower() or (noun in OUTLET_WORDS and OUTLET_NAMES.search(m.name)))
        ]
        if noun in OUTLET_WORDS:
            candidates += [
                (m.start(), m.group(1))
                for m in pattern.finditer(self.text, max(0, position - 5000), position)
                if m.group(1) not in NOT_NAME_WORDS
            ]
        if candidates:
            return self.fullest_org(max(candidates)[1])
        return self.last_org

    def issuer(self, noun, position):
        """Who issued "the report" or runs "the campaign" named before `position`: "a report
        by the National Audit Office", "the Ferreira campaign", or None."""
        window = self.text[max(0, position - 3000) : position]
        name = r"((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*)"
        found = [
            (m.start(), m.group(1))
            for m in re.finditer(
                rf"\b{noun}\s+(?:by|from|of|issued\s+by|released\s+by)\s+(?:the\s+)?{name}",
                window,
            )
        ]
        found += [
            (m.start(), m.group(1) + (" campaign" if noun == "campaign" else ""))
            for m in re.finditer(rf"\b{name}(?:’s|'s)?\s+(?:[a-z]+\s+)?{noun}s?\b", window)
            if m.group(1) not in NOT_NAME_WORDS
        ]
        return re.sub(r"^(?:The|A|An)\s+", "", max(found)[1]) if found else None

    def resolve(self, phrase, position):
        """(speaker, source_type) for a source phrase at `position`."""
        phrase = clean_source(phrase)
        # A document speaks for whoever issued it: "a statement from the company",
        # "the Reuters report".
        phrase = DOCUMENT_FROM.sub("", phrase)
        phrase = DOCUMENT_OF.sub(r"\1", phrase) if DOCUMENT_OF.fullmatch(phrase) else phrase
        described = re.fullmatch(rf"(?:an?|the)\s+(?:[a-z-]+\s+){{1,3}}([{UPPER}][\w’'-]+)", phrase)
        if described and single_name(described.group(1)) and self.surname_like(described.group(1)):
            phrase = described.group(1)  # "an angry Ferreira"
        lowered = phrase.lower()
        self.position = position
        if not phrase:
            return None, "unnamed"
        outlet = re.fullmatch(rf"[A-Z]\w+\s+(?:{OUTLET_NOUNS})", phrase)
        if lowered.startswith("the ") or outlet:
            org = self.describe_org(phrase, position)
            if org:
                self.last_org = org
                return org, "organization"
        head = re.split(r"\s+(?:from|of|in|at|with|for|close to|near|based in|who)\s+", phrase)[0]
        if UNNAMED_HEADS.match(phrase) and not name_in(head):
            self.last_unnamed = (set(re.findall(r"[a-z]+", head.lower())), position)
            return None, "unnamed"
        noun = re.fullmatch(r"the\s+(?:[a-z.-]+\s+)?([a-z]+)", lowered)
        if (
            noun
            and self.last_unnamed
            and noun.group(1) in self.last_unnamed[0]
            and (self.last_unnamed[1] > self.last_person_at)
        ):
            return None, "unnamed"
        if lowered in {"he", "she", "his", "her"}:
            person = self.pronoun_person(lowered)
            return person, "person" if person else "unnamed"
        if re.fullmatch(r"the \d+-year-old(?: \w+)?", lowered):
            return self.last_person, "person" if self.last_person else "unnamed"
        if lowered in {"it", "they", "we"}:
            if self.last_org:
                return self.last_org, "organization"
            return None, "unnamed"
        if ORG_WORDS.search(phrase) and not name_in(phrase.split(",")[0]):
            org = self.fullest_org(phrase.split(",")[0])
            self.last_org = org
            return org, "organization"
        if UNNAMED_HEADS.match(phrase) and not name_in(phrase):
            return None, "unnamed"
        first = phrase.split(",")[0]
        name = _name_before_tail(first) or name_in(first) or name_in(phrase)
        single = single_name(first)
        if not name and single and self.surname_like(single):
            name = single  # "Sure, he admits" names no one called Sure
        if name:
            courtesy = re.match(r"(Mr|Mrs|Ms|Miss)\b", first)
            # "Mrs. Lind" is not the husband named Lind
            full = self.fullest_person(name, courtesy and courtesy.group(1))
            self.last_person = full
            if courtesy:  # "Ms. Warren said"
                self.learn_gender(full, "he" if courtesy.group(1) == "Mr" else "she")
            return full, "person"
        if lowered.startswith("the "):
            person = self.describe(phrase, position)
            if person:
                self.last_person = person
                return person, "person"
        return None, "unnamed"


DOCUMENT_WORDS = set(DOCUMENTS.split("|")) | {"footnote", "memo", "email", "ad", "tweet", "post"}
KIN = {"wife", "husband", "son", "daughter", "brother", "sister", "widow", "fiancée", "fiancee"}
# Besides people, groups, organizations and documents, what can say or publish something.
SPEAKING_HEADS = DOCUMENT_WORDS | KIN | {"bloc", "plan", "book", "bill", "video", "poll", "site"}
SPEAKING_HEADS |= {"photo", "sign", "banner", "poster", "leaflet", "crowd", "audience", "voter"}
SPEAKING_HEADS |= {"piece", "cable", "movie", "film", "service", "research", "narrator", "people"}
SPEAKING_HEADS |= {"graduate", "questioner", "actor", "singer", "writer", "author", "fan", "member"}
# "a lot of people", "the vast majority of voters": the head is the noun after "of".
QUANTITIES = {"lot", "lots", "majority", "number", "half", "third", "most", "many", "some", "all"}
CUT_OFF = re.compile(r"\s(?:of|in|at|by|for|to|on|with|from|and|or|the|a|an|whether)$|['’]s$")


def can_speak(phrase):
    """True when `phrase` is a pronoun, a name, or a noun phrase whose head is a person, a
    group, an organization or a document ("His standing", "The policy mistake" are not), and
    is not cut off ("Frustrations at the inability of")."""
    if CUT_OFF.search(phrase):
        return False
    if phrase.lower() in PRONOUNS or name_in(phrase) or single_name(phrase):
        return True
    parts = re.split(r"\s+(?:of|in|at|from|for|with|on|by|who|that)\s+", phrase)
    head = parts[0].split()[-1]
    if head.lower() in QUANTITIES and len(parts) > 1:
        head = parts[1].split()[-1]
    if head[:1].isupper():
        return True  # "the NRA", "all GOPers", "Trump’s potential VP"
    head = re.sub(r"men$", "man", re.sub(r"ies$", "y", head.lower().split("-")[-1]))
    heads = PERSON_NOUNS | ORG_NOUNS | SPEAKING_HEADS | {w.lower() for w in ROLE_WORDS}
    return bool(ORG_WORDS.search(phrase)) or head in heads or head.rstrip("s") in heads
