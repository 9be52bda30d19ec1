"""Name normalisation shared by extraction, import and search (no Django).

`name_key` folds the ways outlets spell one Arabic or Russian name into one
key: case, accents, hyphens and apostrophes, the al-/Al/el- article, titles
such as Mr. or Gen., and common transliteration variants (Moeen/Muen).
"""

import re
import unicodedata

TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "general",
    "sheikh",
    "sayyid",
    "mp",
    "prof",
    "president",
    "minister",
    "prime",
    "pm",
    "sir",
    "lt",
    "col",
    "maj",
    "capt",
    "sen",
    "rep",
}
ARTICLES = {"al", "el", "ul"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}

_FOLDS = [
    ("oe", "u"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("q", "k"),
    ("ph", "f"),
    ("w", "u"),
]
_DOUBLE = re.compile(r"([a-z])\1+")


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_tokens(name):
    """Lower-case ASCII tokens of `name` without titles, initials or al- prefixes."""
    text = strip_accents(name).lower()
    text = re.sub(r"['’‘`ʼ]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    tokens = []
    for token in text.split():
        if token in TITLES or token in ARTICLES:
            continue
        if len(token) == 1:  # initials such as the F. in Joseph F. Dunford
            continue
        tokens.append(token)
    return tokens


def fold_token(token):
    for old, new in _FOLDS:
        token = token.replace(old, new)
    return _DOUBLE.sub(r"\1", token)


def name_key(name):
    """One comparison key for all spellings of a name ('Muen Al Kadhimi' -> 'mun kadhimi')."""
    return " ".join(fold_token(t) for t in name_tokens(name))


def surname(name):
    """The key of the surname in `name`, a suffix such as Jr. aside ("Joseph R. Biden Jr." ->
    "biden"), or "" when it has none."""
    key = name_key(name).split()
    while len(key) > 1 and key[-1] in SUFFIXES:
        key.pop()
    return key[-1] if key else ""


def names_match(a, b):
    """True when `a` names the same person as `b`, allowing `a` to be a surname or part.
    A suffix in `b` that `a` lacks is no obstacle ("Mr. Biden", "Joseph R. Biden Jr.")."""
    ka, kb = name_key(a).split(), name_key(b).split()
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if ka[-1] not in SUFFIXES:
        while len(kb) > 1 and kb[-1] in SUFFIXES:
            kb.pop()
    return set(ka) <= set(kb) and ka[-1] == kb[-1]
