"""A first history record for every row that has none (issue 13).

Rows loaded from the seed or imported before seed_load and article_import wrote
one have no history, so the public history could not show their first change:
it compares each change with the version before. This backfills that version,
as the row stands now.
"""

from django.db import migrations
from django.utils import timezone

MODELS = ["organization", "speaker", "membership", "article", "claim", "quote"]
REASON = "Baseline: the row as it was when history began"
BATCH = 2000


def add_baselines(apps, schema_editor):
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("claims", name)
        historical = apps.get_model("claims", f"historical{name}")
        tracked = [f.attname for f in historical._meta.fields if not f.name.startswith("history_")]
        rows = model.objects.exclude(pk__in=historical.objects.values("id")).values(*tracked)
        batch = []
        for row in rows.iterator(chunk_size=BATCH):
            batch.append(
                historical(**row, history_date=now, history_type="+", history_change_reason=REASON)
            )
            if len(batch) == BATCH:
                historical.objects.bulk_create(batch)
                batch = []
        historical.objects.bulk_create(batch)


def remove_baselines(apps, schema_editor):
    for name in MODELS:
        historical = apps.get_model("claims", f"historical{name}")
        historical.objects.filter(history_change_reason=REASON).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_curators_add_article")]

    operations = [migrations.RunPython(add_baselines, remove_baselines)]
