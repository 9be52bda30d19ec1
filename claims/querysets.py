"""Reads: every list and detail page asks one of these QuerySet methods."""

from django.db import models
from django.db.models import Count, F, Prefetch, Q, TextField
from django.db.models.functions import Cast, Coalesce, TruncMonth


class SpeakerQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_quote_counts(self):
        return self.annotate(quote_count=Count("quotes", distinct=True))

    def with_memberships(self):
        from claims.models import Membership

        return self.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("organization"))
        )

    def for_listing(self):
        return self.with_quote_counts().with_memberships().order_by("name")

    def for_detail(self):
        return self.with_memberships()

    def member_of(self, organization_slug):
        return self.filter(memberships__organization__slug=organization_slug).distinct()

    def matching_name(self, text):
        """Speakers whose name or an alias matches `text`, ignoring accents, case and al-."""
        from claims.extraction.names import name_key

        key = name_key(text)
        if not key:
            return self.none()
        condition = Q()
        for token in key.split():
            condition &= Q(search_names__contains=token)
        return self.filter(condition)

    def most_quoted(self):
        return self.with_quote_counts().filter(quote_count__gt=0).order_by("-quote_count", "name")


class OrganizationQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_listing(self):
        return self.annotate(
            quote_count=Count("quotes", distinct=True),
            member_count=Count("memberships__speaker", distinct=True),
        ).order_by("kind", "name")

    def matching_name(self, text):
        text = text.strip()
        if not text:
            return self.none()
        return self.annotate(alias_text=Cast("aliases", TextField())).filter(
            Q(name__icontains=text) | Q(alias_text__icontains=text)
        )


class MembershipQuerySet(models.QuerySet):
    def get_by_natural_key(self, speaker_slug, organization_slug, role):
        return self.get(speaker__slug=speaker_slug, organization__slug=organization_slug, role=role)

    def for_members(self):
        return (
            self.select_related("speaker")
            .annotate(quote_count=Count("speaker__quotes", distinct=True))
            .order_by("speaker__name", "role")
        )


class ArticleQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_listing(self):
        return self.select_related("outlet", "original_source").annotate(
            quote_count=Count("quotes")
        )

    def newest_first(self):
        return self.order_by(F("published").desc(nulls_last=True), "title")

    def matching_text(self, text):
        text = text.strip()
        if not text:
            return self.none()
        return self.filter(Q(title__icontains=text) | Q(body__icontains=text)).order_by("title")


class ClaimQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)

    def with_source_counts(self):
        return self.annotate(source_count=Count("quotes__article", distinct=True))

    def carried_by_several(self):
        return self.with_source_counts().filter(source_count__gt=1)

    def by_same_speaker(self, claim):
        if claim.speaker_id is None:
            return self.none()
        return (
            self.filter(speaker_id=claim.speaker_id)
            .exclude(pk=claim.pk)
            .with_source_counts()
            .order_by("-source_count", "key")
        )

    def matching_text(self, text):
        text = text.strip()
        if not text:
            return self.none()
        matching_quotes = Q(quotes__text__icontains=text)
        return (
            self.filter(Q(statement__icontains=text) | matching_quotes)
            .select_related("speaker")
            .with_source_counts()
            .order_by("-source_count", "key")
        )


class QuoteQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, start, end, kind):
        return self.get(article__slug=article_slug, start=start, end=end, kind=kind)

    def corpus_counts(self):
        from claims.models import Article, Claim, Organization, Speaker

        return {
            "articles": Article.objects.count(),
            "speakers": Speaker.objects.count(),
            "organizations": Organization.objects.count(),
            "quotes": self.count(),
            "claims": Claim.objects.count(),
        }

    def for_listing(self):
        return self.select_related(
            "speaker", "organization", "claim", "article__outlet", "article__original_source"
        )

    def newest_first(self):
        return self.order_by(
            F("article__published").desc(nulls_last=True), "article__title", "start"
        )

    def oldest_first(self):
        return self.order_by(
            F("article__published").asc(nulls_last=True), "article__title", "start"
        )

    def by_speaker(self):
        return self.order_by(F("speaker__name").asc(nulls_last=True), "article__title", "start")

    def by_outlet(self):
        return self.order_by(
            F("article__outlet__name").asc(nulls_last=True), "article__title", "start"
        )

    def in_text_order(self):
        return self.order_by("start", "end")

    def direct_only(self):
        return self.filter(kind="direct")

    def for_organization(self, organization):
        """Quotes the organization is quoted in or whose speaker belongs to it."""
        return self.filter(
            Q(organization=organization)
            | Q(speaker__in=organization.memberships.values("speaker"))
        )

    def matching_text(self, text):
        """Quotes whose text, speaker name or alias, or attribution contains `text`."""
        from claims.extraction.names import name_key

        text = text.strip()
        if not text:
            return self
        condition = Q(text__icontains=text) | Q(attributed_as__icontains=text)
        key = name_key(text)
        if key:
            speaker_match = Q()
            for token in key.split():
                speaker_match &= Q(speaker__search_names__contains=token)
            condition |= speaker_match
        return self.filter(condition)

    def by_month(self):
        """[(month, count, percent of the largest)] for dated quotes, oldest first."""
        rows = (
            self.filter(article__published__isnull=False)
            .annotate(month=TruncMonth("article__published"))
            .values("month")
            .annotate(count=Count("id"))
            .order_by("month")
        )
        return _with_shares([(row["month"], row["count"]) for row in rows])

    def by_outlet_counts(self):
        """[(outlet name or None, count, percent)], biggest first; falls back to the source."""
        rows = (
            self.annotate(
                outlet_name=Coalesce("article__outlet__name", "article__original_source__name")
            )
            .values("outlet_name")
            .annotate(count=Count("id"))
            .order_by("-count", "outlet_name")
        )
        return _with_shares([(row["outlet_name"], row["count"]) for row in rows])


def _with_shares(rows):
    """Add each row's count as a whole percentage of the largest count (for bar charts)."""
    largest = max((count for _, count in rows), default=0)
    return [(label, count, round(100 * count / largest) if largest else 0) for label, count in rows]
