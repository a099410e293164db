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

from conftest import CHROMIUM_ARGS, LANGS, MINI, ROOT, fixture_repo
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


# What the article walks read of a page, in one evaluation (a round trip to the browser
# costs about as much as loading the page): the words of the first match of each
# selector (or null), a heading's permalink mark left out, and the tab's title.
_WORDS_OF = """selectors => {
  const words = e => { if (!e) return null; const c = e.cloneNode(true);
                       c.querySelectorAll('.headerlink').forEach(h => h.remove());
                       return c.textContent.split(/\\s+/).filter(Boolean).join(' '); };
  const out = {title: document.title};
  for (const [name, selector] of Object.entries(selectors)) out[name] = words(document.querySelector(selector));
  return out;
}"""


def _words_of(page, **selectors) -> dict:
    return page.evaluate(_WORDS_OF, selectors)


# --- one name per article --------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_name_per_article(page, site_url, lang):
    """h1, tab, header, home card, links from other pages and the sheet say the full title;
    the menu alone is short, and then with the title's own words."""
    site_name = SITE["site_name"][lang]
    page.goto(f"{site_url}{PREFIX[lang]}/")
    cards = {a["href"].strip("/").split("/")[-1]: " ".join(a["text"].split()) for a in page.eval_on_selector_all(
        ".grid.cards a", "els => els.map(e => ({href: new URL(e.href).pathname, text: e.textContent}))")}
    for sid in IDS:
        page.goto(f"{site_url}{PREFIX[lang]}/{sid}/")
        seen = _words_of(page, h1="article h1", topic="[data-md-component=header-topic]", menu=".md-nav__link--active")
        title = seen["h1"]
        assert title == " ".join(ARTICLES[sid]["title"][lang].split()) or "{" in ARTICLES[sid]["title"][lang]
        assert seen["title"] == f"{title} - {site_name}"
        assert seen["topic"] == title
        assert cards[sid] == title
        menu = seen["menu"]
        assert word_not_in_title(menu, title) is None, f"{sid}: menu {menu!r} is not a shortening of {title!r}"
        for other in page.eval_on_selector_all("#not-your-case ~ ul a, #related ~ ul a",
                                               "els => els.map(e => e.textContent)"):
            assert " ".join(other.split()) in cards.values(), f"{sid} links another article by a name not its title"
        if sid in WITH_CHECKLIST:
            page.goto(f"{site_url}{PREFIX[lang]}/checklists/{sid}/")
            sheet = _words_of(page, h1="article h1")
            assert sheet["h1"] == title
            assert sheet["title"].startswith(f"{title} – ")


def test_no_previous_next_footer(page, site_url):
    for path in (f"/{A}/", f"/en/{FIRST}/", "/guide/", "/"):
        page.goto(site_url + path)
        assert page.locator(".md-footer__link").count() == 0, path


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
def test_warnings_are_one_titled_box_at_body_size(page, site_url, path):
    page.goto(site_url + path)
    body = _px(page.eval_on_selector("article .hc-summary ~ p, article ul li", "e => getComputedStyle(e).fontSize"))
    boxes = page.locator("article .admonition.warning")
    assert boxes.count() == 1
    size = _px(boxes.first.evaluate("e => getComputedStyle(e.querySelector('li, p:not(.admonition-title)')).fontSize"))
    assert size >= body >= 16
    title = boxes.first.locator(".admonition-title")
    assert title.inner_text().strip() == SITE["strings"]["warnings"]["en" if path.startswith("/en/") else "fr"]
    icon = title.evaluate("e => getComputedStyle(e, '::before').maskImage || getComputedStyle(e, '::before').webkitMaskImage")
    assert icon.startswith("url(")
    # said once: no heading of the same words above the box
    headings = page.eval_on_selector_all("article h2", "els => els.map(e => e.textContent.trim())")
    assert title.inner_text().strip() not in headings


def test_home_reassurance_at_body_size(page, site_url):
    page.goto(f"{site_url}/")
    body = _px(page.eval_on_selector("article .hc-summary", "e => getComputedStyle(e.parentElement).fontSize"))
    box = _px(page.eval_on_selector("article .admonition p", "e => getComputedStyle(e).fontSize"))
    assert box >= body >= 16


def test_the_page_title_is_the_strongest_text(page, site_url):
    for path in ("/", f"/{A}/", f"/en/{FIRST}/", "/checklists/", "/guide/"):
        page.goto(site_url + path)
        h1 = page.eval_on_selector("article h1", "e => { const s = getComputedStyle(e); return [s.fontSize, s.fontWeight, s.color]; }")
        text_colour = page.eval_on_selector("article", "e => getComputedStyle(e).color")
        assert h1[2] == text_colour, path  # full strength, not Material's pale grey
        for h2 in page.eval_on_selector_all("article h2", "els => els.map(e => { const s = getComputedStyle(e); return [s.fontSize, s.fontWeight]; })"):
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


@pytest.mark.parametrize("width", [1366, 390])
def test_nothing_hidden_adds_a_line_under_an_article_title(browser, site_url, width):
    """The title's permalink mark (shown on hover) once wrapped onto a line of its own
    under a title that filled its last line: an empty 40 px line before the summary."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for lang in ("fr", "en"):
            for sid in IDS:
                page.goto(f"{site_url}{PREFIX[lang]}/{sid}/")
                line, tail = page.eval_on_selector("article h1", f"e => [getComputedStyle(e).lineHeight, ({_TITLE_TAIL})(e)]")
                line = _px(line)
                assert tail < line / 2, f"{lang} {sid} at {width} px: the title's box ends {tail:.0f} px below its words"
    finally:
        context.close()


def test_one_call_to_action_per_page(page, site_url):
    for path in ("/", "/en/", f"/{A}/", f"/en/{LAST}/"):
        page.goto(site_url + path)
        assert page.locator("article .md-button:visible").count() <= 1, path
        assert page.locator("article .md-button--primary:visible").count() <= 1, path


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


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_skip_link_first_and_no_invisible_tab_stop(page, site_url, lang):
    for path in (p for p in EVERY_PAGE_TYPE if p.startswith("/en/") == (lang == "en")):
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        first = _focused(page)
        assert first["tag"] == "A" and "md-skip" in first["cls"], path
        for _ in range(4):
            page.keyboard.press("Tab")
            stop = _focused(page)
            assert stop["w"] >= 1 and stop["h"] >= 1 and stop["visible"], f"{path}: invisible Tab stop {stop}"
        # the skip link leads past the header and the menu, into the content
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert _focused(page)["inContent"], path


def test_no_colour_scheme_toggle(page, site_url):
    page.goto(f"{site_url}/")
    assert page.locator("input.md-option, [data-md-component=palette]").count() == 0


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
def test_short_site_name_on_a_phone_full_name_on_a_desktop(browser, site_url, lang):
    for width, shown in ((390, SITE["site_short_name"][lang]), (1366, SITE["site_name"][lang])):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{site_url}{PREFIX[lang]}/{A}/")
        name = page.locator(".md-header__topic:first-child .md-ellipsis:visible")
        assert name.count() == 1 and name.inner_text().strip() == shown
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), f"{width}px: the name is cut"
        context.close()


# --- the platform's support ----------------------------------------------------

def test_the_support_block_follows_the_setting(page, site_url):
    """No address set (the real content has none yet, EDITING.md): no block; set: one per article
    (the copy below sets one and checks its words)."""
    expected = 1 if SITE.get("support") else 0
    for path in (f"/{A}/", f"/en/{FIRST}/"):
        page.goto(site_url + path)
        assert page.locator(".hc-support").count() == expected


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
