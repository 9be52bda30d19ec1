"""How search folds words beyond what the full-text indexes do themselves: a query's
apostrophes and hyphens (Shi'ite, Shi-ite, Shiite) and open and closed compounds
(air strikes, air-strikes, airstrikes) become the phrases the index is asked for. Word
forms (airstrike, airstrikes) and accents are the indexes' own work (claims.scale.sql).
Plain Python: no Django."""

import re

# Closed compounds the seed articles also write open or hyphenated, and their parts:
# "airstrikes" also asks for "air strikes" (which matches "air-strikes" too, as both
# indexes split a word at a hyphen or an apostrophe), and "air strikes" for "airstrikes".
COMPOUNDS = {
    "airstrike": ("air", "strike"),
    "airpower": ("air", "power"),
    "warplane": ("war", "plane"),
    "ceasefire": ("cease", "fire"),
    "shiite": ("shi", "ite"),
    "kataib": ("kata", "ib"),
}
# Endings a compound keeps on its last part: airstrikes, air strikes.
ENDINGS = ("", "s", "es")
# A word, apostrophes and hyphens inside it included (’ and the Unicode hyphens too).
WORD = re.compile(r"[^\W_]+(?:['’ʼ‐‑-][^\W_]+)*")
JOINER = re.compile(r"['’ʼ‐‑-]")
# A query with many compounds asks for at most this many phrases.
MAX_PHRASES = 8


def query_phrases(text):
    """The phrases (lists of lowercase words) a search for `text` asks for, its own
    wording first; [] when `text` has no word."""
    words = [word.lower() for word in WORD.findall(text)]
    phrases = [[]]
    i = 0
    while i < len(words):
        if i + 1 < len(words) and (closed := _closed(words[i] + words[i + 1])):
            forms = [[*JOINER.split(words[i]), *JOINER.split(words[i + 1])], [closed]]
            i += 2
        else:
            forms = _forms(words[i])
            i += 1
        phrases = [phrase + form for phrase in phrases for form in forms][:MAX_PHRASES]
    return [phrase for phrase in phrases if phrase]


def _forms(word):
    """A word's forms: its parts at apostrophes and hyphens, and those joined; a closed
    compound also opened."""
    parts = JOINER.split(word)
    if len(parts) > 1:
        return [parts, ["".join(parts)]]
    for ending in ENDINGS:
        stem = word[: len(word) - len(ending)]
        if word.endswith(ending) and stem in COMPOUNDS:
            first, last = COMPOUNDS[stem]
            return [[word], [first, last + ending]]
    return [[word]]


def _closed(text):
    """`text` (two words run together) when it is a closed compound, else None."""
    text = JOINER.sub("", text)
    for ending in ENDINGS:
        if text.endswith(ending) and text[: len(text) - len(ending)] in COMPOUNDS:
            return text
    return None


# Endings left off a query word when it is looked for in a text (the indexes match the
# word's other forms: strike, strikes, striking).
STEM_ENDINGS = ("ing", "es", "ed", "s")
# Between the words of a phrase in a text: spaces, apostrophes, hyphens (also as HTML
# escapes, for text already escaped).
BETWEEN = r"(?:\s|['’ʼ‐‑-]|&#x27;|&#39;)+"


def match_pattern(text):
    """A case-insensitive pattern for where a search for `text` matches in a text: each of
    its phrases, a word's other forms and its words apart or joined included; None when
    `text` has no word."""
    alternatives = []
    for phrase in sorted(query_phrases(text), key=len, reverse=True):
        words = [re.escape(_stem(word)) for word in phrase]
        # Not inside a word, nor inside an HTML escape (&amp;).
        alternatives.append(r"(?<![\w&#])" + BETWEEN.join(words) + r"\w*")
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def _stem(word):
    for ending in STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word
