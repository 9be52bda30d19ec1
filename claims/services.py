"""Writes that touch several models. Each is atomic: all of it happens or none."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.db import transaction
from django.db.models import Count, F
from django.db.models import Q as models_q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_update_with_history

from claims.extraction import EXTRACTOR_VERSION
from claims.extraction.article import AGENCIES, UnreadableText, check_text, parse_article
from claims.extraction.names import name_key
from claims.extraction.quotes import extract
from claims.extraction.wording import organization_key, similar_wording
from claims.models import (
    Article,
    AttributionMethod,
    Claim,
    Membership,
    Merge,
    MergeKind,
    Organization,
    OrganizationKind,
    Quote,
    QuoteKind,
    QuoteStatus,
    SlugRedirect,
    Speaker,
    claim_key_for,
)


@transaction.atomic
def seed_load(*, path):
    """Load the seed fixture at `path`, adding only rows that are not there yet.

    Rows already present (matched by natural key) are left as they are, so a
    second run duplicates nothing and never overwrites a curator's edits.
    Returns (added, kept) counts.
    """
    added = kept = 0
    with Path(path).open(encoding="utf-8") as stream:
        for item in serializers.deserialize("json", stream, handle_forward_references=False):
            if item.object.pk is not None:
                kept += 1
            else:
                item.save()
                added += 1
            # Raw fixture saves skip Model.save(); remember slugs and alias slugs here.
            if isinstance(item.object, Speaker):
                SlugRedirect.remember(
                    item.object, extra_slugs=[slugify(a) for a in item.object.aliases]
                )
            elif isinstance(item.object, Organization | Article):
                SlugRedirect.remember(item.object)
    return added, kept


MAX_ARTICLE_CHARS = 1_000_000


class ImportRejected(ValueError):
    """The text cannot be imported as an article; the message says why, for the curator."""


@dataclass
class ImportResult:
    article: Article
    created: bool
    quotes: int = 0
    new_speakers: int = 0
    joined_claims: int = 0


@transaction.atomic
def article_import(*, text, source_name=""):
    """Create an Article from a news page's text with its extracted quotes, all unverified.

    Speakers are matched by any spelling of their name or aliases, else created;
    a quote joins an existing claim of the same speaker worded the same way. An
    article whose body is already stored is returned unchanged. Raises
    ImportRejected for text that is not an article; nothing is written then.
    """
    try:
        check_text(text)
    except UnreadableText as error:
        raise ImportRejected(str(error)) from error
    if len(text) > MAX_ARTICLE_CHARS:
        raise ImportRejected(
            f"the text has {len(text):,} characters; an article has at most "
            f"{MAX_ARTICLE_CHARS:,}. Is this really one news article?"
        )
    source_name = source_name[: Article._meta.get_field("seed_file").max_length]
    orgs = _OrganizationIndex()
    parsed = parse_article(text, known_outlets=orgs.spellings())
    if not parsed.body.strip():
        raise ImportRejected("no article body found: the text has a title but no paragraphs")
    existing = _already_imported(source_name, parsed.body)
    if existing:
        return ImportResult(article=existing, created=False)
    article = Article.objects.create(
        title=_fit(parsed.title or parsed.body, Article, "title"),
        slug=_unique_slug(Article, parsed.title or parsed.body[:80], "article", limit=80),
        outlet=orgs.get_or_create(parsed.outlet, OrganizationKind.OUTLET),
        original_source=orgs.get_or_create(
            parsed.original_source,
            OrganizationKind.AGENCY
            if parsed.original_source.lower() in AGENCIES
            else OrganizationKind.OUTLET,
        ),
        author=_fit(parsed.author, Article, "author"),
        published=parsed.published,
        url=parsed.url if len(parsed.url) <= 500 else "",
        seed_file=source_name,
        body=parsed.body,
    )
    result = ImportResult(article=article, created=True)
    found = _unique_spans(extract(parsed.body, indirect=True, known_orgs=orgs.spellings()))
    speakers = _SpeakerIndex(found)
    speaker_of = [
        speakers.get_or_create(f.speaker) if f.source_type == "person" else None for f in found
    ]
    claims = _ClaimIndex(list(zip(found, speaker_of, strict=True)), article)
    quotes = []
    for item, speaker in zip(found, speaker_of, strict=True):
        organization = orgs.get(item.speaker) if item.source_type == "organization" else None
        quotes.append(
            Quote(
                article=article,
                claim=claims.get_or_create(item, speaker),
                text=item.text,
                start=item.start,
                end=item.end,
                kind=item.kind,
                speaker=speaker,
                organization=organization,
                attributed_as=_fit(item.attributed_as, Quote, "attributed_as"),
                cue=_fit(item.cue, Quote, "cue"),
                status=QuoteStatus.UNVERIFIED,
                method=AttributionMethod.EXTRACTED,
                extractor_version=EXTRACTOR_VERSION,
            )
        )
    claims.save_new()
    Quote.objects.bulk_create(quotes)
    result.quotes = len(quotes)
    result.new_speakers = speakers.created
    result.joined_claims = claims.joined
    return result


def _unique_spans(found):
    """One find per (start, end, kind), the database's identity of a quote."""
    unique = {}
    for item in found:
        unique.setdefault((item.start, item.end, item.kind), item)
    return list(unique.values())


