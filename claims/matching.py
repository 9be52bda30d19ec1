"""Which quotes are one claim: how alike two wordings of a statement are, and which
claims a quote most likely belongs to. Plain Python (rapidfuzz), no Django: the admin's
suggestions, the import and the recall measurement all score with these functions."""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

# A suggestion is shown from this score (0–100) up; below it the wordings share too
# little to be worth a curator's look.
SUGGEST_THRESHOLD = 60.0
# An imported quote joins a claim of the same speaker from this score up, unasked.
JOIN_THRESHOLD = 90.0


def normalised(text):
    """`text` as lower-case words separated by single spaces (quote marks, punctuation
    and apostrophe styles dropped), so only the wording is compared."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def wording_similarity(a, b):
    """How alike two wordings are, from 0 to 100: the better of the whole-wording ratio
    and, for a fragment of four words or more, how well it fits inside the other (a
    partial quotation of a longer statement is the same claim)."""
    a, b = normalised(a), normalised(b)
    if not a or not b:
        return 0.0
    score = fuzz.token_sort_ratio(a, b)
    shorter = min(a, b, key=len)
    if len(shorter.split()) >= 4:
        score = max(score, fuzz.token_set_ratio(a, b) * 0.95, fuzz.partial_ratio(a, b) * 0.9)
    return float(score)


@dataclass(frozen=True)
class Candidate:
    """A claim a quote may belong to: `key` names it, `texts` are its wordings."""

    key: object
    texts: tuple


@dataclass(frozen=True)
class Suggestion:
    key: object
    score: float
    text: str  # the candidate's wording that scored best


def rank(text, candidates, threshold=SUGGEST_THRESHOLD, limit=5):
    """The candidates most alike `text` as Suggestions, best first, scoring each by its
    closest wording; those under `threshold` are left out."""
    scored = []
    for candidate in candidates:
        best = max(
            ((wording_similarity(text, t), t) for t in candidate.texts),
            default=(0.0, ""),
            key=lambda pair: pair[0],
        )
        if best[0] >= threshold:
            scored.append(Suggestion(candidate.key, round(best[0], 1), best[1]))
    scored.sort(key=lambda s: -s.score)
    return scored[:limit]


def same_statement(a, b):
    """True when two wordings are identical or nearly so: enough to join one claim
    without asking a curator."""
    return wording_similarity(a, b) >= JOIN_THRESHOLD
