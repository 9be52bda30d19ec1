"""What the claim, article and speaker pages show that is not a model's business: a
claim's sources as shown and its JSON-LD, reported speech as the sentence that reports it
(never as a quotation), an article's highlighted segments and who it quotes, a speaker's
claim groups, a claim's public attribution history and where a claim left without quotes
went.

Plain functions over model objects and lists the view has already read; only
`claim_speaker_role`, `attribution_history` and `claim_successor` query, a fixed
number of times.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Subquery
from django.urls import reverse

from claims.extraction.names import name_key, surname
from claims.extraction.wording import word_diff
from claims.models import Claim, Quote, QuoteStatus, Speaker
from claims.sanitize import json_ld
from claims.services.seeding import SEED_REASON


def claim_sources(claim, quotes):
    """Per quote of `claim`: its wording compared word by word with the statement (direct
    or reported alike), its paragraph and the chain of organizations that carried it
    (original source, then outlet)."""
    result = []
    for quote in quotes:
        article = quote.article
        chain = [org for org in (article.original_source, article.outlet) if org]
        if len(chain) == 2 and chain[0] == chain[1]:
            chain = chain[:1]
        result.append(
            {
                "quote": quote,
                "diff": word_diff(claim.statement, quote.text),
                "same_wording": quote.text.strip(" ,.") == claim.statement.strip(" ,."),
                "context": quote.context(),
                "chain": chain,
            }
        )
    return result


def claim_statement_quote(claim, quotes):
    """The quote the statement's wording comes from (the first quote when none has that
    exact wording), or None."""
    for quote in quotes:
        if quote.text == claim.statement:
            return quote
    return quotes[0] if quotes else None


def claim_statement_kind(claim, quotes):
    """The kind of the quote the statement's wording comes from (the first quote's kind
    when none has that exact wording)."""
    quote = claim_statement_quote(claim, quotes)
    return quote.kind if quote else "direct"


def first_dated(quotes):
    """The quote of the earliest dated article, or None when no article gives a date."""
    dated = [q for q in quotes if q.article.published]
    return min(dated, key=lambda q: q.article.published) if dated else None


def undated_articles(quotes):
    """The articles of `quotes` that give no date, each once, in order."""
    return list(dict.fromkeys(q.article for q in quotes if not q.article.published))


# Attribution words printed after what was said (“…, according to the United Nations”).
TRAILING_CUES = ("according to",)


def reported_speech(text, who, cue):
    """Reported speech as a sentence of the printed words, never in quotation marks: who,
    the attribution words, what was said (“Haider al-Abadi said last week he would welcome
    …”), or what was said first when the attribution words follow it in print (“…,
    according to the Ministry of Interior”)."""
    who, cue, text = (who or "an unnamed source").strip(), cue.strip(), text.strip(" ,")
    if cue.lower().startswith(TRAILING_CUES):
        sentence = f"{text}, {cue} {who}"
    elif cue:
        sentence = f"{who} {cue} {text}"
    else:
        sentence = f"{who}, in reported speech: {text}"
    return sentence[:1].upper() + sentence[1:]


def statement_quote(claim):
    """The quote `claim`'s statement is worded from: its `statement_quote` when the view
    set one, else found among its `wordings` (`ClaimQuerySet.with_statement_wording`)."""
    if getattr(claim, "statement_quote", None) is None:
        claim.statement_quote = claim_statement_quote(claim, getattr(claim, "wordings", []))
    return claim.statement_quote


def is_reported(item):
    """Whether a quote, or a claim's statement, is reported speech."""
    quote = item if isinstance(item, Quote) else statement_quote(item)
    return quote is not None and quote.kind == "indirect"


def reported(item):
    """`reported_speech` of a quote, or of a claim's statement (see `statement_quote`)."""
    if isinstance(item, Quote):
        who = _printed_name(item.speaker, item.attributed_as)
        if not who and item.organization_id:
            who = item.organization.name
        return reported_speech(item.text, who, item.cue)
    quote = statement_quote(item)
    attributed_as, cue = (quote.attributed_as, quote.cue) if quote else ("", "")
    return reported_speech(item.statement, _printed_name(item.speaker, attributed_as), cue)


def _printed_name(speaker, attributed_as):
    """How the article names the speaker when it names them there (“Mr. Abadi”, “Abadi and
    Iraqi Defence Minister Khaled Obeidi”), else the speaker's name (for “he”, “the
    lawmaker”), else the words the article used."""
    if speaker is None:
        return attributed_as
    key = surname(speaker.name)  # "Mr. Lind" names "Tom Lind Jr."
    if key and key in name_key(attributed_as or "").split():
        return attributed_as
    return speaker.name


def claim_speaker_role(claim, quotes):
    """The claim speaker's membership known to hold on the earliest dated quote's day, or
    None (one query)."""
    if claim.speaker is None:
        return None
    dated = [q.article.published for q in quotes if q.article.published]
    memberships = claim.speaker.memberships.select_related("organization")
    day = min(dated) if dated else None
    current = [m for m in memberships if m.covers(day)]
    return current[0] if current else None


