"""The site as a reader sees it, in headless Chromium."""

from __future__ import annotations

import pytest

from conftest import CONTENT, LANGS, ROOT
from helpcenter.text import plain
from helpcenter.validate import load_content

IDS = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yml"))
# Whatever the content says: the article with the most steps, read on a phone.
REAL = load_content(CONTENT, "", LANGS)
LONGEST = max(REAL.scenarios, key=lambda sid: (len(REAL.scenarios[sid].steps), sid))


def _words(text: str) -> list[str]:
    """The first words of a text, without the quotes plain() puts around labels."""
    for mark in "«»“”\u00a0":
        text = text.replace(mark, " ")
    return text.split()[:6]


def _foreign(page, site_url):
    return [u for u in page.requests_seen if not u.startswith(site_url) and not u.startswith("data:")]


def test_home_routes_to_every_article_in_both_languages(page, site_url):
    for home, prefix in ((f"{site_url}/", "/"), (f"{site_url}/en/", "/en/")):
        page.goto(home)
        hrefs = page.eval_on_selector_all("article a[href]", "els => els.map(e => new URL(e.href).pathname)")
        for sid in IDS:
            assert f"{prefix}{sid}/" in hrefs, f"{home} does not link {sid}"


@pytest.mark.parametrize("sid", [IDS[0], IDS[-1]])
def test_switcher_lands_on_the_same_article(page, site_url, sid):
    page.goto(f"{site_url}/{sid}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator(".md-header__option .md-select__link[hreflang='en']").first.dispatch_event("click")
    page.wait_for_url(f"{site_url}/en/{sid}/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header__option .md-select__link[hreflang='fr']").first.dispatch_event("click")
    page.wait_for_url(f"{site_url}/{sid}/")


def test_article_reads_well_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/{LONGEST}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    steps = page.locator("ol.hc-steps > li")
    assert steps.count() == len(REAL.scenarios[LONGEST].steps)
    first = REAL.scenarios[LONGEST].steps[0]
    assert _words(page.locator(f"li#{first.id}").inner_text()) == _words(plain(REAL, first.text["fr"], "fr"))
    context.close()


def test_pages_make_no_third_party_request(page_with_sw, site_url):
    page = page_with_sw  # as a reader's: the offline copy installing, and its requests
    for path in ("/", "/en/", f"/{IDS[0]}/", f"/en/{IDS[-1]}/", "/404.html"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert _foreign(page, site_url) == [], path


def test_search_works_offline(page_with_sw, site_url):
    page = page_with_sw
    page.goto(f"{site_url}/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("coupon")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert page.locator(".md-search-result__item").count() > 0
    assert _foreign(page, site_url) == []
