"""Facet counts: beside each option of a list page's filters (the quote list's and the
claims list's), how many matching rows it would keep under the other filters
(Datasette-style), as data: labels for the selects, link lists of the options with their
counts, and the active filters as removable chips."""

import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.http import QueryDict
from django.utils.dateformat import format as format_date

from claims import scale
from claims.models import Claim, Membership, Quote

# Query-string parameters that do not change which rows a facet counts.
IGNORED_PARAMS = ("page", "page_size", "format", "sort")
# A link list shows at most this many options, the chosen and then the most frequent.
LINKS_SHOWN = 8


class Listing:
    """What one list page's facets count: the rows of `model` (`noun` names one), read as
    `columns`; `facets` {name: label, or None for the form field's}; `own_filters` the
    filters a facet leaves out while it counts, where they are not the facet's name;
    `repeatable` the filters that take several values (any of them matches); `dated` the
    facet that sets a one-day date range."""

    model = None
    noun = ""
    facets = {}
    own_filters = {}
    repeatable = ("speaker", "organization")
    dated = ""
    columns = ()

    def values(self, found):
        """{group: [{facet name: {value: label}} for each row]} for the rows `found`
        ({group: [row of `columns`]}), reading what the rows do not hold in one query for
        every group."""
        raise NotImplementedError

    def counted(self, name, tally, chosen):
        """The counts of facet `name`'s options from `tally` (its values counted), given
        its `chosen` values."""
        return tally

    def ordered(self, name, values, by_value, labels, limit):
        """The first `limit` options of `values` of facet `name` in link-list order: most
        frequent first; dates newest first."""
        if name == self.dated:
            return heapq.nlargest(limit, values)
        return heapq.nsmallest(
            limit, values, key=lambda v: (-by_value[v], str(labels.get(v) or v).lower())
        )

    def option_label(self, name, value):
        """The label of an option no choice or row names (a date), else None."""
        if name == self.dated:
            return format_date(date.fromisoformat(value), "j M Y")
        return None


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


def _organizations(speaker_id, slug, name, kind, member_of):
    """({organization slug: name}, {kind: kind}) of one quote: the organization it names and
    its speaker's (as the `organization` and `organization_kind` filters match quotes)."""
    members = member_of.get(speaker_id, {})
    organizations = {org: label for org, (label, _) in members.items()}
    organizations[slug] = name
    kinds = {of_kind: of_kind for _, of_kind in members.values()}
    kinds[kind] = kind
    return organizations, kinds


def _pairs(row, start, count):
    """{value: label} of `count` (slug, label) column pairs of `row` from `start`."""
    return {row[i]: row[i + 1] for i in range(start, start + 2 * count, 2)}


class QuoteListing(Listing):
    """The quote list's facets: a quote's own columns, and its speaker's memberships."""

    model = Quote
    noun = "quote"
    facets = {
        "speaker": None,
        "organization_kind": None,
        "organization": None,
        "outlet": None,
        "article": None,
        "published": "Published",
        "kind": None,
        "status": None,
    }
    own_filters = {"published": ("date_after", "date_before")}
    dated = "published"
    columns = (
        "speaker__slug",
        "speaker__name",
        "organization__kind",
        "organization__slug",
        "organization__name",
        "article__outlet__slug",
        "article__outlet__name",
        "article__original_source__slug",
        "article__original_source__name",
        "article__slug",
        "article__title",
        "published",
        "kind",
        "status",
        "speaker_id",
    )

    def values(self, found):
        member_of = _memberships(row[-1] for rows in found.values() for row in rows)
        return {group: [self._row(row, member_of) for row in rows] for group, rows in found.items()}

    def _row(self, row, member_of):
        organizations, kinds = _organizations(row[-1], row[3], row[4], row[2], member_of)
        day = row[11]
        return {
            "speaker": {row[0]: row[1]},
            "organization_kind": kinds,
            "organization": organizations,
            "outlet": _pairs(row, 5, 2),
            "article": {row[9]: row[10]},
            "published": {day.isoformat(): None} if day else {},
            "kind": {row[12]: row[12]},
            "status": {row[13]: row[13]},
        }