def claim_json_ld(request, claim, quotes):
    """schema.org Claim appearing in each source: a direct or partial wording as a
    Quotation, reported speech as the NewsArticle that reports it (safe for a script tag)."""

    def person(quote):
        if quote.speaker:
            return {
                "@type": "Person",
                "name": quote.speaker.name,
                "url": request.build_absolute_uri(quote.speaker.get_absolute_url()),
            }
        if quote.organization:
            return {"@type": "Organization", "name": quote.organization.name}
        return {"@type": "Person", "name": quote.attributed_as or "Unnamed source"}

    def news_article(article):
        data = {
            "@type": "NewsArticle",
            "headline": article.title,
            "url": request.build_absolute_uri(article.get_absolute_url()),
        }
        if article.published:
            data["datePublished"] = article.published.isoformat()
        if article.outlet:
            data["publisher"] = {"@type": "Organization", "name": article.outlet.name}
        if article.url:
            data["sameAs"] = article.url
        return data

    def appearance(quote):
        # Reported speech is the reporter's wording: the article is where the claim
        # appears, not a quotation of it.
        if quote.kind == "indirect":
            return news_article(quote.article)
        return {
            "@type": "Quotation",
            "text": quote.text,
            "creator": person(quote),
            "isBasedOn": news_article(quote.article),
        }

    appearances = []
    for quote in quotes:
        if (item := appearance(quote)) not in appearances:
            appearances.append(item)
    data = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "text": claim.statement,
        "appearance": appearances,
    }
    if quotes:
        data["author"] = person(quotes[0])
        data["firstAppearance"] = appearance(quotes[0])
    return json_ld(data)


@dataclass(frozen=True)
class AttributionChange:
    """One public decision about a claim or its quotes, or the claim's first record."""

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
        subject_cap = f"{subject[0].upper()}{subject[1:]}"
        if self.field == "created":
            if self.new == SEED_REASON:
                return "Loaded from the seed."
            by = f" by {self.who}" if self.who else ""
            return f"Imported{by}{self.new.removeprefix('Imported')}."
        if self.field == "added":
            return f"{subject_cap} was added to this claim."
        if self.field == "speaker":
            return f"Speaker of {subject} changed from {self.old} to {self.new}."
        if self.field == "merged":
            return f"Speaker {self.old} was merged into {self.new}, for {subject}."
        if self.field == "unmerged":
            return f"A merge was undone: {subject} is {self.new}’s again, not {self.old}’s."
        if self.field == "status":
            if self.new in STATUS_WORDS:
                return f"{subject_cap} was {STATUS_WORDS[self.new]}."
            return f"Status of {subject} changed from {self.old} to {self.new}."
        if self.field == "statement":
            return f"Statement edited from “{_shorten(self.old)}” to “{_shorten(self.new)}”."
        if self.field == "text":
            return f"Boundaries of the quote corrected: now “{_shorten(self.new)}”."
        if self.field == "joined":
            return f"{subject_cap} was attached to this claim."
        return f"{subject_cap} was detached from this claim."


STATUS_WORDS = {
    QuoteStatus.VERIFIED.label: "verified",
    QuoteStatus.DISPUTED.label: "disputed",
    QuoteStatus.UNVERIFIED.label: "marked unverified again",
}
# Seconds within which a quote's first record belongs to its claim's own creation.
_SAME_WRITE = 5


