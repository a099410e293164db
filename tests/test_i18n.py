"""One language's run (helpcenter/i18n.py): its files at their address, its language
menu to each page's twin or that language's home, the sitemap of every language.

Pure functions on a docs/ folder made here; the whole site built from a fixture is
compared with the previous pipeline's in tests/test_published_site.py.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from helpcenter import i18n, locales

TABLE = {"plugins": [{"helpcenter": {"languages": [
    {"locale": "fr", "name": "Français", "default": True},
    {"locale": "en", "name": "English"},
    {"locale": "de", "name": "Deutsch", "extra": {"helpcenter": {"locale": "de_DE", "draft": True}}}]}}]}


# The table every call here is given (French, English, and German as a draft).
LANGS = locales.Languages.parse(TABLE)


def _docs(tmp_path: Path, pages: dict[str, list[str]]) -> Path:
    docs = tmp_path / "docs"
    for lang, paths in pages.items():
        for rel in paths:
            (docs / lang / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs / lang / rel).write_text("# x\n", encoding="utf-8")
    (docs / "assets").mkdir(parents=True, exist_ok=True)
    (docs / "assets" / "a.css").write_text("a{}", encoding="utf-8")
    return docs


def _files(docs: Path, site: Path) -> tuple[Files, SimpleNamespace]:
    config = SimpleNamespace(docs_dir=str(docs), site_dir=str(site), use_directory_urls=True)
    found = [File(p.relative_to(docs).as_posix(), str(docs), str(site), True)
             for p in sorted(docs.rglob("*")) if p.is_file()]
    return Files(found), config


def test_a_run_keeps_its_language_at_its_address_and_nothing_of_the_others(tmp_path):
    docs = _docs(tmp_path, {"fr": ["index.md", "alpha.md", "guide/index.md"], "en": ["index.md", "alpha.md"]})
    files, config = _files(docs, tmp_path / "site")
    french = i18n.language_files(files, config, "fr", LANGS)
    assert sorted((f.src_uri, f.url) for f in french) == [
        ("assets/a.css", "assets/a.css"), ("fr/alpha.md", "alpha/"), ("fr/guide/index.md", "guide/"), ("fr/index.md", "./")]
    english = i18n.language_files(files, config, "en", LANGS)
    # The shared assets are the default language's run's to write: never twice.
    assert sorted((f.src_uri, f.url) for f in english) == [("en/alpha.md", "en/alpha/"), ("en/index.md", "en/")]
    assert i18n.home_page(french, "fr") is None  # no nav built yet: the file has no page


def test_the_menu_goes_to_the_twin_or_to_that_languages_home_never_to_another_language(tmp_path):
    docs = _docs(tmp_path, {"fr": ["index.md", "alpha.md", "only-fr.md"], "en": ["index.md", "alpha.md"]})
    twins = i18n.Twins.of(docs, LANGS)
    alpha = File("en/alpha.md", str(docs), str(tmp_path), True)
    assert i18n.Twins.alternates(twins, alpha, "en/alpha/", "https://aide.example.com/") == [
        {"name": "Français", "link": "alpha/", "lang": "fr"}, {"name": "English", "link": "en/alpha/", "lang": "en"}]
    lonely = File("fr/only-fr.md", str(docs), str(tmp_path), True)
    assert twins.alternates(lonely, "only-fr/", "https://aide.example.com/") == [
        {"name": "Français", "link": "only-fr/", "lang": "fr"}, {"name": "English", "link": "/en/", "lang": "en"}]
    home = File("en/index.md", str(docs), str(tmp_path), True)
    assert [item["link"] for item in twins.alternates(home, "en/", "https://aide.example.com/help/")] == ["/help/", "/help/en/"]


def test_a_draft_language_is_in_the_menu_only_in_a_preview(tmp_path):
    assert [item["lang"] for item in i18n.homes("https://aide.example.com/", LANGS)] == ["fr", "en"]
    assert [item["lang"] for item in i18n.homes("https://aide.example.com/", LANGS.previewing())] == ["fr", "en", "de"]


def test_pages_are_listed_in_the_order_mkdocs_walks_docs(tmp_path):
    docs = _docs(tmp_path, {"fr": ["b.md", "index.md", "a.md", "guide/z.md", "guide/index.md", "agents/index.md"]})
    assert i18n.markdown_pages(docs, "fr") == ["index.md", "a.md", "b.md", "agents/index.md", "guide/index.md", "guide/z.md"]
    assert i18n.markdown_pages(docs, "en") == []


def test_the_sitemap_lists_each_language_then_each_page_with_its_twins(tmp_path):
    docs = _docs(tmp_path, {"fr": ["index.md", "alpha.md"], "en": ["index.md", "alpha.md", "only-en.md"]})
    entries = i18n.sitemap_entries(i18n.Twins.of(docs, LANGS), "https://h.example/")
    assert entries == [
        ("https://h.example/", [("fr", "https://h.example/"), ("en", "https://h.example/en/")]),
        ("https://h.example/alpha/", [("fr", "https://h.example/alpha/"), ("en", "https://h.example/en/alpha/")]),
        ("https://h.example/en/", [("en", "https://h.example/en/"), ("fr", "https://h.example/")]),
        ("https://h.example/en/alpha/", [("en", "https://h.example/en/alpha/"), ("fr", "https://h.example/alpha/")]),
        ("https://h.example/en/only-en/", [("en", "https://h.example/en/only-en/")])]
    xml = i18n.sitemap_xml(entries[-1:], "2026-12-03")
    assert xml == ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
                   ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n    <url>\n        <loc>https://h.example/en/only-en/</loc>\n'
                   '        <lastmod>2026-12-03</lastmod>\n        <changefreq>daily</changefreq>\n'
                   '        <xhtml:link rel="alternate" hreflang="en" href="https://h.example/en/only-en/"/>\n    </url>\n</urlset>')


def test_nav_paths_are_made_relative_to_docs():
    nav = [{"Accueil": "index.md"}, {"Section": [{"A": "alpha.md"}]}, "hand.md", {"Out": "https://example.com/"}]
    assert i18n.in_folder(nav, "en") == [{"Accueil": "en/index.md"}, {"Section": [{"A": "en/alpha.md"}]}, "en/hand.md",
                                         {"Out": "https://example.com/"}]
