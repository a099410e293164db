"""Stage 5: prove a built site is whole before it is published.

Reads the HTML that MkDocs wrote and reports, one line per problem, with the
file and the line where the page says it:
- an expected page missing in one language (home and every article);
- a page without its twin in the other language (same path under the
  other language's root);
- a page whose ``<html lang>`` is not its language;
- a page without a title, a meta description, or hreflang alternates for
  every language; an hreflang alternate (page head or sitemap) that is not
  an absolute address under ``site_url``;
- an internal link, or its ``#anchor``, that leads nowhere (relative and
  site-absolute links, and links to ``site_url``);
- any request to another host (scripts, styles, images, frames, fonts...);
- an inline script that the Content-Security-Policy of ``_headers`` does
  not allow (``csp``);
- a file that is not for readers (sources, generated Markdown, locks, dot files).

Everything here is a pure function of the built folder. The HTML validator
(``htmlcheck``) and the accessibility check in a browser (``a11ycheck``)
add their own problems; ``run_all`` chains the three.
"""

from __future__ import annotations

import bisect
import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from . import csp, forked
from .locales import Languages

# Attributes through which a page makes the browser fetch something.
_FETCHING = MappingProxyType({
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "link": ("href",),
})
# <link rel> values that only describe the page, and fetch nothing.
_DESCRIPTIVE_RELS = frozenset({"canonical", "alternate", "author", "license", "help", "search", "prev", "next"})
# Schemes that are not a place on this site: nothing to resolve.
_NOT_A_PLACE = ("mailto:", "tel:", "javascript:", "data:")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the built site. ``line`` is 0 when unknown."""

    file: str
    message: str
    line: int = 0
    severity: str = "error"  # or "warning": fails the check only with --strict

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}: {tag}{self.message}"

    def sort_key(self):
        return (self.file, self.line, self.message)


# Where a browser stops reading markup: a comment, or the content of a
# raw-text element (its start tag still counts: a script's src is a request).
_NOT_MARKUP_START = re.compile(r"<!--|<(script|style|textarea)\b[^>]*>", re.I)
_NOT_MARKUP_END = {"": re.compile("-->")} | {tag: re.compile(f"</{tag}", re.I) for tag in ("script", "style", "textarea")}
# A start tag's attributes; quoted values may hold ">".
_ATTRS = r"""((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?)*)\s*/?>"""
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']*)))?""")
_HREF = re.compile(r'\shref="([^"]*)"')
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)
# An id, or a style that may fetch, on any tag (kept only if it is inside a
# tag). Quoted, as MkDocs, Material and our templates write every attribute:
# an id written otherwise would be missed, and a link to it reported broken.
_ID_OR_STYLE = re.compile(r"""(id|style)=(?:"([^"]*)"|'([^']*)')""")


# Tags whose attributes the check reads beyond their id.
_READ = frozenset({"html", "meta", "a", "link", *_FETCHING})
_READ_TAG = re.compile(f"<({'|'.join(sorted(_READ))})\\b" + _ATTRS, re.I)


@dataclass
class PageScan:
    """What one page says about itself, with the line of each thing."""

    lang: str | None = None
    title: str = ""
    title_line: int = 0
    description: str | None = None
    alternates: dict = field(default_factory=dict)  # hreflang -> (href, line)
    requests: list = field(default_factory=list)  # (url, line)
    links: list = field(default_factory=list)  # (href, line)
    ids: set = field(default_factory=set)


def _attrs(raw: str) -> dict[str, str]:
    """Attributes of a start tag, names lowercased, entities decoded (the first of a repeated name wins)."""
    out: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        name = m.group(1).lower()
        if name in out:
            continue
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4) or ""
        out[name] = html.unescape(value) if "&" in value else value
    return out


