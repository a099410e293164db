"""Editors' text becomes Markdown that shows exactly that text, never markup."""

from __future__ import annotations

import markdown
import pytest

from helpcenter.text import escape, french_spacing


def html(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "md_in_html"])


@pytest.mark.parametrize("text", [
    "Use *stars* and _underscores_ literally",
    "A [fake link](javascript:alert(1)) stays text",
    "An ![image](x.png) stays text",
    "Back`ticks` and \\backslashes\\",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "> not a quote",
    "a & b &amp; c",
    "{: #not-an-attribute }",
])
def test_escaped_text_renders_as_itself(text):
    rendered = html(escape(text))
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert inner == text.replace("&", "&amp;").replace(">", "&gt;")


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<!-- hidden -->",
    "&lt;script&gt;",
])
def test_markup_never_becomes_live(text):
    rendered = html(escape(text))
    assert "<script" not in rendered and "<img" not in rendered and "<!--" not in rendered


def test_french_spacing_uses_no_break_spaces():
    assert french_spacing("Attention : payé ? oui ! « non »") == "Attention\u00a0: payé\u00a0? oui\u00a0! «\u00a0non\u00a0»"
