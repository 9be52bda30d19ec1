"""Claim.article_count, first_reported, kind and status: derived from the claim's quotes and
kept by database triggers, so every write path (the admin, services, fixtures, bulk
inserts, raw SQL, an article's date changing) keeps them right, and the claims list sorts
and filters on indexed columns of one table instead of aggregating every quote.

SQLite rebuilds claims_claim to add the fields, which drops the table's triggers (the
full-text ones): they are read before and made again after.
"""

from django.db import migrations, models

# The derived values of the claim whose id is `{claim}`, as SQL expressions.
KIND_RANK = "CASE kind WHEN 'direct' THEN 0 WHEN 'partial' THEN 1 ELSE 2 END"
STATUS_RANK = "CASE status WHEN 'disputed' THEN 0 WHEN 'unverified' THEN 1 ELSE 2 END"
DERIVED = {
    "article_count": "(SELECT COUNT(DISTINCT article_id) FROM claims_quote WHERE claim_id = {claim})",
    "first_reported": "(SELECT MIN(published) FROM claims_quote WHERE claim_id = {claim})",
    "kind": (
        "COALESCE((SELECT kind FROM claims_quote WHERE claim_id = {claim} "
        f"ORDER BY {KIND_RANK} LIMIT 1), '')"
    ),
    "status": (
        "COALESCE((SELECT status FROM claims_quote WHERE claim_id = {claim} "
        f"ORDER BY {STATUS_RANK} LIMIT 1), '')"
    ),
}
QUOTE_COLUMNS = "claim_id, article_id, kind, status, published"


def _set_derived(claim):
    return ", ".join(f"{name} = {sql.format(claim=claim)}" for name, sql in DERIVED.items())


def _differs(claim):
    return " OR ".join(
        f"NEW.{name} IS NOT {sql.format(claim=claim)}" for name, sql in DERIVED.items()
    )


SQLITE = [
    f"UPDATE claims_claim SET {_set_derived('claims_claim.id')}",
    f"""CREATE TRIGGER claims_claim_derived_qi AFTER INSERT ON claims_quote
    BEGIN UPDATE claims_claim SET {_set_derived("claims_claim.id")} WHERE id = NEW.claim_id; END""",
    f"""CREATE TRIGGER claims_claim_derived_qd AFTER DELETE ON claims_quote
    BEGIN UPDATE claims_claim SET {_set_derived("claims_claim.id")} WHERE id = OLD.claim_id; END""",
    f"""CREATE TRIGGER claims_claim_derived_qu AFTER UPDATE OF {QUOTE_COLUMNS} ON claims_quote
    BEGIN UPDATE claims_claim SET {_set_derived("claims_claim.id")}
    WHERE id IN (OLD.claim_id, NEW.claim_id); END""",
    # A claim written with other values (a save of a stale instance, a fixture) is put right.
    f"""CREATE TRIGGER claims_claim_derived_ci AFTER INSERT ON claims_claim
    BEGIN UPDATE claims_claim SET {_set_derived("NEW.id")} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER claims_claim_derived_cu
    AFTER UPDATE OF article_count, first_reported, kind, status ON claims_claim
    WHEN {_differs("NEW.id")}
    BEGIN UPDATE claims_claim SET {_set_derived("NEW.id")} WHERE id = NEW.id; END""",
]
SQLITE_TRIGGERS = ("qi", "qd", "qu", "ci", "cu")

POSTGRES = f"""
CREATE FUNCTION claims_claim_derive() RETURNS trigger AS $$
BEGIN
    NEW.article_count := {DERIVED["article_count"].format(claim="NEW.id")};
    NEW.first_reported := {DERIVED["first_reported"].format(claim="NEW.id")};
    NEW.kind := {DERIVED["kind"].format(claim="NEW.id")};
    NEW.status := {DERIVED["status"].format(claim="NEW.id")};
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER claims_claim_derive BEFORE INSERT OR UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_derive();
CREATE FUNCTION claims_quote_touch_claim() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE claims_claim SET article_count = article_count WHERE id = OLD.claim_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.claim_id IS DISTINCT FROM OLD.claim_id) THEN
        UPDATE claims_claim SET article_count = article_count WHERE id = NEW.claim_id;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER claims_quote_touch_claim
    AFTER INSERT OR DELETE OR UPDATE OF {QUOTE_COLUMNS} ON claims_quote
    FOR EACH ROW EXECUTE FUNCTION claims_quote_touch_claim();
UPDATE claims_claim SET article_count = article_count;
"""
# PostgreSQL puts NULLs first in a descending index; the list wants undated claims last.
POSTGRES_INDEXES = {
    "claims_claim_newest_idx": "first_reported DESC NULLS LAST, id DESC, article_count",
    "claims_claim_sources_idx": "article_count DESC, first_reported DESC NULLS LAST, id DESC",
    "claims_claim_speaker_new_idx": "speaker_id, first_reported DESC NULLS LAST, id DESC",
}

# The claims_claim triggers SQLite had before the rebuild ({name: SQL}).
_kept_triggers = {}


def keep_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'claims_claim'"
        )
        _kept_triggers.update(cursor.fetchall())


def derive(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name, sql in _kept_triggers.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)
            schema_editor.execute(sql, params=None)
        for statement in SQLITE:
            schema_editor.execute(statement, params=None)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)
        for name, columns in POSTGRES_INDEXES.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)
            schema_editor.execute(f"CREATE INDEX {name} ON claims_claim ({columns})", params=None)


def underive(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for suffix in SQLITE_TRIGGERS:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS claims_claim_derived_{suffix}", params=None
            )
    elif vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS claims_claim_derive ON claims_claim;"
            "DROP TRIGGER IF EXISTS claims_quote_touch_claim ON claims_quote;"
            "DROP FUNCTION IF EXISTS claims_claim_derive();"
            "DROP FUNCTION IF EXISTS claims_quote_touch_claim();",
            params=None,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0011_search_folding"),
    ]

    operations = [
        migrations.RunPython(keep_triggers, migrations.RunPython.noop, elidable=False),
        migrations.AddField(
            model_name="claim",
            name="article_count",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="How many distinct articles carry the claim; kept by database triggers.",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="first_reported",
            field=models.DateField(
                blank=True,
                editable=False,
                help_text="The earliest publication date among the articles carrying it (empty when none is dated); kept by database triggers.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("direct", "Direct quotation"),
                    ("partial", "Partial quotation"),
                    ("indirect", "Reported speech"),
                ],
                editable=False,
                help_text="Direct when any quote gives it word for word, else partial when any quotes a fragment, else indirect (reported speech); empty without quotes. Kept by triggers.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("unverified", "Unverified"),
                    ("verified", "Verified"),
                    ("disputed", "Disputed"),
                ],
                editable=False,
                help_text="The least settled status of its quotes: disputed when any is, else unverified when any is, else verified; empty without quotes. Kept by triggers.",
                max_length=12,
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-first_reported", "-id", "article_count"], name="claims_claim_newest_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["-article_count", "-first_reported", "-id"], name="claims_claim_sources_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["speaker", "-first_reported", "-id"], name="claims_claim_speaker_new_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["direct", "partial", "indirect", ""])),
                name="claims_claim_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["unverified", "verified", "disputed", ""])),
                name="claims_claim_status_valid",
            ),
        ),
        migrations.RunPython(derive, underive, elidable=False),
    ]
