"""Articles and the site's chrome as readers meet them, in headless Chromium (issue 14).

One name per article, the way up and the way out, warnings a reader sees,
the checklist as a link to its sheet, the keyboard, phone screens (320 and
390 px, JavaScript on and off) and the support block.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import LANGS, MINI, ROOT, VISIBLE_JS, fixture_repo, read_once
from helpcenter.a11ycheck import serve
from helpcenter.guide import is_question
from helpcenter.validate import load_content, word_not_in_title

# Pages are chosen from the content, never named: an editor's rename keeps these tests green.
REAL = load_content(ROOT / "content", "", LANGS)
IDS = sorted(p.stem for p in (ROOT / "content" / "scenarios").glob("*.yml"))
ARTICLES = {sid: yaml.safe_load((ROOT / "content" / "scenarios" / f"{sid}.yml").read_text(encoding="utf-8")) for sid in IDS}
SITE = yaml.safe_load((ROOT / "content" / "site.yml").read_text(encoding="utf-8"))
PREFIX = {"fr": "", "en": "/en"}
WARNED = [sid for sid in IDS if ARTICLES[sid].get("warnings")] or IDS  # articles with a warning box
A, B = WARNED[0], WARNED[-1]
FIRST, LAST = IDS[0], IDS[-1]
QUESTION = next(n for n, node in REAL.guide.nodes.items() if is_question(node) and n != REAL.guide.start)
# One page of each type, in both languages.
PAGE_TYPES = ["/", f"/{A}/", "/guide/", f"/guide/{QUESTION}/", "/checklists/",
              f"/checklists/{A}/", "/agents/", "/404.html"]
EVERY_PAGE_TYPE = PAGE_TYPES + ["/en" + p for p in PAGE_TYPES]
WITH_CHECKLIST = [sid for sid in IDS if ARTICLES[sid].get("checklist")]


def _text(page, selector):
    """Visible words of the first match, without a heading's permalink mark."""
    return " ".join(page.locator(selector).first.evaluate(
        "e => { const c = e.cloneNode(true); c.querySelectorAll('.headerlink').forEach(h => h.remove()); return c.textContent; }").split())


# --- the walks: each page loaded once per browser set-up, read in one evaluation ---------
# A page load costs Chromium about 0.15 CPU-s, a round trip a few ms: the reading-only tests
# below share these walks (plain data, page by page), and tests that click, type or tab keep
# their own page. `visible`: conftest's VISIBLE_JS (what Playwright's `:visible` means).
# `words`: the words of an element, a heading's permalink mark left out.
_HELPERS = """
  const words = e => { if (!e) return null; const c = e.cloneNode(true);
                       c.querySelectorAll('.headerlink').forEach(h => h.remove());
                       return c.textContent.split(/\\s+/).filter(Boolean).join(' '); };
""" + VISIBLE_JS + """
  const all = s => [...document.querySelectorAll(s)];
  const style = (e, f) => e ? f(getComputedStyle(e), e) : null;
"""

