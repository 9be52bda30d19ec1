"""JSON records of the app's rows, one function a kind of row (the field names are a public
contract: add fields, never rename). The list pages' JSON, the CSV and JSON-lines exports
(claims.exports) and the detail pages' `?format=json` all draw on them."""

from django.http import JsonResponse


def absolute(request, obj):
    return request.build_absolute_uri(obj.get_absolute_url()) if obj else None


def quote_record(request, quote):
    article = quote.article
    return {
        "id": quote.pk,
        "url": absolute(request, quote),
        "text": quote.text,
        "kind": quote.kind,
        "status": quote.status,
        "speaker": {"name": quote.speaker.name, "url": absolute(request, quote.speaker)}
        if quote.speaker
        else None,
        "attributed_as": quote.attributed_as,
        "cue": quote.cue,
        "organization": {
            "name": quote.organization.name,
            "url": absolute(request, quote.organization),
        }
        if quote.organization
        else None,
        "article": {
            "title": article.title,
            "url": absolute(request, article),
            "outlet": article.outlet.name if article.outlet else None,
            "published": article.published.isoformat() if article.published else None,
            "original_source": _name_url(request, article.original_source),
        },
        "start": quote.start,
        "end": quote.end,
        "claim_url": absolute(request, quote.claim),
        "claim_key": quote.claim.key if quote.claim else None,
        "speaker_role": _role_at_the_time(request, quote),
    }


def _role_at_the_time(request, quote):
    """{"role", "organization": {"name", "url"}} of the speaker's membership known to hold
    on the article's date (any, when undated), the one with the quote's organization
    first; None without a speaker or such a membership. Reads prefetched memberships."""
    if quote.speaker is None:
        return None
    day = quote.article.published
    held = [m for m in quote.speaker.memberships.all() if m.covers(day)]
    held.sort(key=lambda m: m.organization_id != quote.organization_id)
    if not held:
        return None
    return {"role": held[0].role, "organization": _name_url(request, held[0].organization)}


def _name_url(request, obj):
    return {"name": obj.name, "url": absolute(request, obj)} if obj else None


def _date(day):
    return day.isoformat() if day else None


def claim_record(request, claim):
    """A claims list row (loaded by `ClaimQuerySet.listing_rows`): `sources` is how many
    distinct articles carry it, `first_reported` its earliest dated source's day."""
    return {
        "key": claim.key,
        "url": absolute(request, claim),
        "statement": claim.statement,
        "kind": claim.kind,
        "status": claim.status,
        "speaker": _name_url(request, claim.speaker),
        "attributed_as": claim.attributed_as,
        "sources": claim.article_count,
        "outlets": claim.outlets,
        "first_reported": _date(claim.first_reported),
    }


def _role(request, membership):
    if membership is None:
        return None
    return {"role": membership.role, "organization": _name_url(request, membership.organization)}


def claim_detail_record(request, claim, quotes, role):
    """The claim page as JSON: the list row's fields, the speaker's role and notes, and
    each source (a quote, oldest first) with its article, outlet, original source, exact
    wording and offsets."""
    claim.outlets = sorted(
        {
            org.name
            for quote in quotes
            for org in (quote.article.outlet, quote.article.original_source)
            if org
        }
    )
    claim.attributed_as = next((q.attributed_as for q in quotes if q.attributed_as), "")
    return {
        **claim_record(request, claim),
        "role": _role(request, role),
        "notes": claim.notes,
        "quotes": [
            {
                "id": quote.pk,
                "url": absolute(request, quote),
                "article": {
                    "title": quote.article.title,
                    "url": absolute(request, quote.article),
                    "published": _date(quote.article.published),
                    "original_url": quote.article.url or None,
                },
                "outlet": _name_url(request, quote.article.outlet),
                "original_source": _name_url(request, quote.article.original_source),
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "kind": quote.kind,
                "status": quote.status,
                "speaker": _name_url(request, quote.speaker),
                "attributed_as": quote.attributed_as,
                "cue": quote.cue,
            }
            for quote in quotes
        ],
    }


def quote_detail_record(request, quote, claim_quotes):
    """The quote page as JSON: the quote list's record, with its article's original
    source, its claim and how many quotes carry that claim, and its curation details."""
    record = quote_record(request, quote)
    record["article"]["original_source"] = _name_url(request, quote.article.original_source)
    return {
        **record,
        "claim": {
            "key": quote.claim.key,
            "url": absolute(request, quote.claim),
            "statement": quote.claim.statement,
            "quotes": claim_quotes,
        },
        "method": quote.method,
        "extractor_version": quote.extractor_version,
        "notes": quote.notes,
    }


