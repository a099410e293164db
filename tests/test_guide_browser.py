"""The decision guide in headless Chromium: with JavaScript, and without it."""

from __future__ import annotations

import re

import pytest

from conftest import CONTENT, LANGS, ROOT, VISIBLE_JS
from helpcenter.guide import is_question, path_to
from helpcenter.render import outcome_title
from helpcenter.render.guide import outcome_facts
from helpcenter.text import inline, plain
from helpcenter.validate import load_content

REAL = load_content(CONTENT, "", LANGS)
GUIDE = REAL.guide
OUTCOMES = [nid for nid, node in GUIDE.nodes.items() if not is_question(node)]
# Whatever the guide says: its deepest outcome, and the last two questions on the way there.
DEEP = max(OUTCOMES, key=lambda nid: (len(path_to(GUIDE, nid)), nid))
BEFORE, LAST = [q for q, _i in path_to(GUIDE, DEEP)][-2:]
HOMES = {"fr": "/guide/", "en": "/en/guide/"}
SHOWN = ".hc-guide .hc-node[data-node]:not([hidden])"


def _shown(page) -> list[str]:
    # A node further away is fetched first: wait until the guide is not busy.
    page.wait_for_function("!document.querySelector('.hc-guide').hasAttribute('aria-busy')")
    return page.eval_on_selector_all(SHOWN, "els => els.map(e => e.dataset.node)")


def _at(home: str, nid: str) -> str:
    """The address of a guide node under ``home``."""
    return home if nid == GUIDE.start else f"{home}{nid}/"


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


# What the reading-only tests look at on a guide page, read in one round trip (page loads are
# what these tests cost: each page of a configuration is loaded once, by the first test asking).
# `visible`: conftest's VISIBLE_JS (what Playwright's `:visible` means). `innerText` is what
# `inner_text()` returns; the texts come back raw, their spaces are folded in Python as before.
_JS_READ = """
""" + VISIBLE_JS + """
const all = (sel, root = document) => [...root.querySelectorAll(sel)];
const texts = (sel, root = document) => all(sel, root).map(e => e.innerText);
const yours = shown => all(`${shown} .hc-your-answers`).map(box => ({visible: visible(box),
  rows: all(".hc-your-answers__row", box).map(r => [texts("dt", r), texts(".hc-your-answers__answer", r)])}));
"""
YOURS = "shown => {" + _JS_READ + "return yours(shown); }"
CONTROLS = ":is(.hc-answers a, .hc-back, .hc-restart, .hc-your-answers__change a, a.hc-open)"
FACTS = "shown => {" + _JS_READ + """
  const facts = {
    busy: !!document.querySelector(".hc-guide[aria-busy]"),
    shown: all(shown).map(e => e.dataset.node), title: document.title,
    h1: all("h1").filter(visible).map(e => ({text: e.innerText, links: e.querySelectorAll("a").length})),
    intro: all(`${shown} .hc-intro`).length, answers: all(`${shown} .hc-answers a`).map(a => a.href),
    verdict: texts(`${shown} .hc-verdict`), summary: texts(`${shown} .hc-outcome-summary`),
    steps: texts(`${shown} .hc-first-steps li`), figures: texts(`${shown} .hc-key-figure`),
    open: all(`${shown} a.hc-open`).map(a => a.href), yours: yours(shown),
    footer: all(".md-footer__link").filter(visible).length,
    scrollWidth: document.documentElement.scrollWidth,
    controls: all(`${shown} """ + CONTROLS + """`).map(e => {
      const box = e.getBoundingClientRect();
      return {text: e.innerText, width: box.width, height: box.height};
    }),
  };
  // Last, as it scrolls: would a click on "Open" land on it, as Playwright's click checks (the
  // link visible, scrolled to, and the element at its centre is the link or inside it)?
  facts.openHit = all(`${shown} a.hc-open`).map(a => {
    if (!visible(a)) return false;
    a.scrollIntoView({block: "center", inline: "center", behavior: "instant"});
    const r = a.getClientRects()[0];
    return a.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
  });
  return facts;
}"""


