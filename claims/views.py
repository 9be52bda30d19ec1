"""Views are glue: a QuerySet method reads, a FilterSet filters, a template renders."""

from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from claims import cards, exports, pages, reports
from claims.caching import digest_key
from claims.feeds import SpeakerFeed
from claims.filters import ArticleFilter, OrganizationFilter, QuoteFilter, SpeakerFilter
from claims.forms import AttributionReportForm
from claims.models import Article, Claim, Organization, Quote, SlugRedirect, Speaker
from claims.querysets import bounded_count
from claims.search import search_all

# A speaker page shows this many newest quotes; the quote list pages through the rest.
SPEAKER_PAGE_QUOTES = 100
# An organization page shows at most this many members, quotes and articles of each kind.
ORGANIZATION_PAGE_ROWS = 100
# Aggregates over more rows than the count bound are cached this long (seconds) per worker.
LARGE_AGGREGATE_TTL = 600
# A rendered quote page is kept this long (seconds) per worker, keyed by what it shows.
QUOTE_PAGE_TTL = 60


def _list_page(request, filterset, template, export, drawn=None):
    """Render a filtered list as HTML, JSON or CSV; bad input answers 400 with a message.
    `drawn` (claims.cards.Drawn) gives a page its HTML cards or JSON records by key instead
    of loading its rows."""
    try:
        fmt = exports.requested_format(request)
        if not filterset.is_valid():
            raise exports.BadRequest("Some filters are not valid; see the messages below.")
        if fmt == "csv":
            return exports.csv_stream(request, filterset.qs, export)
        read_ahead = getattr(filterset, "filters_full_text", False)
        stamp = filterset.queryset.latest_change if read_ahead else None
        load = export.load
        if drawn:
            load = drawn.records if fmt == "json" else drawn.cards
        page = exports.paginate(
            request, filterset.qs, read_ahead=read_ahead, load=load, stamp=stamp
        )
    except exports.BadRequest as error:
        if request.GET.get("format") == "json":
            errors = filterset.errors.get_json_data() if filterset.is_bound else {}
            return JsonResponse({"error": str(error), "fields": errors}, status=400)
        return render(request, template, {"filter": filterset, "error": str(error)}, status=400)
    if fmt == "json":
        to_record = (lambda request, record: record) if drawn else export.record
        return exports.json_page(request, page, to_record)
    label_with_counts = getattr(filterset, "label_with_counts", None)
    facets = None
    if label_with_counts:
        # One page holding every match: its cards' versions also stamp its facet counts.
        whole = drawn and page.number == 1 and not page.has_next()
        facets = label_with_counts(page.paginator.read_keys, drawn.versions if whole else None)
    return render(request, template, {"filter": filterset, "page": page, "facets": facets})


def _computed_or_cached(key, count, compute):
    """`compute()` itself while `count` is exact (small data), else cached per worker:
    summaries over hundreds of thousands of rows are refreshed every few minutes."""
    if count.exact:
        return compute()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, LARGE_AGGREGATE_TTL)
    return value


def _bar_chart(rows, month=False):
    """The bar chart of `rows` rendered once, so a cached chart is not re-rendered either
    ("" when there are no rows)."""
    if not rows:
        return ""
    return render_to_string("claims/includes/bar_chart.html", {"rows": rows, "month": month})


def _search_text(request):
    """The `q` parameter as search text: at most 200 characters, without NUL characters
    (PostgreSQL text cannot hold them; the list filters' forms reject them with a 400)."""
    return request.GET.get("q", "").replace("\x00", "").strip()[:200]


def _redirect_old_slug(model, kind, slug):
    """301 to the current page when `slug` is a former slug, an alias or a merged duplicate."""
    target = SlugRedirect.resolve(kind, slug)
    obj = get_object_or_404(model, pk=target) if target else None
    if obj is None or obj.slug == slug:
        raise Http404(f"No {kind} is called {slug!r}.")
    return redirect(obj, permanent=True)


@require_GET
def home(request):
    counts = Quote.objects.corpus_counts()
    context = {
        "counts": counts,
        "top_speakers": _computed_or_cached(
            "home:top_speakers", counts["quotes"], lambda: list(Speaker.objects.most_quoted()[:8])
        ),
        "latest_quotes": Quote.objects.for_listing().direct_only().newest_first()[:6],
    }
    return render(request, "claims/home.html", context)


@require_GET
def quote_list(request):
    quote_filter = QuoteFilter(request.GET, queryset=Quote.objects.for_listing())
    return _list_page(
        request,
        quote_filter,
        "claims/quote_list.html",
        exports.QUOTES,
        drawn=cards.Drawn(request),
    )


@require_GET
def quote_detail(request, pk):
    """The quote page, rendered once per worker for each set of versions it shows."""
    versions = Quote.objects.page_versions(pk)
    if versions is None:
        raise Http404("No quote has that number.")
    key = digest_key(f"quote-page:{pk}", versions)
    html = cache.get(key)
    if html is None:
        quote = Quote.objects.for_listing().get(pk=pk)
        context = {"quote": quote, "claim_quotes": versions[-1]}
        html = render_to_string("claims/quote_detail.html", context, request)
        cache.set(key, html, QUOTE_PAGE_TTL)
    return HttpResponse(html)


@require_GET
def speaker_list(request):
    speaker_filter = SpeakerFilter(request.GET, queryset=Speaker.objects.order_by("name"))
    return _list_page(request, speaker_filter, "claims/speaker_list.html", exports.SPEAKERS)


