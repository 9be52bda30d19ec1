"""One search box across speakers, organizations, claims and articles."""

from django.core.cache import cache

from claims.caching import digest_key
from claims.models import Article, Claim, Organization, Quote, Speaker

LIMIT = 20
# Results are kept this long (seconds) per worker and query, and dropped at once when any
# quote is saved; a renamed speaker or edited claim shows within this time.
SEARCH_TTL = 60


def search_all(query):
    """Results grouped by kind; empty groups when the query is blank."""
    if not query:
        return {"speakers": [], "organizations": [], "claims": [], "articles": []}
    key = digest_key("search", query, Quote.objects.latest_change())
    results = cache.get(key)
    if results is None:
        results = {
            "speakers": list(Speaker.objects.first_matching_name(query, LIMIT).with_quote_counts()),
            "organizations": list(Organization.objects.matching_name(query)[:LIMIT]),
            "claims": list(Claim.objects.matching_text(query)[:LIMIT]),
            "articles": list(Article.objects.matching_text(query).defer("body")[:LIMIT]),
        }
        cache.set(key, results, SEARCH_TTL)
    return results
