"""A bare Django page to compare with: select_related + Paginator + a minimal template.

What a plain Django quote list costs on the same database and stack, so the benchmark can
say what the app's own pages cost next to it. Served by bench/bare/wsgi.py, never by the
app.
"""

from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import Context, Template
from django.urls import path
from django.views.decorators.http import require_GET

from claims.models import Quote

LIST = Template(
    "<!doctype html><title>Quotes</title><p>{{ page.paginator.count }} quotes</p><ol>"
    "{% for quote in page %}<li><q>{{ quote.text }}</q> {{ quote.speaker.name }}, "
    "{{ quote.article.title }} ({{ quote.article.outlet.name }}, {{ quote.article.published }})"
    "</li>{% endfor %}</ol>"
)
DETAIL = Template(
    "<!doctype html><title>Quote</title><blockquote>{{ quote.text }}</blockquote>"
    "<p>{{ quote.speaker.name }}, {{ quote.article.title }} "
    "({{ quote.article.outlet.name }}, {{ quote.article.published }})</p>"
)


def _quotes():
    # The app's list order, on the same index, so both read the same rows.
    return Quote.objects.select_related("speaker", "article__outlet").order_by(
        F("published").desc(nulls_last=True), "-article_id", "start"
    )


@require_GET
def bare_quote_list(request):
    quotes = _quotes()
    if speaker := request.GET.get("speaker"):
        quotes = quotes.filter(speaker__slug=speaker)
    page = Paginator(quotes, 50).get_page(request.GET.get("page"))
    return HttpResponse(LIST.render(Context({"page": page})))


@require_GET
def bare_quote_detail(request, pk):
    quote = get_object_or_404(_quotes(), pk=pk)
    return HttpResponse(DETAIL.render(Context({"quote": quote})))


urlpatterns = [
    path("quotes/", bare_quote_list, name="bare_quote_list"),
    path("quotes/<int:pk>/", bare_quote_detail, name="bare_quote_detail"),
]
