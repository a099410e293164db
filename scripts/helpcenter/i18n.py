"""Stage 4a: one language of the help center, as one MkDocs run sees it.

docs/ holds one folder per language (``docs/fr/``, ``docs/en/``) and the
shared assets (``docs/assets/``). A run of language L keeps L's pages, at
their address (the default language at the site root, another under
``/<code>/``), and nothing of the other languages. What a page needs of the
other languages is known from docs/ alone, since every language's pages are
written before any run starts:

- the language menu goes to the same page in each language (``Twins``),
  or to that language's home when it has no such page;
- the sitemap lists each page with its twins (``sitemap_xml``, written for
  the whole site by ``finish``).

Replaces mkdocs-static-i18n, which ran every language's build nested in the
first one's (docs/dev/architecture.md says why).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files

from .locales import Languages


def in_language(src_uri: str) -> str:
    """``"en/unpaid-order.md"`` -> ``"unpaid-order.md"``: the path under the language's folder."""
    return src_uri.split("/", 1)[-1]


def language_of(src_uri: str, languages: Languages) -> str | None:
    """The language folder a docs/ path is in, or None for a shared file (assets)."""
    first = src_uri.split("/", 1)[0]
    return first if "/" in src_uri and first in languages.declared else None


def in_folder(nav, lang: str):
    """A nav whose page paths are relative to a language folder, made relative to docs/."""
    if isinstance(nav, str):
        return nav if "://" in nav else f"{lang}/{nav}"
    if isinstance(nav, list):
        return [in_folder(item, lang) for item in nav]
    if isinstance(nav, dict):
        return {title: in_folder(item, lang) for title, item in nav.items()}
    return nav


def page_url(path: str, lang: str, languages: Languages) -> str:
    """The address (under site_url) of ``path`` (a Markdown page under docs/<lang>/), with directory URLs."""
    stem = PurePosixPath(path).with_suffix("")
    parts = stem.parts[:-1] if stem.name in ("index", "README") else stem.parts
    return languages.root(lang) + "".join(f"{part}/" for part in parts)


def language_files(files: Files, config, lang: str, languages: Languages) -> Files:
    """The files of ``lang``'s run: the theme's, the shared assets (default language only:
    its run writes them once for the site), and ``lang``'s own at their address."""
    theme, own = [], []
    default = lang == languages.default
    docs = os.path.abspath(config.docs_dir) + os.sep  # once: the theme's 14,000 files are compared with it
    for file in files:
        if not file.abs_src_path or not os.path.abspath(file.abs_src_path).startswith(docs):
            theme.append(file)
            continue
        where = language_of(file.src_uri, languages)
        if where == lang:
            own.append(_moved(file, config, in_language(file.dest_uri)) if default else file)
        elif where is None and default:
            own.append(file)
    return Files(theme + own)


def _moved(file: File, config, dest_uri: str) -> File:
    return File(file.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                dest_uri=dest_uri, inclusion=file.inclusion)


def home_page(files: Files, lang: str):
    """The page of ``lang``'s home (``docs/<lang>/index.md``), or None."""
    file = files.get_file_from_path(f"{lang}/index.md")
    return file.page if file is not None else None


def homes(site_url: str | None, languages: Languages) -> list[dict]:
    """The language menu of a page without twins: each built language's home, absolute paths."""
    base = urlsplit(site_url).path.rstrip("/") if site_url else ""
    return [{"name": lang.name, "link": f"{base}/{lang.root}", "lang": lang.code}
            for lang in languages.table if lang.code in languages.built]


def markdown_pages(docs_dir: Path, lang: str) -> list[str]:
    """The Markdown pages of ``docs/<lang>/`` in the order MkDocs lists its files
    (each folder's index first, then its other files by name, then its folders by name)."""
    base = Path(docs_dir) / lang
    if not base.is_dir():
        return []
    paths = [p.relative_to(base).as_posix() for p in base.rglob("*.md")
             if not any(part.startswith(".") for part in p.relative_to(base).parts)]
    return sorted(paths, key=_walk_key)


def _walk_key(path: str) -> tuple:
    *folders, name = path.split("/")
    stem = name.rsplit(".", 1)[0]
    return tuple((1, folder) for folder in folders) + ((0, stem not in ("index", "README"), name),)


@dataclass
class Twins:
    """Which Markdown pages each built language has (paths under docs/<lang>/, in MkDocs' order)."""
    pages: dict[str, tuple[str, ...]]
    languages: Languages

    @classmethod
    def of(cls, docs_dir: Path, languages: Languages) -> "Twins":
        return cls({lang: tuple(markdown_pages(docs_dir, lang)) for lang in languages.built}, languages)

    def __post_init__(self) -> None:
        self._found = {lang: frozenset(paths) for lang, paths in self.pages.items()}

    def has(self, lang: str, path: str) -> bool:
        return path in self._found.get(lang, ())

    def alternates(self, file: File, url: str, site_url: str | None) -> list[dict]:
        """The language menu of the page ``file`` (at ``url``): each language's twin of
        it, or that language's home; a language's home has the homes."""
        languages = self.languages
        menu = homes(site_url, languages)
        lang, path = language_of(file.src_uri, languages), in_language(file.src_uri)
        if url in ("", languages.root(lang or "")) or lang is None:
            return menu
        for item in menu:
            if self.has(item["lang"], path):
                item["link"] = page_url(path, item["lang"], languages)
        return menu


def build_order(languages: Languages) -> list[str]:
    """The languages being built, the default first, then the table's order."""
    default = languages.default
    return [default] + [lang for lang in languages.built if lang != default]


def sitemap_entries(twins: Twins, site_url: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every page of the site: (its address, [(language, address of its twin)]), grouped by
    language in ``build_order``, each group in MkDocs' order, its own language first."""
    root = site_url.rstrip("/") + "/"
    languages = twins.languages
    order = build_order(languages)
    entries = []
    for lang in order:
        for path in twins.pages.get(lang, ()):
            langs = [lang] + [other for other in order if other != lang and twins.has(other, path)]
            entries.append((root + page_url(path, lang, languages),
                            [(other, root + page_url(path, other, languages)) for other in langs]))
    return entries


def sitemap_xml(entries, lastmod: str) -> str:
    """The sitemap protocol's XML of ``entries`` (``sitemap_entries``), with hreflang alternates."""
    blocks = "".join(
        f"\n    <url>\n        <loc>{loc}</loc>\n        <lastmod>{lastmod}</lastmod>\n        <changefreq>daily</changefreq>"
        + "".join(f'\n        <xhtml:link rel="alternate" hreflang="{lang}" href="{href}"/>' for lang, href in links)
        + "\n    </url>"
        for loc, links in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
            ' xmlns:xhtml="http://www.w3.org/1999/xhtml">' + blocks + "\n</urlset>")
