"""Admin pages that are not a model's add or change page."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from claims import services
from claims.forms import ArticleImportForm
from claims.models import Article


def article_import(request):
    """Paste or upload a news article; import it with its quotes and open its change page."""
    if not request.user.has_perm("claims.add_article"):
        raise PermissionDenied
    form = ArticleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.article_import(
                text=form.cleaned_data["content"], source_name=form.cleaned_data["source_name"]
            )
        except services.ImportRejected as error:
            form.add_error(None, f"This text cannot be imported: {error}.")
        else:
            if result.created:
                messages.success(
                    request,
                    f"Imported with {result.quotes} quotes found, all unverified "
                    f"({result.new_speakers} new speakers). Review them below.",
                )
            else:
                messages.info(request, "This article was already imported; nothing changed.")
            return redirect("admin:claims_article_change", result.article.pk)
    context = {
        **admin.site.each_context(request),
        "title": "Import an article",
        "opts": Article._meta,
        "form": form,
    }
    return render(request, "admin/claims/article_import.html", context)