def _fit(value, model, field):
    return value[: model._meta.get_field(field).max_length].strip()


def _unique_slug(model, text, fallback, limit=200):
    base = slugify(text)[:limit].strip("-") or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _already_imported(source_name, body):
    """The article imported before with this body, whatever its file was called; None if new."""
    same_body = Article.objects.filter(body=body).order_by("pk").first()
    if same_body:
        return same_body
    if source_name and Article.objects.filter(seed_file=source_name).exists():
        raise ImportRejected(
            f"an article from a file named {source_name!r} is already imported with "
            "different text; rename the file to import it as a new article"
        )
    return None


class _OrganizationIndex:
    """Organizations by any of their spellings, loaded once."""

    def __init__(self):
        self.by_key = {}
        for org in Organization.objects.all():
            for spelling in org.all_names():
                self.by_key.setdefault(organization_key(spelling), org)

    def spellings(self):
        orgs = {org.pk: org for org in self.by_key.values()}
        return [name for org in orgs.values() for name in org.all_names()]

    def get(self, name):
        return self.by_key.get(organization_key(name)) if name else None

    def get_or_create(self, name, kind):
        if not name:
            return None
        org = self.get(name)
        if org is None:
            name = _fit(name, Organization, "name")
            org = Organization.objects.create(
                name=name, slug=_unique_slug(Organization, name, "organization"), kind=kind
            )
            self.by_key[organization_key(name)] = org
        return org


class _SpeakerIndex:
    """Speakers by the normalised key of every spelling; a surname alone matches the one
    speaker of this article (or, failing that, of the database) whose name ends with it."""

    def __init__(self, found):
        self.by_key = {}
        self.created = 0
        for speaker in Speaker.objects.all():
            for key in speaker.search_names.split(" | "):
                if key:
                    self.by_key.setdefault(key, speaker)
        self.article_names = [f.speaker for f in found if f.source_type == "person" and f.speaker]
        self.matched_speakers = {}

    def _find(self, name):
        key = name_key(name)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        if len(key.split()) == 1:
            fuller = {name_key(n) for n in self.article_names}
            fuller = {k for k in fuller if k.split()[-1:] == [key]} - {key}
            if len(fuller) == 1:
                return self.by_key.get(fuller.pop())
            surnames = {s.pk: s for k, s in self.by_key.items() if k.split()[-1:] == [key]}
            if len(surnames) == 1:
                return next(iter(surnames.values()))
        return None

    def matched(self):
        """Existing speakers this article quotes (for claim matching in one query)."""
        return {s.pk for s in (self._find(n) for n in self.article_names) if s}

    def get_or_create(self, name):
        if not name:
            return None
        speaker = self._find(name)
        if speaker is None:
            key = name_key(name)
            if len(key.split()) == 1:
                fuller = [n for n in self.article_names if name_key(n).split()[-1:] == [key]]
                name = max(fuller, key=len, default=name)
            name = _fit(name, Speaker, "name")
            speaker = Speaker.objects.create(name=name, slug=_unique_slug(Speaker, name, "speaker"))
            self.created += 1
            self.by_key[name_key(name)] = speaker
        return speaker


