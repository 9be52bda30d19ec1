"""One search box across speakers, organizations, claims and articles."""

from claims import scale
from claims.models import Article, Claim, Organization, Quote, Speaker

LIMIT = 20


def search_all(query):
    """Results grouped by kind; empty groups when the query is blank."""
    if not query:
        return {"speakers": [], "organizations": [], "claims": [], "articles": []}

    def results():
        return {
            "speakers": list(Speaker.objects.first_matching_name(query, LIMIT).with_quote_counts()),
            "organizations": list(Organization.objects.matching_name(query)[:LIMIT]),
            "claims": list(Claim.objects.matching_text(query)[:LIMIT]),
            "articles": list(Article.objects.matching_text(query).defer("body")[:LIMIT]),
        }

    return scale.search_results(query, Quote.objects.latest_change(), results)
