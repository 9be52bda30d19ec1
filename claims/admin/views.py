"""Admin pages that are not a model's add or change page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from claims import services
from claims.admin.forms import ArticleImportForm
from claims.extraction.web import UnreadablePage, fetch_page


def article_import(request, model_admin):
    """Paste or upload a news article; import it with its quotes and open its change page.
    Only for curators who may add articles through `model_admin`."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ArticleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = _imported(form.cleaned_data, request.user)
        except (services.ImportRejected, UnreadablePage) as error:
            what = "text" if "content" in form.cleaned_data else "page"
            form.add_error(None, f"This {what} cannot be imported: {error}.")
        else:
            if result.created:
                found = ngettext(
                    "%(count)d quote found", "%(count)d quotes found", result.quotes
                ) % {"count": result.quotes}
                speakers = ngettext(
                    "%(count)d new speaker", "%(count)d new speakers", result.new_speakers
                ) % {"count": result.new_speakers}
                proposed = ngettext(
                    "%(count)d membership proposed",
                    "%(count)d memberships proposed",
                    result.proposed_memberships,
                ) % {"count": result.proposed_memberships}
                messages.success(
                    request,
                    f"Imported with {found}, all unverified ({speakers}, {proposed}). "
                    "Review them below.",
                )
            else:
                messages.info(request, "This article was already imported; nothing changed.")
            return redirect("admin:claims_article_change", result.article.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Import an article",
        "opts": model_admin.model._meta,
        "form": form,
    }
    return render(request, "admin/claims/article_import.html", context)


def _imported(data, user):
    """The ImportResult of the article an ArticleImportForm's cleaned `data` gives."""
    if data["url"]:
        page = fetch_page(data["url"])
        return services.article_import_page(html=page.html, url=page.url, user=user)
    if data["html"] is not None:
        return services.article_import_page(
            html=data["html"], source_name=data["source_name"], user=user
        )
    return services.article_import(text=data["content"], source_name=data["source_name"], user=user)
