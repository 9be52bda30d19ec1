"""Find quotations and reported speech in news text and attribute them (no Django).

`extract(text)` returns `Found` records whose offsets index into `text`, so
`text[found.start:found.end] == found.text`. The rules follow wire and
newspaper style: quotes with the cue before or after them ("…," said X /
X said: "…"), quotes split by their cue, continuation paragraphs, pronouns
and descriptions ("he", "the lawmaker") resolved to the person named earlier,
unnamed and institutional sources. Scare quotes, titles and headlines are
left out.
"""

import bisect
import re
from dataclasses import asdict, dataclass

from claims.extraction.article import lines_with_offsets
from claims.extraction.names import name_key, names_match

PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’", "‹": "›", '"': '"', "‚": "‘"}
CLOSERS = {"”", "»", "’", "›", '"'}

SPEECH_VERBS = (
    "said|says|say|told|tells|tell|added|adds|adding|noted|notes|noting|stressed|stresses|"
    "stressing|explained|explains|explaining|reported|reports|reporting|wrote|writes|"
    "reads|read|asked|asks|insisted|insists|warned|warns|continued|continues|argued|argues|"
    "stated|states|announced|announces|declared|pointed out|points out|claimed|claims|"
    "urged|urges|replied|replies|recalled|recalls|acknowledged|acknowledges|admitted|"
    "admits|vowed|vows|called|calls|described|describes|suggested|suggests|"
    "confirmed|confirms|cautioned|cautions|remarked|remarks|complained|complains|"
    "commented|comments|observed|observes|emphasized|emphasised|emphasizes|emphasises|"
    "underlined|underscored|predicted|predicts|estimated|estimates|telling|saying|"
    "concluded|concludes|responded|responds|answered|answers|conceded|concedes|"
    "quipped|joked|tweeted|posted|wrote"
)
# Verbs that introduce a fragment as the speaker's own words (partials).
PARTIAL_VERBS = re.compile(
    r"\b(?:"
    + SPEECH_VERBS.replace("declared|", "").replace("called|calls|", "called|calls|")
    + r")\b",
    re.IGNORECASE,
)
NAMING_CUES = re.compile(
    r"(?:\bwhat\s+(?:\w+\s+){1,3}(?:call|calls|called|dubbed)|\bknown\s+as|\bdescribed\s+as\s+the|"
    r"\bso-called|\bnicknamed|\bdubbed|\btitled|\bentitled|['’]s)\s*$",
    re.IGNORECASE,
)
TITLE_CUES = re.compile(
    r"\b(?:headlined|headline|titled|entitled|dubbed|so-called|nicknamed|book|film|"
    r"song|programme|program|show|operation|named)\s*$",
    re.IGNORECASE,
)
ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|St|Jr|Sr|No|Jan|Feb|Mar|Apr|"
    "Brig|Adm|Cmdr|Cdr|Cpl|Pvt|Supt|Insp|Det|Rev|Hon|Amb|Atty|Lieut|Gens|Reps|Sens|Fr|Mt|Ft|"
    "Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\\.S|U\\.N|U\\.K|E\\.U|vs|etc|Inc|Co|Corp|Ltd"
)
UNNAMED_HEADS = re.compile(
    r"^(?:a|an|one|two|three|four|five|several|some|many|other|senior|military|"
    r"government|security|diplomatic|western|iraqi|u\.s\.|us|officials?|sources?|"
    r"members?|mps|lawmakers|people|residents|witnesses|analysts|experts|aides?|"
    r"the sources|the officials|the official|a source|critics|observers|diplomats|activists|"
    r"protesters|doctors|police|soldiers|officers|commanders|leaders|politicians|deputies|"
    r"legislators|insiders|aid workers|workers|families|rights groups|supporters|opponents|"
    r"villagers|locals|survivors|fighters|militants|judges|colleagues|relatives)\b",
    re.IGNORECASE,
)
OUTLET_NOUNS = r"newspaper|daily|weekly|news agency|agency|website|broadcaster|channel|magazine"
OUTLET_WORDS = {
    "newspaper",
    "daily",
    "weekly",
    "paper",
    "agency",
    "website",
    "broadcaster",
    "channel",
    "magazine",
    "journal",
    "outlet",
    "network",
}
OUTLET_NAMES = re.compile(
    r"\b(?:Journal|Times|Post|News|Press|Guardian|Telegraph|Herald|Tribune|Gazette|Observer|"
    r"Independent|BBC|CNN|Reuters|AFP|AP|Agency|Monitor|Eye|Kommersant|Izvestia|Daily)\b"
)
ORG_NOUNS = OUTLET_WORDS | {
    "ministry",
    "government",
    "army",
    "committee",
    "council",
    "organization",
    "organisation",
    "group",
    "party",
    "coalition",
    "alliance",
    "office",
    "department",
    "militia",
    "movement",
    "company",
    "embassy",
    "commission",
    "programme",
    "program",
    "agency",
    "statement",
    "kremlin",
    "pentagon",
    "military",
    "police",
    "bank",
    "fund",
    "court",
    "parliament",
}
PRONOUNS = {"he", "she", "they", "it", "his", "her", "we"}
ORG_WORDS = re.compile(
    r"\b(?:Journal|Times|Post|Reuters|Insider|Agency|News|Press|Ministry|Council|Committee|"
    r"Corps|Brigade|Brigades|Party|Coalition|Alliance|Government|government|Nations|Union|"
    r"Force|Forces|Hezbollah|Haq|Badr|Organization|Organisation|Office|Department|"
    r"Parliament|Assembly|Kremlin|Pentagon|Commission|Army|Militia|Movement|Front|"
    r"Guardian|Telegraph|Herald|Tribune|Gazette|Observer|Independent|BBC|CNN|AFP|AP|"
    r"TASS|RIA|WSJ|Bloomberg|Xinhua|Sputnik|Interfax|Al Jazeera|Institute|Bank|Company|"
    r"Group|Association|Federation|State Department|White House|Reuters|Post)\b"
)
NOT_NAME_WORDS = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Yes",
    "No",
    "It",
    "He",
    "She",
    "They",
    "We",
    "This",
    "That",
    "Those",
    "These",
    "Iraq",
    "Iraqi",
    "Iraqis",
    "Russia",
    "Russian",
    "Russians",
    "Syria",
    "Syrian",
    "Iran",
    "Iranian",
    "Baghdad",
    "Moscow",
    "Washington",
    "America",
    "American",
    "Americans",
    "US",
    "U.S.",
    "Islamic",
    "State",
    "Shiite",
    "Shi'ite",
    "Sunni",
    "Kurdish",
    "Daesh",
    "ISIS",
    "ISIL",
    "IS",
    "Middle",
    "East",
    "October",
    "November",
    "September",
    "Tuesday",
    "Monday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Meanwhile",
    "However",
    "According",
    "Prime",
    "Minister",
    "President",
    "Mr.",
    "Dr.",
    "General",
    "Gen.",
    "Chairman",
    "MP",
    "Federation",
    "Council",
    "Foreign",
    "Defence",
    "Defense",
    "Western",
    "Eastern",
    "Afghanistan",
    "Jordan",
    "Kurdistan",
    "Anbar",
    "Basra",
    "Ramadi",
    "Khalis",
    "Diyala",
    "Baiji",
    "Lebanon",
    "Egypt",
    "Facebook",
    "Twitter",
    "God",
    "Mideast",
    "Arab",
    "Gulf",
    "Security",
    "Joint",
    "Chiefs",
    "Staff",
    "Cold",
    "War",
    "UN",
    "High",
    "Commissioner",
    "Human",
    "Rights",
    "Head",
    "Deputy",
    "Speaker",
    "Parliament",
    "Ayatollah",
    "Tehran",
    "Alawite",
    "Peshmerga",
    "Kurds",
    "Army",
    "Air",
    "Force",
    "Brigade",
    "Corps",
    "United",
    "States",
    "Nations",
    "Kingdom",
    "Union",
    "European",
    "Republic",
}
# Words capitalised only because they open a sentence ("For Kawa Mustafa, the vote …").
NOT_NAME_WORDS |= set(
    "For With To From After Before When While As If Like Unlike Among Of By Under Over Since "
    "Until Despite Although Though Because Once Not Only Even Still So Then Now Here There His "
    "Her Their Its Our My Your Some Many Most All Both Each Every Nor Or Yet What Who Why How "
    "Where Asked Speaking Writing Instead Also Thus Indeed Later Earlier Last Next Outside "
    "Inside Across Around Within Without Through During Dr Mr Mrs Ms Prof".split()
)
# Capitalised job titles that stand before a name: "Chief Financial Officer Maja Eklund-Strand".
# Words that are also common given names (Dean, Earl) are left out.
ROLE_WORDS = set(
    "Minister Secretary Leader Officer Executive Director Chairman Chairwoman Chair Speaker "
    "President Vice Deputy Acting Former Assistant Attorney General Governor Mayor Judge "
    "Prosecutor Coach Manager Captain Professor Prof Doctor Dr Senator Sen Representative Rep "
    "Congressman Congresswoman Lt Col Maj Brig Gen Sgt Capt Cmdr Adm Lieutenant Colonel Major "
    "Brigadier Sergeant Admiral Commander Commissioner Ambassador Envoy Chancellor Premier "
    "Spokesman Spokeswoman Spokesperson Chief Founder Sheikh Ayatollah Imam Cleric Emir King "
    "Queen Crown Prince Princess Sultan Pope Bishop Cardinal Rev Mr Mrs Ms Sir Dame Lord Lady "
    "Majority Minority Whip Economist Analyst Striker Midfielder Defender Goalkeeper".split()
)
PERSON_NOUNS = {
    "writer",
    "author",
    "novelist",
    "poet",
    "journalist",
    "activist",
    "mother",
    "father",
    "resident",
    "farmer",
    "student",
    "teacher",
    "doctor",
    "lawyer",
    "judge",
    "businessman",
    "imam",
    "sheikh",
    "fighter",
    "soldier",
    "expert",
    "economist",
    "researcher",
    "professor",
    "witness",
    "survivor",
    "secretary",
    "politician",
    "premier",
    "militant",
    "veteran",
    "prosecutor",
    "senator",
    "congressman",
    "representative",
    "negotiator",
    "host",
    "pm",
    "minister",
    "president",
    "lawmaker",
    "mp",
    "parliamentarian",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "head",
    "chairman",
    "leader",
    "mayor",
    "analyst",
    "aide",
    "commander",
    "envoy",
    "ambassador",
    "cleric",
    "director",
    "chief",
    "governor",
    "deputy",
    "man",
    "woman",
    "colonel",
    "officer",
    "diplomat",
    "speaker",
    "member",
    "adviser",
    "advisor",
    "coach",
    "manager",
    "captain",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "player",
    "athlete",
    "scientist",
    "ecologist",
    "biologist",
    "physician",
    "surgeon",
    "nurse",
    "executive",
    "founder",
    "investor",
    "banker",
    "attorney",
    "defendant",
    "pharmacist",
    "engineer",
    "historian",
    "scholar",
    "candidate",
    "chancellor",
    "commissioner",
}
TITLE_WORDS = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Brig|Capt|Sgt|Cmdr|Rep|Sen|Gov|Rev)\.?(?=\s)|"
    r"General|Sheikh|Prime Minister|President|Professor|Doctor|Representative|"
    r"Foreign Minister|Defence Minister|Defense Minister|Minister|MP|Senator|Sen\.|Rep\.|"
    r"Chairman|Ayatollah|Cleric|Commander|Colonel|Lieutenant|Major|Captain|Sergeant|"
    r"Defense Secretary|Defence Secretary|Secretary of State|Secretary|Ambassador|Governor|"
    r"Gov\.|Judge|Imam|Grand Ayatollah|Speaker|Parliament Speaker|Vice President|Senator|"
    r"Congressman|Congresswoman|Lt\. Gen\.|Maj\. Gen\.|Brig\. Gen\.|Adm\.|Admiral)"
)
# Latin capitals and small letters with diacritics, so "Sjöberg" and "Tomás" are one word.
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
LOWER = "a-zß-öø-ÿā-ž"
NAME_TOKEN = (
    rf"(?:(?:Ma?c|De|La|O’|O')?[{UPPER}][{LOWER}]+(?:[-’'][{UPPER}{LOWER}]+)*"
    rf"|[Aa]l-[{UPPER}][{LOWER}]+|[Aa]l|[A-Z]\.)"
)
# Particles inside a name: "Ursula von der Leyen", "Tomás Ó Briain", "Mohammed bin Salman".
NAME_PARTICLE = r"(?:von|van|der|den|de|da|di|du|del|della|dos|das|bin|ibn|bint|ter|Ó|Ní)"
NAME_RE = re.compile(
    rf"\b{NAME_TOKEN}(?:[ \t\u00a0]+(?:{NAME_PARTICLE}[ \t\u00a0]+){{0,2}}{NAME_TOKEN}){{1,4}}"
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
    source_type: str = "unnamed"  # person, organization or unnamed

    def as_dict(self):
        data = asdict(self)
        data.pop("source_type")
        return data


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


def _is_sentence_end(text, match_start):
    """False for the full stop of an abbreviation such as Mr. or U.S."""
    return text[match_start] != "." or not _ABBREVIATION_BEFORE.search(text[:match_start])


def sentence_bounds(text, start, end):
    """Split text[start:end] into sentences: a list of (start, end)."""
    bounds = []
    cursor = start
    chunk = text[start:end]
    for match in _SENTENCE_END.finditer(chunk):
        if not _is_sentence_end(chunk, match.start()):
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


def find_spans(text, para):
    """Outer quotation spans in one paragraph; nested quotes stay inside their outer one."""
    p_start, p_end = para
    spans = []
    i = p_start
    while i < p_end:
        if not _opens(text, i, p_start):
            i += 1
            continue
        opener = text[i]
        closer = PAIRS[opener]
        depth = 0
        j = i + 1
        found = None
        while j < p_end:
            ch = text[j]
            if ch == closer and (closer != "’" or not _apostrophe(text, j, p_end)):
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
# Names and sources


@dataclass
class Mention:
    name: str
    start: int
    context: str  # words around the mention (titles and appositions)
    is_org: bool


def _clean_source(phrase):
    phrase = phrase.strip(" ,.;:—–-")
    phrase = re.sub(r"\s*\((?:[A-Z]{2,6})\)", "", phrase)
    return phrase.strip()


def _strip_titles(name):
    name = re.sub(rf"^(?:{TITLE_WORDS}\s+)+", "", name)
    return name.strip()


def _name_in(phrase):
    """The person name in `phrase` ("Iraqi Prime Minister Haider al-Abadi" -> "Haider al-Abadi")."""
    best = None
    for match in NAME_RE.finditer(phrase):
        candidate = _strip_titles(re.sub(r"['’]s$", "", match.group(0)))
        tokens = candidate.split()
        # A person's name starts after an organization's ("Pentagon Press Secretary Peter Cook")
        # and after the titles before it ("Senate Majority Leader Daniel Hartwell").
        ends = [i for i, t in enumerate(tokens) if ORG_WORDS.fullmatch(t)]
        ends += [i for i, t in enumerate(tokens[:-1]) if t.rstrip(".") in ROLE_WORDS]
        if ends:
            tokens = tokens[max(ends) + 1 :]
        while tokens and tokens[0] in NOT_NAME_WORDS:
            tokens.pop(0)
        while tokens and tokens[-1] in NOT_NAME_WORDS | {"Al", "al"}:
            tokens.pop()
        if len(tokens) >= 2 and not ORG_WORDS.search(" ".join(tokens)):
            best = " ".join(tokens)
    return best


SINGLE_NAME = re.compile(rf"(?:{TITLE_WORDS}\s+)?((?:[Aa]l-)?[{UPPER}][\w’'-]+)")


def _single_name(phrase):
    """The surname `phrase` consists of, titles aside ("Jubouri", "Gen. Dunford"), or None."""
    single = SINGLE_NAME.fullmatch(phrase.strip())
    if single and single.group(1) not in NOT_NAME_WORDS:
        return single.group(1)
    return None


ORG_OF = re.compile(
    rf"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[{UPPER}][\w’'-]+"
    rf"(?:[ \t]+(?:and[ \t]+)?[{UPPER}][\w’'-]+){{0,3}}"
)


def collect_mentions(text):
    """Person and organization mentions in `text`, in order, with their context."""
    mentions = []
    for match in NAME_RE.finditer(text):
        raw = match.group(0)
        before = re.split(r"[,.;:“”«»\"]", text[max(0, match.start() - 60) : match.start()])[-1]
        after = text[match.end() : match.end() + 140]
        apposition = re.match(r"^,\s*([^,.;“”«»\"]+)", after)
        context = before + " " + raw + " " + (apposition.group(1) if apposition else "")
        person = _name_in(raw)
        if ORG_WORDS.search(raw) and not (person and raw.endswith(person)):
            # "Ministry of Migration", "Office of Management and Budget"
            of = ORG_OF.match(text, match.end())
            org = re.sub(r"^(?:The|the)\s+", "", raw + (of.group(0) if of else ""))
            mentions.append(Mention(org, match.start(), context, True))
            continue
        name = _name_in(raw)
        if name:
            offset = match.start() + raw.find(name.split()[0])
            mentions.append(Mention(name, offset, context, False))
    return mentions


DOCUMENTS = r"statement|report|note|letter|filing|release|article|story|study|announcement"
DOCUMENT_FROM = re.compile(rf"^(?:a|an|the)\s+(?:{DOCUMENTS})\s+(?:from|by|issued\s+by)\s+")
DOCUMENT_OF = re.compile(
    rf"(?:the\s+|an?\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)\s+(?:{DOCUMENTS})"
)


class Resolver:
    """Maps how a quote's source is named to the fullest name the article uses."""

    def __init__(self, text, known_orgs=()):
        self.text = text
        self.mentions = collect_mentions(text)
        self.starts = [m.start for m in self.mentions]
        # Person mentions by the last word of their key: a surname can only match those.
        self.by_surname = {}
        for mention in self.mentions:
            key = name_key(mention.name).split() if not mention.is_org else []
            if key and mention.name not in self.by_surname.setdefault(key[-1], []):
                self.by_surname[key[-1]].append(mention.name)
        self.known_orgs = list(known_orgs)
        self.position = 0
        self._last_person = None
        self.last_person_at = -1
        self.last_org = None
        self.last_unnamed = None  # (words, position) of the last unnamed source

    @property
    def last_person(self):
        return self._last_person

    @last_person.setter
    def last_person(self, name):
        self._last_person = name
        self.last_person_at = self.position

    def fullest_person(self, name):
        best = name
        key = name_key(name).split()
        for candidate in self.by_surname.get(key[-1], []) if key else []:
            if names_match(name, candidate):
                if len(name_key(candidate)) > len(name_key(best)) or (
                    len(candidate) > len(best) and name_key(candidate) == name_key(best)
                ):
                    best = candidate
        return best

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

    def resolve(self, phrase, position):
        """(speaker, source_type) for a source phrase at `position`."""
        phrase = _clean_source(phrase)
        # A document speaks for whoever issued it: "a statement from the company",
        # "the Reuters report".
        phrase = DOCUMENT_FROM.sub("", phrase)
        phrase = DOCUMENT_OF.sub(r"\1", phrase) if DOCUMENT_OF.fullmatch(phrase) else phrase
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
        if UNNAMED_HEADS.match(phrase) and not _name_in(head):
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
        if lowered in {"he", "she", "his", "her"} or re.fullmatch(
            r"the \d+-year-old(?: \w+)?", lowered
        ):
            return self.last_person, "person" if self.last_person else "unnamed"
        if lowered in {"it", "they", "we"}:
            if self.last_org:
                return self.last_org, "organization"
            return None, "unnamed"
        if ORG_WORDS.search(phrase) and not _name_in(phrase.split(",")[0]):
            org = self.fullest_org(phrase.split(",")[0])
            self.last_org = org
            return org, "organization"
        if UNNAMED_HEADS.match(phrase) and not _name_in(phrase):
            return None, "unnamed"
        first = phrase.split(",")[0]
        name = _name_in(first) or _name_in(phrase)
        if name:
            full = self.fullest_person(name)
            self.last_person = full
            return full, "person"
        single = _single_name(first)
        if single:
            full = self.fullest_person(single)
            self.last_person = full
            return full, "person"
        if lowered.startswith("the "):
            person = self.describe(phrase, position)
            if person:
                self.last_person = person
                return person, "person"
        return None, "unnamed"


# ---------------------------------------------------------------------------
# Attribution cues

_SRC = r"(?P<src>[^“”«»\"]{1,160}?)"
_VERB = rf"(?P<adv>\w+ly\s+)?(?P<verb>(?:{SPEECH_VERBS})(?:,?\s+(?:adding|saying|noting))?)"
# Whom a source spoke to: "told the newspaper", "told a news conference", "told state TV".
AUDIENCES = (
    rf"{OUTLET_NOUNS}|paper|station|network|outlet|radio|television|TV|media|conference|"
    r"briefing|rally|meeting|committee|hearing|summit|audience|crowd|forum|parliament|"
    r"assembly|court|jury|panel|council|senate|house|analysts|investors|supporters|students"
)
_OBJ = (
    r"(?P<obj>(?:\s+(?:reporters|journalists|lawmakers|parliament|him|her|them|us|"
    rf"(?:(?:the|a|an|state)\s+)?(?:[\w-]+\s+){{0,2}}(?:{AUDIENCES})\b"
    r"(?:\s+[A-Z][\w’'-]*(?:\s+(?:dello|della|del|de|di|la|le)?\s*[A-Z][\w’'-]*){0,3})?|"
    r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}))?"
    r"(?:\s+(?:in|on|at|during|after|before|via|from|by|last|this|earlier|later|late)\b"
    r"[^,.“”«»\"]{0,60})?)"
)