def _read(page, url: str) -> dict:
    page.goto(url)
    facts = page.evaluate(FACTS, SHOWN)
    if facts["busy"]:  # a node further away is fetched first (with JavaScript): wait for it
        _shown(page)
        facts = page.evaluate(FACTS, SHOWN)
    return facts


@pytest.fixture(scope="module")
def walk(browser):
    """``walk(url, js, width=1366, height=900)``: the FACTS of that page in that browser
    configuration, loaded once for the module, in one page per configuration that nothing clicks."""
    pages, facts = {}, {}

    def read(url: str, js: bool, width: int = 1366, height: int = 900) -> dict:
        config = (js, width, height)
        if config not in pages:
            pages[config] = browser.new_context(java_script_enabled=js,
                                                viewport={"width": width, "height": height}).new_page()
        if (config, url) not in facts:
            facts[config, url] = _read(pages[config], url)
        return facts[config, url]

    yield read
    for page in pages.values():
        page.context.close()


def _one(texts: list[str], where: str, what: str) -> str:
    """The words of the one element found, as ``inner_text()`` of a strict locator."""
    assert len(texts) == 1, f"{where}: {len(texts)} {what}, one expected"
    return " ".join(texts[0].split())


@pytest.mark.parametrize("lang", list(HOMES))
def test_with_javascript_every_outcome_in_place(js_page, site_url, lang):
    page = js_page
    home = site_url + HOMES[lang]
    page.goto(home)
    page.evaluate("window.hcSamePage = true")  # lost if a click loaded a new page
    for outcome in OUTCOMES:
        if _shown(page) != [GUIDE.start]:
            # "Start over"; one step from the start, "Back" is the way there.
            restart = page.locator(f"{SHOWN} .hc-restart")
            (restart if restart.count() else page.locator(f"{SHOWN} .hc-back")).click()
        _shown(page)
        assert page.url == home
        for question, index in path_to(GUIDE, outcome):
            _answer(page, question, index).click()
        assert _shown(page) == [outcome]
        assert page.url == f"{home}{outcome}/"
        heading = " ".join(page.locator(f"{SHOWN} .hc-heading__text").inner_text().split())
        # Focus moves to the new heading, and the change is announced.
        assert page.evaluate("document.activeElement.classList.contains('hc-heading')")
        assert " ".join(page.locator(".hc-live").text_content().split()) == heading
        assert " ".join(page.title().split()).startswith(heading)
        article = GUIDE.nodes[outcome].outcome
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
    assert _shown(page) == [GUIDE.start] and page.url == home
    assert page.evaluate("document.activeElement.classList.contains('hc-heading')")


def test_deep_link_and_reload_restore_the_position(js_page, site_url):
    page = js_page
    home = f"{site_url}/guide/"
    page.goto(_at(home, BEFORE))
    assert _shown(page) == [BEFORE]
    question = plain(REAL, GUIDE.nodes[BEFORE].question["fr"], "fr")
    assert " ".join(page.title().split())[:12] == " ".join(question.split())[:12]
    _answer(page, BEFORE, dict(path_to(GUIDE, DEEP))[BEFORE]).click()
    page.wait_for_url(_at(home, LAST))  # the node may be fetched first: wait, never race it
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
def test_without_javascript_every_outcome_is_reachable_by_links(walk, browser, site_url, lang):
    home = site_url + HOMES[lang]
    # Crawl the guide by its answer links only, as a reader without JavaScript would.
    seen, queue = {}, [home]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        facts = walk(url, js=False)
        shown = facts["shown"]
        assert len(shown) == 1, url
        seen[url] = shown[0]
        queue.extend(facts["answers"])
        if shown[0] in OUTCOMES:
            # One "Open" link, to the article, that a click lands on (the walk reads it; one is followed below).
            article = f"{site_url}{HOMES[lang][:-6]}{GUIDE.nodes[shown[0]].outcome}/"
            assert facts["open"] == [article], url
            assert facts["openHit"] == [True], f"{url}: a click on its Open link would not land on it"
    assert seen == {home if nid == GUIDE.start else f"{home}{nid}/": nid for nid in GUIDE.nodes}
    # Followed for real: a click without JavaScript loads the article.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(home + PAGE_OF[DEEP])
    page.locator(f"{SHOWN} a.hc-open").click()
    page.wait_for_url(f"{site_url}{HOMES[lang][:-6]}{GUIDE.nodes[DEEP].outcome}/")  # a new page: wait for it
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


