"""Curation: saves locked to the version a curator opened, bulk changes to quotes,
quotes detached from their claims and quotes added by hand."""

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.utils import bulk_update_with_history

from claims.models import AttributionMethod, Claim, Quote, claim_key_for
from claims.models.checks import REASON_MAX_LENGTH


class StaleEdit(Exception):
    """The record changed since the curator opened it; nothing was written."""


def stale_message(model, pk=None):
    """What a curator reads when their edit of row `pk` is refused as stale: who changed
    what since, and when, as far as the row's history tells."""
    latest = _latest_change(model, pk) if pk is not None else ""
    return (
        f"This {model._meta.verbose_name} was changed by someone else since you opened "
        f"it{latest}; reload to see their change."
    )


def _latest_change(model, pk):
    history = getattr(model, model._meta.simple_history_manager_attribute)
    records = list(
        history.filter(id=pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:2]
    )
    if not records:
        return ""
    latest, user = records[0], records[0].history_user
    who = (user.get_full_name() or user.get_username()) if user else "someone"
    fields = []
    if len(records) == 2:
        changed = latest.diff_against(records[1]).changed_fields
        # The lock's own bookkeeping is not news to the curator.
        fields = [
            str(model._meta.get_field(name).verbose_name)
            for name in changed
            if name not in {"version", "updated"}
        ]
    what = f"the {' and '.join(fields)}" if fields else "it"
    when = date_format(timezone.localtime(latest.history_date), "j F Y, H:i")
    return f": {who} changed {what} on {when}"


@transaction.atomic
def record_save_checked(*, obj, expected_version, reason=""):
    """Save `obj` (a model with a `version`) only while its row is still at
    `expected_version`, raising the version by one; raise StaleEdit otherwise."""
    model = type(obj)
    claimed = model.objects.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit(stale_message(model, obj.pk))
    obj.version = expected_version  # its save raises it to the version just claimed
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
    save_versioned(quotes, Quote, list(changes), user, reason)
    return len(quotes)


def quote_speaker_fields(*, speaker, article, memberships=None):
    """The fields a quote of `article` takes when a curator names `speaker` as its source:
    the speaker, the organization they belonged to on the article's date (the one the
    article names when several, None when none is known) and a curated method."""
    if memberships is None:
        memberships = _memberships_of(speaker)
    held = {m.organization_id: m.organization for m in memberships if m.covers(article.published)}
    if len(held) > 1:
        body = article.body.lower()
        held = {
            pk: org
            for pk, org in held.items()
            if any(len(name) > 3 and name.lower() in body for name in org.all_names())
        }
    organization = next(iter(held.values())) if len(held) == 1 else None
    return {"speaker": speaker, "organization": organization, "method": AttributionMethod.CURATED}


def _memberships_of(speaker):
    return list(speaker.memberships.select_related("organization")) if speaker else []


@transaction.atomic
def quote_reassign(*, quotes, speaker, user=None, reason):
    """Attribute every quote (with its article loaded) to `speaker` as quote_speaker_fields
    says, one history record each citing `reason` and `user`. Returns the count."""
    quotes = list(quotes)
    memberships = _memberships_of(speaker)
    for quote in quotes:
        fields = quote_speaker_fields(
            speaker=speaker, article=quote.article, memberships=memberships
        )
        for field, value in fields.items():
            setattr(quote, field, value)
    save_versioned(quotes, Quote, ["speaker", "organization", "method"], user, reason)
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
    save_versioned(moved, Quote, ["claim"], user, reason)
    return len(moved)


def save_versioned(objs, model, fields, user, reason):
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
        objs, model, fields, default_user=user, default_change_reason=reason[:REASON_MAX_LENGTH]
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
