"""The site check catches one seeded defect of each kind in a real built site.

Each defect is written into a copy of the session's built site; the check
must report it on exactly the expected line (file, line where the page
says it, message). The real site itself passes every check.
"""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import CONTENT, LANGS, MINI, ROOT, run_cli, site_check_summary
from helpcenter import a11ycheck, htmlcheck
from helpcenter.sitecheck import check_site, resolve

IDS = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yml"))
SITE_URL = "https://aide.example.com/"


def _generated(content_dir) -> list[str]:
    """The docs/ paths the generator writes for the content: pages the site must hold."""
    from helpcenter.render import render_site
    from helpcenter.validate import load_content

    content = load_content(content_dir, SITE_URL, LANGS)
    return sorted(render_site(content))


GENERATED = _generated(CONTENT)
# Defects are seeded into the fixture help center's site, so that the exact
# reports below never move with an edit of the real content.
MINI_GENERATED = _generated(MINI)


def _seed(site, rel, old, new, count=1):
    """Replace ``old`` by ``new`` in one page; return the line where ``new`` starts."""
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer contains {old!r}"
    index = text.index(old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text.count("\n", 0, index) + 1


def test_the_real_site_is_whole(built_site):
    assert check_site(built_site, LANGS, GENERATED, SITE_URL) == []


def test_links_resolve_like_a_browser():
    assert resolve("en/x/index.html", "../y/#a") == ("en/y/index.html", "a")
    assert resolve("en/x/index.html", "#b") == ("en/x/index.html", "b")
    assert resolve("404.html", "/en/") == ("en/index.html", "")
    assert resolve("index.html", "https://aide.example.com/en/x/", SITE_URL) == ("en/x/index.html", "")
    assert resolve("index.html", "https://other.example/x") is None
    assert resolve("index.html", "mailto:a@b.c") is None


def test_each_seeded_defect_is_reported_on_its_line(site):
    li = '<li id="first">'
    assert check_site(site, LANGS, MINI_GENERATED, SITE_URL) == []
    link = _seed(site, "alpha/index.html", li, li + '<a href="../no-such-page/">x</a>')
    anchor = _seed(site, "en/alpha/index.html", li, li + '<a href="../beta/#nowhere">x</a>')
    script = _seed(site, "en/index.html", "</head>", '<script src="https://cdn.example.net/x.js"></script></head>')
    # A page in one language only (same depth, so its own links still resolve).
    (site / "en/beta-copy").mkdir()
    shutil.copy(site / "en/beta/index.html", site / "en/beta-copy/index.html")
    _seed(site, "en/delta/index.html", '<html lang="en"', "<html")
    _seed(site, "beta/index.html", "<title>", "<!-- <title>")
    _seed(site, "beta/index.html", "</title>", "</title> -->")
    _seed(site, "delta/index.html", '<meta name="description"', '<meta name="x-description"')
    _seed(site, "en/beta/index.html", 'hreflang="fr">', 'hreflang="de">')
    lines = [str(p) for p in check_site(site, LANGS, MINI_GENERATED, SITE_URL)]
    assert lines == [
        f"alpha/index.html:{link}: broken link: ../no-such-page/ (no-such-page/index.html does not exist)",
        "beta/index.html: no <title>",
        'delta/index.html: no <meta name="description">',
        f"en/alpha/index.html:{anchor}: broken anchor: ../beta/#nowhere (en/beta/index.html has no id 'nowhere')",
        "en/beta-copy/index.html: no fr twin: beta-copy/index.html is missing",
        'en/beta/index.html: no <link rel="alternate" hreflang="fr">',
        "en/delta/index.html: no lang attribute on <html> (the page is in the en part of the site)",
        f"en/index.html:{script}: request to another host: https://cdn.example.net/x.js",
    ]



def test_anchors_are_checked_whether_their_page_is_read_before_or_after_the_link(site):
    # Pages are read one at a time in path order (alpha, ..., en/alpha, en/beta, en/delta):
    # an anchor on a page read earlier, on the page itself, and on a page read later.
    li = '<li id="first">'
    earlier = _seed(site, "en/delta/index.html", li,
                    li + '<a href="../alpha/#nowhere">x</a><a href="../alpha/#first">y</a>')
    itself = _seed(site, "en/alpha/index.html", li, li + '<a href="#not-here">x</a><a href="#first">y</a>')
    later = _seed(site, "en/alpha/index.html", li, li + '<a href="../delta/#not-there">x</a><a href="../delta/#first">y</a>')
    assert itself == later  # the same line: sorted by message
    lines = [str(p) for p in check_site(site, LANGS, MINI_GENERATED, SITE_URL)]
    assert lines == [
        f"en/alpha/index.html:{itself}: broken anchor: #not-here (en/alpha/index.html has no id 'not-here')",
        f"en/alpha/index.html:{later}: broken anchor: ../delta/#not-there (en/delta/index.html has no id 'not-there')",
        f"en/delta/index.html:{earlier}: broken anchor: ../alpha/#nowhere (en/alpha/index.html has no id 'nowhere')",
    ]


def test_pages_shared_among_processes_give_the_report_of_one_process(site, monkeypatch):
    """The pages read in forked processes (sitecheck._in_parts): anchors across parts, a CSP
    refusal and page problems are reported as when one process reads them all; a child
    that cannot start is replaced by this process."""
    from helpcenter import sitecheck

    li = '<li id="first">'
    _seed(site, "en/delta/index.html", li, li + '<a href="../alpha/#nowhere">x</a><a href="../alpha/#first">y</a>')
    _seed(site, "alpha/index.html", li, li + '<a href="../en/delta/#gone">x</a><a href="../no-such-page/">y</a>')
    _seed(site, "beta/index.html", "</head>", "<script>var seeded;</script></head>")
    _seed(site, "delta/index.html", '<meta name="description"', '<meta name="x-description"')
    one = [str(p) for p in check_site(site, LANGS, MINI_GENERATED, SITE_URL, workers=1)]
    assert len(one) == 5 and any("has no id 'gone'" in line for line in one) \
        and any("inline script not allowed" in line for line in one)
    parts = sitecheck._split(site, sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")), 3)
    assert len(parts) == 3
    assert [str(p) for p in check_site(site, LANGS, MINI_GENERATED, SITE_URL, workers=3)] == one
    monkeypatch.setattr(os, "fork", lambda: (_ for _ in ()).throw(OSError("no fork here")))
    assert [str(p) for p in check_site(site, LANGS, MINI_GENERATED, SITE_URL, workers=3)] == one


def test_the_real_site_passes_every_check_of_its_build(built_site):
    """The session's build of the real site ran the whole check (pages and links, the Nu
    checker on every page, axe on every page type in both languages): not one warning."""
    summary = site_check_summary(built_site)
    assert f"site check: {len(list(built_site.rglob('*.html')))} pages, 0 errors, 0 warnings in " in summary, summary
    for stage in ("pages and links", "accessibility", "HTML validity"):
        assert stage in summary, summary
    assert "skipped" not in summary and "missing" not in summary, summary


def test_invalid_html_is_reported_on_its_line_and_the_allow_list_is_still_needed(site):
    # One run of the checker on the fixture's site (Material's templates, every page type) as built.
    built = htmlcheck.raw_report(htmlcheck.start(site))
    assert htmlcheck.parse_report(built, site) == []
    for allowed in htmlcheck.ALLOWED:  # an entry Material no longer needs must go
        assert any(m["message"].startswith(allowed.message) and allowed.source in m.get("extract", "")
                   for m in built["messages"]), allowed.message
    li = '<li id="first">'
    first = _seed(site, "en/alpha/index.html", li, li + '<span id="first">x</span>')
    warning = _seed(site, "index.html", "</head>", '<script type="text/javascript">var x;</script></head>')
    lines = [str(p) for p in htmlcheck.check_html(site)]
    assert lines == [
        f"en/alpha/index.html:{first}: invalid HTML: Duplicate ID “first”.",
        # the checker's own note that comes with it
        f"en/alpha/index.html:{first}: warning: invalid HTML: The first occurrence of ID “first” was here.",
        f"index.html:{warning}: warning: invalid HTML: The “type” attribute is unnecessary for JavaScript resources.",
    ]


def test_accessibility_violation_is_reported_on_its_line(site, browser):
    li = '<li id="first">'
    line = _seed(site, "en/alpha/index.html", li, li + '<img id="seeded" src="../../assets/images/favicon.png">')
    problems = a11ycheck.check_accessibility(site, LANGS, None, [("article", "alpha/index.html")],
                                             browser=browser)
    assert [str(p) for p in problems] == [
        f"en/alpha/index.html:{line}: accessibility: image-alt (critical): Images must have alternative text: #seeded",
    ]


def test_every_page_type_passes_axe_in_both_languages(built_site):
    from helpcenter.validate import load_content

    page_types = a11ycheck.page_types_for(load_content(CONTENT, "", LANGS))
    checked = a11ycheck.pages_to_check(LANGS, page_types)
    assert {kind for kind, _path in checked} == {
        "home", "article", "404", "guide start, with its diagram", "guide outcome", "checklist index",
        "checklist sheet", "agents' desk"}
    assert len(checked) == 2 * len({kind for kind, _path in checked})  # each type in both languages
    assert all((built_site / path).is_file() for _kind, path in checked)
    # The build checked these very pages in the browser (its summary names the check): not again here.
    assert "accessibility" in site_check_summary(built_site)
    assert " 0 errors, 0 warnings " in site_check_summary(built_site)


def test_check_site_command_fails_on_errors_and_on_warnings_with_strict(mini_build, site):
    repo = mini_build
    # A warning only: an inline script would be an error too (not allowed by the CSP, csp.py).
    _seed(site, "index.html", "</head>", '<script type="text/javascript" src="assets/switcher.js"></script></head>')
    lenient = run_cli(repo, "check-site", "--no-browser", str(site))
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.stdout.startswith(f"site check: {len(list(site.rglob('*.html')))} pages, 0 errors, 1 warning in ")
    strict = run_cli(repo, "check-site", "--no-browser", "--strict", str(site))
    assert strict.returncode == 1
    assert "warning: invalid HTML: The “type” attribute is unnecessary" in strict.stderr
    assert strict.stderr.splitlines()[-1].startswith("site check: ")
    _seed(site, "index.html", "</head>", '<link rel="stylesheet" href="https://fonts.example.net/f.css"></head>')
    broken = run_cli(repo, "check-site", "--no-browser", str(site))
    assert broken.returncode == 1
    assert "request to another host: https://fonts.example.net/f.css" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_page_scan_reads_tags_as_a_browser_does():
    """The scanner is regular expressions, not a DOM: what a browser ignores, it ignores."""
    from helpcenter.sitecheck import scan_page

    scan = scan_page('<!doctype html>\n<HTML lang="fr"><head><title>A &amp; B</title>\n'
                     '<script>var s = "<a href=\'/in-script/\'>";</script>\n'
                     '<!-- <a href="/in-comment/"> -->\n'
                     '<meta name="description" content="x > y">\n'
                     '<link rel="alternate" hreflang="en" href="en/">\n'
                     '<style>.x{}</style><script src="https://cdn.example.net/a.js"></script></head>\n'
                     '<body><a href="/a/?x=1&amp;y=2" title="1 > 0">a</a>\n'
                     '<h2 id="deux">2</h2><A NAME=old>o</A><div style="background:url(\'//t.example/p.png\')"></div>\n')
    assert scan.lang == "fr"
    assert (scan.title, scan.title_line) == ("A & B", 2)
    assert scan.description == "x > y"
    assert scan.alternates == {"en": ("en/", 6)}
    assert scan.links == [("en/", 6), ("https://cdn.example.net/a.js", 7), ("/a/?x=1&y=2", 8)]
    assert scan.requests == [("https://cdn.example.net/a.js", 7), ("//t.example/p.png", 9)]
    assert scan.ids == {"deux", "old"}


def test_a_relative_hreflang_alternate_is_refused_in_a_page_and_in_a_sitemap(site):
    head = _seed(site, "en/alpha/index.html", 'href="https://aide.example.com/alpha/" hreflang="fr">',
                 'href="../../alpha/" hreflang="fr">')
    default = _seed(site, "guide/index.html", 'href="https://aide.example.com/guide/" hreflang="x-default">',
                    'href="./" hreflang="x-default">')
    sitemap = site / "en/sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    old = 'hreflang="fr" href="https://aide.example.com/alpha/"'
    line = text.count("\n", 0, text.index(old)) + 1
    sitemap.write_text(text.replace(old, 'hreflang="fr" href="/alpha/"', 1), encoding="utf-8")
    lines = [str(p) for p in check_site(site, LANGS, MINI_GENERATED, SITE_URL)]
    assert lines == [
        f'en/alpha/index.html:{head}: <link rel="alternate" hreflang="fr" href="../../alpha/">: '
        "not an absolute address under https://aide.example.com/",
        f'en/sitemap.xml:{line}: hreflang="fr" href="/alpha/": not an absolute address under https://aide.example.com/',
        f'guide/index.html:{default}: <link rel="alternate" hreflang="x-default" href="./">: '
        "not an absolute address under https://aide.example.com/",
    ]


def test_page_types_are_chosen_from_the_content():
    """The accessibility pass checks the content's own pages, never an article named in the code."""
    from helpcenter.validate import load_content

    chosen = dict(a11ycheck.page_types_for(load_content(MINI, "", LANGS)))
    assert chosen["article"] == "alpha/index.html"            # the first article in reading order
    assert chosen["checklist sheet"] == "checklists/delta/index.html"  # the first with a checklist
    assert chosen["guide outcome"] == "guide/to-alpha/index.html"      # the guide's first outcome
    assert chosen["home"] == "index.html" and chosen["agents' desk"] == "agents/index.html"

