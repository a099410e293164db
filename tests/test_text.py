"""Editors' text becomes Markdown that shows exactly that text, never markup."""

from __future__ import annotations

import markdown
import pytest

from conftest import LANGS
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
    assert french_spacing("sous 72 heures, 7 à 15 jours ouvrables, le 2 avril") == (
        "sous 72\u00a0heures, 7\u00a0à\u00a015\u00a0jours ouvrables, le 2\u00a0avril")


def test_a_message_label_is_quoted_a_button_is_bold():
    """labels.yml: an id starting with "message-" is something the platform
    shows (a status), quoted; any other is a button or menu, in bold. English
    pages add the French words readers may see on screen."""
    from types import SimpleNamespace

    from helpcenter.text import inline

    content = SimpleNamespace(languages=LANGS, labels={"my-orders": {"fr": "Mes commandes", "en": "My Orders"},
                                      "message-sent": {"fr": "envoi annulé", "en": "shipment cancelled"}})
    text = "{ui:my-orders} : le message {ui:message-sent}."
    assert inline(content, text, "fr") == "**Mes commandes**\u00a0: le message «\u00a0envoi annulé\u00a0»."
    assert inline(content, text, "en") == ("**My Orders** (*Mes commandes*) : le message "
                                           "“shipment cancelled” («\u00a0envoi annulé\u00a0»).")