class _ClaimIndex:
    """Claims of the speakers an article quotes, so a quote can join one worded the same."""

    def __init__(self, pairs, article):
        self.article = article
        speaker_ids = {s.pk for _, s in pairs if s is not None}
        self.claims = list(Claim.objects.filter(speaker__in=speaker_ids).prefetch_related("quotes"))
        self.texts = {id(c): [c.statement, *(q.text for q in c.quotes.all())] for c in self.claims}
        self.new = []
        self.joined = 0
        candidates = [claim_key_for(*_key_parts(item, speaker)) for item, speaker in pairs]
        self.keys = set(Claim.objects.filter(key__in=candidates).values_list("key", flat=True))

    def get_or_create(self, item, speaker):
        """An existing or new claim of `speaker` worded like `item`, or a new claim."""
        if speaker is not None and item.kind != QuoteKind.INDIRECT:
            for claim in self.claims:
                if claim.speaker == speaker and any(
                    similar_wording(t, item.text) for t in self.texts[id(claim)]
                ):
                    self.texts[id(claim)].append(item.text)
                    self.joined += claim.pk is not None
                    return claim
        parts = _key_parts(item, speaker)
        key, salt = claim_key_for(*parts), 0
        while key in self.keys:  # the same words from the same source, not joined: salt it
            salt += 1
            key = claim_key_for(*parts, self.article.slug, item.start, salt)
        self.keys.add(key)
        claim = Claim(key=key, statement=item.text, speaker=speaker)
        self.new.append(claim)
        if speaker is not None:
            self.claims.append(claim)
            self.texts[id(claim)] = [item.text]
        return claim

    def save_new(self):
        Claim.objects.bulk_create(self.new)


def _key_parts(item, speaker):
    """What a claim key is made of, as the seed fixture makes it: source and first words."""
    source = speaker.slug if speaker else item.attributed_as
    return source, " ".join(re.findall(r"[a-z0-9]+", item.text.lower())[:12])


# Curation: locked saves, bulk attribution changes, quotes added by hand, merges and undo.


class StaleEdit(Exception):
    """The record changed since the curator opened it; nothing was written."""


def stale_message(model):
    return (
        f"This {model._meta.verbose_name} was changed by someone else since you opened it; "
        "reload to see their change."
    )


@transaction.atomic
def record_save_checked(*, obj, expected_version, reason=""):
    """Save `obj` (a model with a `version`) only while its row is still at
    `expected_version`, raising the version by one; raise StaleEdit otherwise."""
    model = type(obj)
    claimed = model.objects.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit(stale_message(model))
    obj.version = expected_version + 1
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


@transaction.atomic
def quote_bulk_update(*, quotes, changes, user=None, reason):
    """Set `changes` (field → value) on every quote, one history record each citing
    `reason` and `user`. Returns how many quotes changed."""
    quotes = list(quotes)
    for quote in quotes:
        for field, value in changes.items():
            setattr(quote, field, value)
    _save_versioned(quotes, Quote, list(changes), user, reason)
    return len(quotes)


@transaction.atomic
def quote_detach(*, quotes, user=None, reason):
    """Give each quote a claim of its own (statement = its text, same speaker); the
    claim keeps at least one quote (the earliest, when all are chosen). Returns the count."""
    quotes = sorted(quotes, key=lambda q: q.pk, reverse=True)
    totals = dict(
        Quote.objects.filter(claim_id__in={q.claim_id for q in quotes})
        .values("claim_id")
        .annotate(n=Count("pk"))
        .values_list("claim_id", "n")
    )
    moved = []
    for quote in quotes:
        if totals[quote.claim_id] > 1:
            totals[quote.claim_id] -= 1
            quote.claim = Claim.objects.create(
                key=_free_claim_key("detached", quote.claim_id, quote.pk),
                statement=quote.text,
                speaker_id=quote.speaker_id,
            )
            moved.append(quote)
    _save_versioned(moved, Quote, ["claim"], user, reason)
    return len(moved)


