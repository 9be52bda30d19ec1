"""Articles, the people and organizations they quote, and what was said.

People and organizations follow the Popolo shape: a canonical name, other
names (aliases) and memberships with a role and optional dates.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from claims.extraction.names import name_key
from claims.querysets import (
    ArticleQuerySet,
    ClaimQuerySet,
    MembershipQuerySet,
    OrganizationQuerySet,
    QuoteQuerySet,
    SpeakerQuerySet,
)


class OrganizationKind(models.TextChoices):
    OUTLET = "outlet", "News outlet"
    AGENCY = "agency", "News agency"
    MILITIA = "militia", "Militia"
    PARTY = "party", "Party or coalition"
    GOVERNMENT = "government", "Government body"
    INTERNATIONAL = "international", "International body"
    OTHER = "other", "Other"


class QuoteKind(models.TextChoices):
    DIRECT = "direct", "Direct quotation"
    PARTIAL = "partial", "Partial quotation"
    INDIRECT = "indirect", "Reported speech"


class QuoteStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"


class AttributionMethod(models.TextChoices):
    CURATED = "curated", "Curated by hand"
    EXTRACTED = "extracted", "Found by the extractor"


def _choices_constraint(field, choices, name):
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Organization(models.Model):
    name = models.CharField(
        max_length=200, help_text="Canonical name, e.g. “The Wall Street Journal”."
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the URL, e.g. “badr”.")
    kind = models.CharField(
        max_length=20,
        choices=OrganizationKind.choices,
        default=OrganizationKind.OTHER,
        help_text="What sort of body this is, e.g. a news outlet or a militia.",
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names the sources use, e.g. [“Badr Corps”, “Badr Brigade”].",
    )
    description = models.CharField(
        max_length=300, blank=True, help_text="One line, only what the sources state."
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            _choices_constraint("kind", OrganizationKind, "claims_organization_kind_valid"),
            models.CheckConstraint(
                condition=~Q(slug=""), name="claims_organization_slug_not_empty"
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="claims_org_kind_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        SlugRedirect.remember(self)

    def get_absolute_url(self):
        return reverse("claims:organization_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def all_names(self):
        return [self.name, *[a for a in self.aliases if a != self.name]]


class Speaker(models.Model):
    name = models.CharField(
        max_length=200, help_text="The fullest spelling the sources use, e.g. “Moeen al-Kadhimi”."
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the URL.")
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Every other spelling the sources use, e.g. [“Muen al-Kadhimi”, “Muen Kadhimi”].",
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="One line, only what the sources state, e.g. “Spokesman for the Badr Corps”.",
    )
    search_names = models.TextField(
        blank=True,
        editable=False,
        help_text="Normalised name and aliases for accent- and prefix-insensitive search.",
    )
    organizations = models.ManyToManyField(
        Organization, through="Membership", related_name="members", blank=True
    )
    notes = models.TextField(
        blank=True,
        help_text="Curator notes in Markdown, shown on the public page after sanitising.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = SpeakerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_names"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="claims_speaker_slug_not_empty"),
        ]
        indexes = [models.Index(fields=["name"], name="claims_speaker_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_names = self.search_key()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_names"}
        super().save(*args, **kwargs)
        SlugRedirect.remember(self, extra_slugs=[slugify(a) for a in self.aliases])

    def get_absolute_url(self):
        return reverse("claims:speaker_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def all_names(self):
        return [self.name, *[a for a in self.aliases if a != self.name]]

    def search_key(self):
        """Every spelling, normalised for accent-, case- and al-insensitive search."""
        return " | ".join(name_key(n) for n in self.all_names())

    def role_on(self, day, organization_id=None):
        """The membership known to hold on `day`, preferring `organization_id`.

        Uses prefetched memberships; None when the sources state no role.
        """
        current = [m for m in self.memberships.all() if m.covers(day)]
        current.sort(key=lambda m: (m.organization_id != organization_id, m.pk))
        return current[0] if current else None

    def claims_with_sources(self, outline, cards):
        """The speaker's claims, newest first: for each, its quotes (direct ones first) as
        {"pk", "kind", "card", "role"}, with the role held on the day.

        `outline` is `QuoteQuerySet.outline()` rows, `cards` {quote pk: card}."""
        groups = {}
        for pk, claim_id, kind, published, organization_id in outline:
            if pk not in cards:  # deleted since the outline was read
                continue
            role = self.role_on(published, organization_id)
            line = {"pk": pk, "kind": kind, "card": cards[pk], "role": role}
            groups.setdefault(claim_id, {"quotes": []})["quotes"].append(line)
        for group in groups.values():
            group["quotes"].sort(key=lambda line: line["kind"] == "indirect")
        return list(groups.values())


class Membership(models.Model):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text="The role as the sources state it, e.g. “spokesman”. Empty when not stated.",
    )
    start_date = models.DateField(null=True, blank=True, help_text="Only when a source states it.")
    end_date = models.DateField(null=True, blank=True, help_text="Only when a source states it.")

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["speaker__name", "organization__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["speaker", "organization", "role"],
                name="claims_membership_unique_role",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="claims_membership_dates_ordered",
            ),
        ]

    def __str__(self):
        role = self.role or "member"
        return f"{self.speaker} — {role}, {self.organization}"

    def get_absolute_url(self):
        return self.speaker.get_absolute_url()

    def natural_key(self):
        return (*self.speaker.natural_key(), *self.organization.natural_key(), self.role)

    natural_key.dependencies = ["claims.speaker", "claims.organization"]

    def covers(self, day):
        """True when the membership is known to hold on `day` (open ends count)."""
        if day is None:
            return True
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )


class Article(models.Model):
    title = models.CharField(max_length=500, help_text="The headline as published.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the URL.")
    outlet = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_articles",
        help_text="Whose page this is, only when the text says so, e.g. “Russia Insider”.",
    )
    original_source = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="originated_articles",
        help_text="Where the story first appeared, when the text says so "
        "(“originally appeared in The Wall Street Journal”, “By Reuters”).",
    )
    author = models.CharField(max_length=200, blank=True, help_text="Only when the text names one.")
    published = models.DateField(
        null=True, blank=True, help_text="Publication date, only when the text states it."
    )
    url = models.URLField(max_length=500, blank=True, help_text="Only when the text states it.")
    seed_file = models.CharField(
        max_length=200, blank=True, help_text="The file the article was imported from."
    )
    body = models.TextField(help_text="The article text without site boilerplate.")

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published", "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="claims_article_slug_not_empty"),
            models.UniqueConstraint(
                fields=["seed_file"],
                condition=~Q(seed_file=""),
                name="claims_article_seed_file_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["published"], name="claims_article_published_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        SlugRedirect.remember(self)

    def get_absolute_url(self):
        return reverse("claims:article_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def segments(self, quotes):
        """The body as (text, quote, inner) pieces so every quote can be highlighted.

        `quote` is None for plain text. A quote that lies inside an earlier one (a
        partial inside reported speech) comes back in the outer piece's `inner` list
        of (text, quote) pieces; overlapping but not nested quotes are left out.
        """
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
                pieces.append((self.body[cursor : outer.start], None, []))
            inner, position = [], outer.start
            for quote in inner_quotes:
                if quote.start < position:
                    continue
                if quote.start > position:
                    inner.append((self.body[position : quote.start], None))
                inner.append((self.body[quote.start : quote.end], quote))
                position = quote.end
            if inner:
                inner.append((self.body[position : outer.end], None))
            pieces.append((self.body[outer.start : outer.end], outer, inner))
            cursor = outer.end
        pieces.append((self.body[cursor:], None, []))
        return pieces


def claim_key_for(*parts):
    """A short, stable, URL-safe key derived from `parts` (deterministic for fixtures)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return digest[:10]