class ClaimListing(Listing):
    """The claims list's facets: a claim's own columns (speaker, kind, status, articles
    carrying it, earliest dated source) and, from its quotes, the organizations, their
    kinds and the outlets, as the claims list's filters match them through its quotes."""

    model = Claim
    noun = "claim"
    facets = {
        "speaker": None,
        "organization_kind": None,
        "organization": None,
        "outlet": None,
        "min_sources": "Carried by",
        "first_reported": "First reported",
        "kind": None,
        "status": None,
    }
    own_filters = {"first_reported": ("date_after", "date_before")}
    dated = "first_reported"
    columns = (
        "pk",
        "speaker__slug",
        "speaker__name",
        "article_count",
        "first_reported",
        "kind",
        "status",
    )
    # The `min_sources` options: carried by at least this many articles.
    SOURCES = (2, 3, 5, 10)

    def values(self, found):
        ids = {row[0] for rows in found.values() for row in rows}
        quotes = (
            Quote.objects.filter(claim_id__in=sorted(ids))
            .order_by()
            .values_list(
                "claim_id",
                "speaker_id",
                "organization__slug",
                "organization__name",
                "organization__kind",
                "article__outlet__slug",
                "article__outlet__name",
                "article__original_source__slug",
                "article__original_source__name",
            )
        )
        # Distinct: a claim's quotes in many articles of a few outlets are a few rows.
        quotes = list(quotes.distinct()) if ids else []
        member_of = _memberships(quote[1] for quote in quotes)
        carried, speakers = {}, {}
        for claim_id, speaker_id, slug, name, kind, *carriers in quotes:
            organizations, kinds, outlets = carried.setdefault(claim_id, ({}, {}, {}))
            organizations[slug] = name
            kinds[kind] = kind
            outlets.update(_pairs(carriers, 0, 2))
            speakers.setdefault(claim_id, set()).add(speaker_id)
        for claim_id, of_claim in speakers.items():
            organizations, kinds, _ = carried[claim_id]
            for speaker_id in of_claim:
                for slug, (name, kind) in member_of.get(speaker_id, {}).items():
                    organizations[slug] = name
                    kinds[kind] = kind
        return {
            group: [self._row(row, carried.get(row[0], ({}, {}, {}))) for row in rows]
            for group, rows in found.items()
        }

    def _row(self, row, carried):
        organizations, kinds, outlets = carried
        day = row[4]
        return {
            "speaker": {row[1]: row[2]},
            "organization_kind": kinds,
            "organization": organizations,
            "outlet": outlets,
            "min_sources": {row[3]: None},
            "first_reported": {day.isoformat(): None} if day else {},
            "kind": {row[5]: row[5]},
            "status": {row[6]: row[6]},
        }

    def counted(self, name, tally, chosen):
        """`min_sources` counts, for each option (and the chosen number), the claims carried
        by at least that many articles; its tally holds how many claims each number of
        articles carries."""
        if name != "min_sources":
            return tally
        return {
            str(least): sum(n for articles, n in tally.items() if articles >= least)
            for least in sorted({*self.SOURCES, *(int(v) for v in chosen)})
        }

    def ordered(self, name, values, by_value, labels, limit):
        if name == "min_sources":
            return sorted(values, key=int)[:limit]
        return super().ordered(name, values, by_value, labels, limit)

    def option_label(self, name, value):
        if name == "min_sources":
            return f"{value} or more articles"
        return super().option_label(name, value)


