"""A claim's public attribution history, read from django-simple-history's records."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Subquery


@dataclass(frozen=True)
class AttributionChange:
    when: datetime
    who: str
    field: str
    old: str
    new: str
    reason: str
    quote_text: str = ""

    @property
    def summary(self):
        """One plain-text sentence (escaped by the template like any other value)."""
        subject = f"the quote “{_shorten(self.quote_text)}”" if self.quote_text else "the claim"
        if self.field == "speaker":
            return f"Speaker of {subject} changed from {self.old} to {self.new}."
        if self.field == "status":
            return f"Status of {subject} changed from {self.old} to {self.new}."
        if self.field == "joined":
            return f"{subject[0].upper()}{subject[1:]} was attached to this claim."
        return f"{subject[0].upper()}{subject[1:]} was moved to another claim."


def attribution_history(claim):
    """Changes to the speaker and status of `claim` and its quotes, and quotes joining or
    leaving it, oldest first. Four queries at most, however long the history."""
    from claims.models import Quote, QuoteStatus

    quote_records = list(
        Quote.history.filter(id__in=Subquery(Quote.history.filter(claim_id=claim.pk).values("id")))
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    claim_records = list(
        claim.history.select_related("history_user").order_by("history_date", "history_id")
    )
    raw = []
    sources = (
        (quote_records, ("speaker_id", "status", "claim_id")),
        (claim_records, ("speaker_id",)),
    )
    for records, fields in sources:
        previous = None
        for record in records:
            if previous is not None and previous.id == record.id and record.history_type == "~":
                raw.extend(
                    (record, name, getattr(previous, name), getattr(record, name))
                    for name in fields
                    if getattr(previous, name) != getattr(record, name)
                )
            previous = record
    raw = [item for item in raw if _concerns(item, claim.pk)]
    names = _speaker_names({v for _, name, *values in raw if name == "speaker_id" for v in values})
    statuses = dict(QuoteStatus.choices)
    changes = []
    for record, name, old, new in raw:
        quote_text = getattr(record, "text", "")
        if name == "speaker_id":
            field, old, new = "speaker", names.get(old, "no one"), names.get(new, "no one")
        elif name == "status":
            field, old, new = "status", statuses.get(old, old), statuses.get(new, new)
        else:
            field, old, new = ("joined" if new == claim.pk else "left"), "", ""
        changes.append(
            AttributionChange(
                when=record.history_date,
                who=_display_name(record.history_user),
                field=field,
                old=old,
                new=new,
                reason=record.history_change_reason or "",
                quote_text=quote_text,
            )
        )
    return sorted(changes, key=lambda change: change.when)


def _concerns(item, claim_pk):
    """A quote's change belongs here while the quote is part of this claim."""
    record, name, old, new = item
    if not hasattr(record, "claim_id"):
        return True
    if name == "claim_id":
        return claim_pk in (old, new)
    return record.claim_id == claim_pk


def _speaker_names(ids):
    """Names of speakers by id, merged-away ones included (from their history)."""
    from claims.models import Speaker

    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    names = dict(Speaker.objects.filter(pk__in=ids).values_list("pk", "name"))
    missing = ids - names.keys()
    if missing:
        for pk, name in (
            Speaker.history.filter(id__in=missing)
            .order_by("history_date")
            .values_list("id", "name")
        ):
            names[pk] = name
    return names


def _display_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _shorten(text, words=10):
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
