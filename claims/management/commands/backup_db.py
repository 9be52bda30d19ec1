import datetime
import json

from django.apps import apps
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS

# Rows migrate creates itself; they are matched by natural key on restore, so their
# primary keys may differ between databases.
BY_NATURAL_KEY = {"contenttypes.contenttype", "auth.permission"}


class FullPrecisionEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def backup_models():
    """Every concrete, managed model of every installed app, dependencies first."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.managed and not model._meta.proxy
    ]


def backup_records(using=DEFAULT_DB_ALIAS):
    """Every row of `backup_models()` as Django fixture records, primary keys included."""
    records = []
    for model in backup_models():
        natural_primary = model._meta.label_lower in BY_NATURAL_KEY
        queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
        rows = serializers.serialize(
            "python",
            queryset.iterator(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=natural_primary,
        )
        if natural_primary:
            rows.sort(key=lambda row: repr(row["fields"]))
        records += rows
    return records


class Command(BaseCommand):
    help = (
        "Write every row of the database (curated data, history, users, admin log) to a "
        "JSON fixture that restore_db loads losslessly into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="PATH")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output, database, **options):
        records = backup_records(using=database)
        with open(output, "w", encoding="utf-8") as stream:
            json.dump(records, stream, cls=FullPrecisionEncoder, ensure_ascii=False, indent=1)
        self.stdout.write(f"Wrote {len(records)} rows to {output}.")
