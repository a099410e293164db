"""Stage 7b: the offline copy, one service worker per language (written by ``finish.site``).

Each language gets its own worker at its root (``/sw.js`` French, ``/en/sw.js``
English), from this site, so its scope is that root and the site's
Content-Security-Policy (``worker-src 'self'``) allows it. What it does is
in ``templates/offline-worker.js``; what it needs of the build comes first in
the file as ``self.HC``, computed here:

- ``version``: a hash of the language's published files, so every build
  that changes what a reader gets is a new worker with a new cache of files
  (the old one is deleted once the new worker runs);
- ``others``: the roots of the other languages. The default language's
  worker has the site's root as scope, which holds ``/en/``: it lets every
  request there go to the network untouched, so an English page is never
  answered from the French cache (and the English worker's scope is
  ``/en/`` only);
- ``precache``: the language's home, decision guide, offline page and search
  index (with all its shards and fragments when they weigh 1 MB or less; a
  bigger search is kept piece by piece as queries fetch them), and the files
  their pages load, fetched when the worker installs;
- the words of the banner on a saved copy, plain text from ``site.yml``.

Pure functions but ``write_workers``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from .locales import Languages
from .text import plain

WORKER = "sw.js"
OFFLINE_PAGE = "offline.html"
SOURCE = Path(__file__).parent / "templates" / "offline-worker.js"
# Files that are not what a reader gets, or change with the build day only.
_NOT_HASHED = re.compile(r"(^|/)(sw\.js|sitemap\.xml(\.gz)?|_headers|_redirects)$|\.map$")
_LOADED = re.compile(r"""<(?:link\b[^>]*\brel="stylesheet"[^>]*\bhref|script\b[^>]*\bsrc)="([^"#?]+)""")
# Material's search worker, as __config names it (with its query: search.py's layer).
_SEARCH_WORKER = re.compile(r'"search":\s*"([^"#]+)"')
# Material's search worker and what it imports (lunr, the language's stemmer): under the
# language's root, where each language other than the default one has its copy.
_SEARCH_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                 "assets/javascripts/lunr/min/lunr.multi.min.js")
# The most bytes of search pieces (shards, fragments) a worker fetches when it installs.
SEARCH_PRECACHE = 1_000_000
# What Material's search worker imports for some languages, beside the stemmer.
_SEGMENTERS = MappingProxyType({"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"})


def scope(base: str, languages: Languages, lang: str) -> str:
    """The worker's scope: the language's root under the site's path (``/``, ``/en/``)."""
    return base + languages.root(lang)


