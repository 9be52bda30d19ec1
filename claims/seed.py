"""Build the seed fixture from the seed texts and the curation file.

The extractor reads the texts; `fixtures/curation.toml` supplies canonical
names, kinds and memberships, and corrects the extractor where it errs. The
output is a Django fixture with natural keys and no primary keys, built the
same way byte for byte on every run.
"""

import json
import re
import tomllib
from collections import Counter
from pathlib import Path

from django.utils.text import slugify

from claims.extraction import EXTRACTOR_VERSION
from claims.extraction.article import parse_article
from claims.extraction.names import name_key
from claims.extraction.quotes import extract
from claims.extraction.wording import organization_key, similar_wording
from claims.models import claim_key_for


class CurationError(ValueError):
    """The curation file disagrees with the texts (a fix or name that matches nothing)."""


def _words(text):
    return [w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))]


class Registry:
    """Look up curated speakers and organizations by any of their spellings."""

    def __init__(self, curation):
        self.orgs = []
        self.speakers = []
        self._org_keys = {}
        self._speaker_keys = {}
        for entry in curation.get("organization", []):
            org = {
                "name": entry["name"],
                "slug": entry.get("slug") or slugify(entry["name"]),
                "kind": entry.get("kind", "other"),
                "aliases": entry.get("aliases", []),
                "description": entry.get("description", ""),
            }
            self.orgs.append(org)
            for spelling in [org["name"], *org["aliases"]]:
                self._org_keys[organization_key(spelling)] = org
        for entry in curation.get("speaker", []):
            speaker = {
                "name": entry["name"],
                "slug": entry.get("slug") or slugify(entry["name"]),
                "aliases": entry.get("aliases", []),
                "description": entry.get("description", ""),
                "memberships": entry.get("memberships", []),
            }
            self.speakers.append(speaker)
            for spelling in [speaker["name"], *speaker["aliases"]]:
                self._speaker_keys[name_key(spelling)] = speaker

    def org(self, name, required=True):
        if not name:
            return None
        found = self._org_keys.get(organization_key(name))
        if found is None and required:
            raise CurationError(f"organization {name!r} is not in the curation file")
        return found

    def speaker(self, name):
        if not name:
            return None
        key = name_key(name)
        if key in self._speaker_keys:
            return self._speaker_keys[key]
        # A surname alone ("Zamili") names the one speaker whose name ends with it.
        matches = [s for k, s in self._speaker_keys.items() if k.split()[-1:] == key.split()[-1:]]
        unique = {s["slug"]: s for s in matches}
        if len(unique) == 1:
            return next(iter(unique.values()))
        raise CurationError(f"speaker {name!r} is not in the curation file")

    def all_org_spellings(self):
        return [s for org in self.orgs for s in [org["name"], *org["aliases"]]]


def _find_one(body, text, occurrence=None, where=""):
    positions = [m.start() for m in re.finditer(re.escape(text), body)]
    if not positions:
        raise CurationError(f"{where}: text not found: {text[:60]!r}")
    if occurrence is None and len(positions) > 1:
        raise CurationError(f"{where}: text occurs {len(positions)} times: {text[:60]!r}")
    return positions[(occurrence or 1) - 1]


def _apply_fixes(quotes, fixes, body, registry, where):
    for fix in fixes:
        hits = [q for q in quotes if q["text"].startswith(fix["match"])]
        if len(hits) != 1:
            raise CurationError(f"{where}: fix {fix['match'][:50]!r} matches {len(hits)} quotes")
        quote = hits[0]
        if fix.get("drop"):
            quotes.remove(quote)
            continue
        if "replace_text" in fix:
            start = _find_one(body, fix["replace_text"], fix.get("occurrence"), where)
            quote.update(
                start=start, end=start + len(fix["replace_text"]), text=fix["replace_text"]
            )
        if fix.get("clear_speaker"):
            quote["speaker"] = None
        if "speaker" in fix:
            quote["speaker"] = fix["speaker"]
            quote["organization"] = None
        if "organization" in fix:
            quote["organization"] = fix["organization"]
            if "speaker" not in fix:
                quote["speaker"] = None
        for field in ("attributed_as", "cue", "kind"):
            if field in fix:
                quote[field] = fix[field]
        quote["method"] = "curated"


def _quote_from_found(found, registry):
    speaker, organization = None, None
    if found.source_type == "person" and found.speaker:
        speaker = found.speaker
    elif found.source_type == "organization" and found.speaker:
        if registry.org(found.speaker, required=False):
            organization = found.speaker
    return {
        "text": found.text,
        "start": found.start,
        "end": found.end,
        "kind": found.kind,
        "speaker": speaker,
        "organization": organization,
        "attributed_as": found.attributed_as,
        "cue": found.cue,
        "method": "extracted",
    }


