"""Admin for articles, claims and quotes, with the article import page and the review queue."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import ngettext

from claims import services
from claims.admin import views
from claims.admin.forms import (
    AttachForm,
    ClaimAdminForm,
    QuoteAdminForm,
    QuoteLocateForm,
    ReasonForm,
    ReassignForm,
    ReviewForm,
)
from claims.admin.options import (
    HistoryAdmin,
    LockedEditAdmin,
    action_form,
    bound_if_applied,
    quote_in_context,
)
from claims.models import Article, Claim, Quote, QuoteStatus, Speaker


class QuoteInline(admin.TabularInline):
    """The article's quotes, each highlighted in its paragraph; edit one on its own page."""

    model = Quote
    extra = 0
    fields = [quote_in_context, "speaker", "kind", "status", "claim"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "speaker", "claim")

    def has_add_permission(self, request, obj=None):
        return False


class ClaimQuoteInline(QuoteInline):
    """The claim's quotes, each in its paragraph with its article."""

    fields = [quote_in_context, "article", "speaker", "kind", "status"]
    readonly_fields = fields


class QuoteAddInline(admin.StackedInline):
    """New quotes, given by pasting their text; the offsets are found in the body."""

    model = Quote
    form = QuoteLocateForm
    extra = 1
    fields = ["text", "occurrence", "kind", "speaker", "organization", "attributed_as", "claim"]
    autocomplete_fields = ["speaker", "organization", "claim"]
    verbose_name = "new quote"
    verbose_name_plural = "Add quotes by pasting their text"

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = ["title", "outlet", "original_source", "published", "seed_file"]
    list_select_related = ["outlet", "original_source"]
    list_filter = ["outlet", "original_source"]
    search_fields = ["title", "body", "author"]
    autocomplete_fields = ["outlet", "original_source"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuoteInline, QuoteAddInline]

    def get_urls(self):
        # Before the default URLs, whose "<object_id>/" would take "import/".
        import_page = path(
            "import/",
            self.admin_site.admin_view(self.import_view),
            name="claims_article_import",
        )
        return [import_page, *super().get_urls()]

    def import_view(self, request):
        return views.article_import(request, self)

    def save_formset(self, request, form, formset, change):
        if not issubclass(formset.form, QuoteLocateForm):
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        formset.new_objects = [
            services.quote_add(quote=quote, user=request.user) for quote in formset.new_objects
        ]


@admin.register(Claim)
class ClaimAdmin(LockedEditAdmin):
    form = ClaimAdminForm
    list_display = ["key", "statement", "speaker"]
    list_select_related = ["speaker"]
    search_fields = ["key", "statement", "speaker__name"]
    autocomplete_fields = ["speaker"]
    readonly_fields = ["key", "created"]
    fields = ["key", "statement", "speaker", "notes", "change_reason", "opened_version", "created"]
    inlines = [ClaimQuoteInline]


