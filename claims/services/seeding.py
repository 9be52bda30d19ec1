"""Loading the seed fixture without duplicating rows or overwriting curators' edits."""

from collections import defaultdict
from pathlib import Path

from django.core import serializers
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from claims.models import Article, Organization, SlugRedirect, Speaker

SEED_REASON = "Loaded from the seed"


@transaction.atomic
def seed_load(*, path):
    """Load the seed fixture at `path`, adding only rows that are not there yet, each
    with a first history record ("Loaded from the seed") that later changes compare with.

    Rows already present (matched by natural key) are left as they are, so a
    second run duplicates nothing and never overwrites a curator's edits.
    Returns (added, kept) counts.
    """
    added = kept = 0
    new_rows = defaultdict(list)
    with Path(path).open(encoding="utf-8") as stream:
        for item in serializers.deserialize("json", stream, handle_forward_references=False):
            if item.object.pk is not None:
                kept += 1
            else:
                item.save()
                added += 1
                new_rows[type(item.object)].append(item.object)
            # Raw fixture saves skip Model.save(); remember slugs and alias slugs here.
            if isinstance(item.object, Speaker):
                SlugRedirect.remember(
                    item.object, extra_slugs=[slugify(a) for a in item.object.aliases]
                )
            elif isinstance(item.object, Organization | Article):
                SlugRedirect.remember(item.object)
    # Raw saves write no history either.
    now = timezone.now()
    for model, rows in new_rows.items():
        history = getattr(model._meta, "simple_history_manager_attribute", None)
        if history:
            getattr(model, history).bulk_history_create(
                rows, default_change_reason=SEED_REASON, default_date=now
            )
    return added, kept