# What the desktop walk reads of every page (null where the page has no such part).
_DESKTOP_FACTS = """() => {""" + _HELPERS + """
  const one = s => document.querySelector(s);
  const box = one('article .admonition.warning'), boxTitle = box && box.querySelector('.admonition-title');
  return {
    title: document.title, h1: words(one('article h1')),
    topic: words(one('[data-md-component=header-topic]')), menu: words(one('.md-nav__link--active')),
    others: all('#not-your-case ~ ul a, #related ~ ul a').map(e => e.textContent),
    cards: all('.grid.cards a').map(e => [new URL(e.href).pathname, e.textContent]),
    footerLinks: all('.md-footer__link').length,
    h1Style: style(one('article h1'), s => [s.fontSize, s.fontWeight, s.color]),
    textColour: style(one('article'), s => s.color),
    h2Styles: all('article h2').map(e => style(e, s => [s.fontSize, s.fontWeight])),
    h2Texts: all('article h2').map(e => e.textContent.trim()),
    buttons: all('article .md-button').filter(visible).length,
    primaryButtons: all('article .md-button--primary').filter(visible).length,
    support: all('.hc-support').length,
    schemeToggles: all('input.md-option, [data-md-component=palette]').length,
    bodySize: style(one('article .hc-summary ~ p, article ul li'), s => s.fontSize),
    warnings: all('article .admonition.warning').length,
    warningSize: box && style(box.querySelector('li, p:not(.admonition-title)'), s => s.fontSize),
    warningTitles: box && box.querySelectorAll('.admonition-title').length,
    warningTitle: boxTitle && boxTitle.innerText.trim(),
    warningIcon: boxTitle && (getComputedStyle(boxTitle, '::before').maskImage || getComputedStyle(boxTitle, '::before').webkitMaskImage),
    summaryBlockSize: style(one('article .hc-summary'), (s, e) => getComputedStyle(e.parentElement).fontSize),
    reassuranceSize: style(one('article .admonition p'), s => s.fontSize),
  };
}"""
# Every article and its sheet, the home pages, the guide and the sheets' index, in both
# languages where the tests read both, in a desktop browser (Playwright's default context).
DESKTOP_PAGES = [PREFIX[lang] + path for lang in ("fr", "en")
                 for path in ["/", *(f"/{sid}/" for sid in IDS), *(f"/checklists/{sid}/" for sid in WITH_CHECKLIST)]]
DESKTOP_PAGES += ["/guide/", "/checklists/"]


def _walk(browser, site_url, paths, script, **context) -> dict:
    """``script``'s answer on each page of ``paths`` (one tab, a context of ``context``)."""
    ctx = browser.new_context(**context)
    try:
        page = ctx.new_page()
        seen = {}
        for path in paths:
            page.goto(site_url + path)
            seen[path] = page.evaluate(script)
        return seen
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def desktop(browser, site_url, tmp_path_factory, pytestconfig) -> dict:
    """DESKTOP_PAGES as a desktop browser shows them: path -> what _DESKTOP_FACTS read."""
    return read_once(tmp_path_factory, pytestconfig, "pages-browser-desktop",
                     lambda: _walk(browser, site_url, DESKTOP_PAGES, _DESKTOP_FACTS))


# --- one name per article --------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_name_per_article(desktop, lang):
    """h1, tab, header, home card, links from other pages and the sheet say the full title;
    the menu alone is short, and then with the title's own words."""
    site_name = SITE["site_name"][lang]
    cards = {href.strip("/").split("/")[-1]: " ".join(text.split()) for href, text in desktop[f"{PREFIX[lang]}/"]["cards"]}
    for sid in IDS:
        seen = desktop[f"{PREFIX[lang]}/{sid}/"]
        title = seen["h1"]
        assert title == " ".join(ARTICLES[sid]["title"][lang].split()) or "{" in ARTICLES[sid]["title"][lang], f"{lang} {sid}"
        assert seen["title"] == f"{title} - {site_name}", f"{lang} {sid}"
        assert seen["topic"] == title, f"{lang} {sid}"
        assert cards[sid] == title, f"{lang} {sid}"
        menu = seen["menu"]
        assert word_not_in_title(menu, title) is None, f"{sid}: menu {menu!r} is not a shortening of {title!r}"
        for other in seen["others"]:
            assert " ".join(other.split()) in cards.values(), f"{sid} links another article by a name not its title"
        if sid in WITH_CHECKLIST:
            sheet = desktop[f"{PREFIX[lang]}/checklists/{sid}/"]
            assert sheet["h1"] == title, f"{lang} {sid}: its sheet"
            assert sheet["title"].startswith(f"{title} – "), f"{lang} {sid}: its sheet"


def test_no_previous_next_footer(desktop):
    for path in (f"/{A}/", f"/en/{FIRST}/", "/guide/", "/"):
        assert desktop[path]["footerLinks"] == 0, path


