"""Views are glue: a QuerySet method reads, a FilterSet filters, a template renders."""

from functools import wraps

from django.core.exceptions import BadRequest
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from claims import downloads as dataset
from claims import exports, pages, records, reports, scale
from claims.facets import facet_counts
from claims.feeds import SpeakerFeed
from claims.filters import (
    ArticleFilter,
    ClaimFilter,
    OrganizationFilter,
    QuoteFilter,
    SpeakerFilter,
)
from claims.forms import AttributionReportForm
from claims.models import Article, Claim, Organization, Quote, SlugRedirect, Speaker
from claims.search import search_all

# A speaker page shows this many newest quotes; the quote list pages through the rest.
SPEAKER_PAGE_QUOTES = 100
# An organization page shows at most this many members, quotes and articles of each kind.
ORGANIZATION_PAGE_ROWS = 100


def _list_page(request, filterset, template, export, drawn=None):
    """Render a filtered list as HTML, JSON or CSV; bad input answers 400 with a message.
    With `drawn` (scale.Drawn), a page holds its rows' cached cards or JSON records."""
    try:
        fmt = exports.requested_format(request)
        if not filterset.is_valid():
            raise BadRequest("Some filters are not valid; see the messages below.")
        if fmt in exports.STREAMED:
            return exports.export_stream(request, filterset.qs, export, fmt)
        load = export.load
        if drawn:
            load = drawn.records if fmt == "json" else drawn.cards
        read_ahead = bool(drawn) and filterset.filters_full_text
        page = scale.paginate(request, filterset.qs, load=load, read_ahead=read_ahead)
    except BadRequest as error:
        if request.GET.get("format") == "json":
            errors = filterset.errors.get_json_data() if filterset.is_bound else {}
            return JsonResponse({"error": str(error), "fields": errors}, status=400)
        context = {"filter": filterset, "error": str(error), "facets": None}
        return render(request, template, context, status=400)
    if fmt == "json":
        return exports.json_page(request, page, None if drawn else export.record)
    context = {"filter": filterset, "page": page}
    if drawn:  # the quote and claims lists have facets
        context["facets"] = facet_counts(filterset, page, drawn.versions)
    return render(request, template, context)


