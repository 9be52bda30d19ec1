"""Keyset reading: a whole ordered queryset as values tuples, one bounded query per chunk.

Each chunk starts strictly after the previous chunk's last sort key (the queryset's own
ordering, with the primary key appended to break ties), so no OFFSET is ever skipped over,
every row is read exactly once, and each query is its own short read: a long export holds no
transaction or cursor open between chunks."""

from dataclasses import dataclass, replace

from django.conf import settings
from django.db import connection
from django.db.models import F, OrderBy, Q
from django.db.models.constants import LOOKUP_SEP


@dataclass(frozen=True)
class SortColumn:
    """One column of a keyset order: its lookup path, direction and where its NULLs go."""

    path: str
    descending: bool
    nullable: bool
    nulls_last: bool

    def order(self):
        return F(self.path).desc() if self.descending else F(self.path).asc()

    def after(self, value):
        """Q for rows strictly after `value` in this column's order (None when none is)."""
        if value is None:
            # NULLs last: nothing follows a NULL. NULLs first: every non-NULL value does.
            return None if self.nulls_last else Q(**{f"{self.path}__isnull": False})
        beyond = Q(**{f"{self.path}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and self.nulls_last:
            beyond |= Q(**{f"{self.path}__isnull": True})
        return beyond

    def equal(self, value):
        if value is None:
            return Q(**{f"{self.path}__isnull": True})
        return Q(**{self.path: value})

    def bound(self, value):
        """Q for rows at or after non-NULL `value`, as one range the index can seek to."""
        return Q(**{f"{self.path}__{'lte' if self.descending else 'gte'}": value})


def sort_columns(queryset):
    """The queryset's ordering as SortColumns, ending with the primary key."""
    model = queryset.model
    columns = []
    for item in queryset.query.order_by or model._meta.ordering:
        if isinstance(item, str):
            item = F(item[1:]).desc() if item.startswith("-") else F(item).asc()
        if not isinstance(item, OrderBy) or not isinstance(item.expression, F):
            raise ValueError(f"keyset reading needs orderings by fields, not {item!r}")
        path = item.expression.name
        path = model._meta.pk.name if path == "pk" else path
        nullable = _nullable(model, path)
        if item.nulls_last or item.nulls_first:
            nulls_last = bool(item.nulls_last)
        else:
            nulls_last = connection.features.nulls_order_largest != item.descending
        columns.append(SortColumn(path, item.descending, nullable, nulls_last))
    if not any(c.path in ("pk", model._meta.pk.name) for c in columns):
        columns.append(SortColumn(model._meta.pk.name, False, False, True))
    return columns


def seeks_on_its_table(queryset):
    """Whether every sort column is the model's own, so each chunk can start on an index;
    an order by a joined table's column sorts every matching row again for each chunk."""
    return all(LOOKUP_SEP not in column.path for column in sort_columns(queryset))


def _nullable(model, path):
    """Whether the lookup `path` from `model` can be NULL (a nullable field or relation)."""
    nullable = False
    for name in path.split(LOOKUP_SEP):
        field = model._meta.get_field(name)
        nullable = nullable or field.null
        model = field.related_model if field.is_relation else model
    return nullable


def _after(columns, values):
    """Q for rows strictly after `values` in the lexicographic order of `columns`."""
    head, value = columns[0], values[0]
    beyond = head.after(value)
    if len(columns) == 1:
        return beyond
    rest = _after(columns[1:], values[1:])
    tied = head.equal(value) & rest if rest is not None else None
    if beyond is None:
        return tied
    return beyond | tied if tied is not None else beyond


def keyset_chunks(queryset, fields, size=None):
    """Every row of the ordered `queryset` as tuples of `fields` (then its sort key), in
    lists of at most `size` (EXPORT_CHUNK rows by default), one query per list.

    A nullable first sort column is read in two runs (its values, then its NULLs), so each
    query starts on an index range rather than testing every row before it."""
    size = size or settings.EXPORT_CHUNK
    columns = sort_columns(queryset)
    head = columns[0]
    if head.nullable:
        values = queryset.filter(**{f"{head.path}__isnull": False})
        nulls = queryset.filter(**{f"{head.path}__isnull": True})
        runs = [(nulls, columns[1:]), (values, [replace(head, nullable=False), *columns[1:]])]
        if head.nulls_last:
            runs.reverse()
    else:
        runs = [(queryset, columns)]
    for rows, run_columns in runs:
        yield from _run(rows, run_columns, fields, size)


def _run(queryset, columns, fields, size):
    width = len(fields)
    selected = queryset.order_by(*(c.order() for c in columns)).values_list(
        *fields, *(c.path for c in columns)
    )
    last = None
    while True:
        chunk = selected
        if last is not None:
            condition = _after(columns, last)
            if condition is None:
                return
            if last[0] is not None and not columns[0].nullable:
                condition = columns[0].bound(last[0]) & condition
            chunk = selected.filter(condition)
        rows = list(chunk[:size])
        if rows:
            yield [row[:width] for row in rows]
        if len(rows) < size:
            return
        last = rows[-1][width:]
