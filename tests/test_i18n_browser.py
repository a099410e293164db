"""The two languages as a reader meets them, in headless Chromium.

Search results stay in the page's language, the 404 page of each language
(served by nginx with deploy/nginx.conf), and the switcher keeps the page
and the anchor.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from conftest import CONTENT

# Pages and anchors chosen from the content, whatever it says.
IDS = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yml"))
ARTICLE = yaml.safe_load((CONTENT / "scenarios" / f"{IDS[-1]}.yml").read_text(encoding="utf-8"))
STEP = next(s["id"] for s in ARTICLE["steps"] if "id" in s)
SECTION = ARTICLE["section"]  # a section the home page lists


def _search(page, url: str, query: str) -> list[str]:
    page.goto(url)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => new URL(e.href).pathname)")


# Queries found in both languages: "coupon" is written the same way, the
# French label "vendeur" is quoted in brackets on English pages.
@pytest.mark.parametrize("path, query", [
    ("/", "coupon"), ("/en/", "coupon"),
    (f"/{IDS[0]}/", "vendeur"), (f"/en/{IDS[0]}/", "vendeur"),
    (f"/en/{IDS[0]}/", "seller"),
])
def test_search_results_stay_in_the_page_language(page, site_url, path, query):
    results = _search(page, site_url + path, query)
    assert len(results) >= 3
    if path.startswith("/en/"):
        assert all(r.startswith("/en/") for r in results), results
    else:
        assert not any(r.startswith("/en/") for r in results), results


def test_search_loads_the_stemmer_of_the_page_language(page, site_url):
    _search(page, f"{site_url}/", "remboursements")
    french = [u for u in page.requests_seen if "/lunr/" in u]
    page.requests_seen.clear()
    _search(page, f"{site_url}/en/", "refunded")
    english = [u for u in page.requests_seen if "/lunr/" in u]
    assert any(u.endswith("lunr.fr.min.js") for u in french)
    assert not any("lunr.multi" in u for u in french + english)
    assert not any(u.endswith("lunr.fr.min.js") for u in english)


def test_search_result_opens_a_page_of_the_same_language(page, site_url):
    _search(page, f"{site_url}/en/", "coupon")
    first = page.locator(".md-search-result__item a").first
    target = first.evaluate("a => a.href")
    first.click()
    page.wait_for_url(target)  # the result's page, not the search page still loaded
    assert urlsplit(page.url).path.startswith("/en/")
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("path, lang, title, home", [
    ("/no-such-page/", "fr", "Page introuvable", "/"),
    ("/en/no-such-page/", "en", "Page not found", "/en/"),
])
def test_404_of_each_language_through_nginx(page, nginx_url, path, lang, title, home):
    response = page.goto(nginx_url + path)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").inner_text() == title
    switcher = page.eval_on_selector_all(".md-select__link[hreflang]",
                                         "els => els.map(e => [e.hreflang, new URL(e.href).pathname])")
    assert sorted(switcher) == [["en", "/en/"], ["fr", "/"]]
    page.locator("article ul.hc-not-found a").first.click()
    page.wait_for_url(nginx_url + home)
    assert page.locator("html").get_attribute("lang") == lang


def test_search_on_the_english_404_stays_english(page, nginx_url):
    results = _search(page, f"{nginx_url}/en/no-such-page/", "coupon")
    assert results and all(r.startswith("/en/") for r in results)


def _switch(page, lang: str) -> None:
    page.locator(f".md-header__option .md-select__link[hreflang='{lang}']").first.dispatch_event("click")


def test_switcher_keeps_the_page_and_the_anchor(page, site_url):
    page.goto(f"{site_url}/{IDS[-1]}/#{STEP}")
    _switch(page, "en")
    page.wait_for_url(f"{site_url}/en/{IDS[-1]}/#{STEP}")
    assert page.locator("html").get_attribute("lang") == "en"
    # The reader follows a link to another step, then switches back.
    page.evaluate("location.hash = '#after'")
    # switcher.js carries the anchor on hashchange, a moment later: wait for it, never race it.
    page.wait_for_function("document.querySelector(\".md-select__link[hreflang='fr']\").href.endsWith('#after')")
    _switch(page, "fr")
    page.wait_for_url(f"{site_url}/{IDS[-1]}/#after")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_switcher_on_the_home_page_keeps_the_section(page, site_url):
    page.goto(f"{site_url}/en/#{SECTION}")
    _switch(page, "fr")
    page.wait_for_url(f"{site_url}/#{SECTION}")


@pytest.mark.parametrize("path", ["/", "/en/", "/guide/", f"/en/{IDS[0]}/", "/en/no-such-page/"])
def test_absolute_alternates_cost_no_request_elsewhere_and_no_404(page_with_sw, nginx_url, path):
    """The head names each language version by its address under site_url
    (another host than the one serving the tests); Material's JavaScript,
    which fetches a sitemap beside each, must ask nothing of that host and
    meet no 404 (Lighthouse counts both as console errors)."""
    page = page_with_sw
    failed, errors = [], []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(nginx_url + path)
    page.wait_for_load_state("networkidle")
    heads = page.eval_on_selector_all("link[rel=alternate][hreflang]", "els => els.map(e => e.getAttribute('href'))")
    assert len(heads) == 3 and all(h.startswith("https://aide.example.com/") for h in heads), heads
    assert [u for u in page.requests_seen if not u.startswith(nginx_url) and not u.startswith("data:")] == []
    assert [f for f in failed if not f[1].endswith("/no-such-page/")] == []
    assert [e for e in errors if not ("no-such-page" in path and "404" in e)] == []
    # the switcher's own links stay on this host
    links = page.eval_on_selector_all(".md-select__link[hreflang]", "els => els.map(e => e.href)")
    assert links and all(link.startswith(nginx_url) for link in links), links
