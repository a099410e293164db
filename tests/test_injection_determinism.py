"""Editors' text never becomes live markup; the same content builds the same site.

Both on the fixture help center (tests/fixtures/mini): made-up words, every optional part.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

from conftest import fixture_repo

# Texts that pass the content check (no "<"): each must reach the page as
# exactly these characters, never as a link, an image, an attribute or HTML.
PAYLOADS = {
    "javascript-link": "[click me](javascript:alert(1))",
    "markdown-link": "[our partner](https://evil.example/steal)",
    "markdown-image": "![x](https://evil.example/pixel.png)",
    "encoded-img-onerror": "&lt;img src=x onerror=alert(1)&gt;",
    "numeric-entities": "&#60;script&#62;alert(1)&#60;/script&#62;",
    "reference-definition": "[x]: javascript:alert(1)",
    "emphasis-and-code": "**bold** _it_ `code` ~~del~~",
    "bare-javascript-url": "javascript:alert(document.cookie)",
}


class _Live(HTMLParser):
    """Every element and attribute of a page, and its visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _build(root, env_extra=None):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "helpcenter", "--root", str(root), "build"],
                          capture_output=True, text=True, env=env, cwd=root)


def test_text_that_looks_like_markup_stays_text(tmp_path):
    root = fixture_repo(tmp_path / "repo")  # made-up content: no editor changes it
    article = root / "content/scenarios/alpha.yml"
    text = article.read_text(encoding="utf-8")
    # One payload per step note and after-item, in both languages.
    lines = ["after:"] + [f"  - fr: {p!r}\n    en: {p!r}".replace("'", '"') for p in PAYLOADS.values()]
    text = text.replace("after:\n", "\n".join(lines) + "\n", 1)
    article.write_text(text, encoding="utf-8")
    # What is asserted is the pages' markup: the site check's Chromium and Java are left out.
    result = _build(root, {"HELPCENTER_CHROMIUM": "/nonexistent/chromium", "HELPCENTER_JAVA": "/nonexistent/java", "CI": ""})
    assert result.returncode == 0, result.stderr
    for rel in ("alpha/index.html", "en/alpha/index.html"):
        page = _Live()
        page.feed((root / "site" / rel).read_text(encoding="utf-8"))
        visible = "".join(page.text)
        for name, payload in PAYLOADS.items():
            assert payload in visible, f"{rel}: {name} is not shown as typed"
        for tag, attrs in page.tags:
            assert not any(k.startswith("on") for k in attrs), (rel, tag, attrs)
            for value in attrs.values():
                assert not (value or "").lstrip().lower().startswith("javascript:alert"), (rel, tag, attrs)
            assert "evil.example" not in " ".join(str(v) for v in attrs.values()), (rel, tag, attrs)
            assert tag not in ("img", "del"), (rel, tag, attrs)


def _normalised(site):
    """Every file's bytes; the sitemap's build date (<lastmod>, gzip time) blanked."""
    out = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name == "sitemap.xml.gz":
            data = gzip.decompress(data)
        if path.name.startswith("sitemap.xml"):
            data = re.sub(rb"<lastmod>[0-9-]+</lastmod>", b"<lastmod>DATE</lastmod>", data)
        out[path.relative_to(site).as_posix()] = data
    return out


def test_two_builds_are_byte_identical(mini_build, tmp_path):
    # Another checkout path and another build date: only the documented sitemap date may differ.
    # (The site check writes nothing into the site: this build leaves its Chromium and Java out.)
    built_site = mini_build / "site"
    root = fixture_repo(tmp_path / "elsewhere" / "repo")
    result = _build(root, {"SOURCE_DATE_EPOCH": "86400", "HELPCENTER_CHROMIUM": "/nonexistent/chromium",
                           "HELPCENTER_JAVA": "/nonexistent/java", "CI": ""})
    assert result.returncode == 0, result.stderr
    again = root / "site"
    assert "<lastmod>1970-01-02</lastmod>" in (again / "sitemap.xml").read_text(encoding="utf-8")
    assert _normalised(again) == _normalised(built_site)
    same_day = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    identical = {rel for rel in same_day
                 if (again / rel).read_bytes() == (built_site / rel).read_bytes()}
    assert same_day - identical == {"sitemap.xml", "sitemap.xml.gz", "en/sitemap.xml"}
