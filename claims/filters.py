"""One FilterSet per list page; the query-string names are a public contract."""

import json
from collections import Counter

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.validators import slug_unicode_re
from django.db.models import Count, Q, Subquery, TextField, Value
from django.db.models.functions import Cast
from django.utils.text import slugify

from claims.caching import digest_key
from claims.models import (
    Article,
    Membership,
    Organization,
    OrganizationKind,
    Quote,
    QuoteKind,
    QuoteStatus,
    SlugRedirect,
    Speaker,
)

QUOTE_SORTS = {
    "newest": "newest_first",
    "oldest": "oldest_first",
    "speaker": "by_speaker",
    "outlet": "by_outlet",
}
DATE_WIDGET = forms.DateInput(attrs={"type": "date"})
# A select lists every option up to this many; past it, the chosen ones and the most frequent.
CHOICES_LIMIT = 200
# How long a worker remembers that a table has more than CHOICES_LIMIT rows, in seconds.
CHOICES_TTL = 600
# Facet counts read at most this many matching rows, so they never scan a large table.
FACET_SAMPLE = 1_000
# A long option list shows the chosen options and this many of the most frequent.
FACET_TOP = 20
# At most this many facet queries run per page: each set filter's own facet needs one (it
# counts under the other filters), the unset ones share one; past it, facets go uncounted.
FACET_QUERIES = 3
# Sampled facet counts (already approximate) are cached per worker this long, in seconds.
FACET_TTL = 60
# Query-string parameters that do not change which rows a facet counts.
FACET_IGNORED_PARAMS = ("page", "page_size", "format", "sort")
# (facet, filter it ignores, columns it counts) — each facet is counted under the other filters.
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
FACET_COLUMNS = [column for fields in FACETS.values() for column in fields]
FACET_AT = {column: i for i, column in enumerate(FACET_COLUMNS)}


# The selects' tables: (model, label column). Each row read is (tag, slug, label, aliases
# as JSON text, pk).
CHOICE_TABLES = {
    "speaker": (Speaker, "name"),
    "organization": (Organization, "name"),
    "article": (Article, "title"),
}


def _is_slug(value):
    return bool(value) and len(value) <= 300 and slug_unicode_re.match(value) is not None


def _choice_rows(chosen, limit):
    """{table: (rows, complete)} for CHOICE_TABLES in one query: every row of a table with
    at most `limit` rows (complete), else only the rows chosen in `chosen` (table → slugs;
    a speaker also by a former slug or alias). That a table is past `limit` is cached per
    worker for CHOICES_TTL seconds; a short table is read on every request, so a new
    speaker is an option at once."""
    long_keys = {name: f"filter-choices-long:{name}:{limit}" for name in chosen}
    known_long = {name for name, key in long_keys.items() if cache.get(key)}
    parts = []
    for name in chosen:
        model, label = CHOICE_TABLES[name]
        aliases = Cast("aliases", TextField()) if hasattr(model, "aliases") else Value("[]")
        columns = ["slug", label, aliases, "pk"]
        if name not in known_long:
            first = model.objects.order_by().values("pk")[: limit + 1]
            rows = model.objects.filter(pk__in=Subquery(first)).order_by()
            parts.append(rows.values_list(Value(f"all {name}"), *columns))
        if chosen[name]:
            # By slug, and a speaker also by a former slug or alias: two parts of the
            # UNION, as an OR of the two made PostgreSQL scan the table.
            conditions = [Q(slug__in=chosen[name])]
            if name == "speaker":
                redirects = SlugRedirect.objects.filter(kind="speaker", slug__in=chosen[name])
                conditions.append(Q(pk__in=redirects.values("target_id")))
            for condition in conditions:
                rows = model.objects.filter(condition).order_by()
                parts.append(rows.values_list(Value(f"chosen {name}"), *columns))
    found = {f"{part} {name}": {} for part in ("all", "chosen") for name in chosen}
    rows = parts[0].union(*parts[1:], all=True) if parts else ()
    for tag, slug, label, aliases, pk in rows:
        found[tag][pk] = (slug, label, json.loads(aliases or "[]"), pk)
    result = {}
    for name in chosen:
        every = found[f"all {name}"]
        complete = name not in known_long and len(every) <= limit
        if name not in known_long and not complete:
            cache.set(long_keys[name], True, CHOICES_TTL)
        rows = every if complete else found[f"chosen {name}"]
        result[name] = (sorted(rows.values(), key=lambda row: (row[1], row[0])), complete)
    return result


class QuoteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Text", method="filter_text", max_length=200)
    speaker = django_filters.MultipleChoiceFilter(
        label="Speaker", method="filter_speaker", choices=[]
    )
    organization = django_filters.ChoiceFilter(
        label="Organization", method="filter_organization", choices=[]
    )
    outlet = django_filters.ChoiceFilter(label="Outlet", method="filter_outlet", choices=[])
    article = django_filters.ChoiceFilter(label="Article", field_name="article__slug", choices=[])
    date_after = django_filters.DateFilter(
        label="Published on or after",
        field_name="published",
        lookup_expr="gte",
        widget=DATE_WIDGET,
    )
    date_before = django_filters.DateFilter(
        label="Published on or before",
        field_name="published",
        lookup_expr="lte",
        widget=DATE_WIDGET,
    )
    kind = django_filters.ChoiceFilter(label="Kind", choices=QuoteKind.choices)
    status = django_filters.ChoiceFilter(label="Status", choices=QuoteStatus.choices)
    sort = django_filters.ChoiceFilter(
        label="Sort",
        choices=[(k, k.capitalize()) for k in QUOTE_SORTS],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Quote
        fields = []

    def __init__(self, data=None, *args, choices=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.choices = choices or self._load_choices(self.data)
        self.filters["speaker"].extra["choices"] = self.choices["speaker"]
        self.filters["organization"].extra["choices"] = self.choices["organization"]
        self.filters["outlet"].extra["choices"] = self.choices["organization"]
        self.filters["article"].extra["choices"] = self.choices["article"]
        self.facet_note = ""

    @staticmethod
    def _load_choices(data):
        """Options for the selects: all of them while each list is short, else the chosen."""
        getlist = getattr(data, "getlist", lambda name: [data.get(name)] if data else [])
        data = data or {}
        # Only slug-shaped values can name a row; the form rejects the rest with a 400.
        chosen = {
            "speaker": [v for v in getlist("speaker") if _is_slug(v)],
            "organization": [
                v for v in (data.get("organization"), data.get("outlet")) if _is_slug(v)
            ],
            "article": [v for v in (data.get("article"),) if _is_slug(v)],
        }
        limit = getattr(settings, "FILTER_CHOICES_LIMIT", CHOICES_LIMIT)
        tables = _choice_rows(chosen, limit)
        speakers, all_speakers = tables["speaker"]
        organizations, all_organizations = tables["organization"]
        articles, all_articles = tables["article"]
        alias_slugs = {}
        for slug, _name, aliases, _pk in speakers:
            for alias in aliases:
                alias_slugs.setdefault(slugify(alias), slug)
        speaker_choices = [(slug, name) for slug, name, _, _ in speakers]
        known = {slug for slug, _ in speaker_choices}
        speaker_choices += [(a, a) for a in alias_slugs if a not in known]
        return {
            "speaker": speaker_choices,
            "alias_slugs": alias_slugs,
            "speaker_ids": {slug: pk for slug, _, _, pk in speakers},
            "organization": [(slug, name) for slug, name, _, _ in organizations],
            "organization_ids": {slug: pk for slug, _, _, pk in organizations},
            "article": [(slug, title) for slug, title, _, _ in articles],
            "complete": {
                "speaker": all_speakers,
                "organization": all_organizations,
                "outlet": all_organizations,
                "article": all_articles,
            },
        }

    @property
    def filters_full_text(self):
        """Whether a valid form filters on text, which costs more than reading keys."""
        return bool(self.is_valid() and self.form.cleaned_data.get("q", "").strip())

    def filter_speaker(self, queryset, name, value):
        slugs = {self.choices["alias_slugs"].get(v, v) for v in value}
        ids = self.choices["speaker_ids"]
        if slugs and slugs <= ids.keys():
            # By id, so PostgreSQL reads one speaker's quotes in order on one index.
            return queryset.filter(speaker_id__in=sorted(ids[slug] for slug in slugs))
        return queryset.filter(speaker__slug__in=slugs) if slugs else queryset

    def filter_organization(self, queryset, name, value):
        organization_id = self.choices["organization_ids"].get(value)
        return queryset.for_organization(organization_id) if organization_id else queryset.none()

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(
            Q(article__outlet__slug=value) | Q(article__original_source__slug=value)
        )

    def filter_text(self, queryset, name, value):
        return queryset.matching_text(value)

    def filter_sort(self, queryset, name, value):
        return getattr(queryset, QUOTE_SORTS[value])()

    @property
    def qs(self):
        queryset = super().qs
        if not self.is_bound or not self.form.cleaned_data.get("sort"):
            queryset = queryset.newest_first()
        return queryset

    # Facets: the count beside each option under the other filters (Datasette-style).

    def _without(self, *names):
        """The matching quotes, unordered, under every filter but `names`."""
        if not names:
            return self.qs.order_by()
        data = self.data.copy() if self.data is not None else {}
        for name in names:
            data.pop(name, None)
        data.pop("sort", None)
        other = QuoteFilter(data, queryset=Quote.objects.all(), choices=self.choices)
        other.is_valid()
        return other.qs.order_by()

    def facet_counts(self, keys=None, versions=None):
        """{filter name: {option value: count}} for every choice filter of the form.

        Each facet counts the rows matching the other filters; facets whose own filter is
        not set share one query. At most FACET_SAMPLE rows are read per query: when more
        match, the counts are those of a sample, `facet_note` says so, and they are cached
        per worker for FACET_TTL seconds under the normalised query string. At most
        FACET_QUERIES queries run (the shared one first); facets past them have no counts
        and `facet_note` says so. `keys`, the list's matching keys in order when the page
        read them ahead, stand in for re-running its filters in the shared query; with
        `versions` (claims.cards: {key: versions} of every match, when one page holds
        them all) the shared query's counts are cached under those, like the cards.
        """
        sample = getattr(settings, "FACET_SAMPLE", FACET_SAMPLE)
        groups = {(): []}
        for name in FACETS:
            groups.setdefault((name,) if self.data.get(name) else (), []).append(name)
        if not groups[()]:
            del groups[()]
        found, fresh, uncounted = {}, {}, []
        exact_key = None
        if versions is not None and () in groups:
            exact_key = digest_key(
                "quote-facets-exact", sample, groups[()], sorted(versions.items())
            )
        for ignored in groups:
            key = exact_key if ignored == () and exact_key else None
            found[ignored] = cache.get(key or self._facet_cache_key(ignored, groups[ignored]))
            if found[ignored] is not None:
                continue
            if len(fresh) == FACET_QUERIES:
                uncounted += groups[ignored]
                del found[ignored]
                continue
            if ignored == () and keys is not None:
                matching = Quote.objects.filter(pk__in=keys[: sample + 1])
                rows = list(matching.values_list(*FACET_COLUMNS))
            else:
                matching = self._without(*ignored)
                rows = list(matching.values_list(*FACET_COLUMNS)[: sample + 1])
            fresh[ignored] = rows
        speaker_at = FACET_AT["speaker_id"]
        member_of = _memberships(row[speaker_at] for rows in fresh.values() for row in rows)
        for ignored, rows in fresh.items():
            sampled = len(rows) > sample
            found[ignored] = (_tally(groups[ignored], rows[:sample], member_of), sampled)
            if ignored == () and exact_key:
                cache.set(exact_key, found[ignored], FACET_TTL)
            elif sampled:
                cache.set(
                    self._facet_cache_key(ignored, groups[ignored]), found[ignored], FACET_TTL
                )
        counts, self.facet_labels = {}, {}
        for tallies, sampled in found.values():
            for name, (tally, labels) in tallies.items():
                counts[name], self.facet_labels[name] = tally, labels
            if sampled:
                self.facet_note = (
                    f"Counts beside the options come from the first {sample:,} matching "
                    "quotes, not from all of them."
                )
        if uncounted:
            labels = ", ".join(str(self.form.fields[name].label).lower() for name in uncounted)
            note = f"With this many filters set, {labels} options have no counts."
            self.facet_note = f"{self.facet_note} {note}".strip()
        return {name: counts[name] for name in FACETS if name in counts}

    def _facet_cache_key(self, ignored, names):
        """The cache key of the `names` facets counted under every filter but `ignored`
        (`/quotes/?speaker=x` ignoring speaker reads the rows `/quotes/` reads, but counts
        only the speaker facet)."""
        getlist = getattr(self.data, "getlist", lambda name: [self.data.get(name)])
        skip = {*FACET_IGNORED_PARAMS, *ignored}
        params = sorted(
            (name, sorted(v for v in getlist(name) if v)) for name in self.data if name not in skip
        )
        sample = getattr(settings, "FACET_SAMPLE", FACET_SAMPLE)
        return digest_key(f"quote-facets:{sample}:{','.join(names)}", params)

    def label_with_counts(self, keys=None, versions=None):
        """Put each facet count beside its option in the form's choice labels; long lists
        keep only the chosen options and the most frequent ones."""
        counts = self.facet_counts(keys, versions)
        chosen_speakers = self.data.getlist("speaker") if hasattr(self.data, "getlist") else []
        for name, by_value in counts.items():
            field = self.form.fields[name]
            choices = list(field.choices)
            if not self.choices["complete"].get(name, True):
                chosen = {value for value, _ in choices if value}
                top = sorted(by_value, key=lambda v: (-by_value[v], v))
                top = top[: getattr(settings, "FACET_TOP", FACET_TOP)]
                labels = self.facet_labels[name]
                choices = [(v, label) for v, label in choices if not v or v in chosen] + [
                    (v, labels.get(v) or v) for v in top if v not in chosen
                ]
            field.choices = [
                (value, f"{label} ({by_value.get(value, 0)})") if value else (value, label)
                for value, label in choices
                if name != "speaker"
                or value not in self.choices["alias_slugs"]
                or value in chosen_speakers
            ]
        return counts


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
    speaker_at, org_at = FACET_AT["speaker_id"], FACET_AT["organization__slug"]
    result = {}
    for name in names:
        fields = FACETS[name]
        tally, labels = Counter(), {}
        pairs = [
            (FACET_AT[fields[i]], FACET_AT[fields[i + 1]]) for i in range(0, len(fields) - 1, 2)
        ]
        if len(fields) == 1:
            tally.update(row[FACET_AT[fields[0]]] for row in rows)
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


def organization_choices(chosen, rank):
    """(slug, name) options for an organization select: every organization while there
    are at most CHOICES_LIMIT; past that the chosen one and the CHOICES_LIMIT ranked first
    by `rank` (an aggregate, e.g. members), read once per worker per CHOICES_TTL seconds, so
    a page does not render thousands of options."""
    limit = getattr(settings, "FILTER_CHOICES_LIMIT", CHOICES_LIMIT)
    chosen = [chosen] if _is_slug(chosen) else []
    rows, complete = _choice_rows({"organization": chosen}, limit)["organization"]
    options = {slug: name for slug, name, _, _ in rows}
    if not complete:
        key = f"organization-choices-top:{rank}:{limit}"
        top = cache.get(key)
        if top is None:
            ranked = Organization.objects.annotate(rank=rank).order_by("-rank", "name")
            top = list(ranked.values_list("slug", "name")[:limit])
            cache.set(key, top, CHOICES_TTL)
        options.update(top)
    return sorted(options.items(), key=lambda option: (option[1], option[0]))


class SpeakerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name", method="filter_name", max_length=200)
    organization = django_filters.ChoiceFilter(
        label="Organization", method="filter_organization", choices=[]
    )

    class Meta:
        from claims.models import Speaker

        model = Speaker
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.get("organization") if self.data else None
        self.filters["organization"].extra["choices"] = organization_choices(
            chosen, Count("memberships")
        )

    def filter_name(self, queryset, name, value):
        return queryset.matching_name(value) if value.strip() else queryset

    def filter_organization(self, queryset, name, value):
        return queryset.member_of(value)


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name", method="filter_name", max_length=200)
    kind = django_filters.ChoiceFilter(label="Kind", choices=OrganizationKind.choices)

    class Meta:
        model = Organization
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.matching_name(value) if value.strip() else queryset


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Text", method="filter_text", max_length=200)
    outlet = django_filters.ChoiceFilter(label="Outlet", method="filter_outlet", choices=[])
    date_after = django_filters.DateFilter(
        label="Published on or after",
        field_name="published",
        lookup_expr="gte",
        widget=DATE_WIDGET,
    )
    date_before = django_filters.DateFilter(
        label="Published on or before",
        field_name="published",
        lookup_expr="lte",
        widget=DATE_WIDGET,
    )

    class Meta:
        model = Article
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.get("outlet") if self.data else None
        self.filters["outlet"].extra["choices"] = organization_choices(
            chosen, Count("published_articles")
        )

    def filter_text(self, queryset, name, value):
        return queryset.matching_text(value) if value.strip() else queryset

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(Q(outlet__slug=value) | Q(original_source__slug=value))

    @property
    def qs(self):
        return super().qs.newest_first()