# The tail is cut at the sentence end, so a full stop inside the source is an abbreviation's
# ("said Brig. Gen. Yahya Rasool").
POST_INVERTED = re.compile(rf"^[\s,—–-]*{_VERB}\s+(?P<src>[^“”«»\";:]{{1,200}}?)\s*(?:[;:]|\.?$)")
POST_SUBJECT = re.compile(rf"^[\s,—–-]*{_SRC},?\s+(?:also\s+)?{_VERB}{_OBJ}\s*(?:[.,;:]|$)")
PRE_SUBJECT = re.compile(rf"{_SRC},?\s+(?:also\s+)?{_VERB}{_OBJ}(?:\s+that)?[\s,:]*$")
POST_QUOTED_AS = re.compile(
    r"^[\s,—–-]*[^“”«»\"]{1,80}?\s+quoted\s+(?P<src>[^“”«»\"]{1,120}?)\s+as\s+saying\b"
)
PRE_ADDING = re.compile(r"(?:,\s*|\band\s+)(?P<verb>adding|saying|noting|stressing)[\s,:]*$")
TIME_TAIL = re.compile(
    r"\s+(?:on|in|at|during|last|this|earlier|late)\s+(?:[A-Z]\w+|\w+day|week|month|year)"
    r"(?:\s+\d{1,2})?(?:\s+in\s+[A-Z]\w+)?$"
)


