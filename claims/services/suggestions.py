"""“Possibly the same claim”: the claims other articles' quotes of the same source belong
to, ranked by how alike their wording is (claims.matching), and how well that ranking
finds the groupings curators made."""

from collections import defaultdict

from claims import matching
from claims.models import Quote

# The most quotes of one source read to rank suggestions for a quote.
POOL_LIMIT = 2000


def claim_suggestions(*, quote, limit=5):
    """Claims of the same speaker's quotes in other articles (for an unnamed source, of
    other unnamed sources' quotes) worded most like `quote`, best first, as
    {"claim", "score", "text"}; the quote's own claim is left out. One query."""
    peers = (
        Quote.objects.filter(speaker_id=quote.speaker_id)
        .exclude(article_id=quote.article_id)
        .exclude(claim_id=quote.claim_id)
        .select_related("claim")
        .order_by("pk")[:POOL_LIMIT]
    )
    claims, texts = {}, defaultdict(list)
    for peer in peers:
        claims[peer.claim_id] = peer.claim
        if not texts[peer.claim_id]:
            texts[peer.claim_id].append(peer.claim.statement)
        texts[peer.claim_id].append(peer.text)
    candidates = [matching.Candidate(pk, tuple(found)) for pk, found in texts.items()]
    return [
        {"claim": claims[s.key], "score": s.score, "text": s.text}
        for s in matching.rank(quote.text, candidates, limit=limit)
    ]


def suggestion_recall(quotes):
    """How well suggestions find each cross-article claim (quotes from two articles or
    more) among `quotes`, with that claim's own grouping hidden: every quote of it is
    ranked against the other claims of its source and against its claim's other quotes
    as separate candidates. Returns the counts behind recall at 1 and 3, the suggestions
    (for every quote, at the default threshold) of a claim of another speaker, and the
    cross-speaker pairs of quotes worded alike from that threshold up. `quotes` carry
    their claims."""
    by_claim = defaultdict(list)
    for quote in quotes:
        by_claim[quote.claim_id].append(quote)
    cross = [c for c, group in by_claim.items() if len({q.article_id for q in group}) >= 2]
    queries = at1 = at3 = 0
    for claim_id in cross:
        for quote in by_claim[claim_id]:
            texts = defaultdict(list)
            for peer in quotes:
                if peer.article_id != quote.article_id and peer.speaker_id == quote.speaker_id:
                    own = peer.claim_id == claim_id
                    texts[("own", peer.pk) if own else peer.claim_id].append(peer.text)
            candidates = [matching.Candidate(k, tuple(v)) for k, v in texts.items()]
            top = [s.key for s in matching.rank(quote.text, candidates, threshold=0, limit=3)]
            hits = [isinstance(key, tuple) for key in top]
            queries += 1
            at1 += hits[:1] == [True]
            at3 += any(hits)
    proposals = 0
    for quote in quotes:
        texts, speakers = defaultdict(list), {}
        for peer in quotes:
            same_source = peer.speaker_id == quote.speaker_id
            if (
                same_source
                and peer.article_id != quote.article_id
                and peer.claim_id != quote.claim_id
            ):
                texts[peer.claim_id].append(peer.text)
                speakers[peer.claim_id] = peer.claim.speaker_id
        candidates = [matching.Candidate(k, tuple(v)) for k, v in texts.items()]
        proposals += sum(
            speakers[s.key] not in (None, quote.speaker_id)
            for s in matching.rank(quote.text, candidates)
        )
    cross_speaker, highest = 0, 0.0
    named = [q for q in quotes if q.speaker_id]
    for i, a in enumerate(named):
        for b in named[i + 1 :]:
            if a.speaker_id != b.speaker_id and a.article_id != b.article_id:
                score = matching.wording_similarity(a.text, b.text)
                highest = max(highest, score)
                cross_speaker += score >= matching.SUGGEST_THRESHOLD
    return {
        "claims": len(cross),
        "queries": queries,
        "at1": at1,
        "at3": at3,
        "cross_speaker_proposals": proposals,
        "cross_speaker_pairs_above_threshold": cross_speaker,
        "highest_cross_speaker_score": round(highest, 1),
    }
