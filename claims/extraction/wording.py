"""Comparing wordings: of one statement in two quotes, and of two spellings of an
organization's name (plain Python)."""

import difflib
import re

_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*|[^\w\s]")
# A removed piece starting with one of these is shown against the word before it.
_CLOSING = tuple(",.;:!?)»”’…")


def _norm(token):
    return token.lower().replace("’", "'")


def _spans(text):
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def word_diff(reference, other):
    """`other` as a list of (op, text) pieces against `reference`, every character as
    printed: joined, the "same" and "added" pieces give `other` (less its outer spaces),
    and "removed" pieces (in `reference` only, as printed there) sit where they were cut.

    op is "same", "added" (in `other` only) or "removed" (in `reference` only).
    Case and apostrophe style are ignored when comparing.
    """
    a, b = _spans(reference), _spans(other)
    matcher = difflib.SequenceMatcher(
        a=[_norm(t) for t, _, _ in a], b=[_norm(t) for t, _, _ in b], autojunk=False
    )
    pieces = []

    def emit(op, text):
        if not text:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        else:
            pieces.append((op, text))

    cursor = b[0][1] if b else 0
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        removed = reference[a[a1][1] : a[a2 - 1][2]] if op in ("replace", "delete") else ""
        if removed.startswith(_CLOSING):
            # Hangs on the word before it, before the space that follows that word.
            emit("removed", removed)
            removed = ""
        if b1 < b2:
            emit("same", other[cursor : b[b1][1]])
            cursor = b[b1][1]
        if op == "equal":
            emit("same", other[cursor : b[b2 - 1][2]])
            cursor = b[b2 - 1][2]
            continue
        added = other[b[b1][1] : b[b2 - 1][2]] if b1 < b2 else ""
        if removed:
            # The space a removed piece needs is its own, so the other wording reads
            # as printed without it.
            if pieces and not pieces[-1][1][-1].isspace():
                removed = " " + removed
            elif not pieces and b2 < len(b) or added and not added.startswith(_CLOSING):
                removed += " "
            emit("removed", removed)
        if added:
            emit("added", added)
            cursor = b[b2 - 1][2]
    return pieces


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
