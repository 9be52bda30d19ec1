"""The curators' workspace. Every model is registered; quotes are edited in context."""

from django.contrib import admin

from claims.models import Article, Claim, Membership, Organization, Quote, Speaker


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "slug", "aliases", "search_names"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["speaker", "role", "organization", "start_date", "end_date"]
    list_select_related = ["speaker", "organization"]
    autocomplete_fields = ["speaker", "organization"]
    search_fields = ["speaker__name", "organization__name", "role"]


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = ["text", "start", "end", "kind", "speaker", "attributed_as", "status", "claim"]
    readonly_fields = ["text", "start", "end"]
    autocomplete_fields = ["speaker", "claim"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "original_source", "published", "seed_file"]
    list_select_related = ["outlet", "original_source"]
    list_filter = ["outlet", "original_source"]
    search_fields = ["title", "body", "author"]
    autocomplete_fields = ["outlet", "original_source"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuoteInline]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["key", "statement", "speaker"]
    list_select_related = ["speaker"]
    search_fields = ["key", "statement", "speaker__name"]
    autocomplete_fields = ["speaker"]
    readonly_fields = ["key", "created"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["text", "speaker", "attributed_as", "kind", "status", "article"]
    list_select_related = ["speaker", "article"]
    list_filter = ["status", "kind", "method", "article__outlet"]
    search_fields = ["text", "attributed_as", "speaker__name", "speaker__aliases"]
    autocomplete_fields = ["article", "speaker", "organization", "claim"]
    readonly_fields = ["updated", "method", "extractor_version"]
