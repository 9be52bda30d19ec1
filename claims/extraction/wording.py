"""Comparing wordings: of one statement in two quotes, and of two spellings of an
organization's name (plain Python)."""

import difflib
import re

_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*|[^\w\s]")


def _norm(token):
    return token.lower().replace("’", "'")


def word_diff(reference, other):
    """`other` as a list of (op, text) pieces against `reference`.

    op is "same", "added" (in `other` only) or "removed" (in `reference` only).
    Case and apostrophe style are ignored when comparing.
    """
    a, b = _TOKEN.findall(reference), _TOKEN.findall(other)
    matcher = difflib.SequenceMatcher(
        a=[_norm(t) for t in a], b=[_norm(t) for t in b], autojunk=False
    )
    pieces = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(b[b1:b2])))
            continue
        if op in ("replace", "delete"):
            pieces.append(("removed", " ".join(a[a1:a2])))
        if op in ("replace", "insert"):
            pieces.append(("added", " ".join(b[b1:b2])))
    return [(op, _tidy(text)) for op, text in pieces if text]


def _tidy(text):
    return re.sub(r"\s+([,.;:!?)»”])", r"\1", re.sub(r"([(«“])\s+", r"\1", text))


def _words(text):
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def similar_wording(a, b):
    """True when two quotes word one statement nearly the same way."""
    wa, wb = set(_words(a)), set(_words(b))
    if not wa or not wb:
        return False
    shorter, longer = sorted((wa, wb), key=len)
    if len(shorter) < 4:
        return shorter == longer
    return len(shorter & longer) / len(shorter) >= 0.75


def organization_key(name):
    """One lookup key for the spellings of an organization's name: case, a leading "the",
    runs of spaces and apostrophe style ignored ("The  Da’wa Party" -> "da'wa party")."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).replace("’", "'")
    return re.sub(r"\s+", " ", name).lower()