def scan_page(text: str) -> PageScan:
    """Read a page with a few regular expressions (no DOM: the check reads thousands of pages).

    Comments are skipped, and so is the content of script, style and
    textarea elements, as a browser does. Only the tags the check reads
    are taken apart; of the others, only an id or a style.
    """
    scan = PageScan()
    hidden = _not_markup(text)
    starts = [start for start, _end in hidden]

    def markup(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i < 0 or offset >= hidden[i][1]

    # The first title outside comments: an inline SVG may hold its own <title>.
    title = next((m for m in _TITLE.finditer(text) if markup(m.start())), None)
    if title:
        scan.title = html.unescape(title.group(1))
        scan.title_line = text.count("\n", 0, title.start()) + 1

    counted, line = 0, 1
    for m in _READ_TAG.finditer(text):  # in order: lines are counted forward
        if hidden and not markup(m.start()):
            continue
        line += text.count("\n", counted, m.start())
        counted = m.start()
        tag, raw = m.group(1).lower(), m.group(2)
        if tag == "a" and "name=" not in raw and (href := _HREF.search(raw)):  # most tags of a page
            scan.links.append((html.unescape(href.group(1)) if "&" in href.group(1) else href.group(1), line))
            continue
        _start_tag(scan, tag, _attrs(raw), line)
    counted, line = 0, 1
    for m in _ID_OR_STYLE.finditer(text):
        at = m.start()
        if not text[at - 1].isspace() or text.rfind("<", 0, at) < text.rfind(">", 0, at) \
                or (hidden and not markup(at)):
            continue  # part of another name (data-id=), or words of the text
        value = m.group(2) if m.group(2) is not None else m.group(3)
        value = html.unescape(value) if "&" in value else value
        if m.group(1) == "id":
            if value:
                scan.ids.add(value)
        elif "url(" in value:
            line += text.count("\n", counted, at)
            counted = at
            scan.requests.append((value.split("url(", 1)[1].split(")", 1)[0].strip("'\" "), line))
    return scan


def _not_markup(text: str) -> list[tuple[int, int]]:
    """(start, end) of each comment and raw-text content of ``text``."""
    out, pos = [], 0
    while (m := _NOT_MARKUP_START.search(text, pos)) is not None:
        end = _NOT_MARKUP_END[(m.group(1) or "").lower()].search(text, m.end())
        stop = len(text) if end is None else end.end()
        out.append((m.start() if m.group(1) is None else m.end(), stop))
        pos = stop
    return out


def _start_tag(scan: PageScan, tag: str, a: dict, line: int) -> None:
    if tag == "a" and a.get("name"):
        scan.ids.add(a["name"])
    if tag == "html":
        scan.lang = a.get("lang")
    elif tag == "meta" and a.get("name") == "description":
        scan.description = a.get("content") or ""
    elif tag == "a" and a.get("href") is not None:
        scan.links.append((a["href"], line))
    rels = set((a.get("rel") or "").split())
    if tag == "link" and "alternate" in rels and a.get("hreflang"):
        scan.alternates[a["hreflang"]] = (a.get("href") or "", line)
    if tag == "link" and a.get("href"):
        scan.links.append((a["href"], line))
    if tag == "link" and rels & _DESCRIPTIVE_RELS:
        return
    for name in _FETCHING.get(tag, ()):
        value = a.get(name)
        if value:
            for part in value.split(","):
                if part.strip():
                    url = part.strip().split(" ")[0]
                    scan.requests.append((url, line))
                    if tag != "link":
                        scan.links.append((url, line))


def is_third_party(url: str) -> bool:
    """True for a URL that leaves the site: another host, or a protocol-relative one."""
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def page_language(rel: Path, languages: Languages) -> str:
    first = rel.parts[0] if rel.parts else ""
    return first if first in languages.built and first != languages.default else languages.default


def expected_pages(generated: list[str]) -> list[str]:
    """HTML pages that must exist in every language, relative to a language root.

    ``generated``: the Markdown pages the generator wrote, relative to
    docs/ (``fr/guide/paid.md``); each becomes a page of the built site in
    every language (``guide/paid/index.html``, ``en/guide/paid/index.html``).
    The 404 page comes from the theme.
    """
    out = {"404.html"}
    for rel in generated:
        path = rel.split("/", 1)[1].removesuffix(".md")  # drop the language folder
        path = path.removesuffix("index").rstrip("/")
        out.add(f"{path}/index.html" if path else "index.html")
    return sorted(out)


def twin_path(rel: str, lang: str, other: str, languages: Languages) -> str:
    """The same page in the ``other`` language: ``en/x/index.html`` -> ``x/index.html``."""
    return languages.root(other) + rel[len(languages.root(lang)):]


# A relative link with nothing to decode: no scheme, query or %-escape.
_PLAIN_RELATIVE = re.compile(r"[^/#:?%][^:?%]*\Z")


def resolve(page_rel: str, href: str, site_url: str = "") -> tuple[str, str] | None:
    """Where an internal link leads: (file relative to the site root, fragment).

    None for a link that leaves the site or is no place (mailto:, javascript:...).
    A link to ``site_url`` itself (canonical, alternates) counts as internal.
    """
    if href.startswith("#"):
        return page_rel, unquote(href[1:])
    if _PLAIN_RELATIVE.match(href):  # most links: "../other/#step-2"
        path, _, fragment = href.partition("#")
        folder = posixpath.dirname(page_rel)
        while path.startswith("../") and folder:  # the same key for every page of a depth
            folder, path = posixpath.dirname(folder), path[3:]
        return _plain_target(folder, path), fragment
    where = _resolve_from(posixpath.dirname(page_rel), href, site_url)
    if where is not None and where[0] is None:  # the page itself
        return page_rel, where[1]
    return where


@lru_cache(maxsize=1 << 16)
def _plain_target(folder: str, path: str) -> str:
    """The file served for ``path`` (decoded) from a page in ``folder``: a folder serves its index.html."""
    target = posixpath.normpath(posixpath.join("/" + folder, path)).lstrip("/")
    if path.endswith("/") or target in ("", "."):
        target = posixpath.join("" if target == "." else target, "index.html")
    return target


@lru_cache(maxsize=1 << 16)
def _resolve_from(folder: str, href: str, site_url: str) -> tuple[str | None, str] | None:
    """``resolve`` for a page in ``folder``: the same menu links recur on every page of a folder."""
    if site_url and href.startswith(site_url):
        href = "/" + href[len(site_url):].lstrip("/")
    if href.startswith(_NOT_A_PLACE) or is_third_party(href):
        return None
    parts = urlsplit(href)
    if not parts.path:
        return None, unquote(parts.fragment)
    if parts.path.startswith("/"):
        base_path = (urlsplit(site_url).path if site_url else "/") or "/"
        path = "/" + parts.path[len(base_path):] if parts.path.startswith(base_path) else parts.path
        return _plain_target("", unquote(path)), unquote(parts.fragment)
    return _plain_target(folder, unquote(parts.path)), unquote(parts.fragment)


def _exists(files: set[str], target: str) -> str | None:
    """The file a server sends for ``target``, or None (a folder serves its index.html).

    ``files``: every file of the site, relative to its root.
    """
    if target in files:
        return target
    index = posixpath.join(target, "index.html") if target else "index.html"
    return index if index in files else None


def _all_files(site_dir: Path) -> set[str]:
    out = set()
    for folder, _dirs, names in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if rel == "." else rel + "/"
        out.update(prefix + name for name in names)
    return out


def check_site(site_dir: Path, languages: Languages, generated: list[str] = (), site_url: str = "",
               workers: int | None = None) -> list[Problem]:
    """Every problem found in the built ``site_dir`` of the languages ``languages.built``;
    empty when the site is whole.

    ``generated`` (docs/ paths of the generated pages) names pages that must
    exist in every language;
    ``site_url`` (mkdocs.yml) lets absolute links to the site count as internal.
    ``workers``: how many processes read the pages (None: one per core, up to
    ``MAX_WORKERS``, for a site of ``PARALLEL_FROM`` pages or more; 1: this process alone).
    """
    site_dir = Path(site_dir)
    problems: list[Problem] = []
    files = _all_files(site_dir)
    pages = sorted(f for f in files if f.endswith(".html"))
    page_set = set(pages)
    for lang in languages.built:
        for page in expected_pages(generated):
            rel = languages.root(lang) + page
            if rel not in page_set:
                problems.append(Problem(rel, f"missing page ({lang})"))
    ids: dict[str, frozenset] = {}
    unread: list[tuple[str, str, int, str, str]] = []  # (page, href, line, target page, fragment)
    allowed = _allowed_scripts(site_dir)
    for part in _in_parts(site_dir, pages, workers, lambda part: _check_pages(site_dir, part, files, page_set,
                                                                               site_url, allowed, languages)):
        problems += part[0]
        ids.update(part[1])
        unread += part[2]
    problems += [_broken_anchor(rel, href, line, found, fragment)
                 for rel, href, line, found, fragment in unread if fragment not in ids[found]]
    for path in sorted(site_dir.rglob("sitemap.xml")):
        problems.extend(_sitemap_problems(path.relative_to(site_dir).as_posix(),
                                          path.read_text(encoding="utf-8", errors="replace"), site_url))
    for path in sorted(site_dir.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for chunk in text.split("url(")[1:]:
            url = chunk.split(")", 1)[0].strip("'\" ")
            if is_third_party(url):
                problems.append(Problem(path.relative_to(site_dir).as_posix(), f"request to another host: {url}"))
    if allowed is None:
        problems.append(Problem("_headers", csp.NO_POLICY))
    problems += [Problem(rel, "not for readers: a source, generated Markdown or lock file is published "
                              "(remove it from docs/, or list it under exclude_docs in mkdocs.yml)")
                 for rel in sorted(files) if not_for_readers(rel)]
    return sorted(set(problems), key=Problem.sort_key)


def _check_pages(site_dir: Path, pages: list[str], files: set[str], page_set: set[str], site_url: str,
                 allowed: set[str] | None, languages: Languages) -> tuple[list[Problem], dict[str, frozenset], list]:
    """The problems of ``pages`` (a part of the site's pages, in order), their ids, and
    the anchors of their links to pages outside the part (checked once every part's ids are known).

    One page at a time: what a page says (its links, each with its line) is
    dropped once it is checked; only its ids are kept, for the anchors of links
    that lead to it. An anchor on a page not read yet waits for it in ``unread``.
    """
    problems: list[Problem] = []
    ids: dict[str, frozenset] = {}
    unread: list[tuple[str, str, int, str, str]] = []  # (page, href, line, target page, fragment)
    same: dict[str, str] = {}  # one copy of each id: the menu's recur on every page
    for rel in pages:
        text = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
        scan = scan_page(text)
        ids[rel] = frozenset(same.setdefault(i, i) for i in scan.ids)
        problems.extend(_page_problems(rel, scan, page_set, site_url, languages))
        problems.extend(_link_problems(files, rel, scan, ids, page_set, unread, site_url))
        if allowed is not None:
            problems.extend(Problem(rel, message, line) for line, message in csp.script_problems(text, allowed))
    return problems, ids, unread


def _allowed_scripts(site_dir: Path) -> set[str] | None:
    """The inline script hashes the site's ``_headers`` allows; None without its policy."""
    text = csp.published_policy(site_dir)
    return None if text is None else csp.allowed_hashes(text)


# Reading the pages is most of the check (the scan of each page): from this many pages
# on, the pages are shared among processes, one per core up to MAX_WORKERS (the whole
# site's check runs after the build, when the cores are free). helpcenter/forked.py.
PARALLEL_FROM = 64
MAX_WORKERS = 4


def _split(site_dir: Path, pages: list[str], parts: int) -> list[list[str]]:
    """``pages`` in up to ``parts`` parts of about the same bytes (the scan's time follows
    them), each in the site's order."""
    if parts <= 1:
        return [list(pages)]
    sizes = {}
    for rel in pages:
        try:
            sizes[rel] = os.path.getsize(site_dir / rel)
        except OSError:
            sizes[rel] = 0
    loads, chosen = [0] * parts, [[] for _ in range(parts)]
    for rel in sorted(pages, key=lambda r: -sizes[r]):  # the largest first, each to the lightest part
        i = loads.index(min(loads))
        loads[i] += sizes[rel] + 1
        chosen[i].append(rel)
    order = {rel: n for n, rel in enumerate(pages)}
    return [sorted(part, key=order.__getitem__) for part in chosen if part]


def _in_parts(site_dir: Path, pages: list[str], workers: int | None, check) -> list:
    """``check(part)`` for each part of ``pages``, the parts read at the same time (forked.in_parts)."""
    parts = _split(site_dir, pages, forked.workers(len(pages), PARALLEL_FROM, MAX_WORKERS) if workers is None else workers)
    return forked.in_parts(check, parts)


def _page_problems(rel: str, scan: PageScan, page_set: set[str], site_url: str, languages: Languages) -> list[Problem]:
    """What is wrong with one page apart from its links: twins, language, title, description, alternates, requests."""
    problems = []
    lang = page_language(Path(rel), languages)
    for other in languages.built:
        twin = twin_path(rel, lang, other, languages)
        if other != lang and twin not in page_set:
            problems.append(Problem(rel, f"no {other} twin: {twin} is missing"))
    if scan.lang is None:
        problems.append(Problem(rel, f'no lang attribute on <html> (the page is in the {lang} part of the site)'))
    elif scan.lang != lang:
        problems.append(Problem(rel, f'<html lang="{scan.lang}"> but the page is in the {lang} part of the site'))
    if not scan.title.strip():
        problems.append(Problem(rel, "no <title>", scan.title_line))
    if not (scan.description or "").strip():
        problems.append(Problem(rel, 'no <meta name="description">'))
    for other in languages.built:
        if other not in scan.alternates:
            problems.append(Problem(rel, f'no <link rel="alternate" hreflang="{other}">'))
    for hreflang, (href, line) in sorted(scan.alternates.items()):
        if not is_absolute_address(href, site_url):
            problems.append(Problem(rel, f'<link rel="alternate" hreflang="{hreflang}" href="{href}">: '
                                         f"not an absolute address under {site_url or 'http(s)://'}", line))
    for url, line in scan.requests:
        if is_third_party(url):
            problems.append(Problem(rel, f"request to another host: {url}", line))
    return problems


# What a built site never holds: content and configuration sources, the
# generated Markdown, locks, code and templates; and dot files (.gitignore,
# .site.lock...) except .well-known/ (security.txt and the like).
NOT_FOR_READERS = (".md", ".yml", ".yaml", ".lock", ".py", ".pyc", ".j2", ".toml", ".pickle", ".sh")


def not_for_readers(rel: str) -> bool:
    """True if the site file ``rel`` must not be published."""
    parts = rel.split("/")
    return rel.lower().endswith(NOT_FOR_READERS) or any(p.startswith(".") and p != ".well-known" for p in parts)


def is_absolute_address(href: str, site_url: str = "") -> bool:
    """Whether an hreflang alternate is an address search engines accept:
    absolute, and under ``site_url`` when there is one."""
    if site_url:
        return href.startswith(site_url.rstrip("/") + "/") or href == site_url.rstrip("/")
    return href.startswith(("https://", "http://"))


_SITEMAP_ALTERNATE = re.compile(r'<xhtml:link\b[^>]*\bhreflang="([^"]*)"[^>]*\bhref="([^"]*)"')


def _sitemap_problems(rel: str, xml: str, site_url: str) -> list[Problem]:
    """A sitemap's hreflang alternates must be absolute addresses too."""
    out = []
    for number, text in enumerate(xml.splitlines(), 1):
        for hreflang, href in _SITEMAP_ALTERNATE.findall(text):
            if not is_absolute_address(href, site_url):
                out.append(Problem(rel, f'hreflang="{hreflang}" href="{href}": '
                                        f"not an absolute address under {site_url or 'http(s)://'}", number))
    return out


def _link_problems(files: set[str], rel: str, scan: PageScan, ids: dict[str, frozenset], pages: set[str],
                   unread: list, site_url: str) -> list[Problem]:
    """The broken links of one page, and of its anchors those on pages read already
    (``ids``: the ids of each page read); an anchor on a page not read yet is added to ``unread``."""
    out = []
    seen = set()
    for href, line in scan.links:
        if (href, line) in seen:
            continue
        seen.add((href, line))
        where = resolve(rel, href, site_url)
        if where is None:
            continue
        target, fragment = where
        found = _exists(files, target)
        if found is None:
            out.append(Problem(rel, f"broken link: {href} ({target} does not exist)", line))
            continue
        if not fragment or found not in pages:
            continue
        if found not in ids:
            unread.append((rel, href, line, found, fragment))
        elif fragment not in ids[found]:
            out.append(_broken_anchor(rel, href, line, found, fragment))
    return out


def _broken_anchor(rel: str, href: str, line: int, found: str, fragment: str) -> Problem:
    return Problem(rel, f"broken anchor: {href} ({found} has no id {fragment!r})", line)
