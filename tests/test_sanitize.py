"""Curator notes: Markdown in, only allow-listed HTML out, links marked nofollow."""

import pytest
from django.template import Context, Template

from claims.sanitize import render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    "<a href=javascript:alert(1)>click</a>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<b onmouseover=alert(1)>unclosed",
    "<svg onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<iframe src="https://evil.example/"></iframe>',
    "<object data=x></object><embed src=x>",
    '"><script>alert(1)</script>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payloads_come_out_harmless(payload):
    html = str(render_markdown(payload)).lower()
    for dangerous in (
        "<script",
        "<img",
        "<svg",
        "<iframe",
        "<object",
        "<embed",
        "<style",
        "javascript:",
        "data:",
        "onerror",
        "onload",
        "onmouseover",
        "style=",
    ):
        assert dangerous not in html


def test_markdown_formatting_survives():
    html = render_markdown("**Checked** against _Reuters_:\n\n- one\n- two")
    assert "<strong>Checked</strong>" in html and "<em>Reuters</em>" in html
    assert "<ul>" in html and "<li>one</li>" in html


def test_links_get_nofollow_noopener_whether_written_or_bare():
    html = render_markdown("[Reuters](https://reuters.com) and https://example.org")
    assert html.count('rel="nofollow noopener"') == 2
    assert 'href="https://reuters.com"' in html


def test_unclosed_tags_are_closed():
    assert str(render_markdown("<b>bold")) == "<p><b>bold</b></p>"


def test_empty_notes_render_nothing():
    assert render_markdown("") == "" and render_markdown("   ") == ""


def test_template_filter_renders_sanitised_html_unescaped():
    template = Template("{% load claims_markup %}{{ notes|markdown }}")
    html = template.render(Context({"notes": "**ok** <script>x()</script>"}))
    assert "<strong>ok</strong>" in html and "<script" not in html


def test_strip_control_characters_keeps_tab_newline_and_carriage_return():
    from claims.sanitize import strip_control_characters

    assert strip_control_characters("a\tb\r\nc — é ص") == "a\tb\r\nc — é ص"


def test_strip_control_characters_turns_line_and_page_breaks_into_newlines():
    from claims.sanitize import strip_control_characters

    assert strip_control_characters("one\x0btwo\x0cthree") == "one\ntwo\nthree"


def test_strip_control_characters_removes_every_other_control_character():
    from claims.sanitize import strip_control_characters

    controls = "".join(map(chr, [*range(0, 9), *range(14, 32), *range(0x7F, 0xA0)]))
    assert strip_control_characters(f"a{controls}b") == "ab"


def test_code_in_notes_is_escaped_once():
    html = render_markdown("`a & b` and <b>")
    assert "<code>a &amp; b</code>" in html
    assert "&amp;amp;" not in html