def _save_versioned(objs, model, fields, user, reason):
    """Bulk-save `fields` of `objs`, raising versions, with one history record per row."""
    if not objs:
        return
    fields = list(fields)
    names = {f.name for f in model._meta.concrete_fields}
    for obj in objs:
        if "version" in names:
            obj.version += 1
    fields += [f for f in ("version", "updated") if f in names]
    if "updated" in names:
        now = timezone.now()
        for obj in objs:
            obj.updated = now
    bulk_update_with_history(
        objs, model, fields, default_user=user, default_change_reason=reason[:100]
    )


def _free_claim_key(*parts):
    key, salt = claim_key_for(*parts), 0
    while Claim.objects.filter(key=key).exists():
        salt += 1
        key = claim_key_for(*parts, salt)
    return key


@transaction.atomic
def quote_add(*, quote, user=None, reason="Added by hand"):
    """Save the unsaved `quote` (article, text and start set) as curated by hand; without
    a claim it starts a claim of its own, worded as the quote."""
    quote.end = quote.start + len(quote.text)
    quote.method = AttributionMethod.CURATED
    if quote.claim_id is None:
        quote.claim = Claim.objects.create(
            key=_free_claim_key(quote.article.slug, quote.start, quote.text),
            statement=quote.text,
            speaker=quote.speaker,
        )
    quote._change_reason = reason
    if user is not None:
        quote._history_user = user
    quote.save()
    return quote


class MergeRefused(ValueError):
    """The merge or its undo cannot be done; the message says why, for the curator."""


@dataclass(frozen=True)
class _MergeSpec:
    model: type
    references: tuple  # (model, foreign key name) pairs that move to the survivor
    member_field: str  # Membership's foreign key to the merged model
    other_field: str  # Membership's other foreign key


def _merge_spec(kind):
    if kind == MergeKind.SPEAKER:
        return _MergeSpec(
            Speaker, ((Quote, "speaker"), (Claim, "speaker")), "speaker", "organization"
        )
    return _MergeSpec(
        Organization,
        ((Quote, "organization"), (Article, "outlet"), (Article, "original_source")),
        "organization",
        "speaker",
    )


def speaker_merge(*, survivor, duplicates, user=None, reason=""):
    """Fold `duplicates` into `survivor`: it keeps every quote, claim, membership and
    name (as aliases); the duplicates' slugs redirect to it. Returns the Merge."""
    return _merge(MergeKind.SPEAKER, survivor, duplicates, user, reason)


def organization_merge(*, survivor, duplicates, user=None, reason=""):
    """Fold `duplicates` into `survivor` as speaker_merge does, with articles and quotes."""
    return _merge(MergeKind.ORGANIZATION, survivor, duplicates, user, reason)


@transaction.atomic
def _merge(kind, survivor, duplicates, user, reason):
    spec = _merge_spec(kind)
    survivor = spec.model.objects.select_for_update().get(pk=survivor.pk)
    dup_ids = sorted({d.pk for d in duplicates} - {survivor.pk})
    duplicates = list(spec.model.objects.select_for_update().filter(pk__in=dup_ids).order_by("pk"))
    if not duplicates:
        raise MergeRefused("Choose at least one duplicate besides the record that survives.")
    names = ", ".join(d.name for d in duplicates)
    why = f"Merged {names} into {survivor.name}" + (f": {reason}" if reason else "")
    added = []
    for duplicate in duplicates:
        for name in duplicate.all_names():
            if name not in survivor.all_names() and name not in added:
                added.append(name)
    redirect_slugs = {d.slug for d in duplicates} | {slugify(a) for a in added}
    redirects = SlugRedirect.objects.filter(kind=kind).filter(
        models_q(target_id__in=dup_ids) | models_q(slug__in=redirect_slugs)
    )
    snapshot = {
        "rows": json.loads(serializers.serialize("json", duplicates)),
        "moved": [],
        "dropped_memberships": [],
        "aliases_added": added,
        "redirects": [list(r) for r in redirects.values_list("slug", "target_id")],
    }
    snapshot["redirect_slugs"] = sorted(redirect_slugs | {s for s, _ in snapshot["redirects"]})
    for model, field in spec.references:
        _move(
            snapshot,
            model,
            field,
            model.objects.filter(**{f"{field}__in": dup_ids}),
            survivor,
            user,
            why,
        )
    held = set(
        Membership.objects.filter(**{spec.member_field: survivor}).values_list(
            f"{spec.other_field}_id", "role"
        )
    )
    moving, dropped = [], []
    for membership in Membership.objects.filter(**{f"{spec.member_field}__in": dup_ids}):
        key = (getattr(membership, f"{spec.other_field}_id"), membership.role)
        (dropped if key in held else moving).append(membership)
        held.add(key)
    snapshot["dropped_memberships"] = json.loads(serializers.serialize("json", dropped))
    for membership in dropped:
        membership._change_reason = why[:100]
        membership.delete()
    _move(snapshot, Membership, spec.member_field, moving, survivor, user, why)
    survivor.aliases = [*survivor.aliases, *added]
    survivor.version += 1
    survivor._change_reason = why[:100]
    survivor.save()
    for duplicate in duplicates:
        duplicate._change_reason = why[:100]
        duplicate.delete()
    for slug in {d.slug for d in duplicates}:
        SlugRedirect.objects.update_or_create(
            kind=kind, slug=slug, defaults={"target_id": survivor.pk}
        )
    SlugRedirect.objects.filter(kind=kind, target_id__in=dup_ids).update(target_id=survivor.pk)
    return Merge.objects.create(
        kind=kind,
        survivor_id=survivor.pk,
        survivor_name=survivor.name,
        merged_names=names,
        snapshot=snapshot,
        reason=reason,
        created_by=user,
    )