def test_guide_makes_no_third_party_request(page_with_sw, site_url):
    page = page_with_sw  # as a reader's: the offline copy installing
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


# ---------------------------------------------------------------------------
# A guide that answers (issue 14): the question is the h1, "Your answers"
# with Change links (with and without JavaScript), outcomes that answer, no
# footer, keyboard and phone.

CONTENT = REAL  # from here on, the loaded content (the model), not its folder
PAGE_OF = {nid: ("" if nid == GUIDE.start else f"{nid}/") for nid in GUIDE.nodes}
START = GUIDE.start


def _all_paths(nid: str) -> list[list[tuple[str, int]]]:
    """Every way from the start to ``nid``: [(question, answer index), ...]."""
    if nid == START:
        return [[]]
    return [before + [(q, i)] for q, node in GUIDE.nodes.items() if is_question(node)
            for i, answer in enumerate(node.answers) if answer.next == nid for before in _all_paths(q)]


# Nodes chosen from the guide, whatever it asks: renaming or adding a node keeps these tests.
PATHS = {nid: _all_paths(nid) for nid in GUIDE.nodes}
SHARED = next(nid for nid in sorted(GUIDE.nodes) if len(PATHS[nid]) >= 2)   # several ways lead here
LONG = max(PATHS[SHARED], key=len)
SHORT = min((way for way in PATHS[SHARED] if way != LONG), key=len)                # another way there
ONE_WAY = max((nid for nid in GUIDE.nodes if GUIDE.only_path[nid] and len(GUIDE.only_path[nid]) >= 2),
              key=lambda nid: (len(GUIDE.only_path[nid]), nid))              # one way, two questions or more
QUESTION = next(nid for nid in sorted(GUIDE.nodes) if nid != START and is_question(GUIDE.nodes[nid]))
SAMPLE = [START, QUESTION, DEEP, SHARED]                                         # one page of each kind


def _plain(text: dict, lang: str) -> str:
    return " ".join(plain(CONTENT, text[lang], lang).split())


def _as_shown(text: dict, lang: str) -> str:
    """A text as the page shows it: labels in bold (no quotes), markup gone."""
    md = inline(CONTENT, text[lang], lang).replace("*", "")
    return " ".join(re.sub(r"\\(.)", r"\1", md).split())


def _heading(nid: str, lang: str, shown: bool = True) -> str:
    """A node's heading as the page shows it, or as plain words (the tab's title)."""
    node = GUIDE.nodes[nid]
    text = node.question if is_question(node) else outcome_title(CONTENT, node)
    return _as_shown(text, lang) if shown else _plain(text, lang)


def _words(locator) -> str:
    return " ".join(locator.inner_text().split())


def _context(browser, js: bool, width: int = 1366):
    return browser.new_context(java_script_enabled=js, viewport={"width": width, "height": 900})


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("lang", list(HOMES))
def test_the_question_is_the_h1_of_every_node(walk, site_url, lang, js):
    name = _plain(GUIDE.title, lang)
    for nid in GUIDE.nodes:
        facts = walk(site_url + HOMES[lang] + PAGE_OF[nid], js)
        h1 = facts["h1"]  # the visible ones
        assert len(h1) == 1, nid
        # The guide's one name, then the question (or the outcome's heading); no permalink.
        assert " ".join(h1[0]["text"].split()) == f"{name} {_heading(nid, lang)}", nid
        assert h1[0]["links"] == 0, nid
        # The intro is on the first page only.
        assert facts["intro"] == (1 if nid == GUIDE.start else 0), nid
        title = " ".join(facts["title"].split())  # a label's quotes hold no-break spaces
        assert title.startswith(name if nid == GUIDE.start else _heading(nid, lang, shown=False)), title