def _source_from_subject(src):
    """Reduce a subject phrase to its head ("Hakim Zamili, a leading politician" -> name)."""
    src = src.strip()
    src = re.sub(
        r"^(?:(?:In|On|At|During|Meanwhile|However|But|And|Also|Earlier|Later)\b[^,]*,\s*)+",
        "",
        src,
    )
    src = re.sub(r"^(?:But|And|Yet|So|Still|Then)\s+", "", src)
    src = TIME_TAIL.sub("", src)
    src = re.sub(r"(?:\s+(?:also|has|had|have|previously|then|later|reportedly))+$", "", src)
    return src.strip(" ,")


def _appositive_source(src, prefer_last=False):
    """Pick the part of "X, a spokesman for Y," that names the source."""
    parts = [p.strip() for p in src.split(",") if p.strip()]
    if not parts:
        return src
    for part in parts:
        if _name_in(part):
            return part
    for part in parts:
        if _single_name(part):
            return part
    return parts[-1] if prefer_last else parts[0]


class Attribution:
    def __init__(self, attributed_as, cue, position):
        self.attributed_as = attributed_as
        self.cue = re.sub(r"\s+that$", "", cue.strip(" ,"))
        self.position = position


def _after_cue(text, span, limit, kind):
    """Attribution right after the closing mark, within the sentence."""
    tail = text[span.close_at : limit]
    stop = re.search(r"[“«\"‘]", tail)
    if stop:
        tail = tail[: stop.start()]
    for end in re.finditer(r"\.(?=\s|$)", tail):
        if _is_sentence_end(tail, end.start()):
            tail = tail[: end.start()]
            break
    tail = tail.rstrip()
    if not tail.strip(" ,.;"):
        return None
    quote_end = text[span.end - 1 : span.end]
    if kind == "partial" and not tail.startswith(",") and quote_end not in ",.!?":
        return None
    quoted = POST_QUOTED_AS.match(tail)
    if quoted:
        return Attribution(_clean_source(quoted.group("src")), "quoted as saying", span.close_at)
    inverted = POST_INVERTED.match(tail)
    if inverted and not re.match(r"^(?:that|to|the\s+\w+\s+that)\b", inverted.group("src")):
        src = inverted.group("src")
        src_head = re.split(r",\s*", src)[0]
        src_head = TIME_TAIL.sub("", src_head)
        cue = (inverted.group("adv") or "") + inverted.group("verb")
        return Attribution(_clean_source(src_head), cue.strip(), span.close_at)
    subject = POST_SUBJECT.match(tail)
    if subject and _looks_like_subject(subject.group("src")):
        src = _source_from_subject(subject.group("src"))
        cue = (subject.group("adv") or "") + subject.group("verb") + (subject.group("obj") or "")
        return Attribution(_clean_source(_appositive_source(src)), cue.strip(), span.close_at)
    return None


