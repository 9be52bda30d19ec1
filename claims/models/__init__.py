"""The app's models by subject: people and organizations, sources (articles, claims,
quotes) and curation (slug redirects, attribution reports, merges).

Every public name is importable from `claims.models`.
"""

from claims.models.curation import (
    AttributionReport,
    Merge,
    MergeKind,
    RedirectKind,
    ReportProblem,
    ReportStatus,
    SlugRedirect,
)
from claims.models.people import Membership, Organization, OrganizationKind, Speaker
from claims.models.sources import (
    Article,
    AttributionConfidence,
    AttributionMethod,
    Claim,
    Quote,
    QuoteKind,
    QuoteStatus,
    claim_key_for,
)

__all__ = [
    "Article",
    "AttributionConfidence",
    "AttributionMethod",
    "AttributionReport",
    "Claim",
    "Membership",
    "Merge",
    "MergeKind",
    "Organization",
    "OrganizationKind",
    "Quote",
    "QuoteKind",
    "QuoteStatus",
    "RedirectKind",
    "ReportProblem",
    "ReportStatus",
    "SlugRedirect",
    "Speaker",
    "claim_key_for",
]
