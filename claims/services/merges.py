"""Merging duplicate speakers or organizations into one, and undoing a merge exactly."""

import json
from dataclasses import dataclass

from django.apps import apps
from django.core import serializers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from claims.models import (
    Article,
    Claim,
    Membership,
    Merge,
    MergeKind,
    Organization,
    Quote,
    SlugRedirect,
    Speaker,
)
from claims.models.checks import REASON_MAX_LENGTH
from claims.services.curation import save_versioned


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
        Q(target_id__in=dup_ids) | Q(slug__in=redirect_slugs)
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
        membership._change_reason = why[:REASON_MAX_LENGTH]
        membership.delete()
    _move(snapshot, Membership, spec.member_field, moving, survivor, user, why)
    survivor.aliases = [*survivor.aliases, *added]
    survivor._change_reason = why[:REASON_MAX_LENGTH]
    survivor.save()
    for duplicate in duplicates:
        duplicate._change_reason = why[:REASON_MAX_LENGTH]
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
    save_versioned(rows, model, [field], user, why)


@transaction.atomic
def merge_undo(*, merge, user=None, reason=""):
    """Restore exactly what `merge` changed: the duplicates with their primary keys, slugs
    and names, the rows that moved (unless moved again since), dropped memberships, the
    survivor's aliases and the slug redirects. History records cite `reason`."""
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
        Q(pk__in=[o.pk for o in restored]) | Q(slug__in=[o.slug for o in restored])
    ).first()
    if clash is not None:
        raise MergeRefused(f"“{clash}” now uses a merged record's slug or id; rename it first.")
    why = f"Undid merge #{merge.pk}: {merge.merged_names} split from {merge.survivor_name}"
    why += f" — {reason}" if reason else ""
    for obj in restored:
        obj._change_reason = why[:REASON_MAX_LENGTH]
        obj.save(force_insert=True)
    for moved in snapshot["moved"]:
        model = apps.get_model(moved["model"])
        original = dict(moved["rows"])
        rows = list(model.objects.filter(pk__in=original, **{f"{moved['field']}_id": survivor.pk}))
        for row in rows:
            setattr(row, f"{moved['field']}_id", original[row.pk])
        save_versioned(rows, model, [moved["field"]], user, why)
    for item in serializers.deserialize("json", json.dumps(snapshot["dropped_memberships"])):
        item.object._change_reason = why[:REASON_MAX_LENGTH]
        item.object.save(force_insert=True)
    survivor.aliases = [a for a in survivor.aliases if a not in snapshot["aliases_added"]]
    survivor._change_reason = why[:REASON_MAX_LENGTH]
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
