"""Claims list rows (HTML and JSON records), drawn once per worker for each set of versions
they show, as quote cards are.

A row's cache key holds the claim's version and statement, the columns the database derives
from its quotes (articles carrying it, earliest dated source, kind, status), and its speaker
with the speaker's version and name, so an edit through the admin, a service or the ORM, or
a quote added, moved or re-dated, changes the key at once; CACHE_LIFETIMES["card"] bounds
how long an outlet renamed, a quote's wording of the source or a role changed shows its old
value.
"""

from django.apps import apps
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from claims.scale.cache import remember_many

TEMPLATE = "claims/includes/claim_row.html"
# The statement and the speaker's name themselves too (hashed into the key), as a claim
# has no `updated` stamp and an ORM save does not raise `version`.
VERSION_FIELDS = (
    "version",
    "statement",
    "article_count",
    "first_reported",
    "kind",
    "status",
    "speaker_id",
    "speaker__version",
    "speaker__name",
)


def _claims():
    # By name: claims.querysets imports this package, and claims.models claims.querysets.
    return apps.get_model("claims", "Claim").objects


class ClaimRows:
    """A claims list page's rows for one request: `cards(keys)` their HTML, `records(keys)`
    their JSON records as `to_record(request, claim)` makes them (cached per site, as the
    records hold the request's scheme and host). Only rows not cached are loaded, with
    `ClaimQuerySet.listing_rows`, and drawn."""

    # Facets count quote cards' versions; a claims list has none.
    versions = None

    def __init__(self, request, to_record):
        self.request = request
        self.to_record = to_record

    def _drawn(self, keys, kind, draw):
        rows = _claims().filter(pk__in=keys).values_list("pk", *VERSION_FIELDS)
        depends_on = {row[0]: (kind, row[0], row[1:]) for row in rows}

        def draw_missing(missing):
            return {pk: draw(claim) for pk, claim in _claims().listing_rows(missing).items()}

        return remember_many("card", depends_on, draw_missing)

    def cards(self, keys):
        def draw(claim):
            return render_to_string(TEMPLATE, {"claim": claim})

        drawn = self._drawn(keys, "claim-row", draw)
        return {pk: mark_safe(html) for pk, html in drawn.items()}  # an autoescaping template

    def records(self, keys):
        site = self.request.build_absolute_uri("/")
        return self._drawn(keys, f"claim-record:{site}", lambda c: self.to_record(self.request, c))
