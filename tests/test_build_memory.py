"""A language build (helpcenter/parallel.py) lets go of what it no longer reads: each
page's Markdown once converted (every page of the language is converted before the
first is written), its HTML packed until it is written and let go once written. Byte-identical output: tests/test_parallel.py."""

from __future__ import annotations

from types import SimpleNamespace

from helpcenter.parallel import Packed, render_only, unpacked


def _page(src_uri: str, markdown: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), markdown=markdown, content=None)


def test_a_language_build_drops_the_markdown_once_converted_and_the_html_once_written():
    written = []

    class Build:  # MkDocs' build module: the two functions render_only wraps
        @staticmethod
        def _populate_page(page, config, files, dirty=False):
            page.content = f"<p>{page.markdown}</p>"

        @staticmethod
        def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
            written.append(page.content)

    render_only("fr", Build)
    fr, en = _page("fr/order.md", "Commande"), _page("en/order.md", "Order")
    Build._populate_page(fr, None, None)
    Build._populate_page(en, None, None)
    assert fr.markdown is None  # converted: its Markdown let go
    assert isinstance(fr.content, Packed) and unpacked(fr.content) == "<p>Commande</p>"  # held packed
    assert (en.markdown, en.content) == ("Order", None)  # another language's page: never converted
    Build._build_page(fr, None, [], None, None)
    Build._build_page(en, None, [], None, None)
    assert written == ["<p>Commande</p>"] and fr.content is None
