"""The offline copy's build side (scripts/helpcenter/offline.py): what each language's
worker is told, as pure functions of the built site. Its behaviour in a browser:
tests/test_offline_browser.py."""

from __future__ import annotations

import json

from conftest import LANGS, MINI
from helpcenter import offline
from helpcenter.validate import load_content

CONTENT = load_content(MINI, "", LANGS)


def _config(site, lang: str) -> dict:
    text = (site / offline.scope("", LANGS, lang).lstrip("/") / offline.WORKER).read_text(encoding="utf-8")
    head, _rest = text.split(";\n", 1)
    assert head.startswith("self.HC = ")
    return json.loads(head.removeprefix("self.HC = "))


def test_loaded_files_resolve_each_pages_own_relative_links():
    page = ('<link rel="stylesheet" href="../assets/a.css"><script src="../../assets/b.js?v=1"></script>'
            '<link rel="stylesheet" href="https://other.host/c.css"><script src="/assets/d.js"></script>')
    assert offline.loaded_files(page, "en/guide/index.html") == ["en/assets/a.css", "assets/b.js", "assets/d.js"]
    assert offline.loaded_files('<script src="assets/e.js"></script>', "index.html") == ["assets/e.js"]


def test_each_language_has_its_worker_and_is_told_to_leave_the_others_alone(mini_build):
    site = mini_build / "site"
    fr, en = _config(site, "fr"), _config(site, "en")
    assert (fr["scope"], fr["others"], fr["offline"], fr["locale"]) == ("/", ["/en/"], "/offline.html", "fr-FR")
    assert (en["scope"], en["others"], en["offline"], en["locale"]) == ("/en/", [], "/en/offline.html", "en-US")
    assert fr["pages"] == ["/", "/guide/"] and en["pages"] == ["/en/", "/en/guide/"]
    assert fr["saved"] == "Vous êtes hors ligne : cette page est la copie enregistrée le"
    for config in (fr, en):
        own = config["scope"]
        assert {own + "offline.html", own + "search/search_index.json", "/assets/offline.js"} <= set(config["files"])
        # the search worker as the pages start it, from under the language's root
        assert any(p.startswith(own + "assets/javascripts/workers/search-layer.js?w=search.") for p in config["files"])
        for path in config["files"]:
            assert path.startswith((own, "/assets/")) and not any(path.startswith(o) for o in config["others"]), path
            assert (site / path.lstrip("/").split("?")[0]).is_file(), path
            assert not path.endswith(".map")
        # the search's shards and fragments, all of them (a small help center)
        version = json.loads((site / own.lstrip("/") / "search/search_index.json").read_text(encoding="utf-8"))[
            "config"]["shards"]["version"]
        pieces = sorted((site / own.lstrip("/") / "search" / version).rglob("*.json"))
        assert pieces and {"/" + p.relative_to(site).as_posix() for p in pieces} <= set(config["files"])
    assert "/assets/javascripts/lunr/min/lunr.fr.min.js" in fr["files"]
    assert not any("lunr.fr" in path for path in en["files"])
    assert fr["version"] != en["version"]


def test_a_search_too_big_to_fetch_at_once_is_kept_piece_by_piece(tmp_path):
    folder = tmp_path / "en" / "search"
    (folder / "0123456789ab" / "s").mkdir(parents=True)
    (folder / "search_index.json").write_text('{"config": {"shards": {"version": "0123456789ab"}}, "docs": []}')
    (folder / "0123456789ab" / "s" / "6162.json").write_text('{"w": {"abc": [0, 1, 1, 0]}}')
    assert offline.search_pieces(tmp_path, "en/", limit=100) == ["en/search/0123456789ab/s/6162.json"]
    assert offline.search_pieces(tmp_path, "en/", limit=10) == []
    assert offline.search_pieces(tmp_path, "", limit=100) == []  # no search in that language


def test_the_version_follows_what_a_reader_of_the_language_gets(site):
    before = {lang: offline.version(site, LANGS, lang) for lang in ("fr", "en")}
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")  # the build day only
    (site / "sw.js").write_text("// another worker", encoding="utf-8")
    assert {lang: offline.version(site, LANGS, lang) for lang in ("fr", "en")} == before
    page = site / "en" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # an English page
    assert offline.version(site, LANGS, "fr") == before["fr"] and offline.version(site, LANGS, "en") != before["en"]
    css = site / "assets" / "helpcenter.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # shared by both
    assert offline.version(site, LANGS, "fr") != before["fr"]


def test_written_twice_the_workers_are_the_same_bytes(site):
    first = {rel: (site / rel).read_bytes() for rel in ("sw.js", "en/sw.js")}
    assert offline.write_workers(site, CONTENT, "/") == ["sw.js", "en/sw.js"]
    assert {rel: (site / rel).read_bytes() for rel in first} == first


def test_the_worker_asks_only_its_own_site():
    code = offline.SOURCE.read_text(encoding="utf-8")
    assert "http:" not in code and "https:" not in code and "importScripts" not in code
    assert "url.origin !== self.location.origin" in code