class Claim(models.Model):
    """One statement, however many articles carry it and however they word it."""

    key = models.SlugField(
        max_length=20,
        unique=True,
        editable=False,
        help_text="Permanent identifier used in the claim's URL; never changes.",
    )
    statement = models.TextField(
        help_text="The statement in its fullest reported wording.",
    )
    speaker = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        help_text="Who made the statement; empty for unnamed sources.",
    )
    created = models.DateTimeField(auto_now_add=True)
    notes = models.TextField(
        blank=True,
        help_text="Curator notes in Markdown, shown on the claim page after sanitising.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(condition=~Q(key=""), name="claims_claim_key_not_empty"),
        ]

    def __str__(self):
        return self.statement[:80]

    def get_absolute_url(self):
        return reverse("claims:claim_detail", args=[self.key])

    def natural_key(self):
        return (self.key,)

    def attribution_history(self):
        """Public record of curators' changes to who said this and whether it stands, oldest
        first (see claims.attribution); a fixed number of queries."""
        from claims.attribution import attribution_history

        return attribution_history(self)

    def sources(self, quotes):
        """Per quote: its wording compared with the statement, its paragraph and its chain."""
        from claims.extraction.wording import word_diff

        result = []
        for quote in quotes:
            article = quote.article
            chain = [org for org in (article.original_source, article.outlet) if org]
            if len(chain) == 2 and chain[0] == chain[1]:
                chain = chain[:1]
            result.append(
                {
                    "quote": quote,
                    "diff": word_diff(self.statement, quote.text)
                    if quote.kind != "indirect"
                    else None,
                    "same_wording": quote.text.strip(" ,.") == self.statement.strip(" ,."),
                    "context": quote.context(),
                    "chain": chain,
                }
            )
        return result

    def statement_kind(self, quotes):
        """The kind of the quote the statement's wording comes from."""
        for quote in quotes:
            if quote.text == self.statement:
                return quote.kind
        return quotes[0].kind if quotes else "direct"

    def speaker_role(self, quotes):
        if self.speaker is None:
            return None
        dated = [q.article.published for q in quotes if q.article.published]
        memberships = self.speaker.memberships.select_related("organization")
        day = min(dated) if dated else None
        current = [m for m in memberships if m.covers(day)]
        return current[0] if current else None

    def json_ld(self, request, quotes):
        """schema.org Claim with each source's wording as a Quotation (safe for a script tag)."""
        from claims.sanitize import json_ld

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

        appearances = [
            {
                "@type": "Quotation",
                "text": q.text,
                "creator": person(q),
                "isBasedOn": news_article(q.article),
            }
            for q in quotes
        ]
        data = {
            "@context": "https://schema.org",
            "@type": "Claim",
            "url": request.build_absolute_uri(self.get_absolute_url()),
            "text": self.statement,
            "appearance": appearances,
        }
        if quotes:
            data["author"] = person(quotes[0])
            data["firstAppearance"] = appearances[0]
        return json_ld(data)

    def first_source(self, quotes):
        """The earliest dated quote, or the first one when none is dated."""
        dated = [q for q in quotes if q.article.published]
        return min(dated, key=lambda q: q.article.published) if dated else (quotes or [None])[0]