def _looks_like_subject(src):
    """A noun phrase naming a source, not a clause ("could be achieved … efforts")."""
    head = src.strip(" ,").split(",")[0]
    words = head.split()
    if not words or len(words) > 9:
        return False
    first = words[0]
    return first[0].isupper() or first.lower() in PRONOUNS | {"a", "an", "the", "two", "one"}


def _before_cue(text, span, sentence_start):
    head = text[sentence_start : span.open_at]
    last_close = max((head.rfind(c) for c in CLOSERS), default=-1)
    own = head[last_close + 1 :] if last_close >= 0 else head
    if not own.strip():
        return None
    subject = PRE_SUBJECT.search(own)
    if subject and _looks_like_subject(_source_from_subject(subject.group("src"))):
        src = _source_from_subject(subject.group("src"))
        cue = (subject.group("adv") or "") + subject.group("verb") + (subject.group("obj") or "")
        return Attribution(
            _clean_source(_appositive_source(src, prefer_last=True)), cue.strip(), span.open_at
        )
    adding = PRE_ADDING.search(own)
    if adding:
        return Attribution("", adding.group("verb"), span.open_at)
    if own.rstrip().endswith(":"):  # "Ellison put it bluntly: “…”"
        phrase = _subject_phrase(own.rstrip(" :"))
        if phrase.lower() in PRONOUNS or _name_in(phrase) or _single_name(phrase):
            return Attribution(phrase, "", span.open_at)
        if _opening_surname(own):
            return Attribution(_opening_surname(own), "", span.open_at)
    return None


