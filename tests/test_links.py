"""Links that last: cross-links resolve, anchors match across languages, old addresses redirect,
and the agents' desk hands out every address."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import CONTENT, LANGS
from helpcenter.search import published_docs
from helpcenter.text import plain
from helpcenter.validate import load_content

IDS = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yml"))
SITE_URL = "https://aide.example.com/"
# The content as the build reads it: tests look its words up here, never quote them.
REAL = load_content(CONTENT, SITE_URL, LANGS)


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []
        self._in_article = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "article":
            self._in_article += 1
        if tag == "a" and self._in_article and a.get("href"):
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article -= 1


def scan(path: Path) -> _Scan:
    s = _Scan()
    s.feed(path.read_text(encoding="utf-8"))
    return s


def _target(site: Path, page_rel: str, href: str):
    url = urljoin("http://x/" + page_rel, href)
    parts = urlsplit(url)
    path = parts.path.lstrip("/")
    file = site / path / "index.html" if path == "" or path.endswith("/") else site / path
    return file, parts.fragment


@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_every_link_in_articles_resolves_with_its_anchor(built_site, lang_root):
    checked = 0
    for sid in IDS:
        page_rel = f"{lang_root}{sid}/"
        for href in scan(built_site / page_rel / "index.html").links:
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            file, anchor = _target(built_site, page_rel, href)
            assert file.is_file(), f"{page_rel}: {href} -> {file} missing"
            if anchor:
                assert anchor in scan(file).ids, f"{page_rel}: {href}: no #{anchor} in {file}"
            checked += 1
    assert checked > 100  # the articles really are cross-linked


def test_anchors_are_identical_in_both_languages(built_site):
    for sid in IDS:
        fr = scan(built_site / sid / "index.html").ids
        en = scan(built_site / "en" / sid / "index.html").ids
        assert fr == en, f"{sid}: {sorted(fr ^ en)}"
        assert {"steps", "after", "not-your-case"} <= fr


def test_step_anchors_come_from_the_yaml_not_the_text(built_site):
    """Each step's anchor is its id in the YAML, the same over the French and the English text."""
    for sid, article in REAL.scenarios.items():
        fr = (built_site / sid / "index.html").read_text(encoding="utf-8")
        en = (built_site / "en" / sid / "index.html").read_text(encoding="utf-8")
        for step in article.steps:
            assert re.search(rf'<li id="{step.id}">\s*<p>', fr) and re.search(rf'<li id="{step.id}">\s*<p>', en), \
                f"{sid}#{step.id}"


def test_agents_desk_is_out_of_nav_and_search(built_site):
    desk = (built_site / "agents/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in desk
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="agents/"' not in home
    docs = published_docs(lambda rel: (built_site / "search" / rel).read_text(encoding="utf-8"))
    assert docs and not [d["location"] for d in docs if "agents" in d["location"]]


def test_agents_desk_lists_every_article_step_and_reply(built_site):
    for lang_root in ("", "en/"):
        desk = (built_site / lang_root / "agents/index.html").read_text(encoding="utf-8")
        for sid in IDS:
            assert f'value="{SITE_URL}{sid}/"' in desk
            assert f'value="{SITE_URL}en/{sid}/"' in desk
        for sid, article in REAL.scenarios.items():
            for step in article.steps:
                assert f'value="{SITE_URL}en/{sid}/#{step.id}"' in desk
            for lang in ("fr", "en"):
                assert f"{plain(REAL, article.agent_reply[lang], lang)}</textarea>" in unescape(desk), f"{sid} {lang}"


def test_agents_export(built_site):
    data = json.loads((built_site / "agents/articles.json").read_text(encoding="utf-8"))
    assert data["site_url"] == SITE_URL and data["languages"] == ["fr", "en"]
    assert [a["id"] for a in data["articles"]] == list(REAL.scenarios)  # reading order
    for exported, (sid, article) in zip(data["articles"], REAL.scenarios.items()):
        assert exported["urls"] == {"fr": f"{SITE_URL}{sid}/", "en": f"{SITE_URL}en/{sid}/"}
        assert [s["id"] for s in exported["steps"]] == [s.id for s in article.steps]
        for step in exported["steps"]:
            assert step["urls"]["en"] == f"{SITE_URL}en/{sid}/#{step['id']}"
        for lang in ("fr", "en"):
            assert exported["reply"][lang] == plain(REAL, article.agent_reply[lang], lang)
            assert exported["title"][lang] == plain(REAL, article.title[lang], lang)


# The fixture help center's delta was renamed: it names its former id, old-delta.
RENAMED, FORMER = "delta", "old-delta"


def test_old_address_redirects_in_both_languages(mini_build, browser):
    from helpcenter.a11ycheck import serve

    with serve(mini_build / "site") as base:
        for js in (True, False):
            context = browser.new_context(java_script_enabled=js)
            page = context.new_page()
            page.goto(f"{base}/{FORMER}/")
            page.wait_for_url(f"{base}/{RENAMED}/")
            assert page.locator("html").get_attribute("lang") == "fr"
            page.goto(f"{base}/en/{FORMER}/#steps")
            page.wait_for_url(f"{base}/en/{RENAMED}/#steps" if js else f"{base}/en/{RENAMED}/")
            assert page.locator("html").get_attribute("lang") == "en"
            context.close()


def test_copy_button_puts_the_url_on_the_clipboard(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site_url}/en/agents/")
    page.locator(f"button[data-copy='fr--{IDS[0]}']").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}{IDS[0]}/"
    assert page.locator(".hc-copy__status").inner_text() == "Copied"
    page.locator(f"button[data-copy='reply-en--{IDS[-1]}']").click()
    assert page.evaluate("navigator.clipboard.readText()") == plain(REAL, REAL.scenarios[IDS[-1]].agent_reply["en"], "en")
    context.close()


