"""Caches keyed by content are reused while their inputs stay, and never stale:
change one input of each cached thing and it is made again.

- QR codes of the checklist sheets (``checklist.QrCodes``, kept in ``.build/cache/qr.json``);
- the HTML checker's messages per page (``htmlcheck.start_cached``);
- axe's results per page type (``a11ycheck.check_accessibility(cache=...)``).
"""

from __future__ import annotations


import pytest

from conftest import CHROMIUM, LANGS, MINI, ROOT
from helpcenter import a11ycheck, checklist, htmlcheck, tools
from helpcenter.cache import Cache, key
from helpcenter.pipeline import generate, read_site_url


def test_keys_change_with_any_part_and_with_how_parts_are_cut():
    assert key("a", "b") == key("a", "b")
    assert key("a", "b") != key("a", "c")
    assert key("ab", "") != key("a", "b")


def test_qr_codes_are_kept_between_builds_and_made_again_for_a_new_address(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    url = read_site_url(ROOT / "mkdocs.yml")
    generate(MINI, tmp_path / "docs", url, LANGS, cache)
    kept = (cache / "qr.json").read_text(encoding="utf-8")
    assert kept.count("<svg") >= 2  # a sheet per language at least
    sheet = next((tmp_path / "docs").rglob("checklists/*.md")).relative_to(tmp_path / "docs")
    first = (tmp_path / "docs" / sheet).read_text(encoding="utf-8")

    # The next build (each starts with no code in memory) reads the codes back instead of making them.
    made = []
    real_make = checklist.segno.make
    monkeypatch.setattr(checklist.segno, "make", lambda *a, **k: made.append(a) or real_make(*a, **k))
    generate(MINI, tmp_path / "docs", url, LANGS, cache)
    assert made == []
    assert (tmp_path / "docs" / sheet).read_text(encoding="utf-8") == first

    # Another site address: every code is made again, none reused.
    generate(MINI, tmp_path / "docs", "https://help.example.org/", LANGS, cache)
    assert made and all(a[0].startswith("https://help.example.org/") for a in made)
    assert "https://help.example.org/" in (tmp_path / "docs" / sheet).read_text(encoding="utf-8")


@pytest.mark.skipif(not tools.find(tools.JAVA), reason="needs Java")
def test_html_checker_results_are_reused_for_unchanged_pages_only(site, tmp_path):
    cache = Cache(tmp_path / "html")
    first = htmlcheck.start_cached(site, cache)
    assert htmlcheck.finish(first, site) == [] and first.checked > 10
    again = htmlcheck.start_cached(site, cache)
    assert again.checked == 0 and again.process is None  # no Java started
    assert htmlcheck.finish(again, site) == []
    page = site / "en" / "alpha" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<li id="first">', '<li id="first"><span id="first">x</span>', 1),
                    encoding="utf-8")
    changed = htmlcheck.start_cached(site, cache)
    assert changed.checked == 1
    problems = [str(p) for p in htmlcheck.finish(changed, site) if p.severity == "error"]
    assert len(problems) == 1 and problems[0].startswith("en/alpha/index.html:") and "Duplicate ID" in problems[0]
    # The broken page's messages were kept too: reused, still reported.
    assert [str(p) for p in htmlcheck.finish(htmlcheck.start_cached(site, cache), site) if p.severity == "error"] == problems