class Quote(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    claim = models.ForeignKey(
        Claim,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="The statement this quote reports; quotes of one statement share a claim.",
    )
    text = models.TextField(help_text="The exact characters of the quote in the article body.")
    start = models.PositiveIntegerField(help_text="Offset of the first character in the body.")
    end = models.PositiveIntegerField(help_text="Offset just past the last character.")
    kind = models.CharField(
        max_length=10,
        choices=QuoteKind.choices,
        default=QuoteKind.DIRECT,
        help_text="Direct quotation, a quoted fragment (partial) or reported speech (indirect).",
    )
    speaker = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="The person who said it; empty for unnamed or institutional sources.",
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="The quoted organization, or the speaker's affiliation "
        "as this article states it.",
    )
    attributed_as = models.CharField(
        max_length=300,
        blank=True,
        help_text="How the article names the source, "
        "e.g. “a senior Shiite politician close to Abadi”.",
    )
    cue = models.CharField(
        max_length=300,
        blank=True,
        help_text="The attribution words, e.g. “told Reuters on October 5”.",
    )
    status = models.CharField(
        max_length=12,
        choices=QuoteStatus.choices,
        default=QuoteStatus.UNVERIFIED,
        help_text="Curation status.",
    )
    method = models.CharField(
        max_length=12,
        choices=AttributionMethod.choices,
        default=AttributionMethod.EXTRACTED,
        help_text="How the attribution was made.",
    )
    extractor_version = models.CharField(
        max_length=20, blank=True, help_text="Extractor version that proposed the attribution."
    )
    updated = models.DateTimeField(auto_now=True)
    notes = models.TextField(
        blank=True,
        help_text="Curator notes in Markdown, shown publicly after sanitising.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save; guards against lost updates."
    )
    published = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Copy of the article's publication date, kept by database triggers so "
        "lists sort and filter by date on one indexed table.",
    )

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["published"])

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="claims_quote_offsets_valid"
            ),
            models.UniqueConstraint(
                fields=["article", "start", "end", "kind"], name="claims_quote_unique_span"
            ),
            _choices_constraint("kind", QuoteKind, "claims_quote_kind_valid"),
            _choices_constraint("status", QuoteStatus, "claims_quote_status_valid"),
            _choices_constraint("method", AttributionMethod, "claims_quote_method_valid"),
        ]
        indexes = [
            models.Index(fields=["speaker", "article"], name="claims_quote_speaker_idx"),
            models.Index(fields=["organization"], name="claims_quote_org_idx"),
            models.Index(fields=["kind"], name="claims_quote_kind_idx"),
            models.Index(fields=["status"], name="claims_quote_status_idx"),
            models.Index(
                fields=["-published", "-article", "start"], name="claims_quote_published_idx"
            ),
            models.Index(
                fields=["speaker", "-published", "-article", "start"],
                name="claims_quote_speaker_pub_idx",
            ),
            models.Index(fields=["claim", "published"], name="claims_quote_claim_pub_idx"),
            models.Index(fields=["organization", "published"], name="claims_quote_org_pub_idx"),
            # The latest change, read in one index step, stamps cached full-text results.
            models.Index(fields=["updated"], name="claims_quote_updated_idx"),
        ]

    def __str__(self):
        who = self.speaker or self.attributed_as or "unknown source"
        return f"{who}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("claims:quote_detail", args=[self.pk])

    def natural_key(self):
        return (*self.article.natural_key(), self.start, self.end, self.kind)

    natural_key.dependencies = ["claims.article", "claims.claim"]

    def context(self):
        """(before, quote, after) within the quote's paragraph of the article body."""
        body = self.article.body
        start = body.rfind("\n\n", 0, self.start)
        start = 0 if start < 0 else start + 2
        end = body.find("\n\n", self.end)
        end = len(body) if end < 0 else end
        return body[start : self.start], body[self.start : self.end], body[self.end : end]

    @staticmethod
    def distinct_sources(quotes):
        """Who is quoted in `quotes`: speakers and unnamed sources, each with a count."""
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
        return sorted(
            sources.values(), key=lambda e: (-e["count"], str(e["speaker"] or e["label"]))
        )

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.article_id and self.article.body[self.start : self.end] != self.text:
            raise ValidationError(
                {"text": "The text must be exactly the article body between start and end."}
            )