def _partial_cue(text, span, sentence_start):
    """For a fragment inside reported speech: the speech verb and its subject."""
    head = text[sentence_start : span.open_at]
    verbs = list(PARTIAL_VERBS.finditer(head))
    if not verbs:
        pronoun = re.match(r"^(?:[^,]{0,40},\s*)?(?P<src>[Hh]e|[Ss]he|[Tt]hey)\b", head)
        if pronoun:
            return Attribution(pronoun.group("src"), "", span.open_at)
        return None
    # The verb nearest the fragment whose subject is a noun phrase: not a noun after a
    # possessive ("Carter's comments") nor the second of two verbs ("told X that … and warned").
    verb, before = verbs[0], head[: verbs[0].start()]
    for candidate in reversed(verbs):
        subject = head[: candidate.start()]
        if re.search(r"['’]s\s+$", subject):
            continue
        aside = re.search(r",\s*([^,]+?)\s*$", subject)  # "Quotas, she argues, are …"
        if aside and (aside.group(1).lower() in PRONOUNS or _name_in(aside.group(1))):
            verb, before = candidate, aside.group(1)
            break
        if _looks_like_subject(_source_from_subject(subject)):
            verb, before = candidate, subject
            break
    src = _appositive_source(_source_from_subject(before))
    src = re.split(r"\s+(?:as|because|when|while|after|since)\s+", src)[-1]
    cue = verb.group(0)
    return Attribution(_clean_source(src), cue, span.open_at)


