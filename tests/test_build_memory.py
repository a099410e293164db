"""A language's run lets go of what it no longer reads (helpcenter/plugin.py, memory.py):
each page's Markdown once converted (every page of the run is converted before the first
is written), its HTML packed until its turn and let go once written."""

from __future__ import annotations

from types import SimpleNamespace

from helpcenter.memory import Packed, packed, unpacked
from helpcenter.plugin import HelpCenterPlugin


def test_html_waits_packed_and_the_markdown_is_let_go_once_converted():
    plugin = HelpCenterPlugin()
    page = SimpleNamespace(markdown="# Commande", meta={}, toc=None, content=None)
    html = "<p>Annulée ’ 🙂</p>" * 1000
    page.content = plugin.on_page_content(html, page, None, None)
    assert page.markdown is None
    assert isinstance(page.content, Packed) and len(page.content) < len(html) / 10
    assert unpacked(page.content) == html


def test_packing_keeps_every_character():
    html = "<p>Annulée ’ 🙂 « x »</p>"
    assert unpacked(packed(html)) == html and packed(None) is None and unpacked("<p>") == "<p>"
