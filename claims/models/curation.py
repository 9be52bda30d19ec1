"""Curators' and visitors' work on the record: old slugs that still resolve, reports of
wrong attributions, and merges of duplicates that can be undone."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from claims.models.checks import choices_constraint


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
            choices_constraint("kind", RedirectKind, "claims_slugredirect_kind_valid"),
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

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="reports")
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
            choices_constraint("problem", ReportProblem, "claims_report_problem_valid"),
            choices_constraint("status", ReportStatus, "claims_report_status_valid"),
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
            choices_constraint("kind", MergeKind, "claims_merge_kind_valid"),
            models.CheckConstraint(
                condition=Q(undone_by__isnull=True) | Q(undone_at__isnull=False),
                name="claims_merge_undone_by_needs_undone_at",
            ),
        ]
        indexes = [models.Index(fields=["kind", "survivor_id"], name="claims_merge_survivor_idx")]

    def __str__(self):
        return f"{self.merged_names} → {self.survivor_name}"