# ---------------------------------------------------------------------------
# Classification


def _is_sentence_like(quote):
    words = quote.split()
    first = quote.lstrip("…. ")[:1]
    if not first:
        return False
    return (first.isupper() or first.isdigit()) and (
        len(words) >= 4 or quote.rstrip()[-1:] in ".,!?…"
    )


def _classify(text, span, sentence_start):
    """'direct', 'partial' or None for scare quotes, titles and headlines."""
    quote = text[span.start : span.end]
    head = text[sentence_start : span.open_at]
    if TITLE_CUES.search(head) and quote.istitle():
        return None
    words = quote.rstrip(" ,.").split()
    if len(words) <= 4 and NAMING_CUES.search(head):
        return None  # a name, title or term in quotation marks, not someone's words
    if (
        len(words) <= 4
        and all(w[:1].isupper() for w in words if len(w) > 3)
        and not (_is_sentence_like(quote) and len(words) >= 3)
    ):
        return None  # titles of works and nicknames: "Frankenstein", "Arabic Booker"
    if _is_sentence_like(quote):
        before = head.rstrip()
        mid_sentence = (
            before and before[-1].isalpha() and not PARTIAL_VERBS.search(before.split()[-1])
        )
        if mid_sentence and len(quote.split()) < 4:
            return "partial" if PARTIAL_VERBS.search(head) else None
        return "direct"
    if len(quote.split()) >= 4 or PARTIAL_VERBS.search(head):
        return "partial"
    return None


