"""Facet counts: beside each option of the quote list's filters, how many matching quotes
it would keep under the other filters (Datasette-style), as data: labels for the selects,
link lists of the options with their counts, and the active filters as removable chips."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.http import QueryDict
from django.utils.dateformat import format as format_date

from claims import scale
from claims.models import Membership, Quote

# Query-string parameters that do not change which rows a facet counts.
IGNORED_PARAMS = ("page", "page_size", "format", "sort")
# Each facet's columns, as (slug, label) pairs, or one value column.
FACETS = {
    "speaker": ("speaker__slug", "speaker__name"),
    "organization_kind": ("organization__kind",),
    "organization": ("organization__slug", "organization__name"),
    "outlet": (
        "article__outlet__slug",
        "article__outlet__name",
        "article__original_source__slug",
        "article__original_source__name",
    ),
    "article": ("article__slug", "article__title"),
    "published": ("published",),
    "kind": ("kind",),
    "status": ("status",),
}
# The filters a facet leaves out while it counts, where they are not the facet's name.
OWN_FILTERS = {"published": ("date_after", "date_before")}
# Filters that take several values (any of them matches).
REPEATABLE = ("speaker", "organization")
COLUMNS = [*(column for fields in FACETS.values() for column in fields), "speaker_id"]
AT = {column: i for i, column in enumerate(COLUMNS)}
# A link list shows at most this many options, the chosen and then the most frequent.
LINKS_SHOWN = 8


@dataclass
class Option:
    """One option of a facet's link list: `query` ("?…", or "" for no parameters) chooses
    it, or, when it is `chosen`, removes it."""

    label: str
    count: int
    query: str
    chosen: bool = False


@dataclass
class FacetList:
    """A facet as a link list: its options with a count, none with a count of 0; `more`
    options with a count are left out of a long list (the select offers them)."""

    name: str
    label: str
    options: list
    more: int = 0


@dataclass
class Chip:
    """An active filter: what it is, its value, and the query string that removes it."""

    label: str
    value: str
    query: str


@dataclass
class Facets:
    """`counts` {facet: {option value: count}}; `choices` {facet: [(value, label with its
    count)]}, the options a select shows (a long list: the chosen and the most frequent);
    `lists` the facets as FacetLists; `chips` the active filters; `note` what the counts
    leave out."""

    counts: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
    lists: list = field(default_factory=list)
    chips: list = field(default_factory=list)
    note: str = ""


def facet_counts(quote_filter, page, versions=None):
    """The Facets of a valid `quote_filter` whose list is at `page` (a scale.paginate page
    whose rows have the card `versions`, {key: versions}, when given).

    Each facet counts the rows matching the other filters; facets whose own filter is not
    set share one query. At most FACET_SAMPLE rows are read per query: when more match, the
    counts are those of a sample, the note says so, and they are cached under the
    normalised query string. At most FACET_QUERIES queries run (the shared one first);
    facets past them have no counts and the note says so. The keys the page read ahead
    stand in for re-running the filters in the shared query; when one page holds every
    match, the shared counts are cached under its cards' versions, like the cards."""
    data = quote_filter.data
    sample = settings.FACET_SAMPLE
    keys = page.paginator.read_keys
    whole = page.number == 1 and not page.has_next()
    versions = versions if whole else None
    groups = {(): []}
    for name in FACETS:
        own = OWN_FILTERS.get(name, (name,))
        groups.setdefault(own if any(data.get(p) for p in own) else (), []).append(name)
    if not groups[()]:
        del groups[()]
    depends_on = {
        ignored: ("exact", sample, names, sorted(versions.items()))
        if ignored == () and versions is not None
        else ("sampled", sample, names, _params(data, ignored))
        for ignored, names in groups.items()
    }
    uncounted = []

    def count(missing):
        rows = {}
        for ignored in missing[: settings.FACET_QUERIES]:
            if ignored == () and keys is not None:
                matching = Quote.objects.filter(pk__in=keys[: sample + 1])
                rows[ignored] = list(matching.values_list(*COLUMNS))
            else:
                matching = quote_filter.qs_without(*ignored)
                rows[ignored] = list(matching.values_list(*COLUMNS)[: sample + 1])
        uncounted.extend(name for ignored in missing[len(rows) :] for name in groups[ignored])
        member_of = _memberships(row[AT["speaker_id"]] for found in rows.values() for row in found)
        return {
            ignored: (_tally(groups[ignored], found[:sample], member_of), len(found) > sample)
            for ignored, found in rows.items()
        }

    def keep(ignored, counted):
        return depends_on[ignored][0] == "exact" or counted[1]

    found = scale.remember_many("facets", depends_on, count, keep)
    facets = Facets()
    labels = {}
    for tallies, sampled in found.values():
        for name, (tally, names) in tallies.items():
            facets.counts[name], labels[name] = tally, names
        if sampled:
            facets.note = (
                f"Counts beside the options come from the first {sample:,} matching "
                "quotes, not from all of them."
            )
    if uncounted:
        names = ", ".join(_label(quote_filter, name).lower() for name in uncounted)
        note = f"With this many filters set, {names} options have no counts."
        facets.note = f"{facets.note} {note}".strip()
    facets.counts = {name: facets.counts[name] for name in FACETS if name in facets.counts}
    fields = quote_filter.form.fields
    for name, by_value in facets.counts.items():
        if name in fields:
            facets.choices[name] = _labelled(quote_filter, name, by_value, labels[name])
        facets.lists.append(_link_list(quote_filter, name, by_value, labels[name]))
    facets.chips = active_chips(quote_filter)
    return facets


