"""Quote cards (and JSON records), drawn once per worker for each set of versions they show.

A card shows a quote with its speaker, organization, claim and article. Its cache key holds
the versions of the rows it shows, so an edit through the admin or a service changes the key
at once; CACHE_LIFETIMES["card"] only bounds how long an article or outlet renamed outside
them can show its old name. A list page reads the versions of its rows (one small query),
takes the cards it finds in the cache and loads and renders only the rest.
"""

from django.apps import apps
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from claims.scale.cache import remember, remember_many

TEMPLATE = "claims/includes/quote_card.html"
# What a card shows changes with, read from the database in this order.
VERSION_FIELDS = (
    "updated",
    "version",
    "speaker_id",
    "speaker__version",
    "organization_id",
    "organization__version",
    "claim_id",
    "claim__version",
    "article_id",
)


def _quotes():
    # The Quote model by name: claims.querysets imports this package, and claims.models
    # imports claims.querysets.
    return apps.get_model("claims", "Quote").objects


def versions_of(quote):
    """The versions a card of `quote` (loaded with `for_listing()`) depends on, in the order
    of `card_versions`."""
    return (
        quote.updated,
        quote.version,
        quote.speaker_id,
        quote.speaker.version if quote.speaker_id else None,
        quote.organization_id,
        quote.organization.version if quote.organization_id else None,
        quote.claim_id,
        quote.claim.version if quote.claim_id else None,
        quote.article_id,
    )


def card_versions(keys):
    """{pk: versions} of the quotes `keys`, as `versions_of` reads them from loaded quotes."""
    rows = _quotes().filter(pk__in=keys).values_list("pk", *VERSION_FIELDS)
    return {row[0]: row[1:] for row in rows}


def _render(quote):
    return render_to_string(TEMPLATE, {"quote": quote})


def card(quote):
    """The card of one loaded quote, from the cache when its versions are unchanged."""
    html = remember("card", ("card", quote.pk, versions_of(quote)), lambda: _render(quote))
    return mark_safe(html)  # rendered by the autoescaping card template


def _drawn(keys, kind, draw, versions=None, load="for_listing"):
    """{pk: drawing} of the quotes `keys`, as `draw(quote)` made them: from the cache when
    their versions are unchanged, else loaded (with their speakers, organizations, claims
    and articles, in one query, by the QuerySet method `load`) and drawn. `versions`
    ({pk: versions}), when given, are those of `keys`, or are read and kept in it."""
    if versions is None or set(versions) != set(keys):
        found_versions = card_versions(keys)
        if versions is not None:
            versions.clear()
            versions.update(found_versions)
        versions = found_versions

    def draw_missing(missing):
        loaded = getattr(_quotes(), load)().in_bulk(missing)
        return {pk: draw(quote) for pk, quote in loaded.items()}

    depends_on = {pk: (kind, pk, row) for pk, row in versions.items()}
    return remember_many("card", depends_on, draw_missing)


def cards(keys):
    """{pk: card} for the quotes `keys`; only the cards not cached are loaded and drawn."""
    return {pk: mark_safe(html) for pk, html in _drawn(keys, "card", _render).items()}


class Drawn:
    """A list page's rows drawn for one request: HTML cards, or JSON records (whose URLs
    hold the request's scheme and host, so they are cached per site). `versions` holds
    those of the rows drawn."""

    def __init__(self, request, to_record):
        self.request = request
        self.to_record = to_record
        self.versions = {}

    def cards(self, keys):
        drawn = _drawn(keys, "card", _render, self.versions)
        return {pk: mark_safe(html) for pk, html in drawn.items()}

    def records(self, keys):
        site = self.request.build_absolute_uri("/")

        def draw(quote):
            return self.to_record(self.request, quote)

        return _drawn(keys, f"record:{site}", draw, self.versions, load="for_records")