# ---------------------------------------------------------------------------
# Indirect speech

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
    rf"^{_SRC},?\s+(?:also\s+|has\s+|had\s+|have\s+|previously\s+)*"
    rf"(?P<adv>\w+ly\s+)?(?P<verb>{INDIRECT_VERBS})"
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
    rf"^{_SRC},?\s+(?:also\s+|has\s+|had\s+)*(?P<verb>said|says|say|told{_TOLD}){_SAID_DAY}\s+"
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
DATELINE = re.compile(
    r"^[A-Z][A-Z/]{2,}(?:,?\s+[A-Z][\w.]+){0,2}(?:\s+\d{1,2})?(?:\s+\([\w ]+\))?\s*[—–-]+\s*"
)


def _indirect(sentence):
    """(src, cue, clause_start, clause_end) for each statement a sentence reports: [] if none."""
    text = sentence.strip()
    for pattern in INDIRECT_PATTERNS:
        match = pattern.search(text) if pattern is INDIRECT_WITH else pattern.match(text)
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
        hit = _clause(text, match, "clause")
        if hit is None:
            continue
        hits = [(src, cue, *hit)]
        relative = RELATIVE_SAYS.match(groups.get("relative") or "")
        if relative:
            second = _clause(text, relative, "clause", offset=match.start("relative"))
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


