"""Forms for curators."""

from django import forms

from claims.extraction.article import UnreadableText, check_text, decode_text
from claims.models import AttributionReport


class ArticleImportForm(forms.Form):
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        label="Article text",
        help_text="Paste the page: the title on the first line, then header lines such as "
        "the outlet, byline and date, then the body.",
    )
    file = forms.FileField(
        required=False,
        label="Or upload a text file",
        help_text="A plain-text file in UTF-8, shaped like the pasted text.",
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        try:
            return decode_text(upload.read())
        except UnreadableText as error:
            raise forms.ValidationError(f"This file cannot be imported: {error}.") from error

    def clean(self):
        cleaned = super().clean()
        text, from_file = cleaned.get("text", ""), cleaned.get("file")
        if self.errors:
            return cleaned
        if text.strip() and from_file:
            raise forms.ValidationError("Paste the text or upload a file, not both.")
        content = from_file or text
        try:
            cleaned["content"] = check_text(content)
        except UnreadableText as error:
            raise forms.ValidationError(
                "Paste an article's text or upload a file to import."
                if not content.strip()
                else f"This text cannot be imported: {error}."
            ) from error
        upload = self.files.get("file")
        cleaned["source_name"] = upload.name if from_file and upload else ""
        return cleaned


class AttributionReportForm(forms.ModelForm):
    """A visitor's report that a claim's attribution is wrong. `website` is a honeypot:
    hidden from people, filled in by bots."""

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = AttributionReport
        fields = ["problem", "details", "contact"]
        labels = {
            "problem": "What is wrong?",
            "details": "Details",
            "contact": "Your email (optional)",
        }
        help_texts = {
            "details": "What should it be, and where did you see it? Plain text, at most "
            "2,000 characters.",
            "contact": "Only if you would like a reply; it is never shown.",
        }
        widgets = {"details": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError("This field must be left empty.")
        return ""
