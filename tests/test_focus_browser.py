"""The keyboard's way through every page type, in headless Chromium (issue 29).

Tab from the top of the page to its end, on a phone (390 px) and a desktop
(1366 px), in every language, on one page of each type (``a11ycheck.page_types_for``:
the pages are chosen from the content) and on the home page with a search typed.
At each stop, once its transitions are over (jumped to their end: ``Animation.finish``):

- the focused element is seen: rendered (not hidden, not transparent), inside
  the window, not covered by another element;
- it shows a focus indicator: an outline or a shadow that it does not have
  once focus has moved on (read again at the next stop), whose colour stands
  out 3:1 from what is behind it (WCAG 1.4.11); its text keeps 4.5:1 (3:1 when
  large) in its focused colours (WCAG 1.4.3; axe only sees pages unfocused).

One browser for the whole file, one page per viewport and language; each stop
is one Tab and one evaluation.
"""

from __future__ import annotations

import pytest

from conftest import CONTENT, LANGS, LANGUAGES
from helpcenter.a11ycheck import page_types_for
from helpcenter.validate import load_content

REAL = load_content(CONTENT, "", LANGS)
KINDS = ("home", "article", "guide start, with its diagram", "guide outcome", "checklist sheet", "404")
PAGES = [(kind, path) for kind, path in page_types_for(REAL) if kind in KINDS] + [("search", "index.html")]
WIDTHS = (390, 1366)
MAX_STOPS = 250  # more stops than any page has: reaching it means focus never came back to the page's start

# One Tab stop, described once its transitions are over (a menu that opens, the
# search that slides in), with the focus rings of this element and of the one before.
STOP = """async () => {
  // transitions (a menu that opens, a colour that changes) jump to their end: the state a
  // reader sees a moment later, without waiting for it; those they start in turn (Material
  // opens the search a frame after its input is focused) too
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let round = 0; round < 10; round++) {
    const running = document.getAnimations().filter(a => a.effect && a.effect.getTiming().iterations !== Infinity
                                                          && a.playState === "running");
    if (round > 0 && !running.length) break;
    for (const a of running) { try { a.finish(); } catch (e) {} }
    await frame();
  }
  // a phone's closed search lets the page go 100 ms after it closes (Material's scroll lock)
  for (let t = 0; t < 20 && !document.getElementById("__search").checked && document.body.hasAttribute("data-md-scrolllock"); t++)
    await new Promise(r => setTimeout(r, 50));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const rgba = text => { const n = (text.match(/[\\d.]+/g) || []).map(Number);
                         return n.length < 3 ? [0, 0, 0, 0] : [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
  const over = (top, under) => { const a = top[3];
                                 return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };
  const behind = el => { const layers = [];
                         for (let n = el; n && n.nodeType === 1; n = n.parentElement) layers.push(rgba(getComputedStyle(n).backgroundColor));
                         return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]); };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const ring = el => { const s = getComputedStyle(el);
                       const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && rgba(s.outlineColor)[3] > 0;
                       return {outline: outline ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset}` : "none",
                               shadow: s.boxShadow}; };
  const name = el => el === document.body ? "body" : `${el.tagName.toLowerCase()}.${[...el.classList].filter(c => c !== "focus-visible").join(".")}`
                     + ` "${(el.innerText || el.value || el.getAttribute("aria-label") || "").trim().replace(/\\s+/g, " ").slice(0, 40)}"`;
  const e = document.activeElement, before = window.hcFocusBefore;
  window.hcFocusBefore = e;
  const stop = {name: name(e), body: e === document.body || e === document.documentElement,
                before: before && before !== e && before.isConnected ? {name: name(before), ring: ring(before)} : null};
  if (stop.body) return stop;
  const s = getComputedStyle(e), r = e.getBoundingClientRect(), line = e.getClientRects()[0] || r;  // a link's first line
  const x = Math.min(Math.max(line.left + line.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(line.top + line.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  stop.seen = e.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width >= 1 && r.height >= 1
              && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  stop.covered = !(hit && (e.contains(hit) || [...(e.labels || [])].includes(hit))) && (hit ? name(hit) : "nothing");
  stop.ring = ring(e);
  const outlineAgainst = parseFloat(s.outlineOffset) < 0 ? behind(e) : behind(e.parentElement || e);
  stop.ringContrast = stop.ring.outline === "none" ? null : contrast(over(rgba(s.outlineColor), outlineAgainst), outlineAgainst);
  const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700);
  const text = (e.innerText || "").trim() && e.tagName !== "INPUT";
  const ground = behind(e);
  stop.textContrast = text ? contrast(over(rgba(s.color), ground), ground) : null;
  stop.textNeeds = large ? 3 : 4.5;
  return stop;
}"""

def _query(lang: str) -> str:
    import yaml

    queries = yaml.safe_load((CONTENT / "search-queries.yml").read_text(encoding="utf-8"))
    return queries[lang][0]["query"]

