"""Quote.attribution_confidence: the extractor's high/medium/low for the rule that fired.

SQLite rebuilds claims_quote to add the field and its check, which drops the table's
triggers and hand-made indexes and fails on the triggers of other tables that name it:
they are read and dropped before and made again after.
"""

from django.db import migrations, models

# The SQLite triggers and indexes that name claims_quote ({(type, name): SQL}).
_kept = {}


def keep_schema(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
            "(type = 'trigger' AND sql LIKE '%claims_quote%') "
            "OR (type = 'index' AND tbl_name = 'claims_quote'))"
        )
        _kept.update({(kind, name): sql for kind, name, sql in cursor.fetchall()})
    for (kind, name), _sql in _kept.items():
        if kind == "trigger":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


def restore_schema(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')")
        present = {name for (name,) in cursor.fetchall()}
    for (kind, name), sql in _kept.items():
        if name not in present:
            schema_editor.execute(sql, params=None)
    _kept.clear()



class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0013_history_reasons_500"),
    ]

    operations = [
        migrations.RunPython(keep_schema, restore_schema, elidable=False),
        migrations.AddField(
            model_name="historicalquote",
            name="attribution_confidence",
            field=models.CharField(
                blank=True,
                choices=[("high", "High"), ("medium", "Medium"), ("low", "Low")],
                help_text="How sure the extractor was of the attribution (from the rule that fired), e.g. “low” when the speaker is only guessed from the sentence’s subject. Empty for quotes attributed by hand.",
                max_length=6,
            ),
        ),
        migrations.AddField(
            model_name="quote",
            name="attribution_confidence",
            field=models.CharField(
                blank=True,
                choices=[("high", "High"), ("medium", "Medium"), ("low", "Low")],
                help_text="How sure the extractor was of the attribution (from the rule that fired), e.g. “low” when the speaker is only guessed from the sentence’s subject. Empty for quotes attributed by hand.",
                max_length=6,
            ),
        ),
        migrations.AddConstraint(
            model_name="quote",
            constraint=models.CheckConstraint(
                condition=models.Q(("attribution_confidence__in", ["high", "medium", "low", ""])),
                name="claims_quote_confidence_valid",
            ),
        ),
        migrations.RunPython(restore_schema, keep_schema, elidable=False),
    ]