# ---------------------------------------------------------------------------
# The whole article


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
            kind = _classify(text, span, s_start)
            if kind is None:
                continue
            if (
                not span.closed
                and not _continues(text, paras, p_index)
                and len(text[span.start : span.end].split()) < 3
            ):
                continue
            s_end = next((b for a, b in sentences if a <= span.close_at - 1 < b), para[1])
            attribution = _after_cue(text, span, max(s_end, span.close_at), kind)
            if attribution is None:
                attribution = _before_cue(text, span, s_start)
            if attribution is None and kind == "partial":
                attribution = _partial_cue(text, span, s_start)
            if attribution is None and span.open_at == para[0] and not continued:
                attribution = _next_sentence_cue(text, span, sentences, s_end)
            speaker, source_type, attributed_as, cue = None, "unnamed", "", ""
            if attribution and attribution.attributed_as:
                speaker, source_type = resolver.resolve(
                    attribution.attributed_as, attribution.position
                )
                attributed_as, cue = attribution.attributed_as, attribution.cue
            elif attribution:  # "adding" and the like: the same source as before
                cue = attribution.cue
                if previous:
                    speaker, source_type, attributed_as = (
                        previous.speaker,
                        previous.source_type,
                        previous.attributed_as,
                    )
            else:
                carried = _carry_over(text, resolver, previous, (previous_end, para[1]), span)
                if carried:
                    speaker, source_type, attributed_as, cue = carried
            found = Found(
                text=text[span.start : span.end],
                start=span.start,
                end=span.end,
                kind=kind,
                speaker=speaker,
                attributed_as=attributed_as,
                cue=cue,
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


def _next_sentence_cue(text, span, sentences, s_end):
    """For a quote that is a paragraph's whole first sentence: the person the next sentence
    opens with ("“It hurts.” Lazio coach Marco De Santis did not hide …")."""
    if text[span.close_at : s_end].strip(" ,.!?"):
        return None
    following = next(((a, b) for a, b in sentences if a >= s_end), None)
    if following is None:
        return None
    subject = _subject_phrase(text[following[0] : following[1]])
    name = _name_in(subject)
    if not name:
        return None
    return Attribution(name, "", following[0])


def _continues(text, paras, p_index):
    if p_index + 1 >= len(paras):
        return False
    return text[paras[p_index + 1][0]] in PAIRS


def _carry_over(text, resolver, previous, para, span):
    """Source of an uncued quote: a speech verb since the last quote, or the last quote's."""
    head = text[para[0] : span.open_at]
    cues = list(
        re.finditer(
            rf"(?P<src>[^.“”«»\"]{{1,120}}?)\s+(?P<cue>(?:also\s+)?(?:{SPEECH_VERBS}))\b", head
        )
    )
    for match in reversed(cues):
        src = _source_from_subject(match.group("src"))
        src = re.split(r"\s+(?:as|because|when|while|after|since)\s+", src)[-1]
        src = _appositive_source(src)
        if src:
            speaker, source_type = resolver.resolve(src, para[0] + match.start())
            if speaker or UNNAMED_HEADS.match(src):
                return speaker, source_type, _clean_source(src), match.group("cue")
    if previous:
        return previous.speaker, previous.source_type, previous.attributed_as, ""
    return None


TRACK_VERBS = (
    "was|were|is|are|has|had|have|went|struck|met|made|took|gave|spoke|led|held|sent|won|came|"
    "became|will|would|can|could|did|does|"
)


def _subject_phrase(sentence):
    """The words before a sentence's first verb, reduced to the part naming a source."""
    verb = re.search(r"(?<=\s)(?:[a-z]+ed|" + TRACK_VERBS + SPEECH_VERBS + r")\b", sentence)
    subject = sentence[: verb.start()] if verb else " ".join(sentence.split()[:12])
    return _appositive_source(_source_from_subject(subject))


def _opening_surname(sentence):
    """A capitalised word that opens `sentence` and is followed by a verb ("Ellison put …")."""
    opening = re.match(rf"\s*((?:[Aa]l-)?[{UPPER}][\w’'-]+)\s+[a-z]", sentence)
    if opening and opening.group(1) not in NOT_NAME_WORDS:
        return opening.group(1)
    return None


def _track_names(text, resolver, sentences):
    """Keep the last person and organization named as a subject up to date for pronouns."""
    for a, b in sentences:
        sentence = text[a:b]
        if re.search(r"[“”«»\"]", sentence):
            continue
        subject = _subject_phrase(sentence)
        name = _name_in(subject) or _single_name(subject)
        if not name:
            # "Benavides-Hunt disagrees.": a surname the article has used, then a verb.
            opening = _opening_surname(sentence)
            key = name_key(opening).split() if opening else []
            if key and key[-1] in resolver.by_surname:
                name = opening
        if not name and subject.lower().startswith("the "):
            name = resolver.describe(subject, a)  # "The Iraqi PM has so far avoided …"
        if name:
            resolver.position = a
            resolver.last_person = resolver.fullest_person(name)
        org = re.search(r"\bthe\s+((?:[A-Z][\w.]*\s+){0,3}[A-Z][\w.]*)\s+published\b", sentence)
        if org:
            resolver.last_org = resolver.fullest_org(org.group(1))


def _indirect_at(text, resolver, a, b, spans):
    """The reported speech in the sentence text[a:b], as Found records."""
    if b - a > LONGEST_SENTENCE:
        return []  # not prose; the patterns would take time quadratic in its length
    if any(a <= s.open_at < b and _is_sentence_like(text[s.start : s.end]) for s in spans):
        return []
    return [_reported(text, resolver, a, *hit) for hit in _indirect(text[a:b])]


def _reported(text, resolver, a, src, cue, c_start, c_end):
    """A Found for the clause text[a + c_start : a + c_end] that `src` reported."""
    dateline = DATELINE.match(src)  # "ERBIL, Iraq — Kurdish commanders say …"
    if dateline:
        src = src[dateline.end() :]
    src_head = _appositive_source(_source_from_subject(src))
    src_head = re.split(r"\s+(?:as|because|when|while|after|since)\s+", src_head)[-1]
    name = _name_in(src_head)
    if name and len(src_head.split()) > 6:
        src_head = name
    speaker, source_type = resolver.resolve(src_head, a)
    start, end = a + c_start, a + c_end
    while start < end and text[start] in " ,":
        start += 1
    return Found(
        text=text[start:end],
        start=start,
        end=end,
        kind="indirect",
        speaker=speaker,
        attributed_as=_clean_source(src_head),
        cue=cue,
        source_type=source_type,
    )
