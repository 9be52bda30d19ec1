"""Template tags: `{{ notes|markdown }}` (curator notes through claims.sanitize),
`{{ text|highlight:query }}` and `{{ card|highlight_quoted:query }}` (search matches in
<mark>, through claims.sanitize), `{% quote_card quote %}` (a cached quote card,
claims.scale), `field|options` and `{{ quote_or_claim|reported }}` (reported speech as a
sentence, claims.pages)."""

from django import template

from claims import pages, scale
from claims.sanitize import highlight, highlight_quoted, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.filter(name="highlight")
def highlight_filter(text, query):
    return highlight(text, query)


@register.filter(name="highlight_quoted")
def highlight_quoted_filter(html, query):
    return highlight_quoted(html, query)


@register.filter(name="reported")
def reported_filter(item):
    """`{{ quote|reported }}`, `{{ claim|reported }}`: reported speech as the sentence
    that reports it, without quotation marks."""
    return pages.reported(item)


@register.filter(name="is_reported")
def is_reported_filter(item):
    """`{% if claim|is_reported %}`: whether a quote or a claim's statement is reported
    speech, shown unquoted."""
    return pages.is_reported(item)


@register.simple_tag(name="quote_card")
def quote_card_tag(quote):
    """`{% quote_card quote %}`: the quote's card, cached by the versions it shows."""
    return scale.card(quote)


@register.filter(name="options")
def options_filter(bound_field, facets=None):
    """`{% for value, label, selected in field|options %}`: a select's options as plain
    tuples, without the widget context Django builds for every option (a long list of
    options cost milliseconds per page). `field|options:facets` shows the field's options as
    `facets` (claims.facets.Facets) labels them with counts, when it does."""
    value = bound_field.value()
    values = value if isinstance(value, list | tuple) else [value]
    chosen = {"" if v is None else str(v) for v in values}
    choices = facets.choices.get(bound_field.name) if facets else None
    choices = choices or bound_field.field.choices
    return [(str(v), label, str(v) in chosen) for v, label in choices]
