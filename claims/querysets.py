"""Reads: every list and detail page asks one of these QuerySet methods."""

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth

from claims.extraction.names import name_key
from claims.scale import bounded_count, large_counts
from claims.scale.sql import organization_quote_counts, text_matches, union_of


class SpeakerQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_quote_counts(self):
        return self.annotate(quote_count=Count("quotes", distinct=True))

    def with_memberships(self):
        memberships = related_model(self.model, "memberships").objects.select_related(
            "organization"
        )
        return self.prefetch_related(Prefetch("memberships", queryset=memberships))

    def for_listing(self):
        return self.with_quote_counts().with_memberships().order_by("name")

    def listing_rows(self, keys):
        """{pk: speaker} for `keys` with what a list row shows: its quote count (counted
        for these speakers only) and memberships."""
        return self.for_listing().in_bulk(keys)

    def for_detail(self):
        return self.with_memberships()

    def member_of(self, organization_slug):
        return self.filter(memberships__organization__slug=organization_slug).distinct()

    def matching_name(self, text):
        """Speakers whose name or an alias matches `text`, ignoring accents, case and al-."""
        if not name_key(text):
            return self.none()
        return self.filter(self.name_search_condition(text))

    def first_matching_name(self, text, limit):
        """The first `limit` speakers by name matching `text`, as a queryset that can be
        annotated without aggregating every match (a common surname matches hundreds)."""
        first = self.matching_name(text).order_by("name", "pk").values("pk")[:limit]
        return self.filter(pk__in=Subquery(first)).order_by("name", "pk")

    def most_quoted(self):
        return self.with_quote_counts().filter(quote_count__gt=0).order_by("-quote_count", "name")

    def most_quotes_first(self):
        """Every speaker, the most quoted first (then by name), the unquoted last."""
        total = Count("quotes", distinct=True)  # member_of joins memberships
        return self.annotate(quote_total=total).order_by("-quote_total", "name", "pk")

    def name_search_condition(self, text, prefix=""):
        """Q for rows whose speaker (at `prefix`) has every token of `text` in a name."""
        condition = Q()
        for token in name_key(text).split():
            condition &= Q(**{f"{prefix}search_names__contains": token})
        return condition


class OrganizationQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_listing(self):
        return self.annotate(member_count=Count("memberships__speaker", distinct=True)).order_by(
            "kind", "name"
        )

    def listing_rows(self, keys):
        """{pk: organization} for `keys` with what a list row shows: its member count and
        its quote count (quotes naming it, by its members or in the articles it published
        or originated), counted for these organizations only."""
        rows = self.for_listing().in_bulk(keys)
        counts = large_counts("organization-quotes", rows, self.quote_counts)
        for pk, organization in rows.items():
            organization.quote_count = counts.get(pk, 0)
        return rows

    def quote_counts(self, ids):
        """{organization id: quotes naming it, by its members or in its articles} for
        `ids`, in one query."""
        return organization_quote_counts(ids)

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

    def of_speakers(self, speaker_ids):
        """The memberships of `speaker_ids` with their organizations, in the model's order."""
        return self.filter(speaker_id__in=speaker_ids).select_related("organization")

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

    def listing_rows(self, keys):
        """{pk: article} for `keys` with its outlets and quote count (for these only)."""
        return self.for_listing().in_bulk(keys)

    def newest_first(self):
        return self.order_by(F("published").desc(nulls_last=True), "title")

    def matching_text(self, text):
        """Articles whose title or body holds `text`: the best-ranked matches, by title."""
        text = text.strip()
        if not text:
            return self.none()
        matches = text_matches("claims_article", text, ranked=True)
        if matches is None:
            return self.filter(Q(title__icontains=text) | Q(body__icontains=text)).order_by("title")
        return self.filter(pk__in=matches).order_by("title")


class ClaimQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)

    def with_source_counts(self):
        return self.annotate(source_count=Count("quotes__article", distinct=True))

    def with_statement_wording(self):
        """With the speaker and each claim's quotes as `wordings` (oldest first, only what
        shows a statement as printed), so claims.pages can tell whether the statement is
        reported speech and show it as reported: one more query, for the rows read only."""
        Quote = related_model(self.model, "quotes")
        wordings = Quote.objects.only(
            "claim", "text", "kind", "cue", "attributed_as", "speaker", "published"
        ).order_by(F("published").asc(nulls_last=True), "article_id", "start")
        return self.select_related("speaker").prefetch_related(
            Prefetch("quotes", queryset=wordings, to_attr="wordings")
        )

    def carried_by_several(self):
        return self.with_source_counts().filter(source_count__gt=1)

    # The claims list reads the columns the database derives from each claim's quotes
    # (article_count, first_reported, kind, status): aggregating a million quotes per page
    # took seconds.
    def listed(self):
        """Claims carried by at least one article: a claim left without quotes is not listed."""
        return self.filter(article_count__gte=1)

    def listing_rows(self, keys):
        """{pk: claim} for `keys` with what a list row shows: its speaker and the speaker's
        memberships, and, from its quotes read oldest first in one query, `outlets` (the
        names of the outlets and original sources of the articles carrying it, sorted),
        `attributed_as` (the earliest wording naming the source) and `role` (the speaker's
        membership held on the day it was first reported, or None)."""
        Quote = related_model(self.model, "quotes")
        claims = self.select_related("speaker").in_bulk(keys)
        speakers = [claim.speaker for claim in claims.values() if claim.speaker]
        memberships = related_model(self.model, "speaker", "memberships").objects
        memberships = memberships.select_related("organization")
        prefetch_related_objects(speakers, Prefetch("memberships", queryset=memberships))
        outlets, named = {}, {}
        quotes = Quote.objects.filter(claim_id__in=keys).oldest_first()
        for claim_id, attributed_as, *carriers in quotes.values_list(
            "claim_id",
            "attributed_as",
            "article__outlet__name",
            "article__original_source__name",
        ):
            outlets.setdefault(claim_id, set()).update(name for name in carriers if name)
            if attributed_as:
                named.setdefault(claim_id, attributed_as)
        for pk, claim in claims.items():
            claim.outlets = sorted(outlets.get(pk, ()))
            claim.attributed_as = named.get(pk, "")
            claim.role = claim.speaker.role_on(claim.first_reported) if claim.speaker else None
        return claims

    def newest_first(self):
        return self.order_by(F("first_reported").desc(nulls_last=True), "-id")

    def oldest_first(self):
        return self.order_by(F("first_reported").asc(nulls_last=True), "id")

    def most_carried(self):
        """Carried by the most articles first, then newest (one index walk)."""
        return self.order_by("-article_count", F("first_reported").desc(nulls_last=True), "-id")

    def by_speaker(self):
        return self.order_by(
            F("speaker__name").asc(nulls_last=True),
            F("first_reported").desc(nulls_last=True),
            "-id",
        )

    def carried_at_least(self, articles):
        return self.filter(article_count__gte=articles)

    def _quoted(self, quotes):
        return self.filter(pk__in=quotes.order_by().values("claim_id"))

    def in_article(self, slug):
        Quote = related_model(self.model, "quotes")
        return self._quoted(Quote.objects.filter(article__slug=slug))

    def carried_by_outlet(self, slug):
        """Claims carried by an article the organization published or originated."""
        Quote = related_model(self.model, "quotes")
        return self._quoted(
            Quote.objects.filter(
                Q(article__outlet__slug=slug) | Q(article__original_source__slug=slug)
            )
        )

    def for_organizations(self, organization_ids):
        """Claims with a quote naming one of the organizations or by one of its members (as
        the `organization` filter of /quotes/ matches quotes)."""
        Quote = related_model(self.model, "quotes")
        condition = Q()
        for organization_id in organization_ids:
            quotes = Quote.objects.for_organization(organization_id).order_by()
            condition |= Q(pk__in=quotes.values("claim_id"))
        return self.filter(condition) if condition else self.none()

    def for_organization_kind(self, kind):
        """Claims with a quote the `organization_kind` filter of /quotes/ keeps: naming an
        organization of `kind` or by a member of one."""
        Quote = related_model(self.model, "quotes")
        return self._quoted_planned(Quote.objects.for_organization_kind(kind).order_by())

    def _quoted_planned(self, quotes):
        """`_quoted(quotes)`, planned by how many quotes match: up to the count bound, their
        claim ids are read as one set; past it, each claim is tested in the list's order
        (EXISTS), as matches are then dense enough to fill a page after a few claims (the
        set of a dense kind's claims took a second at a million quotes)."""
        if bounded_count(quotes).exact:
            return self._quoted(quotes)
        return self.filter(Exists(quotes.filter(claim_id=OuterRef("pk"))))

    def containing_text(self, text):
        """The claims `matching_text` finds, as a plain filter (no order, no annotation)."""
        matches = self.model.objects.matching_text(text).order_by().values_list("pk", flat=True)
        return self.filter(pk__in=list(matches))

    def by_same_speaker(self, claim):
        """The speaker's other claims, most sources first, among their newest few hundred."""
        if claim.speaker_id is None:
            return self.none()
        recent = (
            type(self)(self.model, using=self._db)
            .filter(speaker_id=claim.speaker_id)
            .order_by("-pk")
            .values("pk")[: settings.SEARCH_CANDIDATES]
        )
        return (
            self.filter(pk__in=recent)
            .exclude(pk=claim.pk)
            .with_source_counts()
            .filter(source_count__gt=0)
            .order_by("-source_count", "key")
        )

    def matching_text(self, text):
        """Claims whose statement or a quote holds `text`, or whose speaker's name has every
        word of it, most widely carried first. With a full-text index each of the three
        reads is bounded (the first few hundred matches, a matching speaker's newest few
        hundred claims) and the claims are then read by key: an OR of the three as
        subqueries would make the database aggregate every quote."""
        Quote, Speaker = related_model(self.model, "quotes"), related_model(self.model, "speaker")
        text = text.strip()
        if not text:
            return self.none()
        speakers = None
        if name_key(text).split():
            speakers = Speaker.objects.filter(Speaker.objects.name_search_condition(text))
        statements = text_matches("claims_claim", text, ranked=True)
        if statements is None:
            condition = Q(statement__icontains=text) | Q(quotes__text__icontains=text)
            if speakers is not None:
                condition |= Q(speaker__in=speakers.values("pk"))
            matching = self.filter(condition).distinct()
        else:
            quotes = text_matches("claims_quote", text, ranked=True)
            keys = {*self.model.objects.filter(pk__in=statements).values_list("pk", flat=True)}
            keys |= {
                *Quote.objects.filter(pk__in=quotes).order_by().values_list("claim_id", flat=True)
            }
            if speakers is not None:
                by_speaker = self.model.objects.filter(speaker__in=speakers.values("pk"))
                newest = by_speaker.order_by("-pk").values_list("pk", flat=True)
                keys |= {*newest[: settings.SEARCH_CANDIDATES]}
            matching = self.filter(pk__in=keys)
        return (
            matching.select_related("speaker")
            .with_source_counts()
            .filter(source_count__gt=0)
            .order_by("-source_count", "key")
            .with_statement_wording()
        )


class QuoteQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, start, end, kind):
        return self.get(article__slug=article_slug, start=start, end=end, kind=kind)

    def corpus_counts(self):
        def every(name):
            return related_model(self.model, name).objects.all()

        return {
            "articles": bounded_count(every("article")),
            "speakers": bounded_count(every("speaker")),
            "organizations": bounded_count(every("organization")),
            "quotes": bounded_count(self),
            "claims": bounded_count(every("claim").listed()),
        }

    def for_listing(self):
        return self.select_related(
            "speaker", "organization", "claim", "article__outlet", "article__original_source"
        )

    def for_records(self):
        """`for_listing` with the speakers' memberships, for JSON and CSV records (which
        give the speaker's role at the time): one more query per batch."""
        Membership = related_model(self.model, "speaker", "memberships")
        memberships = Membership.objects.select_related("organization")
        return self.for_listing().prefetch_related(
            Prefetch("speaker__memberships", queryset=memberships)
        )

    def latest_change(self):
        """When any quote was last saved (one step on the `updated` index); results that
        depend on every quote can be cached under it."""
        return self.model.objects.aggregate(latest=Max("updated"))["latest"]

    def outline(self):
        """(pk, claim id, kind, published, organization id, claim key) rows: enough to
        group quotes by claim, link each claim and find the speaker's role, with
        claims.scale drawing the quotes."""
        return self.values_list(
            "pk", "claim_id", "kind", "published", "organization_id", "claim__key"
        )

    # Quote.published copies the article's date so these orders run on one Quote index;
    # articles of the same day come newest-imported first.
    def newest_first(self):
        return self.order_by(F("published").desc(nulls_last=True), "-article_id", "start")

    def oldest_first(self):
        return self.order_by(F("published").asc(nulls_last=True), "article_id", "start")

    def doubtful_first(self):
        """Low attribution confidence first, then medium, high and hand-attributed (empty);
        oldest first within each."""
        rank = Case(
            When(attribution_confidence="low", then=0),
            When(attribution_confidence="medium", then=1),
            When(attribution_confidence="high", then=2),
            default=3,
        )
        return self.order_by(rank, F("published").asc(nulls_last=True), "article_id", "start")

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

    def for_organization(self, organization_id):
        """Quotes the organization is quoted in or whose speaker belongs to it."""
        return self.for_organizations([organization_id])

    def for_organizations(self, ids):
        """Quotes naming any of the organizations `ids` or whose speaker belongs to one."""
        Membership = related_model(self.model, "speaker", "memberships")
        members = Membership.objects.filter(organization_id__in=ids).order_by().values("speaker")
        return self.filter(Q(organization_id__in=ids) | Q(speaker__in=members))

    def for_organization_kind(self, kind):
        """Quotes whose organization (the one the quote names) is of `kind`, or whose
        speaker is a member of an organization of `kind` (any membership, whatever its
        dates): `government` keeps what government officials and bodies said."""
        Membership = related_model(self.model, "speaker", "memberships")
        Organization = related_model(self.model, "organization")
        of_kind = Organization.objects.filter(kind=kind).order_by().values("pk")
        members = Membership.objects.filter(organization__kind=kind).order_by().values("speaker")
        return self.filter(Q(organization__in=of_kind) | Q(speaker__in=members))

    def carried_by(self, organization_id):
        """Quotes in the articles the organization published or originated."""
        Article = related_model(self.model, "article")
        condition = Q(outlet_id=organization_id) | Q(original_source_id=organization_id)
        return self.filter(article__in=Article.objects.filter(condition).values("pk"))

    def newest_for_organization(self, organization_id):
        """`for_organization`, newest first, planned by how many quotes match: up to the
        count bound, the two id sets (naming it, by its members) are read on their own
        indexes and sorted; past it, the date index is walked, as matches are then dense
        enough to fill a page quickly (a sparse walk read most of a million rows)."""
        Membership = related_model(self.model, "speaker", "memberships")
        members = Membership.objects.filter(organization_id=organization_id).order_by()
        members = members.values("speaker")
        named = self.model.objects.filter(organization_id=organization_id).order_by().values("pk")
        by_members = self.model.objects.filter(speaker__in=members).order_by().values("pk")
        matches = self.filter(pk__in=named.union(by_members))
        if bounded_count(matches).exact:
            return matches.newest_first()
        return self.for_organization(organization_id).newest_first()

    def matching_text(self, text):
        """Quotes whose text or attribution holds `text` (full-text index), or whose
        speaker's name or alias contains it."""
        Speaker = related_model(self.model, "speaker")
        text = text.strip()
        if not text:
            return self
        matches = text_matches("claims_quote", text)
        speakers = None
        if name_key(text):
            speakers = Speaker.objects.filter(Speaker.objects.name_search_condition(text))
        if matches is None:
            condition = Q(text__icontains=text) | Q(attributed_as__icontains=text)
            if speakers is not None:
                condition |= Q(speaker__in=speakers.values("pk"))
            return self.filter(condition)
        if speakers is not None:
            # One id set (a UNION), not an OR of two: an OR makes the database walk every
            # row in the list's order and test both sets, instead of sorting the few matches.
            by_name = self.model.objects.filter(speaker__in=speakers.values("pk")).values("pk")
            matches = union_of(matches, by_name)
        return self.filter(pk__in=matches)

    def by_month(self):
        """[(month, count, percent of the largest)] for dated quotes, oldest first."""
        rows = (
            self.filter(published__isnull=False)
            .annotate(month=TruncMonth("published"))
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


def related_model(model, *path):
    """The model reached from `model` along the relation names `path`: how these
    querysets name the app's other models, as claims.models imports this module."""
    for name in path:
        model = model._meta.get_field(name).related_model
    return model