def _detail_page(view):
    """A detail view that also answers `?format=json` (`_wants_json`): a bad format
    answers 400 with a message."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    return wrapped


def _wants_json(request):
    return exports.requested_detail_format(request) == "json"


def _bar_chart(rows, month=False, undated=0):
    """The bar chart of `rows` rendered once, so a cached chart is not re-rendered either
    ("" when there are no rows); it says how many quotes (`undated`) it leaves out."""
    if not rows and not undated:
        return ""
    context = {"rows": rows, "month": month, "undated": undated}
    return render_to_string("claims/includes/bar_chart.html", context)


def _timeline_chart(speaker, total):
    """The speaker's quotes by month, and how many have no date: the rest of `total`
    (a BoundedCount) when it is exact, else counted up to the bound."""
    quotes = Quote.objects.filter(speaker=speaker)
    rows = quotes.by_month()
    if total.exact:
        undated = total - sum(count for _, count, _ in rows)
    else:
        undated = scale.bounded_count(quotes.filter(published__isnull=True))
    return _bar_chart(rows, month=True, undated=undated)


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


@require_safe
@scale.cached_page
def home(request):
    counts = Quote.objects.corpus_counts()
    context = {
        "counts": counts,
        "top_speakers": scale.aggregate(
            "home:top_speakers", counts["quotes"], lambda: list(Speaker.objects.most_quoted()[:8])
        ),
        "latest_quotes": Quote.objects.for_listing().direct_only().newest_first()[:6],
    }
    return render(request, "claims/home.html", context)


@require_safe
@scale.cached_page
def quote_list(request):
    quote_filter = QuoteFilter(request.GET, queryset=Quote.objects.for_listing())
    drawn = scale.Drawn(request, records.quote_record)
    return _list_page(request, quote_filter, "claims/quote_list.html", exports.QUOTES, drawn)


@require_safe
@_detail_page
def quote_detail(request, pk):
    """The quote page, rendered once per worker for each set of versions it shows."""
    if _wants_json(request):
        # No row has a key past 63 bits, and the database driver cannot send one.
        quote = get_object_or_404(Quote.objects.for_listing(), pk=pk if pk < 2**63 else 0)
        claim_quotes = Quote.objects.filter(claim_id=quote.claim_id).count()
        return exports.json_record(records.quote_detail_record(request, quote, claim_quotes))

    def render_page(claim_quotes):
        quote = Quote.objects.for_listing().get(pk=pk)
        context = {"quote": quote, "claim_quotes": claim_quotes}
        return render_to_string("claims/quote_detail.html", context, request)

    html = scale.quote_page(pk, render_page)
    if html is None:
        raise Http404("No quote has that number.")
    return HttpResponse(html)


@require_safe
@scale.cached_page
def speaker_list(request):
    speaker_filter = SpeakerFilter(request.GET, queryset=Speaker.objects.order_by("name"))
    return _list_page(request, speaker_filter, "claims/speaker_list.html", exports.SPEAKERS)


@require_safe
@scale.cached_page
@_detail_page
def speaker_detail(request, slug):
    speaker = Speaker.objects.for_detail().filter(slug=slug).first()
    if speaker is None:
        return _redirect_old_slug(Speaker, "speaker", slug)
    search = _search_text(request)
    matching = Quote.objects.filter(speaker=speaker).matching_text(search)
    outline = list(matching.newest_first().outline()[: SPEAKER_PAGE_QUOTES + 1])
    total = scale.bounded_count(Quote.objects.filter(speaker=speaker))
    quote_count = len(outline)
    if quote_count > SPEAKER_PAGE_QUOTES:
        quote_count = scale.bounded_count(matching) if search else total
    outline = outline[:SPEAKER_PAGE_QUOTES]
    if _wants_json(request):
        shown = Quote.objects.select_related("claim").in_bulk([row[0] for row in outline])
        quotes = [shown[row[0]] for row in outline if row[0] in shown]
        record = records.speaker_detail_record(request, speaker, quotes, quote_count)
        return exports.json_record(record)
    context = {
        "speaker": speaker,
        "search": search,
        "claims": pages.speaker_claim_groups(
            speaker, outline, scale.cards([row[0] for row in outline])
        ),
        "quote_count": quote_count,
        "shown": len(outline),
        "timeline": scale.aggregate(
            f"speaker:{speaker.pk}:timeline-chart",
            total,
            lambda: _timeline_chart(speaker, total),
        ),
        "outlets": scale.aggregate(
            f"speaker:{speaker.pk}:outlets-chart",
            total,
            lambda: _bar_chart(Quote.objects.filter(speaker=speaker).by_outlet_counts()),
        ),
    }
    return render(request, "claims/speaker_detail.html", context)


@require_safe
@scale.cached_page
def organization_list(request):
    org_filter = OrganizationFilter(
        request.GET, queryset=Organization.objects.order_by("kind", "name")
    )
    return _list_page(request, org_filter, "claims/organization_list.html", exports.ORGANIZATIONS)


@require_safe
@scale.cached_page
@_detail_page
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
        "carried": Quote.objects.for_listing()
        .carried_by(organization.pk)
        .newest_first()[:ORGANIZATION_PAGE_ROWS],
        "quote_count": scale.large_counts(
            "organization-quotes", [organization.pk], Organization.objects.quote_counts
        ).get(organization.pk, 0),
        "published": articles.filter(outlet=organization)[:ORGANIZATION_PAGE_ROWS],
        "originated": articles.filter(original_source=organization)[:ORGANIZATION_PAGE_ROWS],
        "page_rows": ORGANIZATION_PAGE_ROWS,
    }
    if _wants_json(request):
        parts = [context[name] for name in ("memberships", "quotes", "published", "originated")]
        record = records.organization_detail_record(request, organization, *parts)
        return exports.json_record(record)
    return render(request, "claims/organization_detail.html", context)


@require_safe
@scale.cached_page
def article_list(request):
    article_filter = ArticleFilter(request.GET, queryset=Article.objects.all())
    return _list_page(request, article_filter, "claims/article_list.html", exports.ARTICLES)


@require_safe
@scale.cached_page
@_detail_page
def article_detail(request, slug):
    article = Article.objects.select_related("outlet", "original_source").filter(slug=slug).first()
    if article is None:
        return _redirect_old_slug(Article, "article", slug)
    quotes = list(article.quotes.for_listing().in_text_order())
    if _wants_json(request):
        return exports.json_record(records.article_detail_record(request, article, quotes))
    context = {
        "article": article,
        "quotes": quotes,
        "segments": pages.article_segments(article, quotes),
        "sources": pages.quoted_sources(quotes),
    }
    return render(request, "claims/article_detail.html", context)


@require_safe
@scale.cached_page
def claim_list(request):
    claim_filter = ClaimFilter(request.GET, queryset=Claim.objects.listed())
    drawn = scale.ClaimRows(request, records.claim_record)
    return _list_page(request, claim_filter, "claims/claim_list.html", exports.CLAIMS, drawn)


@require_safe
@scale.cached_page
@_detail_page
def claim_detail(request, key):
    claim = Claim.objects.select_related("speaker").filter(key=key).first()
    quotes = list(claim.quotes.for_listing().oldest_first()) if claim else []
    if not quotes:
        return _claim_without_quotes(request, key, claim)
    role = pages.claim_speaker_role(claim, quotes)
    if _wants_json(request):
        return exports.json_record(records.claim_detail_record(request, claim, quotes, role))
    claim.statement_quote = pages.claim_statement_quote(claim, quotes)
    context = {
        "claim": claim,
        "quotes": quotes,
        "sources": pages.claim_sources(claim, quotes),
        "role": role,
        "statement_kind": pages.claim_statement_kind(claim, quotes),
        "first_dated": pages.first_dated(quotes),
        "undated": pages.undated_articles(quotes),
        "other_claims": Claim.objects.by_same_speaker(claim).with_statement_wording()[:6],
        "history": pages.attribution_history(claim),
        "json_ld": pages.claim_json_ld(request, claim, quotes),
    }
    return render(request, "claims/claim_detail.html", context)


def _claim_without_quotes(request, key, claim):
    """301 to the claim the quotes of a claim left without any (or deleted) went to; else
    410 Gone, linking its speaker; 404 for a key no claim ever had."""
    if claim is None:
        claim = Claim.history.filter(key=key).order_by("-history_date").first()
        if claim is None:
            raise Http404("No claim has that key.")
    successor = pages.claim_successor(claim.id)
    if successor is not None:
        return redirect(successor, permanent=True)
    # `claim` is the row or, for a deleted claim, its last history record.
    context = {"key": key, "speaker": Speaker.objects.filter(pk=claim.speaker_id).first()}
    return render(request, "claims/claim_gone.html", context, status=410)


@require_safe
@scale.cached_page
def speaker_feed(request, slug):
    speaker = Speaker.objects.filter(slug=slug).first()
    if speaker is None:
        target = SlugRedirect.resolve("speaker", slug)
        speaker = get_object_or_404(Speaker, pk=target or 0)
        return redirect("claims:speaker_feed", slug=speaker.slug, permanent=True)
    return SpeakerFeed()(request, speaker=speaker)


@require_safe
@scale.cached_page
def search(request):
    query = _search_text(request)
    if request.GET.get("format", "") not in ("", "html", "json"):
        return JsonResponse({"error": "Unknown format: use json."}, status=400)
    if request.GET.get("format") == "json":
        return records.search_json(request, query, search_all(query))
    return render(request, "claims/search.html", {"query": query, "results": search_all(query)})


@require_http_methods(["GET", "HEAD", "POST"])
def claim_report(request, key):
    """A visitor reports a wrong attribution; at most a few reports an hour per address."""
    claims = Claim.objects.select_related("speaker").with_statement_wording()
    claim = get_object_or_404(claims, key=key)
    form = AttributionReportForm(request.POST or None)
    context = {"claim": claim, "form": form, "sent": "sent" in request.GET}
    if request.method != "POST":
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


@require_safe
def downloads(request):
    """The full-dataset files `manage.py export_dataset` last built: date, rows, checksums."""
    return render(request, "claims/downloads.html", {"manifest": dataset.read_manifest()})


@require_safe
def download_file(request, name):
    """A file the downloads page lists (nginx serves these itself in production)."""
    path = dataset.file_path(name)
    if path is None or not path.is_file():
        raise Http404("No download has that name.")
    return FileResponse(path.open("rb"), as_attachment=True, content_type="application/gzip")