@admin.register(Quote)
class QuoteAdmin(LockedEditAdmin):
    list_display = [
        "text",
        "speaker",
        "organization",
        "attributed_as",
        "kind",
        "status",
        "attribution_confidence",
        "article",
        "article__outlet",
        "claim_key",
    ]
    list_select_related = ["speaker", "organization", "article__outlet", "claim"]
    list_filter = [
        "status",
        ("speaker", admin.RelatedOnlyFieldListFilter),
        ("organization", admin.RelatedOnlyFieldListFilter),
        ("article__outlet", admin.RelatedOnlyFieldListFilter),
        "kind",
        "attribution_confidence",
    ]
    search_fields = ["text", "attributed_as", "speaker__name", "speaker__aliases", "claim__key"]
    autocomplete_fields = ["article", "speaker", "organization", "claim"]
    actions = ["mark_verified", "mark_disputed", "reassign_speaker", "attach_to_claim", "detach"]
    change_fields = [
        "article",
        quote_in_context,
        "text",
        "occurrence",
        "kind",
        "speaker",
        "organization",
        "attributed_as",
        "cue",
        "status",
        "claim",
        "same_claim_suggestions",
        "notes",
        "change_reason",
        "opened_version",
        "method",
        "extractor_version",
        "attribution_confidence",
        "updated",
    ]
    readonly_on_change = [
        "article",
        quote_in_context,
        "same_claim_suggestions",
        "method",
        "extractor_version",
        "updated",
    ]

    @admin.display(description="Possibly the same claim")
    def same_claim_suggestions(self, quote):
        """Claims of other articles worded like this quote, each with a link to attach."""
        return render_to_string(
            "admin/claims/includes/same_claim_suggestions.html",
            {"quote": quote, "suggestions": services.claim_suggestions(quote=quote)},
        )

    @admin.display(description="Claim", ordering="claim__key")
    def claim_key(self, quote):
        return quote.claim.key

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = QuoteAdminForm if obj is not None else QuoteLocateForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        return self.change_fields if obj is not None else QuoteLocateForm.Meta.fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_on_change if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change and "speaker" in form.changed_data:
            fields = services.quote_speaker_fields(speaker=obj.speaker, article=obj.article)
            if "organization" in form.changed_data:  # the curator chose it
                del fields["organization"]
            for field, value in fields.items():
                setattr(obj, field, value)
        if change:
            super().save_model(request, obj, form, change)
            if "speaker" in form.changed_data:
                self._offer_detach(request, obj)
            return None
        obj._history_user = request.user
        services.quote_add(quote=obj, user=request.user)

    def get_urls(self):
        review = path(
            "review/",
            self.admin_site.admin_view(self.review_view),
            name="claims_quote_review",
        )
        attach = path(
            "<int:pk>/attach/<slug:key>/",
            self.admin_site.admin_view(self.attach_view),
            name="claims_quote_attach",
        )
        return [review, attach, *super().get_urls()]

    def attach_view(self, request, pk, key):
        """Attach quote `pk` to the suggested claim `key` once the curator gives a reason;
        then back to where they came from (the review queue or the quote's page)."""
        quote = get_object_or_404(Quote.objects.select_related("article", "claim"), pk=pk)
        claim = get_object_or_404(Claim, key=key)
        if not self.has_change_permission(request, quote):
            raise PermissionDenied
        back = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        back = back or reverse("admin:claims_quote_change", args=[quote.pk])
        form = ReasonForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            self._bulk(
                request,
                Quote.objects.filter(pk=quote.pk),
                {"claim": claim},
                f"attach to claim {claim.key}",
                form.cleaned_data["reason"],
            )
            return redirect(back)
        context = {
            **self.admin_site.each_context(request),
            "title": "Attach to the suggested claim",
            "opts": Quote._meta,
            "quote": quote,
            "claim": claim,
            "form": form,
            "next": back,
        }
        return TemplateResponse(request, "admin/claims/quote_attach.html", context)

    def _bulk(self, request, queryset, changes, what, reason=""):
        count = services.quote_bulk_update(
            quotes=queryset, changes=changes, user=request.user, reason=_bulk_reason(what, reason)
        )
        self._counted(request, what, count)

    def _counted(self, request, what, count):
        message = ngettext("%(what)s: %(count)d quote.", "%(what)s: %(count)d quotes.", count)
        self.message_user(
            request, message % {"what": what.capitalize(), "count": count}, messages.SUCCESS
        )

    @admin.action(description="Mark selected quotes verified…", permissions=["change"])
    def mark_verified(self, request, queryset):
        form = bound_if_applied(request, ReasonForm)
        if not form.is_valid():
            return action_form(self, request, queryset, form, "Mark verified", "mark_verified")
        self._bulk(
            request,
            queryset,
            {"status": QuoteStatus.VERIFIED},
            "mark verified",
            form.cleaned_data["reason"],
        )
        return None

    @admin.action(description="Mark selected quotes disputed…", permissions=["change"])
    def mark_disputed(self, request, queryset):
        form = bound_if_applied(request, ReasonForm)
        if not form.is_valid():
            return action_form(self, request, queryset, form, "Mark disputed", "mark_disputed")
        self._bulk(
            request,
            queryset,
            {"status": QuoteStatus.DISPUTED},
            "mark disputed",
            form.cleaned_data["reason"],
        )
        return None

    @admin.action(description="Reassign selected quotes to a speaker…", permissions=["change"])
    def reassign_speaker(self, request, queryset):
        form = bound_if_applied(request, ReassignForm)
        if not form.is_valid():
            return action_form(self, request, queryset, form, "Reassign quotes", "reassign_speaker")
        speaker = form.cleaned_data["speaker"]
        what = f"reassign to {speaker}"
        count = services.quote_reassign(
            quotes=queryset.select_related("article"),
            speaker=speaker,
            user=request.user,
            reason=_bulk_reason(what, form.cleaned_data["reason"]),
        )
        self._counted(request, what, count)
        return None

    @admin.action(description="Attach selected quotes to a claim…", permissions=["change"])
    def attach_to_claim(self, request, queryset):
        form = bound_if_applied(request, AttachForm)
        if not form.is_valid():
            return action_form(
                self, request, queryset, form, "Attach to a claim", "attach_to_claim"
            )
        claim = form.cleaned_data["claim"]
        self._bulk(
            request,
            queryset,
            {"claim": claim},
            f"attach to claim {claim.key}",
            form.cleaned_data["reason"],
        )
        return None

    @admin.action(description="Detach selected quotes from their claims…", permissions=["add"])
    def detach(self, request, queryset):
        form = bound_if_applied(request, ReasonForm)
        if not form.is_valid():
            return action_form(self, request, queryset, form, "Detach from claims", "detach")
        count = services.quote_detach(
            quotes=queryset,
            user=request.user,
            reason=f"bulk action: detach from claim — {form.cleaned_data['reason']}",
        )
        message = ngettext(
            "Detached %(count)d quote into a claim of its own.",
            "Detached %(count)d quotes into claims of their own.",
            count,
        )
        self.message_user(request, message % {"count": count})
        return None

    def review_view(self, request):
        """The oldest unverified quote in its paragraph, one decision, then the next;
        with `?order=confidence` the least certain attributions come first."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self._review_decide(request)
        queue = Quote.objects.for_listing().filter(status=QuoteStatus.UNVERIFIED)
        remaining = queue.count()
        # Past the end the queue is empty; a huge offset would overflow SQLite's integers.
        skip = min(_review_skip(request.GET), remaining)
        order = _review_order(request.GET)
        ordered = queue.doubtful_first() if order else queue.oldest_first()
        quote = ordered[skip : skip + 1].first()
        context = {
            **self.admin_site.each_context(request),
            "title": "Review quotes",
            "opts": Quote._meta,
            "quote": quote,
            "in_context": quote_in_context(quote) if quote else "",
            "remaining": remaining,
            "skip": skip,
            "order": order,
            "next_url": _review_url(skip + 1, order),
            "oldest_url": _review_url(0),
            "doubtful_url": _review_url(0, REVIEW_ORDER),
            "form": ReviewForm(initial={"quote": quote.pk, "version": quote.version})
            if quote
            else None,
            "speakers": Speaker.objects.only("pk", "name"),
            "suggestions": services.claim_suggestions(quote=quote) if quote else [],
            "here": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/claims/quote_review.html", context)

    def _review_decide(self, request):
        form = ReviewForm(request.POST)
        # Back to the same place in the queue, so the page shows the quote decided on.
        back = _review_url(_review_skip(request.POST), _review_order(request.POST))
        if not form.is_valid():
            errors = "; ".join(e for errs in form.errors.values() for e in errs)
            self.message_user(request, f"Nothing changed: {errors}", messages.ERROR)
            return redirect(back)
        quote = Quote.objects.filter(pk=form.cleaned_data["quote"]).first()
        if quote is None:
            self.message_user(request, "That quote no longer exists.", messages.ERROR)
            return redirect(back)
        changes = form.changes()
        if "speaker" in changes:
            changes |= services.quote_speaker_fields(
                speaker=changes["speaker"], article=quote.article
            )
        for field, value in changes.items():
            setattr(quote, field, value)
        quote._history_user = request.user
        try:
            services.record_save_checked(
                obj=quote,
                expected_version=form.cleaned_data["version"],
                reason=form.change_reason(),
            )
        except services.StaleEdit as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            decision = ReviewForm.DECISIONS[form.cleaned_data["decision"]]
            self.message_user(request, f"{decision}: {quote}", messages.SUCCESS)
            if "speaker" in changes:
                self._offer_detach(request, quote)
        return redirect(back)

    def _offer_detach(self, request, quote):
        """After a speaker fix, point to Detach when the quote's claim is another speaker's."""
        claim = quote.claim
        if claim.speaker_id in (None, quote.speaker_id):
            return
        url = f"{reverse('admin:claims_quote_changelist')}?{urlencode({'id': quote.pk})}"
        self.message_user(
            request,
            format_html(
                "This quote is still part of a claim of {} ({}). If it is a different "
                'statement, <a href="{}">select it here</a> and choose “Detach selected '
                "quotes from their claims”.",
                claim.speaker,
                claim.key,
                url,
            ),
            messages.WARNING,
        )


def _bulk_reason(what, reason):
    return f"bulk action: {what}" + (f" — {reason}" if reason else "")


def _review_skip(data):
    """How many quotes of the review queue the curator skipped; 0 unless a count is given."""
    skip = data.get("skip", "")
    # int() refuses strings of over 4,300 digits; no queue is 18 digits long.
    return int(skip) if skip.isdecimal() and len(skip) <= 18 else 0


# The review queue's one other order: least certain attributions first.
REVIEW_ORDER = "confidence"


def _review_order(data):
    """REVIEW_ORDER when the curator asked for doubtful quotes first, else "" (oldest first)."""
    return REVIEW_ORDER if data.get("order") == REVIEW_ORDER else ""


def _review_url(skip, order=""):
    url = reverse("admin:claims_quote_review")
    query = {key: value for key, value in (("order", order), ("skip", skip)) if value}
    return f"{url}?{urlencode(query)}" if query else url