LISTINGS = {Quote: QuoteListing(), Claim: ClaimListing()}


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
    leave out; `noun` what they count ("quote", "claim")."""

    counts: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
    lists: list = field(default_factory=list)
    chips: list = field(default_factory=list)
    note: str = ""
    noun: str = ""


def facet_counts(list_filter, page, versions=None):
    """The Facets of a valid `list_filter` (a QuoteFilter or ClaimFilter) whose list is at
    `page` (a scale.paginate page whose rows have the card `versions`, {key: versions},
    when given).

    Each facet counts the rows matching the other filters; facets whose own filter is not
    set share one query. At most FACET_SAMPLE rows are read per query: when more match, the
    counts are those of a sample, the note says so, and they are cached under the
    normalised query string. At most FACET_QUERIES queries run (the shared one first);
    facets past them have no counts and the note says so. The keys the page read ahead
    stand in for re-running the filters in the shared query; when one page holds every
    match, the shared counts are cached under its cards' versions, like the cards."""
    listing = LISTINGS[list_filter.queryset.model]
    data = list_filter.data
    sample = settings.FACET_SAMPLE
    keys = page.paginator.read_keys
    whole = page.number == 1 and not page.has_next()
    versions = versions if whole else None
    groups = {(): []}
    for name in listing.facets:
        own = listing.own_filters.get(name, (name,))
        groups.setdefault(own if any(data.get(p) for p in own) else (), []).append(name)
    if not groups[()]:
        del groups[()]
    noun = listing.noun
    depends_on = {
        ignored: ("exact", noun, sample, names, sorted(versions.items()))
        if ignored == () and versions is not None
        else ("sampled", noun, sample, names, _params(data, ignored))
        for ignored, names in groups.items()
    }
    uncounted = []

    def count(missing):
        rows = {}
        for ignored in missing[: settings.FACET_QUERIES]:
            if ignored == () and keys is not None:
                matching = listing.model.objects.filter(pk__in=keys[: sample + 1])
                rows[ignored] = list(matching.values_list(*listing.columns))
            else:
                matching = list_filter.qs_without(*ignored)
                rows[ignored] = list(matching.values_list(*listing.columns)[: sample + 1])
        uncounted.extend(name for ignored in missing[len(rows) :] for name in groups[ignored])
        values = listing.values({ignored: found[:sample] for ignored, found in rows.items()})
        return {
            ignored: (_tally(groups[ignored], values[ignored]), len(rows[ignored]) > sample)
            for ignored in rows
        }

    def keep(ignored, counted):
        return depends_on[ignored][0] == "exact" or counted[1]

    found = scale.remember_many("facets", depends_on, count, keep)
    facets = Facets(noun=noun)
    labels = {}
    for tallies, sampled in found.values():
        for name, (tally, names) in tallies.items():
            facets.counts[name], labels[name] = tally, names
        if sampled:
            facets.note = (
                f"Counts beside the options come from the first {sample:,} matching "
                f"{noun}s, not from all of them."
            )
    if uncounted:
        names = ", ".join(_label(list_filter, name).lower() for name in uncounted)
        note = f"With this many filters set, {names} options have no counts."
        facets.note = f"{facets.note} {note}".strip()
    facets.counts = {
        name: listing.counted(name, facets.counts[name], _chosen(list_filter, name))
        for name in listing.facets
        if name in facets.counts
    }
    fields = list_filter.form.fields
    for name, by_value in facets.counts.items():
        if hasattr(fields.get(name), "choices"):
            facets.choices[name] = _labelled(list_filter, name, by_value, labels[name])
        facets.lists.append(_link_list(list_filter, name, by_value, labels[name]))
    facets.chips = active_chips(list_filter)
    return facets


def _listing(list_filter):
    return LISTINGS[list_filter.queryset.model]


def _chosen(list_filter, name):
    """The values of facet `name` chosen in the valid form, as strings."""
    cleaned = list_filter.form.cleaned_data
    if name == _listing(list_filter).dated:
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        return [after.isoformat()] if after and after == before else []
    value = cleaned.get(name)
    values = value if isinstance(value, list | tuple) else [value]
    return [str(v) for v in values if v]


def _query(list_filter, name, value, remove=False):
    """The query string of the filter's data with `value` chosen for facet `name` (added
    to a repeatable filter, else in place of its value), or with it removed; without
    `page`."""
    listing, data = _listing(list_filter), list_filter.data
    params = data.copy() if isinstance(data, QueryDict) else QueryDict(mutable=True)
    params.pop("page", None)
    for param in listing.own_filters.get(name, (name,)):
        kept = [v for v in params.getlist(param) if v and v != value]
        if remove and name not in listing.repeatable:
            kept = []  # the chosen value, however it was written (min_sources=02)
        if not remove:
            kept = [*kept, value] if name in listing.repeatable else [value]
        params.setlist(param, kept)
        if not kept:
            del params[param]
    return f"?{params.urlencode()}" if params else ""


