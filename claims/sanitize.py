"""The one place untrusted or curator-written markup becomes HTML. Only values returned
from here may be rendered with `|safe`; this is the only module that imports bleach."""

import json
import re
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.utils.html import escape
from django.utils.safestring import mark_safe

from claims.folding import match_pattern

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = {"http", "https", "mailto"}


def _link_rel(attrs, new=False):
    """Every link, written or linkified, gets rel="nofollow noopener"."""
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


# Cleaning and linkifying in one pass: bleach's Linker run after clean() escapes the text
# of the tags it skips a second time (`a & b` in code showed as `a &amp;amp; b`).
_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_link_rel], skip_tags={"pre", "code"})],
)


def render_markdown(text):
    """Curator notes in Markdown as safe HTML: an allow-list of tags and attributes, only
    http(s) and mailto links, each with rel="nofollow noopener"."""
    if not text or not text.strip():
        return mark_safe("")
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    return mark_safe(_cleaner.clean(html))


_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as JSON for a <script type="application/ld+json"> block.

    <, > and & are escaped so no value can close the script element.
    """
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=1).translate(_JSON_ESCAPES))


# C0 controls other than tab, newline and carriage return, DEL and the C1 controls: XML 1.0
# (the Atom feed) cannot carry most of them and none is text. Vertical tab and form feed
# separate lines or pages, so they become newlines; the rest are dropped.
_LINE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def strip_control_characters(text):
    """`text` without control characters: tab, newline and carriage return stay, vertical tab
    and form feed become newlines, every other one is removed."""
    return _CONTROL_CHARACTERS.sub("", text.translate(_LINE_BREAKS))


def highlight(text, query):
    """`text` (plain) escaped, with where a search for `query` matches it in <mark>."""
    pattern = match_pattern(query or "")
    if pattern is None:
        return mark_safe(escape(text))
    parts, end = [], 0
    for found in pattern.finditer(text):
        parts += [escape(text[end : found.start()]), f"<mark>{escape(found.group(0))}</mark>"]
        end = found.end()
    return mark_safe("".join([*parts, escape(text[end:])]))


_TAG = re.compile(r"(<[^>]*>)")
_QUOTED = re.compile(r"(<blockquote\b.*?</blockquote>)", re.DOTALL)


def highlight_quoted(html, query):
    """The app's own rendered `html` (a quote card) with where a search for `query` matches
    the text of its <blockquote> wrapped in <mark>; tags and everything else as they were."""
    pattern = match_pattern(query or "")
    if pattern is None:
        return mark_safe(html)

    def mark_text(part):
        if part.startswith("<"):
            return part
        return pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", part)

    def mark_quoted(found):
        return "".join(mark_text(part) for part in _TAG.split(found.group(0)))

    return mark_safe(_QUOTED.sub(mark_quoted, str(html)))