@pytest.mark.parametrize("lang", list(HOMES))
def test_with_javascript_the_h1_follows_the_reader(js_page, site_url, lang):
    page = js_page
    page.goto(site_url + HOMES[lang])
    for question, index in path_to(GUIDE, DEEP):
        _answer(page, question, index).click()
        nid = _shown(page)[0]
        assert _words(page.locator("h1:visible .hc-heading__text")) == _heading(nid, lang)
        assert " ".join(page.title().split()).startswith(_heading(nid, lang, shown=False))
        assert page.evaluate("document.activeElement.classList.contains('hc-heading')")


def _rows_of(boxes: list[dict], where: str) -> list[tuple[str, str]]:
    """The rows of "Your answers" (FACTS' ``yours``): none if it is hidden or absent."""
    assert len(boxes) <= 1, f"{where}: {len(boxes)} lists of answers"
    if not boxes or not boxes[0]["visible"]:
        return []
    return [(_one(dt, where, "terms in a row"), _one(answer, where, "answers in a row"))
            for dt, answer in boxes[0]["rows"]]


def _rows(page) -> list[tuple[str, str]]:
    return _rows_of(page.evaluate(YOURS, SHOWN), page.url)


def _expected_rows(path, lang) -> list[tuple[str, str]]:
    return [(_as_shown(GUIDE.nodes[q].question, lang), _as_shown(GUIDE.nodes[q].answers[i].answer, lang))
            for q, i in path]


@pytest.mark.parametrize("lang", list(HOMES))
def test_without_javascript_your_answers_and_change_links(walk, browser, site_url, lang):
    home = site_url + HOMES[lang]
    for nid in GUIDE.nodes:
        path = GUIDE.only_path[nid]
        # One path leads here: the page prints it. Several: it cannot know which.
        rows = _rows_of(walk(home + PAGE_OF[nid], js=False)["yours"], nid)
        assert rows == (_expected_rows(path, lang) if path else []), nid
    context = _context(browser, js=False)  # "Change" is clicked: a page of its own
    page = context.new_page()
    path = GUIDE.only_path[ONE_WAY]
    page.goto(home + PAGE_OF[ONE_WAY])
    change = page.locator(f"{SHOWN} .hc-your-answers__change a")
    assert [a.get_attribute("href") for a in change.all()] == ["../" + PAGE_OF[q] for q, _i in path]
    assert _heading(path[1][0], lang) in _words(change.nth(1))
    change.nth(1).click()
    page.wait_for_url(home + PAGE_OF[path[1][0]])  # in place or a new page, the question may be fetched first
    _shown(page)
    assert _rows(page) == _expected_rows(path[:1], lang)
    context.close()