@pytest.mark.skipif(not CHROMIUM, reason="needs Chromium")
def test_accessibility_results_are_reused_until_the_page_or_its_assets_change(site, tmp_path, browser):
    types = [("article", "alpha/index.html")]
    cache = Cache(tmp_path / "axe")
    assert a11ycheck.check_accessibility(site, LANGS, page_types=types, browser=browser, cache=cache) == []
    assert cache.misses == 2  # both languages checked
    # Every result reused: no browser is needed at all.
    reuse = Cache(tmp_path / "axe")
    assert a11ycheck.check_accessibility(site, LANGS, page_types=types, executable="/nonexistent/chromium", cache=reuse) == []
    assert (reuse.hits, reuse.misses) == (2, 0)
    # The page changes: checked again, its new violation found.
    page = site / "en" / "alpha" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        '<li id="first">', '<li id="first"><img id="seeded" src="../../assets/images/favicon.png">', 1), encoding="utf-8")
    problems = a11ycheck.check_accessibility(site, LANGS, page_types=types, browser=browser, cache=Cache(tmp_path / "axe"))
    assert [p.file for p in problems] == ["en/alpha/index.html"] and "image-alt" in problems[0].message
    # A stylesheet every page loads changes: both pages are checked again.
    css = next((site / "assets").rglob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    again = Cache(tmp_path / "axe")
    a11ycheck.check_accessibility(site, LANGS, page_types=types, browser=browser, cache=again)
    assert again.misses == 2


# The accessibility result is kept by the page's shape: its markup, and of each text
# only whether it is blank, has a letter or digit, or symbols only (a11ycheck.page_shape).
PAGE = ('<!doctype html>\n<html lang="fr"><head><title>Annuler</title><style>p{color:#333}</style>'
        '<script>var s = "mot";</script></head>\n<body><!-- note -->\n'
        '<p class="lead">Vous ne pouvez plus l&#39;annuler.</p>\n<a href="#x">Suite</a> <p>&para;</p>\n</body></html>')


@pytest.mark.parametrize("reworded", [
    PAGE.replace("Vous ne pouvez plus l&#39;annuler.", "Vous ne pouvez plus du tout l’annuler, désolé."),
    PAGE.replace("Suite", "La suite de cette page, en plus long").replace("Annuler", "Cancel"),
    PAGE.replace(">Suite<", ">3<"),  # a digit counts as a word: the link keeps a name
])
def test_a_page_whose_words_alone_changed_has_the_same_shape(reworded):
    assert reworded != PAGE
    assert a11ycheck.page_shape(reworded) == a11ycheck.page_shape(PAGE)


@pytest.mark.parametrize("changed", [
    PAGE.replace(">Suite<", "><"),                        # the link loses its name
    PAGE.replace(">Suite<", "> <"),                       # ... to a blank
    PAGE.replace(">Suite<", ">→<"),                       # a symbol alone (axe sets it apart)
    PAGE.replace("<p>&para;</p>", "<p>x</p>"),            # symbols become a word
    PAGE.replace("l&#39;annuler.", "l&#39;<a href='#y'>annuler</a>."),  # a new element
    PAGE.replace('class="lead"', 'class="note"'),         # an attribute
    PAGE.replace('lang="fr"', 'lang="en"'),
    PAGE.replace('"mot"', '"mots"'),                      # a script's text
    PAGE.replace("#333", "#bbb"),                         # a style's text
    PAGE.replace("<!-- note -->", "<!-- notes -->"),      # a comment (kept as written)
    PAGE.replace("Vous ne pouvez", "Vous ne\npouvez"),    # a line break: the lines of the problems found
])
def test_any_change_of_markup_or_text_class_changes_the_shape(changed):
    assert changed != PAGE
    assert a11ycheck.page_shape(changed) != a11ycheck.page_shape(PAGE)


def _reword(html: str) -> str:
    """Every word of every text between tags replaced by a longer, different one; the markup,
    scripts and styles as they were."""
    import html as htmllib
    import re

    parts = re.split(r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)", html, flags=re.S | re.I)
    for i in range(0, len(parts), 2):
        plain = htmllib.unescape(parts[i])
        parts[i] = htmllib.escape(re.sub(r"[^\W_]+", lambda m: "Zq" + m.group(0)[::-1] + "wy", plain), quote=False)
    return "".join(parts)


@pytest.mark.skipif(not CHROMIUM, reason="needs Chromium")
def test_axe_finds_the_same_problems_on_a_page_whose_words_alone_changed(site, tmp_path, browser):
    """What keying by shape assumes, in a real browser: the fixture's article with three
    problems seeded (an image without text, a link without a name, grey text on white),
    then with all its words changed, gives the same problems at the same lines."""
    types = [("article", "alpha/index.html")]
    page = site / "en" / "alpha" / "index.html"
    html = page.read_text(encoding="utf-8").replace(
        '<li id="first">', '<li id="first"><img src="../../assets/images/favicon.png"><a href="#first"></a>'
        '<span style="color:#c8c8c8">Faint words on white</span> ', 1)
    page.write_text(html, encoding="utf-8")
    seeded = a11ycheck.check_accessibility(site, LANGS, page_types=types, browser=browser)
    assert sorted({p.message.split(" (")[0] for p in seeded}) == [
        "accessibility: color-contrast", "accessibility: image-alt", "accessibility: link-name"]
    assert {p.file for p in seeded} == {"en/alpha/index.html"}

    reworded = _reword(html)
    assert reworded != html and "Zqsdrow" in reworded  # every word changed, "words" among them
    assert a11ycheck.page_shape(reworded) == a11ycheck.page_shape(html)
    page.write_text(reworded, encoding="utf-8")
    assert [str(p) for p in a11ycheck.check_accessibility(site, LANGS, page_types=types, browser=browser)] == \
        [str(p) for p in seeded]


@pytest.mark.skipif(not CHROMIUM, reason="needs Chromium")
def test_a_page_whose_words_alone_changed_keeps_its_result_and_a_new_element_is_checked(site, tmp_path, browser):
    types = [("article", "alpha/index.html")]
    assert a11ycheck.check_accessibility(site, LANGS, page_types=types, browser=browser, cache=Cache(tmp_path / "axe")) == []
    page = site / "en" / "alpha" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(_reword(html), encoding="utf-8")
    # Reused: no browser starts (there is none to start).
    reuse = Cache(tmp_path / "axe")
    assert a11ycheck.check_accessibility(site, LANGS, page_types=types, executable="/nonexistent/chromium", cache=reuse) == []
    assert (reuse.hits, reuse.misses) == (2, 0)
    # A link without a name, inside the words: a new element, checked again and found.
    page.write_text(_reword(html).replace('<li id="first">', '<li id="first"><a href="#first"></a>', 1), encoding="utf-8")
    again = Cache(tmp_path / "axe")
    problems = a11ycheck.check_accessibility(site, LANGS, page_types=types, browser=browser, cache=again)
    assert (again.hits, again.misses) == (1, 1)
    assert [p.file for p in problems] == ["en/alpha/index.html"] and "link-name" in problems[0].message


def test_the_build_says_what_the_accessibility_check_reused():
    from helpcenter import verify

    cache = Cache(None)
    cache.hits, cache.misses = 16, 0
    assert verify._reused_line(cache) == ("accessibility: the 16 pages' results reused (their markup, the site's "
                                          "styles and scripts, and axe are unchanged)")
    cache.hits, cache.misses = 14, 2
    assert verify._reused_line(cache) == "accessibility: 2 pages checked in the browser, the 14 others' results reused"
