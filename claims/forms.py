"""The public form: a visitor's report that a claim's attribution is wrong."""

from django import forms

from claims.models import AttributionReport


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
