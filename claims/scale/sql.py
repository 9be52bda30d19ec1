"""Every raw SQL statement of the app (migrations and management commands aside): the
vendor-specific full-text matches (SQLite FTS5, PostgreSQL tsvector; the indexes are made
by migration 0005_quote_published_search and fold words since 0011_search_folding) and
two reads the ORM was too slow to build."""

from django.conf import settings
from django.db import connection
from django.db.models.expressions import RawSQL

from claims.folding import query_phrases

# The PostgreSQL text-search configuration of the search vectors (migration 0009): words
# stemmed by Snowball's English stemmer, without stop words, accents removed by unaccent
# where the extension is available. SQLite's FTS5 tables use the porter tokenizer over
# unicode61 with diacritics removed, to the same end.
TS_CONFIG = "claims_fold"


def fts5_query(text):
    """The FTS5 MATCH expression for `text`: each of its phrases (claims.folding) with the
    last word a prefix, OR-ed; None when `text` has no word."""
    phrases = query_phrases(text)
    return " OR ".join(f'"{" ".join(phrase)}"*' for phrase in phrases) or None


def tsquery(text):
    """The to_tsquery text for `text`: each phrase's words adjacent (<->), the last a
    prefix, OR-ed; None when `text` has no word."""
    phrases = query_phrases(text)
    return " | ".join(f"({' <-> '.join([*p[:-1], p[-1] + ':*'])})" for p in phrases) or None


def text_matches(table, text, ranked=False):
    """SQL for the ids of `table` rows whose indexed text holds `text` as a phrase (last word
    a prefix), in any of its folded forms, from SQLite FTS5 or a PostgreSQL tsvector; None
    on other databases.

    `ranked` keeps SEARCH_CANDIDATES matches: on PostgreSQL the best ranked of the first
    RANKED_POOL index matches, on SQLite the first ones."""
    if not query_phrases(text):
        return None
    limit = f" LIMIT {settings.SEARCH_CANDIDATES}" if ranked else ""
    if connection.vendor == "sqlite":
        # FTS5's bm25 rank would score every match; SQLite keeps the first matches instead.
        return RawSQL(
            f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s{limit}",
            [fts5_query(text)],
        )
    if connection.vendor == "postgresql":
        query = tsquery(text)
        if not ranked:
            return RawSQL(
                f"SELECT id FROM {table} WHERE search_vector @@ to_tsquery('{TS_CONFIG}', %s)",
                [query],
            )
        # ts_rank reads each match's vector: rank a bounded pool of index matches only. The
        # matches are a materialized CTE, planned for all rows (the GIN index) and read
        # lazily: a LIMIT beside the match would have the planner bet on a table scan
        # finding the pool early, which reads the whole table when a word is rare.
        return RawSQL(
            f"WITH matches AS MATERIALIZED (SELECT id, search_vector FROM {table} "
            f"WHERE search_vector @@ to_tsquery('{TS_CONFIG}', %s)) "
            f"SELECT id FROM (SELECT * FROM matches LIMIT {settings.RANKED_POOL}) pool "
            f"ORDER BY ts_rank(search_vector, to_tsquery('{TS_CONFIG}', %s)) DESC, id{limit}",
            [query, query],
        )
    return None


def union_of(matches, queryset):
    """`matches` (RawSQL of ids) and the ids `queryset` selects, as one RawSQL UNION."""
    sql, params = queryset.order_by().query.sql_with_params()
    return RawSQL(f"{matches.sql} UNION {sql}", (*matches.params, *params))


def quote_page_versions(pk):
    """What the quote page shows changes with, as a tuple (None when there is no such
    quote): the quote's `updated` and `version`, its speaker's, organization's and claim's
    `version`, its article and how many quotes carry its claim.

    Plain SQL: this runs on every quote page, and the ORM took longer to build it than the
    database to answer it."""
    if not 0 < pk < 2**63:  # no row has such a key, and the driver cannot send it
        return None
    sql = (
        "SELECT q.updated, q.version, s.version, o.version, c.version, q.article_id, "
        "(SELECT COUNT(*) FROM claims_quote cq WHERE cq.claim_id = q.claim_id) "
        "FROM claims_quote q LEFT JOIN claims_speaker s ON s.id = q.speaker_id "
        "LEFT JOIN claims_organization o ON o.id = q.organization_id "
        "LEFT JOIN claims_claim c ON c.id = q.claim_id WHERE q.id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    return tuple(row) if row else None


def organization_quote_counts(ids):
    """{organization id: quotes naming it, by its members, or in the articles it published
    or originated} for `ids`, in one query: the distinct (organization, quote) pairs of the
    four kinds, counted per organization. (A correlated count per organization made the
    database walk every quote.)"""
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT org_id, COUNT(*) FROM ("
        f"SELECT organization_id AS org_id, id FROM claims_quote WHERE organization_id IN ({marks})"
        f" UNION SELECT m.organization_id, q.id FROM claims_membership m"
        f" JOIN claims_quote q ON q.speaker_id = m.speaker_id"
        f" WHERE m.organization_id IN ({marks})"
        f" UNION SELECT a.outlet_id, q.id FROM claims_article a"
        f" JOIN claims_quote q ON q.article_id = a.id WHERE a.outlet_id IN ({marks})"
        f" UNION SELECT a.original_source_id, q.id FROM claims_article a"
        f" JOIN claims_quote q ON q.article_id = a.id WHERE a.original_source_id IN ({marks})"
        f") pairs GROUP BY org_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *ids, *ids, *ids])
        return dict(cursor.fetchall())
