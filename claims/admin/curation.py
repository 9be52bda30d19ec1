"""Admin for merges (with undo) and visitors' attribution reports."""

from django.contrib import admin, messages
from django.utils.translation import ngettext

from claims import services
from claims.admin.forms import ReasonForm
from claims.admin.options import WorkspaceAdmin, action_form, bound_if_applied
from claims.models import AttributionReport, Merge, ReportStatus


@admin.register(Merge)
class MergeAdmin(WorkspaceAdmin):
    list_display = ["merged_names", "survivor_name", "kind", "created_by", "created", "undone_at"]
    list_filter = ["kind", ("undone_at", admin.EmptyFieldListFilter)]
    list_select_related = ["created_by"]
    readonly_fields = [
        "kind",
        "survivor_id",
        "survivor_name",
        "merged_names",
        "reason",
        "created_by",
        "created",
        "undone_at",
        "undone_by",
    ]
    exclude = ["snapshot"]
    actions = ["undo"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Undo selected merges…", permissions=["change"])
    def undo(self, request, queryset):
        form = bound_if_applied(request, ReasonForm)
        if not form.is_valid():
            return action_form(self, request, queryset, form, "Undo merges", "undo")
        for merge in queryset.order_by("-created"):
            try:
                services.merge_undo(
                    merge=merge, user=request.user, reason=form.cleaned_data["reason"]
                )
            except services.MergeRefused as error:
                self.message_user(request, f"{merge}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"Undone: {merge}", messages.SUCCESS)
        return None


@admin.register(AttributionReport)
class AttributionReportAdmin(WorkspaceAdmin):
    """Visitors' reports; details are plain text and the admin escapes them."""

    list_display = ["claim", "problem", "status", "created", "handled_by"]
    list_filter = ["status", "problem"]
    list_select_related = ["claim", "handled_by"]
    search_fields = ["details", "claim__key", "claim__statement"]
    readonly_fields = ["claim", "problem", "details", "contact", "created", "handled_by"]
    fields = ["claim", "problem", "details", "contact", "status", "created", "handled_by"]
    actions = ["resolve", "reject"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.handled_by = request.user
        super().save_model(request, obj, form, change)

    def _close(self, request, queryset, status):
        count = queryset.filter(status=ReportStatus.OPEN).update(
            status=status, handled_by=request.user
        )
        message = ngettext(
            "%(count)d report marked %(status)s.", "%(count)d reports marked %(status)s.", count
        )
        self.message_user(request, message % {"count": count, "status": status}, messages.SUCCESS)

    @admin.action(description="Resolve selected reports", permissions=["change"])
    def resolve(self, request, queryset):
        self._close(request, queryset, ReportStatus.RESOLVED)

    @admin.action(description="Reject selected reports", permissions=["change"])
    def reject(self, request, queryset):
        self._close(request, queryset, ReportStatus.REJECTED)
