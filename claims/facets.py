"""Facet counts: beside each option of the quote list's selects, how many matching quotes it
would keep under the other filters (Datasette-style)."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from claims import scale
from claims.models import Membership, Quote

# Query-string parameters that do not change which rows a facet counts.
IGNORED_PARAMS = ("page", "page_size", "format", "sort")
# Each facet's columns, as (slug, label) pairs, or one value column.
FACETS = {
    "speaker": ("speaker__slug", "speaker__name"),
    "article": ("article__slug", "article__title"),
    "kind": ("kind",),
    "status": ("status",),
    "outlet": (
        "article__outlet__slug",
        "article__outlet__name",
        "article__original_source__slug",
        "article__original_source__name",
    ),
    "organization": ("organization__slug", "organization__name", "speaker_id"),
}
COLUMNS = [column for fields in FACETS.values() for column in fields]
AT = {column: i for i, column in enumerate(COLUMNS)}


@dataclass
class Facets:
    """`counts` {facet: {option value: count}}; `choices` {facet: [(value, label with its
    count)]}, the options a select shows (a long list: the chosen and the most frequent);
    `note` what the counts leave out."""

    counts: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
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
        groups.setdefault((name,) if data.get(name) else (), []).append(name)
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
        fields = quote_filter.form.fields
        names = ", ".join(str(fields[name].label).lower() for name in uncounted)
        note = f"With this many filters set, {names} options have no counts."
        facets.note = f"{facets.note} {note}".strip()
    facets.counts = {name: facets.counts[name] for name in FACETS if name in facets.counts}
    for name, by_value in facets.counts.items():
        facets.choices[name] = _labelled(quote_filter, name, by_value, labels[name])
    return facets


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
    """{speaker id: {organization slug: name}} for the given speakers, in one query."""
    member_of = {}
    ids = {*speaker_ids} - {None}
    if not ids:
        return member_of
    for speaker_id, slug, label in Membership.objects.filter(speaker_id__in=ids).values_list(
        "speaker_id", "organization__slug", "organization__name"
    ):
        member_of.setdefault(speaker_id, {})[slug] = label
    return member_of


def _tally(names, rows, member_of):
    """{facet name: (Counter of option values, {value: label})} over facet `rows`."""
    speaker_at, org_at = AT["speaker_id"], AT["organization__slug"]
    result = {}
    for name in names:
        fields = FACETS[name]
        tally, labels = Counter(), {}
        pairs = [(AT[fields[i]], AT[fields[i + 1]]) for i in range(0, len(fields) - 1, 2)]
        if len(fields) == 1:
            tally.update(row[AT[fields[0]]] for row in rows)
        for row in rows if len(fields) > 1 else ():
            if name == "organization":
                found = dict(member_of.get(row[speaker_at], {}))
                found[row[org_at]] = row[org_at + 1]
            else:
                found = {row[slug]: row[label] for slug, label in pairs}
            found.pop(None, None)
            tally.update(found.keys())
            labels.update(found)
        tally.pop(None, None)
        result[name] = (dict(tally), labels)
    return result
