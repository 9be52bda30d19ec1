"""One FilterSet per list page; the query-string names are a public contract."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.text import slugify

from claims.models import Article, Organization, Quote, QuoteKind, QuoteStatus, Speaker

QUOTE_SORTS = {
    "newest": "newest_first",
    "oldest": "oldest_first",
    "speaker": "by_speaker",
    "outlet": "by_outlet",
}


class QuoteFilter(django_filters.FilterSet):
    speaker = django_filters.MultipleChoiceFilter(
        label="Speaker", method="filter_speaker", choices=[]
    )
    organization = django_filters.ChoiceFilter(
        label="Organization", method="filter_organization", choices=[]
    )
    outlet = django_filters.ChoiceFilter(label="Outlet", method="filter_outlet", choices=[])
    article = django_filters.ChoiceFilter(
        label="Article", field_name="article__slug", choices=[]
    )
    date_after = django_filters.DateFilter(
        label="Published on or after",
        field_name="article__published",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_before = django_filters.DateFilter(
        label="Published on or before",
        field_name="article__published",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kind = django_filters.ChoiceFilter(label="Kind", choices=QuoteKind.choices)
    status = django_filters.ChoiceFilter(label="Status", choices=QuoteStatus.choices)
    q = django_filters.CharFilter(label="Text", method="filter_text")
    sort = django_filters.ChoiceFilter(
        label="Sort",
        choices=[(k, k.capitalize()) for k in QUOTE_SORTS],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Quote
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        speakers = list(Speaker.objects.order_by("name").values_list("slug", "name", "aliases"))
        self.alias_slugs = {}
        for slug, _name, aliases in speakers:
            for alias in aliases:
                self.alias_slugs.setdefault(slugify(alias), slug)
        choices = [(slug, name) for slug, name, _ in speakers]
        choices += [(a, a) for a in self.alias_slugs if a not in dict(choices)]
        self.filters["speaker"].extra["choices"] = choices
        orgs = list(Organization.objects.order_by("name").values_list("slug", "name"))
        self.filters["organization"].extra["choices"] = orgs
        self.filters["outlet"].extra["choices"] = orgs
        self.filters["article"].extra["choices"] = list(
            Article.objects.order_by("title").values_list("slug", "title")
        )

    def filter_speaker(self, queryset, name, value):
        slugs = {self.alias_slugs.get(v, v) for v in value}
        return queryset.filter(speaker__slug__in=slugs) if slugs else queryset

    def filter_organization(self, queryset, name, value):
        return queryset.filter(
            Q(organization__slug=value) | Q(speaker__memberships__organization__slug=value)
        ).distinct()

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
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.newest_first()
        return queryset