def _quote_line(request, quote):
    """A quote as a detail page lists it: enough to find it and its claim."""
    return {
        "id": quote.pk,
        "url": absolute(request, quote),
        "text": quote.text,
        "kind": quote.kind,
        "published": _date(quote.published),
        "claim_url": absolute(request, quote.claim),
    }


def speaker_detail_record(request, speaker, quotes, quote_count):
    """The speaker page as JSON: who they are, their roles and the quotes the page shows
    (newest first); `quote_count` counts every matching quote (it may be a lower bound,
    then a string such as “more than 10,000”)."""
    exact = getattr(quote_count, "exact", True)
    speaker.quote_count = int(quote_count) if exact else str(quote_count)
    return {
        **speaker_record(request, speaker),
        "notes": speaker.notes,
        "quotes": [_quote_line(request, quote) for quote in quotes],
    }


def organization_detail_record(request, organization, memberships, quotes, published, originated):
    """The organization page as JSON: what it is, its members with their roles, and the
    quotes and articles the page shows."""
    return {
        "id": organization.pk,
        "url": absolute(request, organization),
        "name": organization.name,
        "slug": organization.slug,
        "kind": organization.kind,
        "aliases": organization.aliases,
        "description": organization.description,
        "members": [
            {
                "speaker": _name_url(request, m.speaker),
                "role": m.role,
                "start_date": _date(m.start_date),
                "end_date": _date(m.end_date),
                "quote_count": m.quote_count,
            }
            for m in memberships
        ],
        "quotes": [_quote_line(request, quote) for quote in quotes],
        "published_articles": [_article_line(request, a) for a in published],
        "originated_articles": [_article_line(request, a) for a in originated],
    }


def _article_line(request, article):
    return {
        "title": article.title,
        "url": absolute(request, article),
        "published": _date(article.published),
    }


def article_detail_record(request, article, quotes):
    """The article page as JSON: the article list's record, its text and each quote in
    text order with its offsets."""
    article.quote_count = len(quotes)
    return {
        **article_record(request, article),
        "body": article.body,
        "quotes": [
            {
                **_quote_line(request, quote),
                "start": quote.start,
                "end": quote.end,
                "status": quote.status,
                "speaker": _name_url(request, quote.speaker),
                "attributed_as": quote.attributed_as,
                "cue": quote.cue,
                "organization": _name_url(request, quote.organization),
            }
            for quote in quotes
        ],
    }


def speaker_record(request, speaker):
    return {
        "id": speaker.pk,
        "url": absolute(request, speaker),
        "name": speaker.name,
        "slug": speaker.slug,
        "aliases": speaker.aliases,
        "description": speaker.description,
        "quote_count": speaker.quote_count,
        "roles": [
            {
                "organization": _name_url(request, m.organization),
                "role": m.role,
                "start_date": m.start_date.isoformat() if m.start_date else None,
                "end_date": m.end_date.isoformat() if m.end_date else None,
            }
            for m in speaker.memberships.all()
        ],
    }


def organization_record(request, organization):
    return {
        "id": organization.pk,
        "url": absolute(request, organization),
        "name": organization.name,
        "slug": organization.slug,
        "kind": organization.kind,
        "aliases": organization.aliases,
        "description": organization.description,
        "quote_count": organization.quote_count,
        "member_count": organization.member_count,
    }


def article_record(request, article):
    return {
        "id": article.pk,
        "url": absolute(request, article),
        "title": article.title,
        "slug": article.slug,
        "outlet": _name_url(request, article.outlet),
        "original_source": _name_url(request, article.original_source),
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "original_url": article.url or None,
        "quote_count": article.quote_count,
    }


def search_json(request, query, results):
    """/search/?format=json: the list envelope (count, next, previous: none, as one page
    holds every group) with `query`, and each result `{"type", "name", "url", …}`."""

    def records():
        for speaker in results["speakers"]:
            yield {
                "type": "speaker",
                "name": speaker.name,
                "url": absolute(request, speaker),
                "quote_count": speaker.quote_count,
            }
        for organization in results["organizations"]:
            yield {
                "type": "organization",
                "name": organization.name,
                "url": absolute(request, organization),
                "kind": organization.kind,
            }
        for claim in results["claims"]:
            yield {
                "type": "claim",
                "name": claim.statement,
                "url": absolute(request, claim),
                "key": claim.key,
                "speaker": _name_url(request, claim.speaker),
                "sources": claim.source_count,
            }
        for article in results["articles"]:
            yield {
                "type": "article",
                "name": article.title,
                "url": absolute(request, article),
                "published": article.published.isoformat() if article.published else None,
            }

    found = list(records())
    return JsonResponse(
        {"query": query, "count": len(found), "next": None, "previous": None, "results": found},
        json_dumps_params={"ensure_ascii": False},
    )
