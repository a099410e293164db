"""The fixture help center is published byte for byte as tests/golden/site/mini.json says.

That manifest holds the site the pipeline published before each language got a
MkDocs run of its own (static-i18n nested every language's build in one run):
what a reader gets did not change with the build's plumbing. After a deliberate
change of the pages, `make golden` rewrites it (review the diff of the pages first).
"""

from __future__ import annotations

import json
import os

from conftest import ROOT
from site_manifest import differences, manifest, normalised, write

GOLDEN = ROOT / "tests" / "golden" / "site" / "mini.json"


def test_the_fixture_site_is_published_as_before(mini_build):
    site = mini_build / "site"
    if os.environ.get("UPDATE_GOLDEN"):
        write(GOLDEN, site)
    assert differences(json.loads(GOLDEN.read_text(encoding="utf-8")), site) == []


def test_the_comparison_sees_a_changed_byte_a_missing_file_and_an_extra_one(mini_build, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(mini_build / "site", site)
    expected = manifest(site)
    page = site / "alpha" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b" </body>"))
    (site / "beta" / "index.html").unlink()
    (site / "extra.txt").write_text("x", encoding="utf-8")
    assert differences(expected, site) == ["missing: beta/index.html", "unexpected: extra.txt", "differs: alpha/index.html"]


def test_only_the_generator_tag_and_the_build_day_are_set_aside():
    page = b'<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1"><p>x</p>'
    assert normalised("a/index.html", page) == b"<p>x</p>"
    sitemap = b"<lastmod>2026-12-03</lastmod><loc>https://aide.example.com/</loc>"
    assert normalised("sitemap.xml", sitemap) == b"<lastmod>DAY</lastmod><loc>https://aide.example.com/</loc>"
    assert normalised("a.html", b"<lastmod>soon</lastmod>") == b"<lastmod>soon</lastmod>"


def test_every_script_is_deferred_and_a_page_types_own_script_is_on_its_pages_only(mini_build):
    """The first paint waits for no script (Lighthouse's first contentful paint counts one
    loaded before it); guide.js, checklist.js and helpcenter.js come with their page type only."""
    import re

    site = mini_build / "site"
    own = {"guide.js": "guide/index.html", "checklist.js": "checklists/delta/index.html",
           "helpcenter.js": "agents/index.html"}
    for page in ("index.html", "delta/index.html", "en/index.html", "404.html", *own.values()):
        html = (site / page).read_text(encoding="utf-8")
        scripts = [name.rsplit("/", 1)[-1] for name in re.findall(r'<script defer src="([^"]+)"></script>', html)]
        assert re.findall(r"<script\b[^>]*\bsrc=", html) == ["<script defer src="] * len(scripts), page
        expected = [s for s, where in own.items() if where == page]
        assert re.fullmatch(r"bundle\.\w+\.min\.js", scripts[0]), page  # Material's, first
        assert scripts[1:] == ["switcher.js", "offline.js", *expected], page