def attribution_history(claim):
    """Every public decision about `claim` and its quotes, oldest first, as
    AttributionChanges read from django-simple-history's records: its first record
    (loaded from the seed or imported), quotes verified, disputed, given another speaker
    (by hand or by a merge or its undo), corrected, added, attached or detached, and the
    statement or speaker edited. Four queries at most, however long the history."""
    quote_records = list(
        Quote.history.filter(id__in=Subquery(Quote.history.filter(claim_id=claim.pk).values("id")))
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    claim_records = list(
        claim.history.select_related("history_user").order_by("history_date", "history_id")
    )
    born = claim_records[0] if claim_records and claim_records[0].history_type == "+" else None
    raw = []
    if born is not None and _is_baseline(born.history_change_reason or ""):
        raw.append((born, "created", "", born.history_change_reason))
    sources = (
        (quote_records, ("speaker_id", "status", "claim_id", "text")),
        (claim_records, ("speaker_id", "statement")),
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
            elif record.history_type == "+" and records is quote_records:
                if _added_later(record, born, claim.pk):
                    raw.append((record, "added", "", ""))
            previous = record
    raw = [item for item in raw if _concerns(item, claim.pk)]
    names = _speaker_names({v for _, name, *values in raw if name == "speaker_id" for v in values})
    statuses = dict(QuoteStatus.choices)
    changes = []
    for record, name, old, new in raw:
        quote_text = getattr(record, "text", "") if hasattr(record, "article_id") else ""
        reason = record.history_change_reason or ""
        field = name
        if name == "speaker_id":
            field = _speaker_field(reason)
            old, new = names.get(old, "no one"), names.get(new, "no one")
        elif name == "status":
            old, new = statuses.get(old, old), statuses.get(new, new)
        elif name == "claim_id":
            field, old, new = ("joined" if new == claim.pk else "left"), "", ""
        changes.append(
            AttributionChange(
                when=record.history_date,
                who=_display_name(record.history_user),
                field=field,
                old=old,
                new=new,
                reason="" if field == "created" else _public_reason(reason),
                quote_text=quote_text,
            )
        )
    return sorted(changes, key=lambda change: (change.field != "created", change.when))


def _is_baseline(reason):
    """The reason the seed loader and the import give a row's first record."""
    return reason == SEED_REASON or reason == "Imported" or reason.startswith("Imported from ")


def _added_later(record, born, claim_pk):
    """A quote created in this claim after the claim itself (imported or added by hand)."""
    if record.claim_id != claim_pk or born is None:
        return False
    return (record.history_date - born.history_date).total_seconds() > _SAME_WRITE


def _speaker_field(reason):
    if reason.startswith("Merged "):
        return "merged"
    if reason.startswith("Undid merge"):
        return "unmerged"
    return "speaker"


def _public_reason(reason):
    """The curator's own words: a bulk action's record reads “bulk action: WHAT — WHY”,
    and the change itself already says WHAT."""
    if reason.startswith("bulk action:"):
        return reason.partition(" — ")[2]
    return reason


def claim_successor(claim_pk):
    """The claim that most of the quotes once part of claim `claim_pk` now belong to (read
    from their history records), or None when they belong nowhere else. Two queries."""
    moved = Quote.history.filter(claim_id=claim_pk).values("id")
    claim_ids = list(
        Quote.objects.filter(id__in=Subquery(moved))
        .exclude(claim_id=claim_pk)
        .values_list("claim_id", flat=True)
    )
    if not claim_ids:
        return None
    most = max(set(claim_ids), key=lambda pk: (claim_ids.count(pk), -pk))
    return Claim.objects.get(pk=most)


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


def article_segments(article, quotes):
    """The article body as (text, quote, inner) pieces so every quote can be highlighted.

    `quote` is None for plain text. A quote that lies inside an earlier one (a partial
    inside reported speech) comes back in the outer piece's `inner` list of (text, quote)
    pieces; overlapping but not nested quotes are left out.
    """
    body = article.body
    pieces, cursor = [], 0
    ordered = sorted(quotes, key=lambda q: (q.start, -q.end))
    index = 0
    while index < len(ordered):
        outer = ordered[index]
        index += 1
        if outer.start < cursor:
            continue
        inner_quotes = []
        while index < len(ordered) and ordered[index].end <= outer.end:
            inner_quotes.append(ordered[index])
            index += 1
        if outer.start > cursor:
            pieces.append((body[cursor : outer.start], None, []))
        inner, position = [], outer.start
        for quote in inner_quotes:
            if quote.start < position:
                continue
            if quote.start > position:
                inner.append((body[position : quote.start], None))
            inner.append((body[quote.start : quote.end], quote))
            position = quote.end
        if inner:
            inner.append((body[position : outer.end], None))
        pieces.append((body[outer.start : outer.end], outer, inner))
        cursor = outer.end
    pieces.append((body[cursor:], None, []))
    return pieces


def quoted_sources(quotes):
    """Who is quoted in `quotes`: speakers and unnamed sources, each as {"speaker",
    "label", "organization", "count"}, most quoted first."""
    sources = {}
    for quote in quotes:
        key = ("s", quote.speaker_id) if quote.speaker_id else ("a", quote.attributed_as)
        entry = sources.setdefault(
            key,
            {
                "speaker": quote.speaker,
                "label": quote.attributed_as,
                "organization": quote.organization,
                "count": 0,
            },
        )
        entry["count"] += 1
    return sorted(sources.values(), key=lambda e: (-e["count"], str(e["speaker"] or e["label"])))


def speaker_claim_groups(speaker, outline, cards):
    """The speaker's claims in `outline` order: for each, {"url", "quotes": [...]} with its
    permalink and its quotes (direct ones first) as {"pk", "kind", "card", "role"}, `role`
    being the membership held on the quote's day.

    `outline` is `QuoteQuerySet.outline()` rows, `cards` {quote pk: rendered card}; a
    quote without a card (deleted since the outline was read) is left out."""
    groups = {}
    for pk, claim_id, kind, published, organization_id, key in outline:
        if pk not in cards:
            continue
        role = speaker.role_on(published, organization_id)
        line = {"pk": pk, "kind": kind, "card": cards[pk], "role": role}
        if claim_id not in groups:
            groups[claim_id] = {"url": reverse("claims:claim_detail", args=[key]), "quotes": []}
        groups[claim_id]["quotes"].append(line)
    for group in groups.values():
        group["quotes"].sort(key=lambda line: line["kind"] == "indirect")
    return list(groups.values())