def _move(snapshot, model, field, rows, target, user, why):
    rows = list(rows)
    snapshot["moved"].append(
        {
            "model": model._meta.label_lower,
            "field": field,
            "rows": [[row.pk, getattr(row, f"{field}_id")] for row in rows],
        }
    )
    for row in rows:
        setattr(row, field, target)
    _save_versioned(rows, model, [field], user, why)


@transaction.atomic
def merge_undo(*, merge, user=None):
    """Restore exactly what `merge` changed: the duplicates with their primary keys, slugs
    and names, the rows that moved (unless moved again since), dropped memberships, the
    survivor's aliases and the slug redirects."""
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise MergeRefused("This merge has already been undone.")
    spec = _merge_spec(merge.kind)
    survivor = spec.model.objects.filter(pk=merge.survivor_id).first()
    if survivor is None:
        raise MergeRefused(
            f"{merge.survivor_name} no longer exists (merged again?); undo that merge first."
        )
    snapshot = merge.snapshot
    restored = [
        item.object for item in serializers.deserialize("json", json.dumps(snapshot["rows"]))
    ]
    clash = spec.model.objects.filter(
        models_q(pk__in=[o.pk for o in restored]) | models_q(slug__in=[o.slug for o in restored])
    ).first()
    if clash is not None:
        raise MergeRefused(f"“{clash}” now uses a merged record's slug or id; rename it first.")
    why = f"Undid merge #{merge.pk}: {merge.merged_names} split from {merge.survivor_name}"
    for obj in restored:
        obj._change_reason = why[:100]
        obj.save(force_insert=True)
    for moved in snapshot["moved"]:
        model = apps.get_model(moved["model"])
        original = dict(moved["rows"])
        rows = list(model.objects.filter(pk__in=original, **{f"{moved['field']}_id": survivor.pk}))
        for row in rows:
            setattr(row, f"{moved['field']}_id", original[row.pk])
        _save_versioned(rows, model, [moved["field"]], user, why)
    for item in serializers.deserialize("json", json.dumps(snapshot["dropped_memberships"])):
        item.object._change_reason = why[:100]
        item.object.save(force_insert=True)
    survivor.aliases = [a for a in survivor.aliases if a not in snapshot["aliases_added"]]
    survivor.version += 1
    survivor._change_reason = why[:100]
    survivor.save()
    SlugRedirect.objects.filter(kind=merge.kind, slug__in=snapshot["redirect_slugs"]).delete()
    SlugRedirect.objects.bulk_create(
        SlugRedirect(kind=merge.kind, slug=slug, target_id=target)
        for slug, target in snapshot["redirects"]
    )
    merge.undone_at = timezone.now()
    merge.undone_by = user
    merge.save(update_fields=["undone_at", "undone_by"])
    return merge
