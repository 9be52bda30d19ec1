"""One FilterSet per list page; the query-string names are a public contract."""

import django_filters
from django import forms
from django.db.models import Count, Q

from claims.choices import OUTLET_KINDS, organization_choices, quote_choices
from claims.models import (
    Article,
    Claim,
    Organization,
    OrganizationKind,
    Quote,
    QuoteKind,
    QuoteStatus,
    Speaker,
)

QUOTE_SORTS = {
    "newest": "newest_first",
    "oldest": "oldest_first",
    "speaker": "by_speaker",
    "outlet": "by_outlet",
}
DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


def date_filter(label, lookup_expr):
    return django_filters.DateFilter(
        label=label, field_name="published", lookup_expr=lookup_expr, widget=DATE_WIDGET
    )


class SortedFilterSet(django_filters.FilterSet):
    """A FilterSet whose `sort` names a QuerySet method in `sorts`; newest first unless a
    sort is chosen."""

    sorts = {}

    def filter_sort(self, queryset, name, value):
        return getattr(queryset, self.sorts[value])()

    @property
    def qs(self):
        queryset = super().qs
        if not self.is_bound or not self.form.cleaned_data.get("sort"):
            queryset = queryset.newest_first()
        return queryset

    def qs_without(self, *names):
        """The matching rows, unordered, under every filter of the valid form but `names`
        (what a facet counts)."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in names and name != "sort":
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()


class QuoteFilter(SortedFilterSet):
    q = django_filters.CharFilter(label="Text", method="filter_text", max_length=200)
    speaker = django_filters.MultipleChoiceFilter(
        label="Speaker", method="filter_speaker", choices=[]
    )
    organization_kind = django_filters.ChoiceFilter(
        label="Organization kind",
        method="filter_organization_kind",
        choices=OrganizationKind.choices,
    )
    organization = django_filters.MultipleChoiceFilter(
        label="Organization", method="filter_organization", choices=[]
    )
    outlet = django_filters.ChoiceFilter(label="Outlet", method="filter_outlet", choices=[])
    article = django_filters.ChoiceFilter(label="Article", field_name="article__slug", choices=[])
    date_after = date_filter("Published on or after", "gte")
    date_before = date_filter("Published on or before", "lte")
    kind = django_filters.ChoiceFilter(label="Kind", choices=QuoteKind.choices)
    status = django_filters.ChoiceFilter(label="Status", choices=QuoteStatus.choices)
    sort = django_filters.ChoiceFilter(
        label="Sort",
        choices=[(k, k.capitalize()) for k in QUOTE_SORTS],
        method="filter_sort",
        empty_label=None,
    )

    sorts = QUOTE_SORTS

    class Meta:
        model = Quote
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.choices = quote_choices(self.data)
        self.filters["speaker"].extra["choices"] = self.choices["speaker"]
        self.filters["organization"].extra["choices"] = self.choices["organization"]
        self.filters["outlet"].extra["choices"] = self.choices["outlet"]
        self.filters["article"].extra["choices"] = self.choices["article"]

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
        """Any of the chosen organizations: quotes naming one or by one of its members."""
        ids = self.choices["organization_ids"]
        chosen = sorted(ids[slug] for slug in value if slug in ids)
        return queryset.for_organizations(chosen) if value else queryset

    def filter_organization_kind(self, queryset, name, value):
        return queryset.for_organization_kind(value)

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(
            Q(article__outlet__slug=value) | Q(article__original_source__slug=value)
        )

    def filter_text(self, queryset, name, value):
        return queryset.matching_text(value)


CLAIM_SORTS = {
    "newest": "newest_first",
    "oldest": "oldest_first",
    "sources": "most_carried",
    "speaker": "by_speaker",
}


class IntegerFilter(django_filters.NumberFilter):
    """A whole-number filter (NumberFilter takes decimals)."""

    field_class = forms.IntegerField


class ClaimFilter(SortedFilterSet):
    """The claims list: the quote list's parameter names where they apply (a claim's
    speaker, kind and status are its own; the dates are its earliest dated source's; the
    organizations, their kinds and the outlets match through its quotes), plus
    `min_sources`, the fewest distinct articles carrying it."""

    q = django_filters.CharFilter(label="Text", method="filter_text", max_length=200)
    speaker = django_filters.MultipleChoiceFilter(
        label="Speaker", method="filter_speaker", choices=[]
    )
    organization_kind = django_filters.ChoiceFilter(
        label="Organization kind",
        method="filter_organization_kind",
        choices=OrganizationKind.choices,
    )
    organization = django_filters.MultipleChoiceFilter(
        label="Organization", method="filter_organization", choices=[]
    )
    outlet = django_filters.ChoiceFilter(label="Outlet", method="filter_outlet", choices=[])
    article = django_filters.ChoiceFilter(label="Article", method="filter_article", choices=[])
    date_after = django_filters.DateFilter(
        label="First reported on or after",
        field_name="first_reported",
        lookup_expr="gte",
        widget=DATE_WIDGET,
    )
    date_before = django_filters.DateFilter(
        label="First reported on or before",
        field_name="first_reported",
        lookup_expr="lte",
        widget=DATE_WIDGET,
    )
    kind = django_filters.ChoiceFilter(label="Kind", choices=QuoteKind.choices)
    status = django_filters.ChoiceFilter(label="Status", choices=QuoteStatus.choices)
    min_sources = IntegerFilter(
        label="Carried by at least (articles)",
        method="filter_min_sources",
        min_value=1,
        max_value=1_000_000,
    )
    sort = django_filters.ChoiceFilter(
        label="Sort",
        choices=[
            ("newest", "Newest"),
            ("oldest", "Oldest"),
            ("sources", "Most sources"),
            ("speaker", "Speaker"),
        ],
        method="filter_sort",
        empty_label=None,
    )

    sorts = CLAIM_SORTS

    class Meta:
        model = Claim
        fields = []

    # Text matches are a bounded set of keys already: no page reads ahead.
    filters_full_text = False

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.choices = quote_choices(self.data)
        self.filters["speaker"].extra["choices"] = self.choices["speaker"]
        self.filters["organization"].extra["choices"] = self.choices["organization"]
        self.filters["outlet"].extra["choices"] = self.choices["outlet"]
        self.filters["article"].extra["choices"] = self.choices["article"]

    # A claim has a speaker as a quote has: the quote list's rule (aliases, ids) serves both.
    filter_speaker = QuoteFilter.filter_speaker

    def filter_organization(self, queryset, name, value):
        ids = self.choices["organization_ids"]
        return queryset.for_organizations([ids[slug] for slug in value if slug in ids])

    def filter_organization_kind(self, queryset, name, value):
        return queryset.for_organization_kind(value)

    def filter_outlet(self, queryset, name, value):
        return queryset.carried_by_outlet(value)

    def filter_article(self, queryset, name, value):
        return queryset.in_article(value)

    def filter_text(self, queryset, name, value):
        return queryset.containing_text(value) if value.strip() else queryset

    def filter_min_sources(self, queryset, name, value):
        return queryset.carried_at_least(value)


class ListFilterSet(django_filters.FilterSet):
    """What the speaker, organization and article lists share: `q` keeps the rows whose
    `search_method` (a QuerySet method) matches it, unless blank, and the select named
    `organization_select`, if any, offers organizations ranked by `organization_rank`."""

    search_method = "matching_name"
    organization_select = None
    organization_rank = None
    organization_kinds = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.organization_select:
            chosen = self.data.get(self.organization_select) if self.data else None
            choices = organization_choices(chosen, self.organization_rank, self.organization_kinds)
            self.filters[self.organization_select].extra["choices"] = choices

    def filter_search(self, queryset, name, value):
        return getattr(queryset, self.search_method)(value) if value.strip() else queryset


class SpeakerFilter(ListFilterSet):
    q = django_filters.CharFilter(label="Name", method="filter_search", max_length=200)
    organization = django_filters.ChoiceFilter(
        label="Organization", method="filter_organization", choices=[]
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[("name", "Name"), ("quotes", "Most quotes")],
        method="filter_sort",
        empty_label=None,
    )
    organization_select = "organization"
    organization_rank = Count("memberships")

    class Meta:
        model = Speaker
        fields = []

    def filter_organization(self, queryset, name, value):
        return queryset.member_of(value)

    def filter_sort(self, queryset, name, value):
        return queryset.most_quotes_first() if value == "quotes" else queryset.order_by("name")


class OrganizationFilter(ListFilterSet):
    q = django_filters.CharFilter(label="Name", method="filter_search", max_length=200)
    kind = django_filters.ChoiceFilter(label="Kind", choices=OrganizationKind.choices)

    class Meta:
        model = Organization
        fields = []


class ArticleFilter(ListFilterSet):
    q = django_filters.CharFilter(label="Text", method="filter_search", max_length=200)
    outlet = django_filters.ChoiceFilter(label="Outlet", method="filter_outlet", choices=[])
    date_after = date_filter("Published on or after", "gte")
    date_before = date_filter("Published on or before", "lte")
    search_method = "matching_text"
    organization_select = "outlet"
    organization_rank = Count("published_articles")
    organization_kinds = OUTLET_KINDS

    class Meta:
        model = Article
        fields = []

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(Q(outlet__slug=value) | Q(original_source__slug=value))

    @property
    def qs(self):
        return super().qs.newest_first()
