"""Writes that touch several models. Each is atomic: all of it happens or none."""

from pathlib import Path

from django.core import serializers
from django.db import transaction


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
                continue
            item.save()
            added += 1
    return added, kept
