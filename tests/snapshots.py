"""Data written once per test session, then copied row for row into each test that uses it.

The seed fixture is the reason: `seed_load` reads natural keys object by object and takes
about a second; writing back the rows it produced with `bulk_create` takes milliseconds.
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction


def tables_in_insert_order():
    """Every model Django creates a table for, each after the models its foreign keys name."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    ordered = []

    def visit(model, path=()):
        if model in ordered or model in path:
            return
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in models:
                visit(field.related_model, (*path, model))
        ordered.append(model)

    for model in models:
        visit(model)
    return ordered


def columns(model):
    """The attribute names of `model`'s table columns, in the order rows hold them."""
    return [field.attname for field in model._meta.concrete_fields]


def read_rows(model):
    """{pk: row} with every column of `model`'s table, as Python values."""
    pk_index = columns(model).index(model._meta.pk.attname)
    rows = model._base_manager.order_by("pk").values_list(*columns(model))
    return {row[pk_index]: row for row in rows}


class Snapshot:
    """The rows some code adds to the database, to be written again in later tests."""

    def __init__(self, rows):
        self.rows = rows  # {model: [row, ...]} in insert order, rows as in read_rows

    @classmethod
    def capture(cls, write):
        """Run `write()` inside a transaction, keep the rows it added, roll it back."""
        with transaction.atomic():
            before = {model: read_rows(model) for model in tables_in_insert_order()}
            write()
            rows = {}
            for model, old in before.items():
                new = read_rows(model)
                changed = [pk for pk, row in old.items() if new.get(pk) != row]
                if changed:
                    raise RuntimeError(
                        f"the captured code changed or removed {model._meta.label} rows "
                        f"{changed}; a snapshot of added rows cannot reproduce that"
                    )
                added = [row for pk, row in new.items() if pk not in old]
                if added:
                    rows[model] = added
            transaction.set_rollback(True)
        return cls(rows)

    def load(self):
        """Insert the captured rows with their primary keys, as `seed_load` left them."""
        with transaction.atomic():
            for model, rows in self.rows.items():
                names = columns(model)
                model._base_manager.bulk_create(
                    model(**dict(zip(names, row, strict=True))) for row in rows
                )
            # PostgreSQL's sequences do not move for explicit keys; SQLite's do.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                    cursor.execute(sql)

    def unload(self):
        """Empty the tables the snapshot fills: undoes a committed `load` into empty tables."""
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for model in reversed(self.rows):
                cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
