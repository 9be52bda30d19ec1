"""Reads: every list and detail page asks one of these QuerySet methods."""

from django.db import models
from django.db.models import Count, Prefetch, Q


class SpeakerQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_quote_counts(self):
        return self.annotate(quote_count=Count("quotes", distinct=True))

    def for_listing(self):
        from claims.models import Membership

        return self.with_quote_counts().prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("organization"))
        )

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


class ArticleQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_listing(self):
        return self.select_related("outlet", "original_source").annotate(
            quote_count=Count("quotes")
        )

    def newest_first(self):
        return self.order_by(models.F("published").desc(nulls_last=True), "title")


class ClaimQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)

    def with_source_counts(self):
        return self.annotate(
            source_count=Count("quotes__article", distinct=True),
        )

    def carried_by_several(self):
        return self.with_source_counts().filter(source_count__gt=1)


class QuoteQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, start, end, kind):
        return self.get(article__slug=article_slug, start=start, end=end, kind=kind)

    def for_listing(self):
        return self.select_related(
            "speaker", "organization", "claim", "article__outlet", "article__original_source"
        )

    def newest_first(self):
        return self.order_by(
            models.F("article__published").desc(nulls_last=True), "article__title", "start"
        )

    def oldest_first(self):
        return self.order_by(
            models.F("article__published").asc(nulls_last=True), "article__title", "start"
        )

    def by_speaker(self):
        return self.order_by(
            models.F("speaker__name").asc(nulls_last=True), "article__title", "start"
        )

    def by_outlet(self):
        return self.order_by(
            models.F("article__outlet__name").asc(nulls_last=True), "article__title", "start"
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

    def direct_only(self):
        return self.filter(kind="direct")

    def in_text_order(self):
        return self.order_by("article__title", "start")
