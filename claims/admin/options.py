"""What the curators' admin pages share: bad filter and history inputs answered without a
server error, saves locked to the version a curator opened with the reason they gave, the
intermediate page of actions that need input, and merging."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from claims import services
from claims.admin.forms import LockedEditForm, MergeForm


@admin.display(description="In its paragraph")
def quote_in_context(quote):
    before, text, after = quote.context()
    return format_html("{}<mark>{}</mark>{}", before, text, after)


class WorkspaceChangeList(ChangeList):
    """A change list that treats a filter value the database cannot hold like any invalid
    filter: Django's admin redirects to `?e=1`."""

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        # PostgreSQL refuses strings that contain NUL.
        if any("\x00" in value for values in lookup_params.values() for value in values):
            raise IncorrectLookupParameters("a filter value contains a NUL character")
        return lookup_params

    def get_results(self, request):
        try:
            super().get_results(request)
        except OverflowError as error:
            # SQLite binds integers of at most 64 bits; Django bounds exact and range
            # lookups itself but not `__in` (`?id__in=1000000000000000000000`).
            raise IncorrectLookupParameters(error) from error


class WorkspaceAdmin(admin.ModelAdmin):
    """The base of every model admin of the curators' workspace."""

    def get_changelist(self, request, **kwargs):
        return WorkspaceChangeList

    def get_search_results(self, request, queryset, search_term):
        # No text holds NUL, and PostgreSQL refuses it in a query: search without it.
        search_term = search_term.replace("\x00", "")
        return super().get_search_results(request, queryset, search_term)


class HistoryAdmin(SimpleHistoryAdmin, WorkspaceAdmin):
    """A workspace admin with history pages, where a version that is not a number is
    not found."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not str(version_id).isdecimal():
            raise Http404("No such version.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class LockedEditAdmin(HistoryAdmin):
    """Saves changes only over the version the curator opened (see LockedEditForm) and
    records the reason they gave."""

    form = LockedEditForm

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        if not change:
            return super().save_model(request, obj, form, change)
        reason = form.cleaned_data.get("change_reason", "")
        if not reason and request.resolver_match.url_name.endswith("_simple_history"):
            reason = "Reverted to an earlier version"
        services.record_save_checked(
            obj=obj, expected_version=form.expected_version(), reason=reason
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleEdit as error:  # lost the race after the form was checked
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.path)


def action_form(modeladmin, request, queryset, form, title, action):
    """The intermediate page of an admin action that needs input before it runs."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.model._meta,
        "queryset": queryset,
        "form": form,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/claims/action_form.html", context)


def bound_if_applied(request, form_class, **kwargs):
    data = request.POST if "apply" in request.POST else None
    return form_class(data, **kwargs)


class MergeActionMixin:
    """“Merge selected … into one”: pick the survivor on a confirmation page."""

    merge_service = None

    def has_merge_permission(self, request):
        return request.user.has_perm("claims.add_merge") and self.has_change_permission(request)

    def _merge_action(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, "Select at least two to merge.", messages.WARNING)
            return None
        form = bound_if_applied(request, MergeForm, queryset=queryset)
        if form.is_valid():
            survivor = form.cleaned_data["survivor"]
            try:
                merge = type(self).merge_service(
                    survivor=survivor,
                    duplicates=list(queryset),
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except services.MergeRefused as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                f"Merged {merge.merged_names} into {survivor}. Undo it from Merges if needed.",
                messages.SUCCESS,
            )
            return None
        return action_form(
            self,
            request,
            queryset,
            form,
            f"Merge {self.model._meta.verbose_name_plural} into one",
            request.POST["action"],
        )