# --- what helps next, and the way up -----------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_article_has_a_way_up_and_a_jump_to_other_situations(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    sections = {s["id"]: s["title"][lang] for s in SITE["sections"]}
    home = f"{PREFIX[lang]}/"
    for sid in IDS:
        page.goto(f"{site_url}{PREFIX[lang]}/{sid}/")
        seen = page.evaluate("""() => {
            const nav = document.querySelector('nav.hc-breadcrumb'), jump = document.querySelector('a.hc-jump');
            const box = jump && jump.getBoundingClientRect();
            return {crumbs: [...document.querySelectorAll('nav.hc-breadcrumb a')].map(e => [new URL(e.href).pathname + new URL(e.href).hash, e.textContent]),
                    label: nav && nav.getAttribute('aria-label'), jump: jump && jump.getAttribute('href'),
                    jumpEnd: box && box.y + box.height}; }""")
        section = ARTICLES[sid]["section"]
        assert seen["crumbs"] == [[home, SITE["strings"]["home-link"][lang]], [f"{home}#{section}", sections[section]]], sid
        assert seen["label"] == SITE["strings"]["breadcrumb"][lang]
        # the jump sits on the first screen of a phone, under the summary
        assert seen["jump"] == "#not-your-case"
        assert seen["jumpEnd"] < 844, sid
        page.locator("a.hc-jump").click()
        page.wait_for_function("location.hash === '#not-your-case'")
        assert page.locator("#not-your-case").bounding_box()["y"] < 844 / 2
    # the section anchors the breadcrumb points at exist on the home page
    page.goto(f"{site_url}{home}")
    for section in {ARTICLES[sid]["section"] for sid in IDS}:
        assert page.locator(f"#{section}").count() == 1
    context.close()


# --- hierarchy: warnings, titles, one call to action ---------------------------

def _px(value: str) -> float:
    return float(value.removesuffix("px"))


@pytest.mark.parametrize("path", [f"/{A}/", f"/en/{B}/"])
def test_warnings_are_one_titled_box_at_body_size(desktop, path):
    seen = desktop[path]
    assert seen["warnings"] == 1
    assert seen["warningTitles"] == 1, f"{path}: {seen['warningTitles']} titles in the warning box"
    assert _px(seen["warningSize"]) >= _px(seen["bodySize"]) >= 16
    assert seen["warningTitle"] == SITE["strings"]["warnings"]["en" if path.startswith("/en/") else "fr"]
    assert seen["warningIcon"].startswith("url(")
    # said once: no heading of the same words above the box
    assert seen["warningTitle"] not in seen["h2Texts"]


def test_home_reassurance_at_body_size(desktop):
    seen = desktop["/"]
    assert _px(seen["reassuranceSize"]) >= _px(seen["summaryBlockSize"]) >= 16


def test_the_page_title_is_the_strongest_text(desktop):
    for path in ("/", f"/{A}/", f"/en/{FIRST}/", "/checklists/", "/guide/"):
        h1, text_colour = desktop[path]["h1Style"], desktop[path]["textColour"]
        assert h1 and text_colour, f"{path}: no article h1"
        assert h1[2] == text_colour, path  # full strength, not Material's pale grey
        for h2 in desktop[path]["h2Styles"]:
            assert _px(h1[0]) > _px(h2[0]) and int(h1[1]) >= int(h2[1]), path


# The title's words, and how far below its last line the title's box ends (px); its
# permalink mark left out of the words.
_TITLE_TAIL = """e => {
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  let bottom = -Infinity;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('.headerlink') || !node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) bottom = Math.max(bottom, r.bottom);
  }
  return e.getBoundingClientRect().bottom - bottom;
}"""


# What the walks at a width read of an article: its title's line height and tail, and the
# site's name in the header (Playwright's `:visible`: `visible`), whole or cut.
_AT_WIDTH_FACTS = """() => {""" + _HELPERS + """
  const h1 = document.querySelector('article h1');
  const names = all('.md-header__topic:first-child .md-ellipsis').filter(visible);
  return {line: h1 && getComputedStyle(h1).lineHeight, tail: h1 && (""" + _TITLE_TAIL + """)(h1),
          names: names.map(e => e.innerText.trim()), fits: names.map(e => e.scrollWidth <= e.clientWidth)};
}"""
ARTICLE_PAGES = [f"{PREFIX[lang]}/{sid}/" for lang in ("fr", "en") for sid in IDS]