def test_with_javascript_your_answers_follow_the_way_the_reader_came(js_page, site_url):
    page = js_page
    home = site_url + "/guide/"
    page.goto(home)
    # Several ways lead to SHARED; the page alone cannot say which.
    for question, index in LONG:
        _answer(page, question, index).click()
    assert _shown(page) == [SHARED]
    assert _rows(page) == _expected_rows(LONG, "fr")
    page.reload()                                   # the history state keeps them
    assert _shown(page) == [SHARED]
    assert _rows(page) == _expected_rows(LONG, "fr")
    # "Change" goes back to that question, in place, with the answers before it.
    last = LONG[-1][0]
    page.evaluate("window.hcSamePage = true")
    page.locator(f"{SHOWN} .hc-your-answers__change a[data-next='{last}']").click()
    assert _shown(page) == [last] and page.url == home + PAGE_OF[last]
    assert _rows(page) == _expected_rows(LONG[:-1], "fr")
    assert page.evaluate("window.hcSamePage") is True
    page.go_back()
    assert _shown(page) == [SHARED]
    assert _rows(page) == _expected_rows(LONG, "fr")
    # The short way: from the first question again.
    page.locator(f"{SHOWN} .hc-your-answers__change a[data-next='{START}']").click()
    assert _shown(page) == [START] and page.url == home
    for question, index in SHORT:
        _answer(page, question, index).click()
    assert _shown(page) == [SHARED]
    assert _rows(page) == _expected_rows(SHORT, "fr")
    # Loaded on its own, with no history, a node several paths reach shows no list.
    fresh = page.context.new_page()
    fresh.goto(home + PAGE_OF[SHARED])
    assert _shown(fresh) == [SHARED] and _rows(fresh) == []
    fresh.close()


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("lang", list(HOMES))
def test_an_outcome_gives_the_answer(walk, site_url, lang, js):
    for nid in OUTCOMES:
        node = GUIDE.nodes[nid]
        article = CONTENT.scenarios[node.outcome]
        facts = walk(site_url + HOMES[lang] + PAGE_OF[nid], js)
        assert _one(facts["verdict"], nid, "verdicts") == _as_shown(node.verdict, lang), nid
        assert _one(facts["summary"], nid, "summaries") == _as_shown(article.summary, lang), nid
        steps = [" ".join(step.split()) for step in facts["steps"]]
        assert steps == [_as_shown(step.text, lang) for step in article.steps[:3]], nid
        assert len(facts["open"]) == 1, nid
        assert facts["open"][0] == f"{site_url}{HOMES[lang][:-6]}{node.outcome}/", nid
        # The key figure: the first figure the page does not say already (render.guide.outcome_facts),
        # with its name, or none; the heading agrees with the answers: an outcome with its own title shows it.
        key = outcome_facts(CONTENT, node, lang)["figure"]
        if key is None:
            assert len(facts["figures"]) == 0, nid
        else:
            figure = _one(facts["figures"], nid, "key figures")
            if key["label"]:
                assert _plain(key["label"], lang) in figure, nid
            assert " ".join(re.sub(r"\\(.)", r"\1", key["value"]).split()) in figure, nid
        if node.title:
            assert _as_shown(node.title, lang) in _one([h1["text"] for h1 in facts["h1"]], nid, "visible h1"), nid


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
def test_guide_pages_have_no_previous_next_footer(walk, site_url, js):
    for path in [home + PAGE_OF[nid] for home in HOMES.values() for nid in SAMPLE]:
        assert walk(site_url + path, js)["footer"] == 0, path  # visible footer links


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
def test_first_answer_within_three_tabs_of_the_question(browser, site_url, js):
    context = _context(browser, js)
    page = context.new_page()
    for path in ["/guide/", f"/guide/{QUESTION}/", f"/en/guide/{QUESTION}/"]:
        page.goto(site_url + path)
        page.locator(f"{SHOWN} .hc-heading").focus()
        first = page.locator(f"{SHOWN} .hc-answers a").first
        for presses in range(1, 4):
            page.keyboard.press("Tab")
            if first.evaluate("a => a === document.activeElement"):
                break
        else:
            pytest.fail(f"{path}: the first answer is more than 3 Tab presses after the question")
        assert presses == 1, path
    context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_guide_controls_are_44_px_tap_targets(walk, site_url, width):
    for path in (f"/guide/{ONE_WAY}/", f"/en/guide/{GUIDE.only_path[ONE_WAY][-1][0]}/"):
        controls = walk(site_url + path, js=True, width=width)["controls"]  # CONTROLS, their boxes
        assert len(controls) >= 4, path
        for control in controls:
            box = {"width": control["width"], "height": control["height"]}
            assert box["width"] >= 44 and box["height"] >= 44, (path, " ".join(control["text"].split()), box)


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
def test_no_sideways_scroll_at_320_px(walk, site_url, js):
    for path in [home + PAGE_OF[nid] for home in HOMES.values() for nid in SAMPLE + [ONE_WAY]]:
        assert walk(site_url + path, js, width=320, height=640)["scrollWidth"] <= 320, path