def _chosen(quote_filter, name):
    """The values of facet `name` chosen in the valid form, as strings."""
    cleaned = quote_filter.form.cleaned_data
    if name == "published":
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        return [after.isoformat()] if after and after == before else []
    value = cleaned.get(name)
    values = value if isinstance(value, list | tuple) else [value]
    return [str(v) for v in values if v]


def _query(data, name, value, remove=False):
    """The query string of `data` with `value` chosen for facet `name` (added to a
    repeatable filter, else in place of its value), or with it removed; without `page`."""
    params = data.copy() if isinstance(data, QueryDict) else QueryDict(mutable=True)
    params.pop("page", None)
    for param in OWN_FILTERS.get(name, (name,)):
        kept = [v for v in params.getlist(param) if v and v != value]
        if not remove:
            kept = [*kept, value] if name in REPEATABLE else [value]
        params.setlist(param, kept)
        if not kept:
            del params[param]
    return f"?{params.urlencode()}" if params else ""


def _option_label(quote_filter, name, value, labels):
    if name == "published":
        return format_date(date.fromisoformat(value), "j M Y")
    field_choices = getattr(quote_filter.form.fields.get(name), "choices", ())
    return dict(field_choices).get(value) or labels.get(value) or value


def _link_list(quote_filter, name, by_value, labels):
    """Facet `name` as a FacetList: the chosen options, then the most frequent (at most
    LINKS_SHOWN); dates newest first."""
    chosen = _chosen(quote_filter, name)
    frequent = [v for v, n in by_value.items() if n and v not in chosen]
    if name == "published":
        frequent.sort(reverse=True)
    else:
        frequent.sort(key=lambda v: (-by_value[v], str(labels.get(v) or v).lower()))
    shown = max(LINKS_SHOWN - len(chosen), 0)
    data = quote_filter.data
    options = [
        Option(
            _option_label(quote_filter, name, value, labels),
            by_value.get(value, 0),
            _query(data, name, value, remove=value in chosen),
            value in chosen,
        )
        for value in [*chosen, *frequent[:shown]]
    ]
    return FacetList(name, _label(quote_filter, name), options, max(len(frequent) - shown, 0))


def _label(quote_filter, name):
    field_ = quote_filter.form.fields.get(name)
    return str(field_.label) if field_ else "Published"