class RedirectKind(models.TextChoices):
    SPEAKER = "speaker", "Speaker"
    ORGANIZATION = "organization", "Organization"
    ARTICLE = "article", "Article"


class SlugRedirect(models.Model):
    """A slug that once named an object (a former slug, an alias or a merged duplicate).

    Old links keep working: the detail views answer 301 to the object's current page.
    """

    kind = models.CharField(max_length=20, choices=RedirectKind.choices)
    slug = models.SlugField(max_length=200, help_text="The old or alternative slug.")
    target_id = models.PositiveBigIntegerField(help_text="Primary key of the object it names.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="claims_slugredirect_unique"),
            _choices_constraint("kind", RedirectKind, "claims_slugredirect_kind_valid"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.slug} → {self.target_id}"

    def get_absolute_url(self):
        return reverse(f"claims:{self.kind}_detail", args=[self.slug])

    @classmethod
    def remember(cls, obj, extra_slugs=()):
        """Record `obj`'s slug and `extra_slugs` so they keep pointing at `obj`."""
        kind = obj._meta.model_name
        for slug in {obj.slug, *extra_slugs} - {""}:
            cls.objects.update_or_create(kind=kind, slug=slug, defaults={"target_id": obj.pk})

    @classmethod
    def resolve(cls, kind, slug):
        """The primary key `slug` once named, or None."""
        return cls.objects.filter(kind=kind, slug=slug).values_list("target_id", flat=True).first()


class ReportProblem(models.TextChoices):
    WRONG_SPEAKER = "wrong_speaker", "Wrong speaker"
    NOT_A_QUOTE = "not_a_quote", "Not a real quote"
    MISQUOTED = "misquoted", "Misquoted"
    DUPLICATE = "duplicate", "Duplicate of another claim"
    OTHER = "other", "Something else"


class ReportStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"
    REJECTED = "rejected", "Rejected"


class AttributionReport(models.Model):
    """A visitor's report that a claim's attribution is wrong; curators work the queue."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reports")
    problem = models.CharField(
        max_length=20, choices=ReportProblem.choices, help_text="What is wrong."
    )
    details = models.TextField(
        max_length=2000, blank=True, help_text="The visitor's explanation, stored as plain text."
    )
    contact = models.EmailField(blank=True, help_text="Optional address for a reply.")
    address_hash = models.CharField(
        max_length=64, blank=True, editable=False, help_text="Salted hash of the sender's address."
    )
    status = models.CharField(
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.OPEN,
        help_text="Open until a curator resolves or rejects it.",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]
        constraints = [
            _choices_constraint("problem", ReportProblem, "claims_report_problem_valid"),
            _choices_constraint("status", ReportStatus, "claims_report_status_valid"),
        ]
        indexes = [
            models.Index(fields=["status", "created"], name="claims_report_queue_idx"),
            models.Index(fields=["address_hash", "created"], name="claims_report_rate_idx"),
        ]

    def __str__(self):
        return f"{self.get_problem_display()} — {self.claim}"

    def get_absolute_url(self):
        return self.claim.get_absolute_url()


class MergeKind(models.TextChoices):
    SPEAKER = "speaker", "Speakers"
    ORGANIZATION = "organization", "Organizations"


class Merge(models.Model):
    """Duplicates folded into a survivor, with what it takes to undo it exactly.

    `snapshot` holds the duplicates' rows, the ids of the rows that moved to the
    survivor, memberships dropped as repeats, aliases added and slug redirects replaced.
    """

    kind = models.CharField(max_length=20, choices=MergeKind.choices)
    survivor_id = models.PositiveBigIntegerField(help_text="Primary key of the surviving record.")
    survivor_name = models.CharField(max_length=200, help_text="Its name at the time of the merge.")
    merged_names = models.TextField(blank=True, help_text="The duplicates' names, for display.")
    snapshot = models.JSONField(default=dict, editable=False)
    reason = models.TextField(
        blank=True, help_text="Why these are one, e.g. “Same spokesman, transliterated twice”."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created"]
        constraints = [
            _choices_constraint("kind", MergeKind, "claims_merge_kind_valid"),
            models.CheckConstraint(
                condition=Q(undone_by__isnull=True) | Q(undone_at__isnull=False),
                name="claims_merge_undone_by_needs_undone_at",
            ),
        ]
        indexes = [models.Index(fields=["kind", "survivor_id"], name="claims_merge_survivor_idx")]

    def __str__(self):
        return f"{self.merged_names} → {self.survivor_name}"
