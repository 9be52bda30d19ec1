"""`{% load claims_markup %}{{ notes|markdown }}`: curator notes through claims.sanitize."""

from django import template

from claims.sanitize import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)
