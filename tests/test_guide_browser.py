"""The decision guide in headless Chromium: with JavaScript, and without it."""

from __future__ import annotations

import pytest

from conftest import CONTENT, ROOT
from helpcenter.guide import is_question, path_to
from helpcenter.text import plain
from helpcenter.validate import load_content

REAL = load_content(CONTENT)
GUIDE = REAL.guide
OUTCOMES = [nid for nid, node in GUIDE["nodes"].items() if not is_question(node)]
# Whatever the guide says: its deepest outcome, and the last two questions on the way there.
DEEP = max(OUTCOMES, key=lambda nid: (len(path_to(GUIDE, nid)), nid))
BEFORE, LAST = [q for q, _i in path_to(GUIDE, DEEP)][-2:]
HOMES = {"fr": "/guide/", "en": "/en/guide/"}
SHOWN = ".hc-guide section[data-node]:not([hidden])"


def _shown(page) -> list[str]:
    # A node further away is fetched first: wait until the guide is not busy.
    page.wait_for_function("!document.querySelector('.hc-guide').hasAttribute('aria-busy')")
    return page.eval_on_selector_all(SHOWN, "els => els.map(e => e.dataset.node)")


def _at(home: str, nid: str) -> str:
    """The address of a guide node under ``home``."""
    return home if nid == GUIDE["start"] else f"{home}{nid}/"


def _answer(page, question: str, index: int):
    assert _shown(page) == [question]
    return page.locator(f"{SHOWN} .hc-answers li:nth-child({index + 1}) a")


@pytest.fixture
def js_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("lang", list(HOMES))
def test_with_javascript_every_outcome_in_place(js_page, site_url, lang):
    page = js_page
    home = site_url + HOMES[lang]
    page.goto(home)
    page.evaluate("window.hcSamePage = true")  # lost if a click loaded a new page
    for outcome in OUTCOMES:
        if _shown(page) != [GUIDE["start"]]:
            # "Start over"; one step from the start, "Back" is the way there.
            restart = page.locator(f"{SHOWN} .hc-restart")
            (restart if restart.count() else page.locator(f"{SHOWN} .hc-back")).click()
        _shown(page)
        assert page.url == home
        for question, index in path_to(GUIDE, outcome):
            _answer(page, question, index).click()
        assert _shown(page) == [outcome]
        assert page.url == f"{home}{outcome}/"
        heading = " ".join(page.locator(f"{SHOWN} .hc-heading").inner_text().rstrip("¶").split())
        # Focus moves to the new heading, and the change is announced.
        assert page.evaluate("document.activeElement.classList.contains('hc-heading')")
        assert " ".join(page.locator(".hc-live").text_content().split()) == heading
        assert " ".join(page.title().split()).startswith(heading)
        article = GUIDE["nodes"][outcome]["outcome"]
        href = page.locator(f"{SHOWN} a.hc-open").get_attribute("href")
        assert href.endswith(f"/{article}/")
    assert page.evaluate("window.hcSamePage") is True


def test_back_start_over_and_browser_history(js_page, site_url):
    page = js_page
    home = site_url + "/en/guide/"
    page.goto(home)
    for question, index in path_to(GUIDE, DEEP):
        _answer(page, question, index).click()
    assert _shown(page) == [DEEP]
    page.locator(f"{SHOWN} .hc-back").click()          # the way the reader came
    assert _shown(page) == [LAST] and page.url == _at(home, LAST)
    page.go_back()                                      # the browser's Back button
    assert _shown(page) == [BEFORE] and page.url == _at(home, BEFORE)
    page.go_forward()
    assert _shown(page) == [LAST]
    page.locator(f"{SHOWN} .hc-restart").click()
    assert _shown(page) == [GUIDE["start"]] and page.url == home
    assert page.evaluate("document.activeElement.classList.contains('hc-heading')")


def test_deep_link_and_reload_restore_the_position(js_page, site_url):
    page = js_page
    home = f"{site_url}/guide/"
    page.goto(_at(home, BEFORE))
    assert _shown(page) == [BEFORE]
    question = plain(REAL, GUIDE["nodes"][BEFORE]["question"]["fr"], "fr")
    assert " ".join(page.title().split())[:12] == " ".join(question.split())[:12]
    _answer(page, BEFORE, dict(path_to(GUIDE, DEEP))[BEFORE]).click()
    assert page.url == _at(home, LAST)
    page.reload()
    assert _shown(page) == [LAST]
    # Back, from a deep link, follows the link to the question before.
    page.locator(f"{SHOWN} .hc-back").click()
    page.wait_for_url(_at(home, BEFORE))
    assert _shown(page) == [BEFORE]
    # An anchor on the first page (/guide/#LAST) lands on that node's address.
    page.goto(f"{site_url}/en/guide/#{LAST}")
    assert _shown(page) == [LAST]
    assert page.url == f"{site_url}/en/guide/{LAST}/"


@pytest.mark.parametrize("lang", list(HOMES))
def test_without_javascript_every_outcome_is_reachable_by_links(browser, site_url, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    home = site_url + HOMES[lang]
    # Crawl the guide by its answer links only, as a reader without JavaScript would.
    seen, queue = {}, [home]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        page.goto(url)
        shown = _shown(page)
        assert len(shown) == 1, url
        seen[url] = shown[0]
        for href in page.eval_on_selector_all(f"{SHOWN} .hc-answers a", "els => els.map(e => e.href)"):
            queue.append(href)
        if shown[0] in OUTCOMES:
            article = GUIDE["nodes"][shown[0]]["outcome"]
            page.locator(f"{SHOWN} a.hc-open").click()
            assert page.url == f"{site_url}{HOMES[lang][:-6]}{article}/"
    assert seen == {home if nid == GUIDE["start"] else f"{home}{nid}/": nid for nid in GUIDE["nodes"]}
    context.close()


def test_phone_has_no_sideways_scroll_and_diagram_scrolls_inside(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ("/guide/", "/en/guide/"):
        page.goto(site_url + path)
        page.locator("details.hc-diagram-details summary").click()
        box = page.locator(".hc-diagram")
        assert box.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the diagram scrolls in its box
        # Text stays readable: the diagram is not shrunk to the screen.
        assert page.evaluate("document.querySelector('.hc-diagram svg').getBoundingClientRect().width") > 1000
        page.locator(f".hc-diagram a[data-node='{LAST}']").click()
        page.wait_for_url(f"{site_url}{path}{LAST}/")
        assert _shown(page) == [LAST]
    context.close()


def test_guide_makes_no_third_party_request(page, site_url):
    for path in ("/guide/", f"/en/guide/{DEEP}/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert [u for u in page.requests_seen if not u.startswith(site_url)] == [], path


def test_menu_and_switcher_follow_the_reader(js_page, site_url):
    page = js_page
    page.goto(f"{site_url}/guide/")
    for question, index in path_to(GUIDE, DEEP):
        _answer(page, question, index).click()
    assert _shown(page) == [DEEP]
    page.wait_for_url(f"{site_url}/guide/{DEEP}/")
    # Relative links still lead where they did before the address changed.
    menu = page.eval_on_selector_all(".md-nav__link[href]", "els => els.map(e => e.href)")
    assert f"{site_url}/{next(iter(REAL.scenarios))}/" in menu  # the first article, listed in every menu
    # The switcher lands on the same node in the other language.
    page.locator(".md-header__option .md-select__link[hreflang='en']").first.dispatch_event("click")
    page.wait_for_url(f"{site_url}/en/guide/{DEEP}/")
    assert _shown(page) == [DEEP]