def active_chips(quote_filter):
    """The active filters of a valid `quote_filter` as Chips, in the form's order; a date
    range of one day is one chip."""
    data, chips = quote_filter.data, []
    cleaned = quote_filter.form.cleaned_data
    one_day = _chosen(quote_filter, "published")
    for name, field_ in quote_filter.form.fields.items():
        value = cleaned.get(name)
        if name == "sort" or value in (None, "", [], ()):
            continue
        if name in OWN_FILTERS["published"]:
            if one_day and name == "date_before":
                continue
            if one_day:
                label = format_date(value, "j M Y")
                chips.append(Chip("Published", label, _query(data, "published", one_day[0], True)))
                continue
            chips.append(Chip(str(field_.label), format_date(value, "j M Y"), _without(data, name)))
            continue
        labels = dict(getattr(field_, "choices", ()))
        for item in value if isinstance(value, list | tuple) else [value]:
            query = _query(data, name, str(item), remove=True) if name in REPEATABLE else None
            chips.append(
                Chip(str(field_.label), str(labels.get(item, item)), query or _without(data, name))
            )
    return chips


def _without(data, name):
    """The query string of `data` without parameter `name` (nor `page`)."""
    params = data.copy() if isinstance(data, QueryDict) else QueryDict(mutable=True)
    params.pop("page", None)
    params.pop(name, None)
    return f"?{params.urlencode()}" if params else ""


def _params(data, ignored):
    """The query string, normalised, without what does not change the rows counted
    (`/quotes/?speaker=x` ignoring speaker reads the rows `/quotes/` reads)."""
    getlist = getattr(data, "getlist", lambda name: [data.get(name)])
    skip = {*IGNORED_PARAMS, *ignored}
    kept = [name for name in data if name not in skip]
    return sorted((name, sorted(v for v in getlist(name) if v)) for name in kept)


def _labelled(quote_filter, name, by_value, labels):
    """The options of the `name` select with their counts; a long list keeps only the
    chosen options and the most frequent ones, and alias options only when chosen."""
    choices = list(quote_filter.form.fields[name].choices)
    if not quote_filter.choices["complete"].get(name, True):
        chosen = {value for value, _ in choices if value}
        top = sorted(by_value, key=lambda v: (-by_value[v], v))[: settings.FACET_TOP]
        choices = [(v, label) for v, label in choices if not v or v in chosen] + [
            (v, labels.get(v) or v) for v in top if v not in chosen
        ]
    data = quote_filter.data
    chosen_speakers = data.getlist("speaker") if hasattr(data, "getlist") else []
    aliases = quote_filter.choices["alias_slugs"] if name == "speaker" else {}
    return [
        (value, f"{label} ({by_value.get(value, 0)})") if value else (value, label)
        for value, label in choices
        if value not in aliases or value in chosen_speakers
    ]


def _memberships(speaker_ids):
    """{speaker id: {organization slug: (name, kind)}} for the given speakers, in one query."""
    member_of = {}
    ids = {*speaker_ids} - {None}
    if not ids:
        return member_of
    rows = Membership.objects.filter(speaker_id__in=ids).values_list(
        "speaker_id", "organization__slug", "organization__name", "organization__kind"
    )
    for speaker_id, slug, label, kind in rows:
        member_of.setdefault(speaker_id, {})[slug] = (label, kind)
    return member_of


def _tally(names, rows, member_of):
    """{facet name: (Counter of option values, {value: label})} over facet `rows`."""
    result = {}
    for name in names:
        tally, labels = Counter(), {}
        for row in rows:
            found = _values(name, row, member_of)
            found.pop(None, None)
            tally.update(found.keys())
            labels.update(found)
        result[name] = (dict(tally), labels)
    return result


def _values(name, row, member_of):
    """{value: label} of facet `name` in one row: an organization (or its kind) counts the
    quote's own and its speaker's memberships; a date is its ISO form."""
    fields = FACETS[name]
    if name in ("organization", "organization_kind"):
        members = member_of.get(row[AT["speaker_id"]], {})
        if name == "organization":
            found = {slug: label for slug, (label, _) in members.items()}
            found[row[AT["organization__slug"]]] = row[AT["organization__name"]]
            return found
        found = {kind: kind for _, kind in members.values()}
        found[row[AT["organization__kind"]]] = row[AT["organization__kind"]]
        return found
    if name == "published":
        day = row[AT["published"]]
        return {day.isoformat(): None} if day else {}
    if len(fields) == 1:
        return {row[AT[fields[0]]]: row[AT[fields[0]]]}
    return {row[AT[fields[i]]]: row[AT[fields[i + 1]]] for i in range(0, len(fields), 2)}
