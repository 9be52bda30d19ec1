"""Articles, the claims they carry and the quotes that carry them."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from claims.models.checks import RaisesVersion, choices_constraint, history_records
from claims.models.curation import SlugRedirect
from claims.models.people import Organization, Speaker
from claims.querysets import ArticleQuerySet, ClaimQuerySet, QuoteQuerySet


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


class AttributionConfidence(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


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
    history = history_records()

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


def claim_key_for(*parts):
    """A short, stable, URL-safe key derived from `parts` (deterministic for fixtures)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return digest[:10]


# Claim fields the database derives from its quotes (no curator edits them).
DERIVED_CLAIM_FIELDS = ["article_count", "first_reported", "kind", "status"]


class Claim(RaisesVersion, models.Model):
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
    # What the claims list sorts and filters by, derived from the claim's quotes and kept by
    # database triggers (migration 0011) on every write path, so the list reads one
    # indexed table instead of aggregating every quote.
    article_count = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="How many distinct articles carry the claim; kept by database triggers.",
    )
    first_reported = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The earliest publication date among the articles carrying it (empty when "
        "none is dated); kept by database triggers.",
    )
    kind = models.CharField(
        max_length=10,
        choices=QuoteKind.choices,
        blank=True,
        editable=False,
        help_text="Direct when any quote gives it word for word, else partial when any quotes "
        "a fragment, else indirect (reported speech); empty without quotes. Kept by triggers.",
    )
    status = models.CharField(
        max_length=12,
        choices=QuoteStatus.choices,
        blank=True,
        editable=False,
        help_text="The least settled status of its quotes: disputed when any is, else "
        "unverified when any is, else verified; empty without quotes. Kept by triggers.",
    )

    objects = ClaimQuerySet.as_manager()
    history = history_records(excluded_fields=DERIVED_CLAIM_FIELDS)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(condition=~Q(key=""), name="claims_claim_key_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=[*QuoteKind.values, ""]), name="claims_claim_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[*QuoteStatus.values, ""]),
                name="claims_claim_status_valid",
            ),
        ]
        indexes = [
            # article_count rides along so `min_sources` is checked in the index walk.
            models.Index(
                fields=["-first_reported", "-id", "article_count"], name="claims_claim_newest_idx"
            ),
            models.Index(
                fields=["-article_count", "-first_reported", "-id"],
                name="claims_claim_sources_idx",
            ),
            models.Index(
                fields=["speaker", "-first_reported", "-id"], name="claims_claim_speaker_new_idx"
            ),
        ]

    def __str__(self):
        return self.statement[:80]

    def get_absolute_url(self):
        return reverse("claims:claim_detail", args=[self.key])

    def natural_key(self):
        return (self.key,)


class Quote(RaisesVersion, models.Model):
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
    attribution_confidence = models.CharField(
        max_length=6,
        choices=AttributionConfidence.choices,
        blank=True,
        help_text="How sure the extractor was of the attribution (from the rule that "
        "fired), e.g. “low” when the speaker is only guessed from the sentence’s subject. "
        "Empty for quotes attributed by hand.",
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
    history = history_records(excluded_fields=["published"])

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="claims_quote_offsets_valid"
            ),
            models.UniqueConstraint(
                fields=["article", "start", "end", "kind"], name="claims_quote_unique_span"
            ),
            choices_constraint("kind", QuoteKind, "claims_quote_kind_valid"),
            choices_constraint("status", QuoteStatus, "claims_quote_status_valid"),
            choices_constraint("method", AttributionMethod, "claims_quote_method_valid"),
            models.CheckConstraint(
                condition=Q(attribution_confidence__in=[*AttributionConfidence.values, ""]),
                name="claims_quote_confidence_valid",
            ),
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

    def clean(self):
        if self.article_id and self.article.body[self.start : self.end] != self.text:
            raise ValidationError(
                {"text": "The text must be exactly the article body between start and end."}
            )
