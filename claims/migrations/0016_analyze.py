"""Refresh the query planner's statistics.

On SQLite, migrations 0012 and 0014 rebuild `claims_quote` and `claims_claim` (adding a
column with a constraint copies the table), which drops their `sqlite_stat1` rows: without
them the planner sorted every direct quote for the home page instead of walking the date
index (4 s at a million quotes). ANALYZE restores them; on PostgreSQL it is cheap and
harmless.
"""

from django.db import migrations


def analyze(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Migration(migrations.Migration):
    dependencies = [("claims", "0015_membership_verified")]

    operations = [migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True)]
