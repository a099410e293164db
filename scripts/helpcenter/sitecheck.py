"""Stage 5: prove a built site is whole before it is published.

Reads the HTML that MkDocs wrote and reports, one line per problem:
- an expected page missing in one language (home and every article);
- a page whose ``<html lang>`` is not its language;
- a page without a title;
- any request to another host (scripts, styles, images, frames, fonts...).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from . import DEFAULT_LANGUAGE, LANGUAGES
from .urls import language_root

# Attributes through which a page makes the browser fetch something.
_FETCHING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "link": ("href",),
}
# <link rel> values that only describe the page, and fetch nothing.
_DESCRIPTIVE_RELS = {"canonical", "alternate", "author", "license", "help", "search"}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class _PageScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.title = ""
        self._in_title = False
        self.requests: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        if tag == "link" and set((a.get("rel") or "").split()) & _DESCRIPTIVE_RELS:
            return
        for name in _FETCHING.get(tag, ()):
            value = a.get(name)
            if value:
                self.requests.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())
        style = a.get("style") or ""
        if "url(" in style:
            self.requests.append(style.split("url(", 1)[1].split(")", 1)[0].strip("'\" "))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def is_third_party(url: str) -> bool:
    """True for a URL that leaves the site: another host, or a protocol-relative one."""
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def page_language(rel: Path) -> str:
    first = rel.parts[0] if rel.parts else ""
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def expected_pages(generated: list[str]) -> list[str]:
    """HTML pages that must exist in every language, relative to a language root.

    ``generated``: the Markdown pages the generator wrote, relative to
    docs/ (``fr/guide/paid.md``); each becomes a page of the built site in
    every language (``guide/paid/index.html``, ``en/guide/paid/index.html``).
    """
    out = set()
    for rel in generated:
        path = rel.split("/", 1)[1].removesuffix(".md")  # drop the language folder
        path = path.removesuffix("index").rstrip("/")
        out.add(f"{path}/index.html" if path else "index.html")
    return sorted(out)


def check_site(site_dir: Path, generated: list[str]) -> list[Problem]:
    """Every problem found in the built ``site_dir``; empty when the site is whole."""
    site_dir = Path(site_dir)
    problems: list[Problem] = []
    for lang in LANGUAGES:
        for page in expected_pages(generated):
            rel = language_root(lang) + page
            if not (site_dir / rel).is_file():
                problems.append(Problem(rel, f"missing page ({lang})"))
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        scan = _PageScan()
        scan.feed(path.read_text(encoding="utf-8", errors="replace"))
        lang = page_language(rel)
        if scan.lang != lang:
            problems.append(Problem(rel.as_posix(), f'<html lang="{scan.lang}"> but the page is in the {lang} part of the site'))
        if not scan.title.strip():
            problems.append(Problem(rel.as_posix(), "no <title>"))
        for url in scan.requests:
            if is_third_party(url):
                problems.append(Problem(rel.as_posix(), f"request to another host: {url}"))
    for path in sorted(site_dir.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for chunk in text.split("url(")[1:]:
            url = chunk.split(")", 1)[0].strip("'\" ")
            if is_third_party(url):
                problems.append(Problem(path.relative_to(site_dir).as_posix(), f"request to another host: {url}"))
    return sorted(set(problems))
