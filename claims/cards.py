"""Quote cards (and JSON records), drawn once per worker for each set of versions they show.

A card shows a quote with its speaker, organization, claim and article. Its cache key
holds the versions of the rows it shows, so an edit through the admin or a service
changes the key at once; CARD_TTL only bounds how long an article or outlet renamed
outside them can show its old name. A list page reads the versions of its rows (one
small query), takes the cards it finds in the cache and loads and renders only the rest.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from claims.caching import digest_key
from claims.exports import quote_record
from claims.models import Quote

CARD_TTL = 60
TEMPLATE = "claims/includes/quote_card.html"


def _key(pk, versions, kind="card"):
    return digest_key(f"quote-{kind[:6]}:{pk}", kind, versions)


def versions_of(quote):
    """The versions a card of `quote` (loaded with `for_listing()`) depends on, in the
    order of `QuoteQuerySet.card_versions`."""
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


def _render(quote):
    return render_to_string(TEMPLATE, {"quote": quote})


def card(quote):
    """The card of one loaded quote, from the cache when its versions are unchanged."""
    key = _key(quote.pk, versions_of(quote))
    html = cache.get(key)
    if html is None:
        html = _render(quote)
        cache.set(key, html, CARD_TTL)
    return mark_safe(html)  # rendered by the autoescaping card template


def _drawn(keys, kind, draw, versions=None):
    """{pk: drawing} of the quotes `keys`, as `draw(quote)` made them: from the cache when
    their versions are unchanged, else loaded (with their speakers, organizations, claims
    and articles, in one query) and drawn. `versions` ({pk: versions}), when given, are
    those of `keys`, or are read and kept in it."""
    if versions is None or set(versions) != set(keys):
        found_versions = Quote.objects.card_versions(keys)
        if versions is not None:
            versions.clear()
            versions.update(found_versions)
        versions = found_versions
    cache_keys = {pk: _key(pk, row, kind) for pk, row in versions.items()}
    found = cache.get_many(cache_keys.values())
    missing = [pk for pk, key in cache_keys.items() if key not in found]
    if missing:
        drawn = {
            cache_keys[pk]: draw(quote)
            for pk, quote in Quote.objects.for_listing().in_bulk(missing).items()
        }
        cache.set_many(drawn, CARD_TTL)
        found.update(drawn)
    return {pk: found[key] for pk, key in cache_keys.items() if key in found}


def cards(keys):
    """{pk: card} for the quotes `keys`; only the cards not cached are loaded and drawn."""
    return {pk: mark_safe(html) for pk, html in _drawn(keys, "card", _render).items()}


class Drawn:
    """A list page's rows drawn for one request: HTML cards, or JSON records (whose URLs
    hold the request's scheme and host, so they are cached per site)."""

    def __init__(self, request):
        self.request = request
        self.versions = {}  # of the rows drawn, as `QuoteQuerySet.card_versions` reads them

    def cards(self, keys):
        drawn = _drawn(keys, "card", _render, self.versions)
        return {pk: mark_safe(html) for pk, html in drawn.items()}

    def records(self, keys):
        site = self.request.build_absolute_uri("/")
        return _drawn(
            keys, f"record:{site}", lambda quote: quote_record(self.request, quote), self.versions
        )
