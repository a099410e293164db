"""Each language stands on its own in the built site: search, sitemap, 404, alternates."""

from __future__ import annotations

from html import unescape
import json
import re

import pytest

from conftest import CONTENT, LANGS, ROOT, run_cli
from helpcenter.languages import search_index_for, sitemap_for, with_config
from helpcenter.search import published_docs
from helpcenter.text import plain
from helpcenter.validate import load_content

IDS = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yml"))


def test_search_index_keeps_one_language_relative_to_its_root():
    merged = json.dumps({"config": {"lang": ["fr", "en"], "separator": "x"}, "docs": [
        {"location": "", "title": "Accueil", "text": ""},
        {"location": "a/#s", "title": "A", "text": ""},
        {"location": "en/", "title": "Home", "text": ""},
        {"location": "en/a/#s", "title": "A en", "text": ""}]})
    fr = json.loads(search_index_for(merged, "fr", LANGS))
    en = json.loads(search_index_for(merged, "en", LANGS))
    assert fr["config"] == {"lang": ["fr"], "separator": "x"}
    assert [d["location"] for d in fr["docs"]] == ["", "a/#s"]
    assert en["config"]["lang"] == ["en"]
    assert [(d["location"], d["title"]) for d in en["docs"]] == [("", "Home"), ("a/#s", "A en")]


def test_with_config_rewrites_only_materials_config():
    html = '<p>"base": ".."</p><script id="__config" type="application/json">{"base": "../..", "x": "<b>"}</script>'
    out = with_config(html, lambda config: {**config, "base": "../"})
    assert out == ('<p>"base": ".."</p><script id="__config" type="application/json">'
                   '{"base": "../", "x": "\\u003cb\\u003e"}</script>')
    with pytest.raises(ValueError):
        with_config("<html></html>", lambda config: {**config, "base": "/"})


def test_language_sitemap_lists_its_own_urls_with_their_alternates():
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://h/a/</loc>'
           '<xhtml:link rel="alternate" hreflang="en" href="https://h/en/a/"/></url>'
           '<url><loc>https://h/en/a/</loc><xhtml:link rel="alternate" hreflang="fr" href="https://h/a/"/></url></urlset>')
    out = sitemap_for(xml, "https://h/en/")
    assert "<loc>https://h/a/</loc>" not in out
    assert '<loc>https://h/en/a/</loc><xhtml:link rel="alternate" hreflang="fr" href="https://h/a/" />' in out


def _index(site, root):
    folder = site / root / "search"
    small = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    return {**small, "docs": published_docs(lambda rel: (folder / rel).read_text(encoding="utf-8"))}


def test_each_language_has_its_own_search_index(built_site):
    fr, en = _index(built_site, ""), _index(built_site, "en")
    assert fr["config"]["lang"] == ["fr"] and en["config"]["lang"] == ["en"]
    for index in (fr, en):
        # one entry per article and the guide's first page; no hub (home, checklists, agents' desk)
        assert sorted(d["location"] for d in index["docs"]) == sorted([f"{sid}/" for sid in IDS] + ["guide/"])
    # Each index titles an article in its own language, by its full title (one name per article).
    real = load_content(CONTENT, "https://aide.example.com/", LANGS)
    for index, lang in ((fr, "fr"), (en, "en")):
        titles = {d["location"]: d["title"] for d in index["docs"]}
        for sid, article in real.scenarios.items():
            assert unescape(titles[f"{sid}/"]) == plain(real, article.title[lang], lang), f"{lang}: {sid}"


def test_english_pages_look_for_search_under_en(built_site):
    def base(rel):
        html = (built_site / rel).read_text(encoding="utf-8")
        return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))["base"]

    assert base("index.html") == "." and base(f"{IDS[0]}/index.html") == ".."
    assert base("en/index.html") == "./" and base(f"en/{IDS[0]}/index.html") == "../"
    assert base("404.html") == "/" and base("en/404.html") == "/en/"


def test_every_page_head_has_hreflang_alternates_and_x_default(built_site):
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        alternates = dict((lang, href) for href, lang in
                          re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">', html))
        assert set(alternates) == {"fr", "en", "x-default"}, page
        assert alternates["x-default"] == alternates["fr"], page
        assert all(href.startswith("https://aide.example.com/") for href in alternates.values()), page


def test_each_language_root_has_a_sitemap(built_site):
    root = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    en = (built_site / "en/sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", en)
    assert root.count("<loc>") == 2 * len(locs)
    assert all(l.startswith("https://aide.example.com/en/") for l in locs)
    assert {f"https://aide.example.com/en/{sid}/" for sid in IDS} <= set(locs)
    assert f'<xhtml:link rel="alternate" hreflang="fr" href="https://aide.example.com/{IDS[0]}/" />' in en
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="https://aide.example.com/{IDS[0]}/"/>' in en
    assert root.count('hreflang="x-default"') == root.count("<loc>")


def test_404_page_speaks_its_language(built_site):
    fr = (built_site / "404.html").read_text(encoding="utf-8")
    en = (built_site / "en/404.html").read_text(encoding="utf-8")
    assert "<title>Page introuvable - Centre d&#39;aide : annuler une commande</title>" in fr
    assert "<title>Page not found - Help center: cancelling an order</title>" in en
    assert '<a href="/">Voir toutes les situations d&#39;annulation</a>' in fr
    assert '<a href="/en/">See every cancellation situation</a>' in en
    # and each links the guide of its own language
    assert '<a href="/guide/">Trouver votre réponse</a>' in fr  # the guide's one name
    assert '<a href="/en/guide/">Find your answer</a>' in en