def version(site_dir: Path, languages: Languages, lang: str) -> str:
    """A hash of every file a reader of ``lang`` may get: its pages, the shared assets;
    not the other languages' pages, nor what only the build day changes."""
    site_dir = Path(site_dir)
    own = languages.root(lang)
    others = tuple(languages.root(o) for o in languages.built if o != lang and languages.root(o))
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if _NOT_HASHED.search(rel) or rel.startswith(others) or (own and not rel.startswith((own, "assets/"))):
            continue
        digest.update(rel.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def loaded_files(page: str, page_path: str) -> list[str]:
    """The site paths (no leading slash) of the stylesheets and scripts ``page`` loads;
    ``page_path`` is where it sits (``en/index.html``)."""
    folder = page_path.rsplit("/", 1)[0] + "/" if "/" in page_path else ""
    out = []
    for ref in _LOADED.findall(page) + _SEARCH_WORKER.findall(page):
        if ref.startswith(("http:", "https:", "//")):
            continue
        parts = [] if ref.startswith("/") else folder.strip("/").split("/") if folder else []
        for part in ref.lstrip("/").split("/"):
            if part == "..":
                parts = parts[:-1]
            elif part not in ("", "."):
                parts.append(part)
        out.append("/".join(parts))
    return out


def precache(site_dir: Path, root: str, lang: str, base: str) -> dict[str, list[str]]:
    """What the worker fetches when it installs: ``pages`` (kept as saved pages, with
    their date) and ``files`` (the build's own, in the versioned cache), as absolute paths."""
    site_dir = Path(site_dir)
    pages = [p for p in (root, root + "guide/") if (site_dir / p / "index.html").is_file()]
    files = {root + OFFLINE_PAGE, root + "search/search_index.json", "assets/images/favicon.png"}
    for p in pages + [root + OFFLINE_PAGE]:
        page = site_dir / p / "index.html" if p.endswith("/") or not p else site_dir / p
        files.update(loaded_files(page.read_text(encoding="utf-8"), page.relative_to(site_dir).as_posix()))
    for rel in search_files(site_dir, lang):
        files.add(root + rel)
    files.update(search_pieces(site_dir, root))
    files = {f for f in files if (site_dir / f.split("?")[0]).is_file()}
    return {"pages": [base + p for p in pages], "files": sorted(base + f for f in files)}


def search_pieces(site_dir: Path, root: str, limit: int = SEARCH_PRECACHE) -> list[str]:
    """The shards and fragments of the language's search (search.py), if they weigh
    ``limit`` bytes or less together: then search works offline at once. A bigger
    search is kept piece by piece as readers' queries fetch them (the worker keeps
    every file of the build it is asked for)."""
    index = Path(site_dir) / root / "search" / "search_index.json"
    version = json.loads(index.read_text(encoding="utf-8"))["config"].get("shards", {}).get("version") if index.is_file() else None
    if not version:
        return []
    pieces = sorted(p for p in (index.parent / version).rglob("*.json") if p.is_file())
    if sum(p.stat().st_size for p in pieces) > limit:
        return []
    return [p.relative_to(site_dir).as_posix() for p in pieces]


def absolute_links(context, config) -> dict:
    """What changes in the offline page's template context: its links start at the site's
    path, as MkDocs makes them on its 404 page, since a worker shows it at any address."""
    return {"base_url": urlsplit(config.site_url or "/").path}  # Material's templates pass every link through it


def search_files(site_dir: Path, lang: str) -> list[str]:
    """The files search needs in ``lang``, relative to the assets' folder's parent: Material's
    worker and ours (not their source maps), lunr's stemmer support, the language's own."""
    assets = Path(site_dir) / "assets" / "javascripts"
    wanted = [*_SEARCH_FILES[1:], f"assets/javascripts/lunr/min/lunr.{lang}.min.js"]
    if lang in _SEGMENTERS:
        wanted.append(f"assets/javascripts/lunr/{_SEGMENTERS[lang]}")
    workers = sorted(p.relative_to(site_dir).as_posix() for p in (assets / "workers").glob("*.js"))
    return workers + [rel for rel in wanted if (Path(site_dir) / rel).is_file()]


def copy_search_files(site_dir: Path, languages: Languages) -> list[str]:
    """Each language other than the default one gets its copy of the search files at its
    root (``/en/assets/javascripts/...``): a page's search runs in a worker, and a worker
    is run by the offline copy whose scope holds the worker's own address, so an English
    reader's search starts offline only from ``/en/`` (pages name it there: search.py)."""
    copied = []
    for lang in languages.built:
        root = languages.root(lang)
        for rel in search_files(site_dir, lang) if root else ():
            target = Path(site_dir) / root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(site_dir) / rel, target)
            copied.append(root + rel)
    return copied


def worker_config(content, site_dir: Path, lang: str, base: str) -> dict:
    """``self.HC`` of ``lang``'s worker."""
    languages = content.languages
    words = content.site["strings"]["offline-saved"][lang]
    return {
        "lang": lang,
        "locale": languages.get(lang).locale.replace("_", "-"),
        "version": version(site_dir, languages, lang),
        "scope": scope(base, languages, lang),
        "others": sorted(scope(base, languages, o) for o in languages.built if o != lang and languages.root(o)),
        "shared": [base + "assets/"],  # what pages of every language load
        "offline": scope(base, languages, lang) + OFFLINE_PAGE,
        "saved": html.escape(plain(content, words, lang)),
        **precache(site_dir, languages.root(lang), lang, base),
    }


def worker_script(config: dict) -> str:
    """The worker's file: its configuration, then the same code for every language."""
    head = "self.HC = " + json.dumps(config, ensure_ascii=False, sort_keys=True, indent=1) + ";\n"
    return head + SOURCE.read_text(encoding="utf-8")


def write_workers(site_dir: Path, content, base: str) -> list[str]:
    """Each language's worker at its root, after every other file is written (they are hashed).
    Returns their paths under ``site_dir``."""
    configs = {lang: worker_config(content, site_dir, lang, base) for lang in content.languages.built}
    written = []
    for lang, config in configs.items():
        rel = content.languages.root(lang) + WORKER
        (Path(site_dir) / rel).write_text(worker_script(config), encoding="utf-8")
        written.append(rel)
    return written