@pytest.fixture(scope="module")
def at_width(browser, site_url, tmp_path_factory, pytestconfig):
    """at_width(px): every article in both languages in a desktop browser ``px`` wide and
    900 high: path -> what _AT_WIDTH_FACTS read."""
    def walked(width: int) -> dict:
        return read_once(tmp_path_factory, pytestconfig, f"pages-browser-{width}px", lambda: _walk(
            browser, site_url, ARTICLE_PAGES, _AT_WIDTH_FACTS, viewport={"width": width, "height": 900}))
    return walked


@pytest.mark.parametrize("width", [1366, 390])
def test_nothing_hidden_adds_a_line_under_an_article_title(at_width, width):
    """The title's permalink mark (shown on hover) once wrapped onto a line of its own
    under a title that filled its last line: an empty 40 px line before the summary."""
    seen = at_width(width)
    for lang in ("fr", "en"):
        for sid in IDS:
            line, tail = seen[f"{PREFIX[lang]}/{sid}/"]["line"], seen[f"{PREFIX[lang]}/{sid}/"]["tail"]
            assert line is not None, f"{lang} {sid} at {width} px: no article h1"
            line = _px(line)
            assert tail < line / 2, f"{lang} {sid} at {width} px: the title's box ends {tail:.0f} px below its words"


def test_one_call_to_action_per_page(desktop):
    for path in ("/", "/en/", f"/{A}/", f"/en/{LAST}/"):
        assert desktop[path]["buttons"] <= 1, path
        assert desktop[path]["primaryButtons"] <= 1, path


# --- the on-screen checklist: a link to the sheet, not a second list ----------

def test_articles_link_their_sheet_instead_of_a_second_list(page, site_url):
    assert WITH_CHECKLIST
    for sid in WITH_CHECKLIST:
        page.goto(f"{site_url}/{sid}/")
        assert page.locator("article .hc-checklist, article input[type=checkbox]").count() == 0, sid
        link = page.locator("a#checklist")
        assert link.inner_text().strip() == SITE["strings"]["checklist-print-link"]["fr"], sid
        link.click()
        page.wait_for_url(f"{site_url}/checklists/{sid}/")
        assert page.locator("ul.hc-checklist--sheet > li").count() == len(ARTICLES[sid]["checklist"]), sid


def test_an_article_on_a_phone_is_not_doubled_by_its_checklist(browser, site_url):
    """The steps are on the page once, in full; the checklist (which repeats them) is not
    (before, it doubled a French article: 4,600 px on a phone). A rule, not a height: an
    editor may lengthen any article."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    sid = WITH_CHECKLIST[0]
    page.goto(f"{site_url}/{sid}/")
    assert page.locator("ol.hc-steps").count() == 1
    assert page.locator("ol.hc-steps > li").count() == len(REAL.scenarios[sid].steps)
    assert page.locator("article .hc-checklist, article ul li input").count() == 0
    context.close()


# --- keyboard -------------------------------------------------------------------

def _focused(page):
    return page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return {tag: e.tagName, cls: e.className || '', w: r.width, h: r.height, visible: s.visibility !== 'hidden' && s.opacity !== '0',
                inContent: !!e.closest('.md-content')}; }""")


# The header's stops after the skip link that the keyboard test looks at, then walks back over.
_HEADER_STOPS = 4


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_skip_link_first_and_no_invisible_tab_stop(page, site_url, lang):
    for path in (p for p in EVERY_PAGE_TYPE if p.startswith("/en/") == (lang == "en")):
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        first = _focused(page)
        assert first["tag"] == "A" and "md-skip" in first["cls"], path
        for _ in range(_HEADER_STOPS):
            page.keyboard.press("Tab")
            stop = _focused(page)
            assert stop["w"] >= 1 and stop["h"] >= 1 and stop["visible"], f"{path}: invisible Tab stop {stop}"
        # back to the skip link (instead of loading the page again: tabbing changes nothing
        # but the focus), which leads past the header and the menu, into the content
        for _ in range(_HEADER_STOPS):
            page.keyboard.press("Shift+Tab")
        back = _focused(page)
        assert back["tag"] == "A" and "md-skip" in back["cls"], f"{path}: Shift+Tab leads back to {back}, not the skip link"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert _focused(page)["inContent"], path


def test_no_colour_scheme_toggle(desktop):
    assert desktop["/"]["schemeToggles"] == 0


