"""One FilterSet per list page; the query-string names are a public contract."""

import django_filters
from django import forms
from django.db.models import Count, Q
from django.utils.text import slugify

from claims.models import (
    Article,
    Organization,
    OrganizationKind,
    Quote,
    QuoteKind,
    QuoteStatus,
)

QUOTE_SORTS = {
    "newest": "newest_first",
    "oldest": "oldest_first",
    "speaker": "by_speaker",
    "outlet": "by_outlet",
}
DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


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
        field_name="article__published",
        lookup_expr="gte",
        widget=DATE_WIDGET,
    )
    date_before = django_filters.DateFilter(
        label="Published on or before",
        field_name="article__published",
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
        self.choices = choices or self._load_choices()
        self.filters["speaker"].extra["choices"] = self.choices["speaker"]
        self.filters["organization"].extra["choices"] = self.choices["organization"]
        self.filters["outlet"].extra["choices"] = self.choices["organization"]
        self.filters["article"].extra["choices"] = self.choices["article"]

    @staticmethod
    def _load_choices():
        from claims.models import Speaker

        speakers = list(Speaker.objects.order_by("name").values_list("slug", "name", "aliases"))
        alias_slugs = {}
        for slug, _name, aliases in speakers:
            for alias in aliases:
                alias_slugs.setdefault(slugify(alias), slug)
        speaker_choices = [(slug, name) for slug, name, _ in speakers]
        known = {slug for slug, _ in speaker_choices}
        speaker_choices += [(a, a) for a in alias_slugs if a not in known]
        return {
            "speaker": speaker_choices,
            "alias_slugs": alias_slugs,
            "organization": list(Organization.objects.order_by("name").values_list("slug", "name")),
            "article": list(Article.objects.order_by("title").values_list("slug", "title")),
        }

    def filter_speaker(self, queryset, name, value):
        slugs = {self.choices["alias_slugs"].get(v, v) for v in value}
        return queryset.filter(speaker__slug__in=slugs) if slugs else queryset

    def filter_organization(self, queryset, name, value):
        organization = Organization.objects.filter(slug=value).first()
        return queryset.for_organization(organization) if organization else queryset.none()

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
        data = self.data.copy() if self.data is not None else {}
        for name in names:
            data.pop(name, None)
        data.pop("sort", None)
        other = QuoteFilter(data, queryset=Quote.objects.all(), choices=self.choices)
        other.is_valid()
        return other.qs.order_by()

    def facet_counts(self):
        """{filter name: {option value: count}} for every choice filter of the form."""
        counts = {}
        for name, path in (("speaker", "speaker__slug"), ("article", "article__slug")):
            counts[name] = dict(
                self._without(name).values_list(path).annotate(n=Count("id")).order_by()
            )
        kind_status = self._without("kind", "status").values_list("kind", "status")
        kind_status = kind_status.annotate(n=Count("id")).order_by()
        chosen_kind, chosen_status = self.data.get("kind"), self.data.get("status")
        counts["kind"], counts["status"] = {}, {}
        for kind, status, n in kind_status:
            if not chosen_status or status == chosen_status:
                counts["kind"][kind] = counts["kind"].get(kind, 0) + n
            if not chosen_kind or kind == chosen_kind:
                counts["status"][status] = counts["status"].get(status, 0) + n
        slugs = [slug for slug, _ in self.choices["organization"]]
        outlets = self._without("outlet").aggregate(
            **{
                f"o{i}": Count(
                    "id", filter=Q(article__outlet__slug=s) | Q(article__original_source__slug=s)
                )
                for i, s in enumerate(slugs)
            }
        )
        counts["outlet"] = {s: outlets[f"o{i}"] for i, s in enumerate(slugs)}
        organizations = self._without("organization").aggregate(
            **{
                f"o{i}": Count(
                    "id",
                    filter=Q(organization__slug=s) | Q(speaker__memberships__organization__slug=s),
                    distinct=True,
                )
                for i, s in enumerate(slugs)
            }
        )
        counts["organization"] = {s: organizations[f"o{i}"] for i, s in enumerate(slugs)}
        return counts

    def label_with_counts(self):
        """Put each facet count beside its option in the form's choice labels."""
        counts = self.facet_counts()
        for name, by_value in counts.items():
            field = self.form.fields[name]
            field.choices = [
                (value, f"{label} ({by_value.get(value, 0)})") if value else (value, label)
                for value, label in field.choices
                if name != "speaker" or value not in self.choices["alias_slugs"]
                or value in (self.data.getlist("speaker") if hasattr(self.data, "getlist") else [])
            ]
        return counts


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
        self.filters["organization"].extra["choices"] = list(
            Organization.objects.order_by("name").values_list("slug", "name")
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
        label="Published on or after", field_name="published", lookup_expr="gte",
        widget=DATE_WIDGET,
    )
    date_before = django_filters.DateFilter(
        label="Published on or before", field_name="published", lookup_expr="lte",
        widget=DATE_WIDGET,
    )

    class Meta:
        model = Article
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["outlet"].extra["choices"] = list(
            Organization.objects.order_by("name").values_list("slug", "name")
        )

    def filter_text(self, queryset, name, value):
        return queryset.matching_text(value) if value.strip() else queryset

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(Q(outlet__slug=value) | Q(original_source__slug=value))

    @property
    def qs(self):
        return super().qs.newest_first()
