"""Roles in organizations as an article states them next to a person's name:
"Moeen al-Kadhimi, a spokesman for the Badr Corps", "Hadi al-Amiri, the leader of Badr",
"Moeen al-Kadhimi, a Badr Corps spokesman". Only organizations already known count, so a
place ("a lawmaker from Anbar") is never taken for one.
"""

import re
from dataclasses import dataclass

from claims.extraction.wording import organization_key

# The role words: lower-case, a few of them ("senior adviser", "deputy head").
_ROLE = r"(?P<role>[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,3}?)"
# A name as printed: capitalised words, with "of", "the", "and", "for" between them.
_ORG = (
    r"(?P<org>(?:[Tt]he\s+)?[A-Z][\w'’.&-]*"
    r"(?:\s+(?:(?:of|the|and|for|al)\s+)*[A-Z][\w'’.&-]*){0,6})"
)
_ROLE_FOR_ORG = re.compile(rf",\s+(?:(?:a|an|the)\s+)?{_ROLE}\s+(?:for|of|at|with|in)\s+{_ORG}")
_ORG_ROLE = re.compile(rf",\s+(?:(?:a|an|the)\s+)?{_ORG}\s+{_ROLE}\b")


@dataclass(frozen=True)
class Role:
    role: str  # as printed, e.g. "spokesman"
    organization: str  # the known spelling it matched, e.g. "Badr Corps"


def role_after(text, name, known_orgs):
    """The Role the words right after the first `name` in `text` give it (an appositive
    naming one of `known_orgs`, by organization_key), or None."""
    if not name:
        return None
    known = {organization_key(org): org for org in known_orgs}
    for mention in re.finditer(re.escape(name), text):
        rest = text[mention.end() : mention.end() + 160]
        for pattern in (_ROLE_FOR_ORG, _ORG_ROLE):
            found = pattern.match(rest)
            if found:
                org = _known_prefix(found.group("org"), known)
                if org:
                    return Role(role=found.group("role"), organization=org)
    return None


def _known_prefix(printed, known):
    """The known organization `printed` names, its longest leading run of words first
    ("the Badr Corps said" -> "Badr Corps")."""
    words = printed.split()
    for end in range(len(words), 0, -1):
        run = " ".join(words[:end])
        org = known.get(organization_key(run)) or known.get(organization_key(run.rstrip(".")))
        if org:
            return org
    return ""