def _affiliation(quote, body, speaker):
    """The organization the article ties this speaker to: named in the quote's paragraph
    if possible, else anywhere in the article; None when the article names none of theirs."""
    paragraph_start = body.rfind("\n", 0, quote["start"]) + 1
    paragraph_end = body.find("\n", quote["end"])
    paragraph = body[paragraph_start : paragraph_end if paragraph_end >= 0 else len(body)]
    for scope in (paragraph.lower(), body.lower()):
        for membership in speaker["memberships"]:
            org = membership["org"]
            if any(len(s) > 3 and s.lower() in scope for s in [org["name"], *org["aliases"]]):
                return org
    return None


def build_fixture(seeds_dir, curation_path):
    """The seed fixture as a list of Django fixture records (natural keys, no pks)."""
    curation = tomllib.loads(Path(curation_path).read_text(encoding="utf-8"))
    registry = Registry(curation)
    for speaker in registry.speakers:
        for membership in speaker["memberships"]:
            membership["org"] = registry.org(membership["organization"])
    articles, quotes = _read_seeds(sorted(Path(seeds_dir).glob("*.txt")), curation, registry)
    claims = _claim_records(_group_claims(quotes, curation.get("claim", [])))
    return [
        *_people_records(registry),
        *({"model": "claims.article", "fields": a} for a in sorted(articles, key=_slug)),
        *claims,
        *(
            _quote_record(q)
            for q in sorted(quotes, key=lambda q: (q["article"]["slug"], q["start"], q["end"]))
        ),
    ]


def _slug(entry):
    return entry["slug"]


def _people_records(registry):
    """Organizations, then each speaker followed by their memberships."""
    records = [
        {
            "model": "claims.organization",
            "fields": {k: org[k] for k in ("name", "slug", "kind", "aliases", "description")},
        }
        for org in sorted(registry.orgs, key=_slug)
    ]
    for speaker in sorted(registry.speakers, key=_slug):
        records.append(
            {
                "model": "claims.speaker",
                "fields": {
                    "name": speaker["name"],
                    "slug": speaker["slug"],
                    "aliases": speaker["aliases"],
                    "description": speaker["description"],
                    "search_names": " | ".join(
                        name_key(n) for n in [speaker["name"], *speaker["aliases"]]
                    ),
                },
            }
        )
        records.extend(
            {
                "model": "claims.membership",
                "fields": {
                    "speaker": [speaker["slug"]],
                    "organization": [membership["org"]["slug"]],
                    "role": membership.get("role", ""),
                    "start_date": _date_or_none(membership.get("start_date")),
                    "end_date": _date_or_none(membership.get("end_date")),
                },
            }
            for membership in speaker["memberships"]
        )
    return records


def _date_or_none(value):
    return str(value) if value else None


def _read_seeds(seeds, curation, registry):
    """Every seed text's article and its quotes, extracted and then curated."""
    entries = curation.get("article", [])
    for entry in entries:
        matches = [p for p in seeds if p.name.startswith(entry["file"])]
        if len(matches) != 1:
            raise CurationError(f"article {entry['file']!r} matches {len(matches)} seed files")
    articles, all_quotes = [], []
    for path in seeds:
        entry = next((a for a in entries if path.name.startswith(a["file"])), {})
        article, quotes = _read_seed(path, entry, curation, registry)
        articles.append(article)
        all_quotes.extend(quotes)
    return articles, all_quotes


def _read_seed(path, entry, curation, registry):
    """One seed text's article record fields and its quotes, in body order."""
    where = path.name
    parsed = parse_article(
        path.read_text(encoding="utf-8"), known_outlets=registry.all_org_spellings()
    )
    outlet = registry.org(entry.get("outlet") or parsed.outlet, required=False)
    original = registry.org(entry.get("original_source") or parsed.original_source)
    article = {
        "title": entry.get("title") or parsed.title,
        "slug": entry.get("slug") or slugify(parsed.title)[:80].strip("-"),
        "outlet": [outlet["slug"]] if outlet else None,
        "original_source": [original["slug"]] if original else None,
        "author": entry.get("author", parsed.author),
        "published": str(entry.get("published") or parsed.published or "") or None,
        "url": entry.get("url", parsed.url),
        "seed_file": path.name,
        "body": parsed.body,
    }
    found = extract(parsed.body, indirect=True, known_orgs=registry.all_org_spellings())
    quotes = [_quote_from_found(f, registry) for f in found]
    file_key = path.name.split("_")[0]
    _apply_fixes(
        quotes,
        [f for f in curation.get("fix", []) if f["file"] == file_key],
        parsed.body,
        registry,
        where,
    )
    quotes.extend(
        _added_quote(add, parsed.body, where)
        for add in curation.get("add", [])
        if add["file"] == file_key
    )
    for quote in quotes:
        _resolve_sources(quote, parsed.body, registry, where)
        quote["article"] = article
        quote["file_key"] = file_key
    quotes.sort(key=lambda q: (q["start"], q["end"]))
    return article, quotes