@require_GET
def speaker_detail(request, slug):
    speaker = Speaker.objects.for_detail().filter(slug=slug).first()
    if speaker is None:
        return _redirect_old_slug(Speaker, "speaker", slug)
    search = _search_text(request)
    matching = Quote.objects.filter(speaker=speaker).matching_text(search)
    outline = list(matching.newest_first().outline()[: SPEAKER_PAGE_QUOTES + 1])
    total = bounded_count(Quote.objects.filter(speaker=speaker))
    quote_count = len(outline)
    if quote_count > SPEAKER_PAGE_QUOTES:
        quote_count = bounded_count(matching) if search else total
    outline = outline[:SPEAKER_PAGE_QUOTES]
    context = {
        "speaker": speaker,
        "search": search,
        "claims": pages.speaker_claim_groups(
            speaker, outline, cards.cards([row[0] for row in outline])
        ),
        "quote_count": quote_count,
        "shown": len(outline),
        "timeline": _computed_or_cached(
            f"speaker:{speaker.pk}:timeline-chart",
            total,
            lambda: _bar_chart(Quote.objects.filter(speaker=speaker).by_month(), month=True),
        ),
        "outlets": _computed_or_cached(
            f"speaker:{speaker.pk}:outlets-chart",
            total,
            lambda: _bar_chart(Quote.objects.filter(speaker=speaker).by_outlet_counts()),
        ),
    }
    return render(request, "claims/speaker_detail.html", context)


@require_GET
def organization_list(request):
    org_filter = OrganizationFilter(
        request.GET, queryset=Organization.objects.order_by("kind", "name")
    )
    return _list_page(request, org_filter, "claims/organization_list.html", exports.ORGANIZATIONS)


@require_GET
def organization_detail(request, slug):
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        return _redirect_old_slug(Organization, "organization", slug)
    articles = Article.objects.for_listing().newest_first()
    context = {
        "organization": organization,
        "memberships": organization.memberships.for_members()[:ORGANIZATION_PAGE_ROWS],
        "quotes": Quote.objects.for_listing().newest_for_organization(organization.pk)[
            :ORGANIZATION_PAGE_ROWS
        ],
        "published": articles.filter(outlet=organization)[:ORGANIZATION_PAGE_ROWS],
        "originated": articles.filter(original_source=organization)[:ORGANIZATION_PAGE_ROWS],
        "page_rows": ORGANIZATION_PAGE_ROWS,
    }
    return render(request, "claims/organization_detail.html", context)


@require_GET
def article_list(request):
    article_filter = ArticleFilter(request.GET, queryset=Article.objects.all())
    return _list_page(request, article_filter, "claims/article_list.html", exports.ARTICLES)


@require_GET
def article_detail(request, slug):
    article = Article.objects.select_related("outlet", "original_source").filter(slug=slug).first()
    if article is None:
        return _redirect_old_slug(Article, "article", slug)
    quotes = list(article.quotes.for_listing().in_text_order())
    context = {
        "article": article,
        "quotes": quotes,
        "segments": pages.article_segments(article, quotes),
        "sources": pages.quoted_sources(quotes),
    }
    return render(request, "claims/article_detail.html", context)


@require_GET
def claim_detail(request, key):
    claim = get_object_or_404(Claim.objects.select_related("speaker"), key=key)
    quotes = list(claim.quotes.for_listing().oldest_first())
    context = {
        "claim": claim,
        "quotes": quotes,
        "sources": pages.claim_sources(claim, quotes),
        "role": pages.claim_speaker_role(claim, quotes),
        "statement_kind": pages.claim_statement_kind(claim, quotes),
        "other_claims": Claim.objects.by_same_speaker(claim)[:6],
        "history": pages.attribution_history(claim),
        "json_ld": pages.claim_json_ld(request, claim, quotes),
    }
    return render(request, "claims/claim_detail.html", context)


@require_GET
def speaker_feed(request, slug):
    speaker = Speaker.objects.filter(slug=slug).first()
    if speaker is None:
        target = SlugRedirect.resolve("speaker", slug)
        speaker = get_object_or_404(Speaker, pk=target or 0)
        return redirect("claims:speaker_feed", slug=speaker.slug, permanent=True)
    return SpeakerFeed()(request, speaker=speaker)


@require_GET
def search(request):
    query = _search_text(request)
    return render(request, "claims/search.html", {"query": query, "results": search_all(query)})


@require_http_methods(["GET", "POST"])
def claim_report(request, key):
    """A visitor reports a wrong attribution; at most a few reports an hour per address."""
    claim = get_object_or_404(Claim.objects.select_related("speaker"), key=key)
    form = AttributionReportForm(request.POST or None)
    context = {"claim": claim, "form": form, "sent": "sent" in request.GET}
    if request.method == "GET":
        return render(request, "claims/claim_report.html", context)
    sender = reports.address_hash(request)
    if reports.over_limit(sender):
        context["limited"] = reports.REPORTS_PER_HOUR
        return render(request, "claims/claim_report.html", context, status=429)
    if not form.is_valid():
        return render(request, "claims/claim_report.html", context, status=400)
    form.instance.claim, form.instance.address_hash = claim, sender
    form.save()
    return redirect(reverse("claims:claim_report", args=[claim.key]) + "?sent=1")
