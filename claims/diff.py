"""Word-level comparison of two wordings of one statement (plain Python)."""

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


def similarity(reference, other):
    """Share of words in common, 0..1."""
    a = [_norm(t) for t in _TOKEN.findall(reference)]
    b = [_norm(t) for t in _TOKEN.findall(other)]
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()
