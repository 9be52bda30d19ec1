"""People and organizations, in the Popolo shape: a canonical name, other names
(aliases) and memberships with a role and optional dates."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify

from claims.extraction.names import name_key
from claims.models.checks import RaisesVersion, choices_constraint, history_records
from claims.models.curation import SlugRedirect
from claims.querysets import MembershipQuerySet, OrganizationQuerySet, SpeakerQuerySet


class OrganizationKind(models.TextChoices):
    OUTLET = "outlet", "News outlet"
    AGENCY = "agency", "News agency"
    MILITIA = "militia", "Militia"
    PARTY = "party", "Party or coalition"
    GOVERNMENT = "government", "Government body"
    INTERNATIONAL = "international", "International body"
    OTHER = "other", "Other"


class Organization(RaisesVersion, models.Model):
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
    history = history_records()

    class Meta:
        ordering = ["name"]
        constraints = [
            choices_constraint("kind", OrganizationKind, "claims_organization_kind_valid"),
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


class Speaker(RaisesVersion, models.Model):
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
    history = history_records(excluded_fields=["search_names"])

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
    verified = models.BooleanField(
        default=True,
        help_text="Checked by a curator. An article import proposes memberships unverified, "
        "e.g. from “Moeen al-Kadhimi, a spokesman for the Badr Corps”; they give no one "
        "a role until a curator ticks this.",
    )

    objects = MembershipQuerySet.as_manager()
    history = history_records()

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
        """True when the membership is known to hold on `day` (open ends count); never for
        one an import proposed and no curator has verified yet."""
        if not self.verified:
            return False
        if day is None:
            return True
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )
