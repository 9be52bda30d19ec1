"""Reads: every list and detail page asks one of these QuerySet methods."""

import re

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.db.models import (
    Count,
    F,
    Max,
    Prefetch,
    Q,
    Subquery,
    TextField,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, TruncMonth

from claims.caching import digest_key
from claims.extraction.names import name_key

# Counting stops here: past it pages say "more than 10,000" instead of scanning every row.
COUNT_BOUND = 10_000
# That a count passed the bound is remembered this long (seconds) per worker.
LARGE_COUNT_TTL = 600
# Search pages rank at most this many full-text matches before ordering them for display.
SEARCH_CANDIDATES = 200
# PostgreSQL ranks the first this-many index matches, not every match of a common word.
RANKED_POOL = 500


class BoundedCount(int):
    """A row count that may be a lower bound; prints as “more than N” when it is one."""

    def __new__(cls, value, exact=True):
        count = super().__new__(cls, value)
        count.exact = exact
        return count

    def __str__(self):
        return int.__str__(self) if self.exact else f"more than {int(self):,}"


def count_bound():
    return getattr(settings, "COUNT_BOUND", COUNT_BOUND)


def bounded_count(queryset, bound=None):
    """Count `queryset` reading at most bound + 1 rows (one LIMITed subquery). That a
    query passes the bound is cached per worker for LARGE_COUNT_TTL seconds, so a large
    list does not reread its first rows on every request; small counts are always fresh."""
    bound = count_bound() if bound is None else bound
    limited = queryset.order_by().values("pk")[: bound + 1]
    sql, params = limited.query.sql_with_params()
    key = digest_key(f"bounded-count:{bound}", sql, params)
    if cache.get(key):
        return BoundedCount(bound, exact=False)
    found = limited.count()
    if found > bound:
        cache.set(key, True, LARGE_COUNT_TTL)
    return BoundedCount(min(found, bound), exact=found <= bound)


def text_matches(table, text, ranked=False):
    """SQL for the ids of `table` rows whose indexed text holds `text` as a phrase (last word
    a prefix), from SQLite FTS5 or a PostgreSQL tsvector; None on other databases.

    `ranked` keeps SEARCH_CANDIDATES matches: on PostgreSQL the best ranked of the first
    RANKED_POOL index matches, on SQLite the first ones."""
    tokens = re.findall(r"\w+", text)
    if not tokens:
        return None
    limit = f" LIMIT {SEARCH_CANDIDATES}" if ranked else ""
    if connection.vendor == "sqlite":
        # FTS5's bm25 rank would score every match; SQLite keeps the first matches instead.
        return RawSQL(
            f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s{limit}",
            ['"' + " ".join(tokens) + '"*'],
        )
    if connection.vendor == "postgresql":
        query = " <-> ".join([*tokens[:-1], tokens[-1] + ":*"])
        if not ranked:
            return RawSQL(
                f"SELECT id FROM {table} WHERE search_vector @@ to_tsquery('simple', %s)",
                [query],
            )
        # ts_rank reads each match's vector: rank a bounded pool of index matches only. The
        # matches are a materialized CTE, planned for all rows (the GIN index) and read
        # lazily: a LIMIT beside the match would have the planner bet on a table scan
        # finding the pool early, which reads the whole table when a word is rare.
        return RawSQL(
            f"WITH matches AS MATERIALIZED (SELECT id, search_vector FROM {table} "
            f"WHERE search_vector @@ to_tsquery('simple', %s)) "
            f"SELECT id FROM (SELECT * FROM matches LIMIT {RANKED_POOL}) pool "
            f"ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, id{limit}",
            [query, query],
        )
    return None


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
        its quote count as the `organization` filter of /quotes/ counts (quotes naming it
        plus quotes by its members), counted for these organizations only."""
        rows = self.for_listing().in_bulk(keys)
        # A count past the bound is kept per worker for LARGE_COUNT_TTL seconds: a large
        # organization's quotes and its members' are not reread on every request.
        cached = cache.get_many([f"organization-quotes:{pk}" for pk in rows])
        counts = {int(key.rsplit(":", 1)[1]): n for key, n in cached.items()}
        fresh = self.quote_counts([pk for pk in rows if pk not in counts])
        large = {f"organization-quotes:{pk}": n for pk, n in fresh.items() if n > count_bound()}
        cache.set_many(large, LARGE_COUNT_TTL)
        counts.update(fresh)
        for pk, organization in rows.items():
            organization.quote_count = counts.get(pk, 0)
        return rows

    def quote_counts(self, ids):
        """{organization id: quotes naming it or by its members} for `ids`, in one query:
        the distinct (organization, quote) pairs of both kinds, counted per organization.
        (A correlated count per organization made the database walk every quote.)"""
        if not ids:
            return {}
        quote, membership = (
            related_model(self.model, name)._meta.db_table for name in ("quotes", "memberships")
        )
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT org_id, COUNT(*) FROM ("
            f"SELECT organization_id AS org_id, id FROM {quote} WHERE organization_id IN ({marks})"
            f" UNION SELECT m.organization_id, q.id FROM {membership} m"
            f" JOIN {quote} q ON q.speaker_id = m.speaker_id"
            f" WHERE m.organization_id IN ({marks})) pairs GROUP BY org_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*ids, *ids])
            return dict(cursor.fetchall())

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

    def carried_by_several(self):
        return self.with_source_counts().filter(source_count__gt=1)

    def by_same_speaker(self, claim):
        """The speaker's other claims, most sources first, among their newest few hundred."""
        if claim.speaker_id is None:
            return self.none()
        recent = (
            type(self)(self.model, using=self._db)
            .filter(speaker_id=claim.speaker_id)
            .order_by("-pk")
            .values("pk")[:SEARCH_CANDIDATES]
        )
        return (
            self.filter(pk__in=recent)
            .exclude(pk=claim.pk)
            .with_source_counts()
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
                keys |= {
                    *by_speaker.order_by("-pk").values_list("pk", flat=True)[:SEARCH_CANDIDATES]
                }
            matching = self.filter(pk__in=keys)
        return (
            matching.select_related("speaker").with_source_counts().order_by("-source_count", "key")
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
            "claims": bounded_count(every("claim")),
        }

    def for_listing(self):
        return self.select_related(
            "speaker", "organization", "claim", "article__outlet", "article__original_source"
        )

    def latest_change(self):
        """When any quote was last saved (one step on the `updated` index); results that
        depend on every quote can be cached under it."""
        return self.model.objects.aggregate(latest=Max("updated"))["latest"]

    def outline(self):
        """(pk, claim id, kind, published, organization id) rows: enough to group quotes
        by claim and find the speaker's role, with claims.cards drawing the quotes."""
        return self.values_list("pk", "claim_id", "kind", "published", "organization_id")

    def card_versions(self, keys):
        """{pk: versions} of the quotes `keys`: what their cards show changes with
        (claims.cards.versions_of reads the same from loaded quotes)."""
        rows = self.model.objects.filter(pk__in=keys).values_list(
            "pk",
            "updated",
            "version",
            "speaker_id",
            "speaker__version",
            "organization_id",
            "organization__version",
            "claim_id",
            "claim__version",
            "article_id",
        )
        return {row[0]: row[1:] for row in rows}

    def page_versions(self, pk):
        """What the quote page shows changes with, as a tuple (None when there is no such
        quote): the quote's `updated` and `version`, its speaker's, organization's and
        claim's `version`, its article and how many quotes carry its claim.

        Plain SQL: this runs on every quote page, and the ORM took longer to build it than
        the database to answer it."""
        if not 0 < pk < 2**63:  # no row has such a key, and the driver cannot send it
            return None
        speaker, organization, claim = (
            related_model(self.model, name)._meta.db_table
            for name in ("speaker", "organization", "claim")
        )
        quote = self.model._meta.db_table
        sql = (
            f"SELECT q.updated, q.version, s.version, o.version, c.version, q.article_id, "
            f"(SELECT COUNT(*) FROM {quote} cq WHERE cq.claim_id = q.claim_id) "
            f"FROM {quote} q LEFT JOIN {speaker} s ON s.id = q.speaker_id "
            f"LEFT JOIN {organization} o ON o.id = q.organization_id "
            f"LEFT JOIN {claim} c ON c.id = q.claim_id WHERE q.id = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        return tuple(row) if row else None

    # Quote.published copies the article's date so these orders run on one Quote index;
    # articles of the same day come newest-imported first.
    def newest_first(self):
        return self.order_by(F("published").desc(nulls_last=True), "-article_id", "start")

    def oldest_first(self):
        return self.order_by(F("published").asc(nulls_last=True), "article_id", "start")

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
        Membership = related_model(self.model, "speaker", "memberships")
        members = Membership.objects.filter(organization_id=organization_id).order_by()
        members = members.values("speaker")
        return self.filter(Q(organization_id=organization_id) | Q(speaker__in=members))

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
            sql, params = by_name.order_by().query.sql_with_params()
            matches = RawSQL(f"{matches.sql} UNION {sql}", (*matches.params, *params))
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