def _walk(page, kind: str, lang: str) -> tuple[list[dict], list[str]]:
    """Every Tab stop of the page from its top, and what is wrong with each."""
    stops, problems = [], []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(STOP)
        if stops and stop["before"] is not None:
            last = stops[-1]
            if not last["body"] and stop["before"]["ring"] == last["ring"]:
                problems.append(f"{last['name']}: the same outline and shadow focused and not ({last['ring']})")
        if stop["body"] or (stops and stop["name"] == stops[0]["name"]):
            return stops, problems
        stops.append(stop)
        problems += _problems(stop)
        if kind == "search" and "md-search__input" in stop["name"]:
            page.keyboard.type(_query(lang))
            page.wait_for_selector(".md-search-result__item", timeout=20_000)
    problems.append(f"no end after {MAX_STOPS} Tab stops")
    return stops, problems

def _problems(stop: dict) -> list[str]:
    found = []
    if not stop["seen"]:
        found.append(f"{stop['name']}: focused while not seen (hidden, transparent, empty or outside the window)")
    elif stop["covered"]:
        found.append(f"{stop['name']}: focused under {stop['covered']}")
    if stop["ring"]["outline"] == "none" and stop["ring"]["shadow"] == "none":
        found.append(f"{stop['name']}: no outline and no shadow when focused")
    elif stop["ringContrast"] is not None and stop["ringContrast"] < 3:
        found.append(f"{stop['name']}: its outline stands out {stop['ringContrast']:.2f}:1 from what is behind it")
    if stop["textContrast"] is not None and stop["textContrast"] < stop["textNeeds"]:
        found.append(f"{stop['name']}: its text is {stop['textContrast']:.2f}:1 when focused, "
                     f"{stop['textNeeds']}:1 needed")
    return found

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_tab_stop_is_seen_and_shows_its_focus(browser, site_url, lang, width):
    assert [kind for kind, path in PAGES if not path] == [], "a page type the content has no page of"
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    report = []
    for kind, path in PAGES:
        page.goto(f"{site_url}/{LANGS.root(lang)}{path}".removesuffix("index.html"), wait_until="load")
        stops, problems = _walk(page, kind, lang)
        assert len(stops) >= 3, f"{kind}: {[s['name'] for s in stops]}"
        report += [f"{kind} ({lang}, {width} px): {p}" for p in problems]
    context.close()
    assert report == [], "\n".join(report)

def test_the_drawer_opens_from_the_keyboard_and_its_links_are_no_stops_while_closed(browser, site_url):
    """On a phone the menu is a drawer off screen: its button is a Tab stop; Enter opens
    the drawer with the focus on its first link, seen; Escape closes it and comes back;
    while closed, none of its links is a stop."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{site_url}/en/{dict(PAGES)['article'].removesuffix('index.html')}", wait_until="load")
    in_drawer = "() => !!document.activeElement.closest('.md-sidebar--primary')"
    is_button = "() => document.activeElement.matches('button.hc-menu-button')"
    names = []
    for _ in range(3):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.getAttribute('for') || document.activeElement.className"))
        if page.evaluate(is_button):
            break
    assert page.evaluate(is_button), f"the menu button is not among the first Tab stops: {names}"
    button = page.locator("button.hc-menu-button")
    label = page.locator("label.md-header__button[for=__drawer]")
    assert button.get_attribute("aria-expanded") == "false" and not label.is_visible()
    assert button.get_attribute("aria-label") == label.get_attribute("data-hc-name") != ""
    page.keyboard.press("Enter")
    page.wait_for_function(in_drawer, timeout=5000)
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.getElementById('__drawer').checked")
    page.wait_for_function("() => document.activeElement.getBoundingClientRect().left >= 0")  # slid in
    page.keyboard.press("Escape")
    assert page.evaluate(is_button)
    assert button.get_attribute("aria-expanded") == "false"
    page.wait_for_timeout(400)  # slid out
    for _ in range(8):  # past the header's controls: the drawer's links are no stops now
        page.keyboard.press("Tab")
        assert not page.evaluate(in_drawer)
    context.close()
    # Where the menu is a sidebar (Material: 76.25em and wider), neither button nor label shows.
    wide = browser.new_context(viewport={"width": 1366, "height": 800})
    page = wide.new_page()
    page.goto(f"{site_url}/{dict(PAGES)['article'].removesuffix('index.html')}", wait_until="load")
    assert page.locator("button.hc-menu-button").count() == 1
    assert not page.locator("button.hc-menu-button").is_visible()
    assert not page.locator("label.md-header__button[for=__drawer]").is_visible()
    wide.close()


def test_no_strip_above_the_header(browser, site_url):
    """The header is the first thing drawn: nothing (an empty banner was 12 px of dark) above it."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    for lang in LANGUAGES:
        for kind, path in PAGES:
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                page.goto(f"{site_url}/{LANGS.root(lang)}{path}".removesuffix("index.html"), wait_until="load")
                top = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().top")
                assert top == 0 and page.locator(".md-banner").count() == 0, (kind, lang, width)
    context.close()
