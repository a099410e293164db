"""Stage 5: the site as published, from what the language runs built.

Two steps, each called once:

- ``language_outputs``: at the end of one language's run, what MkDocs wrote
  at the run's root for the language (its 404 page, its search index) put at
  the language's root, in its published form;
- ``site``: once every language is merged into one folder, what needs the
  model or every language: the redirects of former ids, the sitemaps, the
  agents' export, the minified assets, each language's service worker
  (``offline.py``), and last the hosts' ``_redirects`` and
  ``_headers`` (they list every file and hash every inline script).

Both are functions of (built files, model): running one twice writes the same bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

from mkdocs.utils import get_build_date

from . import csp
from .hosting import hosting_files, site_path
from .i18n import Twins, sitemap_entries, sitemap_xml
from .locales import Languages
from .languages import not_found_page, search_index_for, site_root, sitemap_for, with_x_default
from .minify import minify_assets
from .offline import OFFLINE_PAGE, copy_search_files, write_workers
from .parallel import SITE_FILES
from .render import agents_export, render_redirects
from .search import published_search, reader_index, search_pages, stop_words

SEARCH_INDEX = "search/search_index.json"
_SEARCH_VERSION = re.compile(r"[0-9a-f]{12}")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def language_outputs(run_dir: Path, lang: str, content, site_url: str | None) -> None:
    """The run of ``lang`` wrote its 404 page and search index at ``run_dir``'s root: each
    becomes ``lang``'s own, at its language root (the run's raw ones are left to be dropped)."""
    languages = content.languages
    run_dir, root = Path(run_dir), languages.root(lang)
    for name in ("404.html", OFFLINE_PAGE):  # both shown at any address of the language
        page = run_dir / name
        if page.is_file():
            _write(run_dir / root / name, not_found_page(page.read_text(encoding="utf-8"), lang, site_url, languages, name))
    index = run_dir / SEARCH_INDEX
    if index.is_file():
        own = reader_index(search_index_for(index.read_text(encoding="utf-8"), lang, languages), search_pages(content, lang))
        write_search(run_dir / root / "search", own, stop_words(run_dir, json.loads(own)["config"]["lang"][0]))


def write_search(folder: Path, reader: str, stop: frozenset[str]) -> None:
    """The language's published search (``search.published_search``) in ``folder``, the
    pieces of an earlier build removed."""
    if folder.is_dir():
        for old in folder.iterdir():
            if old.is_dir() and _SEARCH_VERSION.fullmatch(old.name):
                shutil.rmtree(old)
    for rel, text in published_search(reader, stop).items():
        _write(folder / rel, text)


def site(site_dir: Path, content, docs_dir: Path, site_url: str | None, hosting: bool = True) -> None:
    """Everything the merged ``site_dir`` needs of the model or of every language.

    ``hosting``: write ``_redirects`` and ``_headers`` (a preview's own server reads neither)."""
    site_dir = Path(site_dir)
    for lang in content.languages.built:
        for rel, text in render_redirects(content, lang).items():
            _write(site_dir / rel, text)
    write_sitemaps(site_dir, docs_dir, site_url, content.languages)
    _write(site_dir / "agents/articles.json", agents_export(content))
    minify_assets(Path(docs_dir), site_dir)
    copy_search_files(site_dir, content.languages)  # where each language's pages name them (a preview's too)
    if hosting:  # a preview registers no worker (its pages name none)
        write_workers(site_dir, content, site_path(site_url))
        write_site_files(site_dir, content, site_url)


def sitemaps(docs_dir: Path, site_url: str | None, lastmod: str, languages: Languages) -> dict[str, str]:
    """Each sitemap, by its path in the site: the root's lists every language's pages,
    each other language's root has its own; every entry names its x-default."""
    root = site_root(site_url)
    every = sitemap_xml(sitemap_entries(Twins.of(docs_dir, languages), root), lastmod)
    out = {"sitemap.xml": with_x_default(every, languages.default)}
    for lang in languages.built:
        if lang != languages.default:
            own = sitemap_for(every, root + languages.root(lang))
            out[languages.root(lang) + "sitemap.xml"] = with_x_default(own, languages.default)
    return out


def gzipped(text: str, name: str, lastmod: str) -> bytes:
    """``text`` gzipped as MkDocs gzips its sitemap: the file's name and the build day in the header."""
    day = datetime.fromisoformat(lastmod).replace(tzinfo=timezone.utc)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename=name, mode="wb", mtime=int(day.timestamp())) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def write_sitemaps(site_dir: Path, docs_dir: Path, site_url: str | None, languages: Languages) -> None:
    lastmod = get_build_date()
    maps = sitemaps(docs_dir, site_url, lastmod, languages)
    for rel, text in maps.items():
        _write(Path(site_dir) / rel, text)
    (Path(site_dir) / "sitemap.xml.gz").write_bytes(gzipped(maps["sitemap.xml"], "sitemap.xml.gz", lastmod))


def write_site_files(site_dir: Path, content, site_url: str | None) -> None:
    """What needs every language's files, written last: the hosts' ``_redirects`` and ``_headers``."""
    site_dir = Path(site_dir)
    paths = ["/" + p.relative_to(site_dir).as_posix() for p in sorted(site_dir.rglob("*"))
             if p.is_file() and p.relative_to(site_dir).as_posix() not in SITE_FILES]
    for name, text in hosting_files(content, paths, site_url, csp.headers(site_dir)).items():
        (site_dir / name).write_text(text, encoding="utf-8")
