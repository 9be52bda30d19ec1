"""Admin for speakers, organizations and their memberships."""

from django.contrib import admin

from claims import services
from claims.admin.options import HistoryAdmin, LockedEditAdmin, MergeActionMixin
from claims.models import Membership, Organization, Speaker


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(MergeActionMixin, LockedEditAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_organizations"]
    merge_service = staticmethod(services.organization_merge)

    @admin.action(description="Merge selected organizations into one…", permissions=["merge"])
    def merge_organizations(self, request, queryset):
        return self._merge_action(request, queryset)


@admin.register(Speaker)
class SpeakerAdmin(MergeActionMixin, LockedEditAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "slug", "aliases", "search_names"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    actions = ["merge_speakers"]
    merge_service = staticmethod(services.speaker_merge)

    @admin.action(description="Merge selected speakers into one…", permissions=["merge"])
    def merge_speakers(self, request, queryset):
        return self._merge_action(request, queryset)


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["speaker", "role", "organization", "start_date", "end_date", "verified"]
    list_filter = ["verified"]
    list_editable = ["verified"]
    list_select_related = ["speaker", "organization"]
    autocomplete_fields = ["speaker", "organization"]
    search_fields = ["speaker__name", "organization__name", "role"]
