"""Search folds word forms and accents: SQLite's FTS5 tables are rebuilt with the porter
tokenizer (over unicode61 without diacritics), and PostgreSQL's search vectors use the
`claims_fold` configuration (Snowball English stems without stop words, after unaccent
where the extension is available). Apostrophes, hyphens and compounds are folded in the
query (claims.folding); claims.scale.sql asks the indexes."""

from django.db import migrations

FTS = {
    "claims_quote": ("text", "attributed_as"),
    "claims_article": ("title", "body"),
    "claims_claim": ("statement",),
}
FOLDING = "porter unicode61 remove_diacritics 2"
PLAIN = "unicode61 remove_diacritics 2"
WORD_TOKENS = "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part"


def _sqlite_fts(table, columns, tokenize):
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        *(f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")),
        f"DROP TABLE IF EXISTS {fts}",
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        f"tokenize='{tokenize}')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _postgres_vectors(config):
    statements = []
    for table, columns in FTS.items():
        document = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)
        statements += [
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector",
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('{config}', {document})) STORED",
            f"CREATE INDEX {table}_search_idx ON {table} USING gin (search_vector)",
        ]
    return statements


def fold(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table, columns in FTS.items():
            for statement in _sqlite_fts(table, columns, FOLDING):
                schema_editor.execute(statement, params=None)
    elif vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
            unaccent = cursor.fetchone() is not None
        dictionaries = "claims_english_stem"
        if unaccent:
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent", params=None)
            dictionaries = "unaccent, claims_english_stem"
        for statement in [
            # Snowball's English stemmer without its stop-word list: "the" stays searchable.
            "CREATE TEXT SEARCH DICTIONARY claims_english_stem "
            "(TEMPLATE = snowball, Language = english)",
            "CREATE TEXT SEARCH CONFIGURATION claims_fold (COPY = simple)",
            f"ALTER TEXT SEARCH CONFIGURATION claims_fold ALTER MAPPING FOR {WORD_TOKENS} "
            f"WITH {dictionaries}",
            *_postgres_vectors("claims_fold"),
        ]:
            schema_editor.execute(statement, params=None)


def unfold(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table, columns in FTS.items():
            for statement in _sqlite_fts(table, columns, PLAIN):
                schema_editor.execute(statement, params=None)
    elif vendor == "postgresql":
        for statement in [
            *_postgres_vectors("simple"),
            "DROP TEXT SEARCH CONFIGURATION IF EXISTS claims_fold",
            "DROP TEXT SEARCH DICTIONARY IF EXISTS claims_english_stem",
        ]:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_history_baselines")]

    operations = [migrations.RunPython(fold, unfold, elidable=False)]
