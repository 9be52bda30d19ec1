"""Every raw SQL statement of the app (migrations and management commands aside): the
vendor-specific full-text matches (SQLite FTS5, PostgreSQL tsvector; the indexes are made
by migration 0005_quote_published_search and fold words since 0011_search_folding) and
two reads the ORM was too slow to build."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection, connections
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


# SQLite: one row counting the writes to the app's tables (triggers, install_change_counter),
# with a random epoch so that a database file made again never repeats an earlier version.
CHANGE_COUNTER = "claims_data_version"


def install_change_counter(using="default", **kwargs):
    """On SQLite, make every insert, update and delete in a `claims_` table count in
    CHANGE_COUNTER (a post_migrate handler: tables added later get their triggers on the
    next migrate). Other databases need no counter (see data_version)."""
    db = connections[using]
    if db.vendor != "sqlite":
        return
    with db.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {CHANGE_COUNTER} (id integer NOT NULL PRIMARY KEY "
            f"CONSTRAINT {CHANGE_COUNTER}_single_row CHECK (id = 1), "
            "epoch text NOT NULL, changes integer NOT NULL)"
        )
        cursor.execute(
            f"INSERT OR IGNORE INTO {CHANGE_COUNTER} VALUES (1, lower(hex(randomblob(8))), 0)"
        )
        # A migration may have rebuilt a table (dropping its triggers) or changed rows
        # while they were gone: every migrate moves the version.
        cursor.execute(f"UPDATE {CHANGE_COUNTER} SET changes = changes + 1")
        for table in counted_tables(cursor):
            for event in ("INSERT", "UPDATE", "DELETE"):
                cursor.execute(
                    f'CREATE TRIGGER IF NOT EXISTS "{table}_counts_{event.lower()}" '
                    f'AFTER {event} ON "{table}" BEGIN '
                    f"UPDATE {CHANGE_COUNTER} SET changes = changes + 1; END"
                )


def counted_tables(cursor):
    """The SQLite tables whose writes the change counter counts: every `claims_` table but
    the counter and the full-text index (its rows follow claims_quote's), and the users
    (the public history names curators)."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND (name = %s OR ("
        "name LIKE 'claims\\_%%' ESCAPE '\\' AND name NOT LIKE '%%\\_fts%%' ESCAPE '\\' "
        "AND name != %s AND sql NOT LIKE 'CREATE VIRTUAL%%'))",
        [get_user_model()._meta.db_table, CHANGE_COUNTER],
    )
    return [name for (name,) in cursor.fetchall()]


def data_version():
    """A value that differs whenever the data a request can read differs, or None when
    there is none to give (then nothing may be kept under it).

    SQLite: the change counter's epoch and count, moved by triggers in the same transaction
    as the write; none inside a transaction (what it wrote may be rolled back, and the count
    with it). PostgreSQL: the current snapshot (which transactions are visible), unless this
    connection's own transaction has written, which the snapshot does not show."""
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:  # its own writes may yet be rolled back
            return None
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT epoch, changes FROM {CHANGE_COUNTER}")
                return cursor.fetchone()
        except OperationalError as error:
            if "no such table" in str(error):  # not migrated since the counter came
                return None
            raise
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned()")
            snapshot, own_transaction = cursor.fetchone()
        return None if own_transaction is not None else snapshot
    return None
