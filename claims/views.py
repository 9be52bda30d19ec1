"""Views are glue: a QuerySet method reads, a FilterSet filters, a template renders."""

from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from claims import exports
from claims.filters import QuoteFilter
from claims.models import Article, Claim, Membership, Organization, Quote, Speaker


def _bad_request(request, message, template="claims/bad_request.html", context=None):
    if request.GET.get("format") == "json":
        return JsonResponse({"error": message}, status=400)
    return render(request, template, {"error": message, **(context or {})}, status=400)


@require_GET
def home(request):
    context = {
        "counts": {
            "articles": Article.objects.count(),
            "speakers": Speaker.objects.count(),
            "organizations": Organization.objects.count(),
            "quotes": Quote.objects.count(),
            "claims": Claim.objects.count(),
        },
        "top_speakers": Speaker.objects.most_quoted()[:8],
        "latest_quotes": Quote.objects.for_listing().direct_only().newest_first()[:6],
    }
    return render(request, "claims/home.html", context)


@require_GET
def quote_list(request):
    quote_filter = QuoteFilter(request.GET, queryset=Quote.objects.for_listing())
    try:
        fmt = exports.requested_format(request)
        if not quote_filter.is_valid():
            raise exports.BadRequest("Some filters are not valid; see the messages below.")
        if fmt == "csv":
            return exports.csv_stream(
                request, quote_filter.qs, exports.QUOTE_CSV_COLUMNS, exports.quote_row, "quotes.csv"
            )
        page = exports.paginate(request, quote_filter.qs)
    except exports.BadRequest as error:
        if fmt_is_json(request):
            return JsonResponse(
                {"error": str(error), "fields": quote_filter.errors.get_json_data()}, status=400
            )
        return render(
            request,
            "claims/quote_list.html",
            {"filter": quote_filter, "error": str(error)},
            status=400,
        )
    if fmt == "json":
        return exports.json_page(request, page, exports.quote_record)
    return render(request, "claims/quote_list.html", {"filter": quote_filter, "page": page})


def fmt_is_json(request):
    return request.GET.get("format") == "json"


@require_GET
def quote_detail(request, pk):
    quote = get_object_or_404(Quote.objects.for_listing(), pk=pk)
    return render(request, "claims/quote_detail.html", {"quote": quote})


@require_GET
def speaker_list(request):
    speakers = Speaker.objects.for_listing()
    return render(request, "claims/speaker_list.html", {"speakers": speakers})


@require_GET
def speaker_detail(request, slug):
    speaker = get_object_or_404(
        Speaker.objects.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("organization"))
        ),
        slug=slug,
    )
    quotes = Quote.objects.for_listing().filter(speaker=speaker).newest_first()
    return render(request, "claims/speaker_detail.html", {"speaker": speaker, "quotes": quotes})


@require_GET
def organization_list(request):
    organizations = Organization.objects.for_listing()
    return render(request, "claims/organization_list.html", {"organizations": organizations})


@require_GET
def organization_detail(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    context = {
        "organization": organization,
        "memberships": organization.memberships.select_related("speaker"),
        "quotes": Quote.objects.for_listing().filter(organization=organization).newest_first(),
        "published": organization.published_articles.order_by("title"),
        "originated": organization.originated_articles.order_by("title"),
    }
    return render(request, "claims/organization_detail.html", context)


@require_GET
def article_list(request):
    articles = Article.objects.for_listing().newest_first()
    return render(request, "claims/article_list.html", {"articles": articles})


@require_GET
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.select_related("outlet", "original_source"), slug=slug)
    quotes = list(article.quotes.select_related("speaker", "claim").order_by("start", "end"))
    context = {"article": article, "quotes": quotes, "segments": article.segments(quotes)}
    return render(request, "claims/article_detail.html", context)


@require_GET
def claim_detail(request, key):
    claim = get_object_or_404(Claim.objects.select_related("speaker"), key=key)
    quotes = claim.quotes.for_listing().oldest_first()
    return render(request, "claims/claim_detail.html", {"claim": claim, "quotes": quotes})