def _added_quote(add, body, where):
    """A quote the extractor missed, as the curation file's `add` entry gives it."""
    start = _find_one(body, add["text"], add.get("occurrence"), where)
    return {
        "text": add["text"],
        "start": start,
        "end": start + len(add["text"]),
        "kind": add.get("kind", "direct"),
        "speaker": add.get("speaker"),
        "organization": add.get("organization"),
        "attributed_as": add.get("attributed_as", ""),
        "cue": add.get("cue", ""),
        "method": "curated",
    }


def _resolve_sources(quote, body, registry, where):
    """Check the quote's offsets and replace its speaker and organization names by their
    curated entries; a speaker's organization is the one the article ties them to."""
    if body[quote["start"] : quote["end"]] != quote["text"]:
        raise CurationError(f"{where}: offsets do not match {quote['text'][:40]!r}")
    speaker = registry.speaker(quote["speaker"]) if quote["speaker"] else None
    org = registry.org(quote["organization"]) if quote["organization"] else None
    if speaker and not org:
        org = _affiliation(quote, body, speaker)
    quote["speaker"] = speaker
    quote["organization"] = org


def _claim_records(groups):
    """One claim record per group, sorted by key; each quote learns its claim's key."""
    records = []
    for group in groups:
        first = group[0]
        source = first["speaker"]["slug"] if first["speaker"] else first["attributed_as"]
        key = claim_key_for(source, " ".join(_words(first["text"])[:12]))
        statement = max(
            group, key=lambda q: (q["kind"] == "direct", q["kind"] != "indirect", len(q["text"]))
        )["text"]
        speakers = Counter(q["speaker"]["slug"] for q in group if q["speaker"])
        records.append(
            {
                "model": "claims.claim",
                "fields": {
                    "key": key,
                    "statement": statement,
                    "speaker": [speakers.most_common(1)[0][0]] if speakers else None,
                    "created": "2015-10-01T00:00:00Z",
                },
            }
        )
        for quote in group:
            quote["claim_key"] = key
    keys = Counter(r["fields"]["key"] for r in records)
    for key, count in keys.items():
        if count > 1:
            statements = [
                r["fields"]["statement"][:50] for r in records if r["fields"]["key"] == key
            ]
            raise CurationError(f"claims share the key {key}: {statements}")
    return sorted(records, key=lambda r: r["fields"]["key"])


def _quote_record(quote):
    return {
        "model": "claims.quote",
        "fields": {
            "article": [quote["article"]["slug"]],
            "claim": [quote["claim_key"]],
            "text": quote["text"],
            "start": quote["start"],
            "end": quote["end"],
            "kind": quote["kind"],
            "speaker": [quote["speaker"]["slug"]] if quote["speaker"] else None,
            "organization": [quote["organization"]["slug"]] if quote["organization"] else None,
            "attributed_as": quote["attributed_as"],
            "cue": quote["cue"],
            "status": "unverified",
            "method": quote["method"],
            "extractor_version": EXTRACTOR_VERSION if quote["method"] == "extracted" else "",
            "updated": "2015-10-01T00:00:00Z",
        },
    }


def _same_source(a, b):
    if a["speaker"] or b["speaker"]:
        return a["speaker"] is b["speaker"]
    return a["organization"] is b["organization"]


def _group_claims(quotes, curated_groups):
    """Group quotes into claims: curated groups first, then near-identical wording."""
    group_of = {}
    groups = []
    for entry in curated_groups:
        members = []
        for ref in entry["quotes"]:
            file_key, _, prefix = ref.partition(": ")
            hits = [q for q in quotes if q["file_key"] == file_key and q["text"].startswith(prefix)]
            if len(hits) != 1:
                raise CurationError(f"claim entry {ref!r} matches {len(hits)} quotes")
            members.append(hits[0])
        groups.append(members)
        for quote in members:
            group_of[id(quote)] = members
    for quote in quotes:
        if id(quote) in group_of:
            continue
        same_source = [
            g
            for g in groups
            if any(
                _same_source(m, quote)
                and m["kind"] != "indirect"
                and quote["kind"] != "indirect"
                and similar_wording(m["text"], quote["text"])
                for m in g
            )
        ]
        if same_source:
            same_source[0].append(quote)
            group_of[id(quote)] = same_source[0]
        else:
            groups.append([quote])
            group_of[id(quote)] = groups[-1]
    for group in groups:
        group.sort(key=lambda q: (q["article"]["published"] or "9999", q["file_key"], q["start"]))
    return groups


def dump_fixture(records):
    """Serialise records the same way every time."""
    return json.dumps(records, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