def _option_label(list_filter, name, value, labels, choices):
    label = _listing(list_filter).option_label(name, value)
    if label is not None:
        return label
    return choices.get(value) or labels.get(value) or value


def _link_list(list_filter, name, by_value, labels):
    """Facet `name` as a FacetList: the chosen options, then the most frequent (at most
    LINKS_SHOWN); dates newest first."""
    chosen = _chosen(list_filter, name)
    frequent = [v for v, n in by_value.items() if n and v not in chosen]
    shown = max(LINKS_SHOWN - len(chosen), 0)
    top = _listing(list_filter).ordered(name, frequent, by_value, labels, shown)
    choices = dict(getattr(list_filter.form.fields.get(name), "choices", ()))
    options = [
        Option(
            _option_label(list_filter, name, value, labels, choices),
            by_value.get(value, 0),
            _query(list_filter, name, value, remove=value in chosen),
            value in chosen,
        )
        for value in [*chosen, *top]
    ]
    return FacetList(name, _label(list_filter, name), options, max(len(frequent) - shown, 0))


def _label(list_filter, name):
    """Facet or filter `name`'s label: the listing's, else the form field's."""
    label = _listing(list_filter).facets.get(name)
    return label or str(list_filter.form.fields[name].label)


def active_chips(list_filter):
    """The active filters of a valid `list_filter` as Chips, in the form's order; a date
    range of one day is one chip."""
    listing, chips = _listing(list_filter), []
    data, cleaned = list_filter.data, list_filter.form.cleaned_data
    dated = listing.dated
    one_day = _chosen(list_filter, dated)
    for name, field_ in list_filter.form.fields.items():
        value = cleaned.get(name)
        if name == "sort" or value in (None, "", [], ()):
            continue
        if name in listing.own_filters[dated]:
            if one_day and name == "date_before":
                continue
            if one_day:
                label = format_date(value, "j M Y")
                query = _query(list_filter, dated, one_day[0], True)
                chips.append(Chip(_label(list_filter, dated), label, query))
                continue
            chips.append(Chip(str(field_.label), format_date(value, "j M Y"), _without(data, name)))
            continue
        labels = dict(getattr(field_, "choices", ()))
        for item in value if isinstance(value, list | tuple) else [value]:
            removes = name in listing.repeatable
            query = _query(list_filter, name, str(item), remove=True) if removes else None
            shown = labels.get(item) or listing.option_label(name, str(item)) or str(item)
            chips.append(Chip(_label(list_filter, name), shown, query or _without(data, name)))
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


def _labelled(list_filter, name, by_value, labels):
    """The options of the `name` select with their counts; a long list keeps only the
    chosen options and the most frequent ones, and alias options only when chosen."""
    choices = list(list_filter.form.fields[name].choices)
    if not list_filter.choices["complete"].get(name, True):
        chosen = {value for value, _ in choices if value}
        top = heapq.nsmallest(settings.FACET_TOP, by_value, key=lambda v: (-by_value[v], v))
        choices = [(v, label) for v, label in choices if not v or v in chosen] + [
            (v, labels.get(v) or v) for v in top if v not in chosen
        ]
    data = list_filter.data
    chosen_speakers = data.getlist("speaker") if hasattr(data, "getlist") else []
    aliases = list_filter.choices["alias_slugs"] if name == "speaker" else {}
    return [
        (value, f"{label} ({by_value.get(value, 0)})") if value else (value, label)
        for value, label in choices
        if value not in aliases or value in chosen_speakers
    ]


def _tally(names, rows):
    """{facet name: (Counter of option values, {value: label})} over `rows`, each row's
    {facet name: {value: label}}; a row counts once for each value it holds."""
    result = {}
    for name in names:
        tally, labels = Counter(), {}
        for row in rows:
            found = dict(row[name])
            found.pop(None, None)
            tally.update(found.keys())
            labels.update(found)
        result[name] = (dict(tally), labels)
    return result
