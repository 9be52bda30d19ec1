"""Forms for the curators' admin: locked edits with reasons, quotes added by pasting their
text, the inputs of bulk actions, merges and the review queue, and the article import."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import Resolver404, resolve
from django.utils.translation import ngettext

from claims.extraction.article import UnreadableText, check_text, decode_text
from claims.extraction.web import UnreadablePage, check_url
from claims.models import Claim, Quote, QuoteStatus, Speaker
from claims.models.checks import REASON_MAX_LENGTH
from claims.services import stale_message

REASON_HELP = (
    "Shown publicly on the claim page, e.g. “The article names Hadi al-Amiri, not his spokesman”."
)


def reason_field(required=False):
    return forms.CharField(
        required=required,
        max_length=REASON_MAX_LENGTH,
        label="Reason for this change",
        help_text=REASON_HELP,
    )


class LockedEditForm(forms.ModelForm):
    """A change form that refuses to save over an edit made since it was opened (or sent
    without the version it opened), and asks for a reason when any of `reason_fields`
    changes."""

    reason_fields = ()

    # Not "version": ModelForm refuses the name of a non-editable model field.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_reason = reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored row, not the instance: a history revert edits an older version.
        self.current = (
            type(self.instance).objects.filter(pk=self.instance.pk).first()
            if self.instance.pk
            else None
        )
        if self.current is not None:
            self.fields["opened_version"].initial = self.current.version

    def clean(self):
        cleaned = super().clean()
        if self.current is None:
            return cleaned
        sent = cleaned.get("opened_version")
        if sent is None:
            # Without it the lock cannot tell whether someone else saved meanwhile.
            raise ValidationError(
                "This form was sent without the version you opened, so it cannot be checked "
                "against other curators' edits; reload the page and make your change again.",
                code="unversioned",
            )
        if sent != self.current.version:
            raise ValidationError(
                stale_message(type(self.instance), self.instance.pk), code="stale"
            )
        changed = [name for name in self.reason_fields if self._differs(name)]
        if changed and not cleaned.get("change_reason", "").strip():
            self.add_error(
                "change_reason",
                f"Say why you changed the {' and '.join(changed)}: the reason is shown "
                "publicly on the claim page.",
            )
        return cleaned

    def expected_version(self):
        return self.cleaned_data["opened_version"]

    def _differs(self, name):
        if name not in self.fields or name not in self.cleaned_data:
            return False
        new = self.cleaned_data[name]
        old = self.current._meta.get_field(name).value_from_object(self.current)
        return getattr(new, "pk", new) != old


class ClaimAdminForm(LockedEditForm):
    reason_fields = ("statement", "speaker")

    class Meta:
        model = Claim
        fields = ["statement", "speaker", "notes"]


def occurrences(body, text):
    """Every offset at which `text` starts in `body`."""
    found, at = [], body.find(text)
    while at != -1:
        found.append(at)
        at = body.find(text, at + 1)
    return found


def occurrence_field():
    return forms.IntegerField(
        min_value=1,
        required=False,
        help_text="Only when the text occurs more than once: which one, counting from the "
        "start (1, 2, …).",
    )


def locate(form, article, text, kind, exclude_pk=None):
    """Set the form's quote offsets to where `text` occurs in `article` (the occurrence the
    curator chose), or add the error that says why it cannot be placed."""
    starts = occurrences(article.body, text)
    picked = form.cleaned_data.get("occurrence")
    if not starts:
        form.add_error(
            "text",
            "This text is not in the article body. Paste it exactly as the article "
            "has it, punctuation and quotation marks included.",
        )
    elif picked is None and len(starts) > 1:
        form.add_error(
            "occurrence",
            f"This text occurs {len(starts)} times; enter which one: "
            + "; ".join(
                f"{n} — “…{_around(article.body, at, len(text))}…”"
                for n, at in enumerate(starts, 1)
            ),
        )
    elif picked is not None and picked > len(starts):
        form.add_error(
            "occurrence",
            f"The text occurs {len(starts)} time{'s' if len(starts) > 1 else ''}; "
            f"choose a number from 1 to {len(starts)}.",
        )
    else:
        start = starts[(picked or 1) - 1]
        form.instance.start, form.instance.end = start, start + len(text)
        if (
            Quote.objects.filter(article=article, start=start, end=start + len(text), kind=kind)
            .exclude(pk=exclude_pk)
            .exists()
        ):
            form.add_error("text", "This quote is already marked in the article.")


class QuoteLocateForm(forms.ModelForm):
    """A new quote, given by pasting its text: the offsets are found in the article body."""

    occurrence = occurrence_field()

    class Meta:
        model = Quote
        fields = [
            "article",
            "text",
            "occurrence",
            "kind",
            "speaker",
            "organization",
            "attributed_as",
            "claim",
            "status",
            "notes",
        ]
        help_texts = {"text": "Paste the quote exactly as the article has it."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "claim" in self.fields:
            self.fields["claim"].required = False
            self.fields["claim"].help_text = "Leave empty to start a claim of its own."

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text")
        article = cleaned.get("article") or (
            self.instance.article if self.instance.article_id else None
        )
        if not text or article is None:
            if text and article is None:
                self.add_error(None, "Save the article first, then add its quotes.")
            return cleaned
        locate(self, article, text, cleaned.get("kind"))
        return cleaned


def _around(body, start, length, reach=30):
    return body[max(0, start - reach) : start + length + reach].replace("\n", " ")


class QuoteAdminForm(LockedEditForm):
    """A quote's change form; pasting corrected text moves its offsets in the article."""

    reason_fields = ("text", "speaker", "status", "claim")

    occurrence = occurrence_field()

    class Meta:
        model = Quote
        fields = [
            "article",
            "text",
            "start",
            "end",
            "kind",
            "speaker",
            "organization",
            "attributed_as",
            "cue",
            "claim",
            "status",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "text" in self.fields:
            self.fields["text"].required = False
            self.fields["text"].help_text = (
                "To correct where the quote starts or ends, paste its text exactly as the "
                "article has it. Left empty, the text stays as it is."
            )

    def clean_text(self):
        return self.cleaned_data["text"] or self.current.text

    def clean(self):
        cleaned = super().clean()
        if self.current is not None and self._differs("text"):
            locate(self, self.current.article, cleaned["text"], self.current.kind, self.current.pk)
        return cleaned


class ReassignForm(forms.Form):
    speaker = forms.ModelChoiceField(Speaker.objects.all(), label="New speaker")
    reason = reason_field(required=True)


class AttachForm(forms.Form):
    claim = forms.CharField(
        label="Claim",
        max_length=500,
        help_text="The claim's key, e.g. “3fa2c9d01b”, or its page's address, pasted.",
    )
    reason = reason_field(required=True)

    def clean_claim(self):
        given = self.cleaned_data["claim"].strip()
        key = _claim_key_in(given)
        claim = Claim.objects.filter(key=key).first() if key else None
        if claim is None:
            raise ValidationError(f"No claim has the key or address “{given}”.")
        return claim


def _claim_key_in(given):
    """The claim key `given` is, or that its claim page address holds; None if neither."""
    if "/" not in given:
        return given
    try:
        match = resolve(urlsplit(given).path)
    except Resolver404:
        return None
    return match.kwargs.get("key") if match.namespace == "claims" else None


class ReasonForm(forms.Form):
    """The reason a bulk action asks for before it runs."""

    reason = reason_field(required=True)


class SurvivorField(forms.ModelChoiceField):
    """A merge candidate shown with what it carries, so the curator can see which to keep."""

    def label_from_instance(self, obj):
        aliases = len(obj.aliases)
        counts = ", ".join(
            [
                ngettext("%(n)d quote", "%(n)d quotes", obj.quote_count) % {"n": obj.quote_count},
                ngettext("%(n)d alias", "%(n)d aliases", aliases) % {"n": aliases},
                ngettext("%(n)d membership", "%(n)d memberships", obj.membership_count)
                % {"n": obj.membership_count},
            ]
        )
        description = f": {obj.description}" if obj.description else ""
        return f"{obj.name} — {counts}{description}"


class MergeForm(forms.Form):
    survivor = SurvivorField(
        queryset=None,
        widget=forms.RadioSelect,
        label="Keep",
        help_text="It keeps every quote, membership and name; the others become its aliases.",
    )
    reason = forms.CharField(
        max_length=REASON_MAX_LENGTH,
        help_text="Why these are one, e.g. “Same spokesman, transliterated twice”; "
        "shown publicly on the claim pages of their quotes.",
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = queryset.annotate(
            quote_count=Count("quotes", distinct=True),
            membership_count=Count("memberships", distinct=True),
        )


class ReviewForm(forms.Form):
    """One decision in the review queue about the quote the curator was shown."""

    DECISIONS = {"verify": "Verified", "dispute": "Disputed", "speaker": "Speaker fixed"}

    quote = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=list(DECISIONS.items()))
    speaker = forms.ModelChoiceField(Speaker.objects.all(), required=False, label="Correct speaker")
    reason = forms.CharField(
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text="Shown publicly. Needed to dispute or fix the speaker; a verification "
        "without one reads “Checked against the article”.",
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == "speaker" and not cleaned.get("speaker"):
            self.add_error("speaker", "Choose the speaker who said it.")
        if decision in {"dispute", "speaker"} and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why: the reason is shown on the claim page.")
        return cleaned

    def changes(self):
        """Field values to set on the quote; fixing the speaker also verifies it."""
        decision = self.cleaned_data["decision"]
        if decision == "dispute":
            return {"status": QuoteStatus.DISPUTED}
        if decision == "speaker":
            return {"speaker": self.cleaned_data["speaker"], "status": QuoteStatus.VERIFIED}
        return {"status": QuoteStatus.VERIFIED}

    def change_reason(self):
        return self.cleaned_data["reason"].strip() or "Checked against the article"


class ArticleImportForm(forms.Form):
    """One article to import: pasted text, an uploaded text or HTML file, or a page's URL.
    Cleaned data: `content` (text) or `html` (bytes of a page, with `url` when given)."""

    HTML_SUFFIXES = (".html", ".htm", ".xhtml")

    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        label="Article text",
        help_text="Paste the page: the title on the first line, then header lines such as "
        "the outlet, byline and date, then the body.",
    )
    file = forms.FileField(
        required=False,
        label="Or upload a file",
        help_text="A plain-text file in UTF-8, shaped like the pasted text, or a web page "
        "saved as .html.",
    )
    url = forms.CharField(
        required=False,
        max_length=500,
        label="Or import from a web address",
        help_text="The address of a news article, e.g. https://example.org/news/story.html; "
        "its main text, title, author, date and site name are read from the page.",
        widget=forms.URLInput(attrs={"size": 80}),
    )

    def clean_url(self):
        url = self.cleaned_data.get("url", "").strip()
        if url:
            try:
                check_url(url)
            except UnreadablePage as error:
                raise forms.ValidationError(f"This address cannot be imported: {error}.") from error
        return url

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        data = upload.read()
        if upload.name.lower().endswith(self.HTML_SUFFIXES):
            if not data.strip():
                raise forms.ValidationError("This file cannot be imported: the page is empty.")
            return data
        try:
            return decode_text(data)
        except UnreadableText as error:
            raise forms.ValidationError(f"This file cannot be imported: {error}.") from error

    def clean(self):
        cleaned = super().clean()
        text, from_file, url = cleaned.get("text", ""), cleaned.get("file"), cleaned.get("url")
        if self.errors:
            return cleaned
        if sum(bool(given) for given in (text.strip(), from_file, url)) > 1:
            raise forms.ValidationError(
                "Paste the text, upload a file or give a web address: one of them, not several."
            )
        upload = self.files.get("file")
        cleaned["source_name"] = upload.name if from_file and upload else ""
        cleaned["html"] = from_file if isinstance(from_file, bytes) else None
        if url or cleaned["html"] is not None:
            return cleaned
        content = from_file or text
        try:
            cleaned["content"] = check_text(content)
        except UnreadableText as error:
            raise forms.ValidationError(
                "Paste an article's text, upload a file or give a web address to import."
                if not content.strip()
                else f"This text cannot be imported: {error}."
            ) from error
        return cleaned
