"""Template tags: `{{ notes|markdown }}` (curator notes through claims.sanitize) and
`{% quote_card quote %}` (a cached quote card, claims.cards)."""

from django import template

from claims import cards
from claims.sanitize import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.simple_tag(name="quote_card")
def quote_card_tag(quote):
    """`{% quote_card quote %}`: the quote's card, cached by the versions it shows."""
    return cards.card(quote)