# --- phones -------------------------------------------------------------------

@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_sideways_scroll_at_320_px(browser, site_url, javascript):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=javascript)
    page = context.new_page()
    for path in EVERY_PAGE_TYPE + [f"/{FIRST}/", f"/en/{LAST}/"]:
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()


def test_tap_targets_are_44_px(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    checks = {f"/{A}/": ["a.hc-print-link", "a.hc-jump", "nav.hc-breadcrumb a"],
              f"/en/{A}/": ["a.hc-print-link", "a.hc-jump", "nav.hc-breadcrumb a"],
              f"/checklists/{A}/": [".hc-sheet-actions .md-button"],
              "/": ["article .md-button"]}
    for path, selectors in checks.items():
        page.goto(site_url + path)
        for selector in selectors:
            boxes = page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect()).map(r => [r.width, r.height])")
            assert boxes, f"{path}: nothing matches {selector}"
            for width, height in boxes:
                assert width >= 44 and height >= 44, f"{path} {selector}: {width:.0f}x{height:.0f}"
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_short_site_name_on_a_phone_full_name_on_a_desktop(at_width, lang):
    """(The walks at 390 and 1366 px are 900 px high; the header does not depend on the height.)"""
    for width, shown in ((390, SITE["site_short_name"][lang]), (1366, SITE["site_name"][lang])):
        seen = at_width(width)[f"{PREFIX[lang]}/{A}/"]
        assert len(seen["names"]) == 1 and seen["names"][0] == shown, f"{width}px: {seen['names']}"
        assert seen["fits"][0], f"{width}px: the name is cut"


# --- the platform's support ----------------------------------------------------

def test_the_support_block_follows_the_setting(desktop):
    """No address set (the real content has none yet, EDITING.md): no block; set: one per article
    (the copy below sets one and checks its words)."""
    expected = 1 if SITE.get("support") else 0
    for path in (f"/{A}/", f"/en/{FIRST}/"):
        assert desktop[path]["support"] == expected, path


MINI_SITE = yaml.safe_load((MINI / "site.yml").read_text(encoding="utf-8"))
MINI_IDS = sorted(p.stem for p in (MINI / "scenarios").glob("*.yml"))


@pytest.fixture(scope="module")
def site_with_support(tmp_path_factory):
    """The fixture help center with a support address, built (no browser or HTML check: this
    is about one block, on every article of a help center whose words these tests may quote)."""
    root = fixture_repo(tmp_path_factory.mktemp("support") / "repo")
    site_yml = root / "content" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    assert "\nsupport:" not in text
    site_yml.write_text(text.replace("\nhome:\n", '\nsupport:\n  fr: "https://aide.shop.fr/contact"\n'
                                                   '  en: "mailto:help@shop.fr"\nhome:\n', 1), encoding="utf-8")
    out = root / "site"
    env = {**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", "CI": "",
           "HELPCENTER_CHROMIUM": "/nonexistent/chromium", "HELPCENTER_JAVA": "/nonexistent/java"}
    result = subprocess.run([sys.executable, "-m", "helpcenter", "build"], cwd=root, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    with serve(out) as url:
        yield url


@pytest.mark.parametrize("lang, href", [("fr", "https://aide.shop.fr/contact"), ("en", "mailto:help@shop.fr")])
def test_support_block_ends_every_article_when_set(page, site_with_support, lang, href):
    for sid in MINI_IDS:
        page.goto(f"{site_with_support}{PREFIX[lang]}/{sid}/")
        block = page.locator(".hc-support")
        assert block.count() == 1, sid
        link = block.locator("a.hc-support-link")
        assert link.get_attribute("href") == href
        assert link.inner_text().split() == MINI_SITE["strings"]["support-link"][lang].split()
        assert _text(page, ".hc-support h2").split() == MINI_SITE["strings"]["support-title"][lang].split()
        # after what helps next: other situations and related articles
        order = page.eval_on_selector_all("article h2", "els => els.map(e => e.id)")
        assert order.index(block.locator("h2").get_attribute("id")) > order.index("not-your-case"), sid
        box = link.bounding_box()
        assert box["height"] >= 44
