"""PostgreSQL: the article list's order (newest first, NULL dates last, then title) on one
index, so its first page does not sort every article. SQLite's planner cannot use an
index for NULLS LAST, and its sort of the article table is quick enough."""

from django.db import migrations

NAME = "claims_article_newest_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {NAME} ON claims_article (published DESC NULLS LAST, title)",
            params=None,
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}", params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_quote_keys_covering_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