def test_copy_falls_back_to_a_selected_field_without_clipboard(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{site_url}/agents/")
    page.locator(f"button[data-copy='en--{IDS[0]}']").click()
    selected = page.evaluate("(() => { const f = document.activeElement;"
                             " return f.value.substring(f.selectionStart, f.selectionEnd); })()")
    assert selected == f"{SITE_URL}en/{IDS[0]}/"
    assert page.locator(".hc-copy__status").inner_text() == "Sélectionné : appuyez sur Ctrl+C pour copier"
    context.close()


def test_copy_buttons_stay_hidden_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/agents/")
    assert page.locator("button.hc-copy__button").first.is_hidden()
    assert page.locator(f"input#fr--{IDS[0]}").input_value() == f"{SITE_URL}{IDS[0]}/"
    context.close()


def test_agents_desk_and_export_list_every_guide_point(built_site):
    import yaml

    tree = yaml.safe_load((CONTENT / "decision-tree.yml").read_text(encoding="utf-8"))
    data = json.loads((built_site / "agents/articles.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["guide"]][0] == tree["start"]
    assert sorted(p["id"] for p in data["guide"]) == sorted(tree["nodes"])
    outcome = next(nid for nid, node in tree["nodes"].items() if "outcome" in node)
    point = next(p for p in data["guide"] if p["id"] == outcome)
    assert point["kind"] == "outcome" and point["article"] == tree["nodes"][outcome]["outcome"]
    assert point["urls"] == {"fr": f"{SITE_URL}guide/{outcome}/", "en": f"{SITE_URL}en/guide/{outcome}/"}
    for lang_root in ("", "en/"):
        desk = (built_site / lang_root / "agents/index.html").read_text(encoding="utf-8")
        assert f'value="{SITE_URL}en/guide/{outcome}/"' in desk
        assert f'value="{SITE_URL}guide/"' in desk
    # each of those addresses is a page of the site
    for p in data["guide"]:
        for url in p["urls"].values():
            assert (built_site / url.removeprefix(SITE_URL) / "index.html").is_file(), url


def test_old_address_is_a_real_redirect_on_netlify_and_cloudflare(mini_build):
    """_redirects: the former id, with and without its final slash, in both languages;
    each once for Netlify (301!) and once for Cloudflare Pages (301); then the 404 pages."""
    site = mini_build / "site"
    rules = [line for line in (site / "_redirects").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    new, old = RENAMED, FORMER
    assert rules == [
        f"/{old}/ /{new}/ 301!", f"/{old}/ /{new}/ 301",
        f"/{old} /{new}/ 301!", f"/{old} /{new}/ 301",
        f"/en/{old}/ /en/{new}/ 301!", f"/en/{old}/ /en/{new}/ 301",
        f"/en/{old} /en/{new}/ 301!", f"/en/{old} /en/{new}/ 301",
        "/en/* /en/404.html 404", "/* /404.html 404"]
    # The HTML redirect page stays, for hosts without redirects (GitHub Pages, S3).
    assert (site / old / "index.html").is_file() and (site / "en" / old / "index.html").is_file()
