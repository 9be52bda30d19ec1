"""PostgreSQL: the list's ordering indexes carry the quote id, so a page's keys (and a
deep page's skipped entries) are read by index-only scans. SQLite's indexes already hold
the rowid."""

from django.db import migrations

INDEXES = {
    "claims_quote_published_desc_idx": "published DESC NULLS LAST, article_id DESC, start",
    "claims_quote_speaker_pub_desc_idx": (
        "speaker_id, published DESC NULLS LAST, article_id DESC, start"
    ),
}


def _rebuild(schema_editor, include):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)
        schema_editor.execute(
            f"CREATE INDEX {name} ON claims_quote ({columns}){include}", params=None
        )


def cover(apps, schema_editor):
    _rebuild(schema_editor, " INCLUDE (id)")


def uncover(apps, schema_editor):
    _rebuild(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_quote_updated_index")]

    operations = [migrations.RunPython(cover, uncover, elidable=False)]
