"""A language whose inputs did not change is not built again: its last published build is reused.

An editor changes one sentence of a French article, and runs `make site`. The
English pages are what they were: building them again costs a MkDocs process
(a second of CPU to start, then the conversion), and on two cores that second
is taken from the French build and the checks the editor waits for. So
`python -m helpcenter build` keys each language other than the default one by
everything its build reads, and when the published site holds that language's
build under the same key (and unchanged since), it links that folder into the
new build instead of building it.

What a language's build reads, and so what its key holds (``language_key``):

- the checked content *as that build sees it*: ``blanked(content, lang)``,
  every other language's text replaced by one mark and the warnings left out.
  A language's build is handed exactly that (the hook's ``on_config``), so a
  build can never depend on another language's words without the parallel
  build differing from the serial one (``tests/test_parallel.py``);
- under ``docs/``: the bytes of every file outside the other languages'
  folders, and the names only of the files inside them (a language's pages
  link their twins by path, and a build converts its own pages only);
- ``mkdocs.yml``, ``overrides/``, the hooks and the package (its code, templates,
  schemas), the installed distributions and Python's version;
- the language table (drafts built or not), the ``HELPCENTER_*`` settings
  and the build date (the sitemap's dates: a build is reused the same day only).

The default language's build is not reused alone: it owns what lists every
language (the root sitemap, the search page, the agents' desk and export), so it
reads every language's texts. When nothing at all changed, nothing is built:
``site_key`` keys everything a whole build reads (the whole content, every file of
docs/, how the site is checked), and when the published site holds that key and
its files are as published, the build says so in one line and leaves it as it is.

The record (``.build/cache/languages/``, one file per site folder) says,
for each reused-or-built language of the last *published* site, its key and
the names, sizes and times of its files: a file changed, added or removed in
``site/<lang>/`` since, by anything, and the language is built again.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from . import tools
from .cache import Digest, installed, key
from .checked import folder_items, languages_key

# What another language's text becomes in a language's build.
MARK = "\u00b7"
FOLDER = "languages"
# Settings that are not about the pages a build writes: which language a process builds,
# whether it waits for the word, where the checkers' programs are.
_NOT_INPUTS = (tools.CHROMIUM.env, tools.JAVA.env)


def blanked(content, keep: str):
    """``content`` as the build of ``keep`` sees it: each text's other languages
    replaced by ``MARK`` (a text is a mapping of language codes to strings), and
    no warnings (they are reported by the command line, never built)."""
    return _blank(dataclasses.replace(content, warnings=()), keep, frozenset(content.languages.built))


def _blank(value, keep: str, langs: frozenset):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _blank(getattr(value, f.name), keep, langs)
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, Mapping):
        if value and all(k in langs for k in value) and all(isinstance(v, str) for v in value.values()):
            return {k: (v if k == keep else MARK) for k, v in value.items()}
        return {k: _blank(v, keep, langs) for k, v in value.items()}
    if type(value) is tuple:
        return tuple(_blank(v, keep, langs) for v in value)
    if type(value) is list:
        return [_blank(v, keep, langs) for v in value]
    return value


def content_key(content, lang: str | None, langs: frozenset | None = None) -> str | None:
    """Key of ``blanked(content, lang)``, made one record at a time (no copy of the whole
    content: megabytes at a thousand articles); None if part of it has no stable text (an
    object printed with its address): such a build is never reused. ``langs=frozenset()``:
    the whole content, no language blanked (the whole site's key)."""
    digest, langs = Digest(), frozenset(content.languages.built) if langs is None else langs
    for f in dataclasses.fields(content):
        if not f.init or f.name == "warnings":
            continue
        value = getattr(content, f.name)
        digest.add(f.name)
        for item in (value.items() if isinstance(value, Mapping) else [value]):
            text = repr(_blank(item, lang, langs))
            if " at 0x" in text:
                return None
            digest.add(text)
    return digest.hexdigest()


def build_day(environ=os.environ) -> str:
    """The date MkDocs writes into the sitemap: SOURCE_DATE_EPOCH's, else today's (UTC)."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    when = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch and epoch.isdigit()
            else datetime.datetime.now(datetime.timezone.utc))
    return when.strftime("%Y-%m-%d")


def _inputs(root: Path, docs_dir: Path, digest: Digest, languages, environ, name_only=None, also=()) -> str:
    """``digest`` fed with what every build reads besides the content (module docstring):
    the language table, the day, the settings, Python and its packages, mkdocs.yml, then
    the files of overrides/, scripts/, docs/ (``name_only``: by name) and the folders ``also``."""
    root = Path(root)
    settings = sorted((k, v) for k, v in environ.items() if k.startswith("HELPCENTER_") and k not in _NOT_INPUTS)
    digest.add(languages_key(languages), build_day(environ), repr(settings), sys.version, *installed(),
               (root / "mkdocs.yml").read_bytes())
    for folder, items in (("overrides", folder_items(root / "overrides")),
                          ("scripts", folder_items(root / "scripts", skip=_compiled)),
                          ("docs", folder_items(docs_dir, name_only=name_only)),
                          *((name, folder_items(root / name)) for name in also)):
        for rel, data in items:
            digest.add(folder + "/" + rel, data)
    return digest.hexdigest()


def language_key(root: Path, docs_dir: Path, content, lang: str, environ=os.environ) -> str | None:
    """Key of everything the build of ``lang`` reads (module docstring); None: never reused.
    Files are read one at a time (the docs weigh 60 MB at a thousand articles)."""
    text = content_key(content, lang)
    if text is None:
        return None
    digest = Digest()
    digest.add("language build 4", lang, text)
    others = tuple(f"{other}/" for other in content.languages.built if other != lang)
    return _inputs(root, docs_dir, digest, content.languages, environ, name_only=lambda rel: rel.startswith(others))


def site_key(root: Path, docs_dir: Path, content, checks: tuple, environ=os.environ) -> str | None:
    """Key of everything a whole build reads: every language's inputs, the whole content
    (the default language's pages and the finish read every language), every file of docs/,
    deploy/ (the site check reads nginx.conf) and ``checks``, how the site is checked (strict
    or not, the programs found). Equal to the published site's: nothing to build (``unchanged``)."""
    text = content_key(content, None, langs=frozenset())
    if text is None:
        return None
    digest = Digest()
    digest.add("site build 1", text, repr(checks))
    return _inputs(root, docs_dir, digest, content.languages, environ, also=("deploy",))


def keys(root: Path, docs_dir: Path, content, environ=os.environ) -> dict[str, str | None]:
    """The key of each language's build that may be reused: every language but the default one."""
    return {lang: language_key(root, docs_dir, content, lang, environ)
            for lang in content.languages.built if lang != content.languages.default}


def _compiled(rel: str) -> bool:
    """What Python and pip write under scripts/: compiled files and install metadata."""
    parts = rel.split("/")
    return "__pycache__" in parts or any(p.endswith(".egg-info") for p in parts)


def tree_digest(folder: Path) -> str | None:
    """Key of the names, sizes and modification times of what is under ``folder``
    (None if it is not a folder): any change to a file there changes it."""
    folder = Path(folder)
    if not folder.is_dir():
        return None
    parts = []
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        kind = "dir" if stat.S_ISDIR(st.st_mode) else "file" if stat.S_ISREG(st.st_mode) else "other"
        parts += [path.relative_to(folder).as_posix(), f"{kind}:{st.st_size}:{st.st_mtime_ns}"]
    return key(*parts)


def record_path(cache_dir: Path, site_dir: Path) -> Path:
    """Where the record of the site published in ``site_dir`` is kept."""
    return Path(cache_dir) / FOLDER / f"{key(str(Path(site_dir).resolve()))[:16]}.json"


# The whole site's entry in a record, beside the languages' (no language code has brackets).
SITE = "(site)"


def record(cache_dir: Path, site_dir: Path, keys: dict[str, str | None], site: str | None = None) -> None:
    """After publishing ``site_dir``: the key of each language's build in it and its files,
    and ``site``, the whole build's key (``site_key``), with every file of the site.
    A record that cannot be written costs only time (the next build builds every language)."""
    path = record_path(cache_dir, site_dir)
    entries = {lang: {"key": k, "files": tree_digest(Path(site_dir) / lang)} for lang, k in keys.items() if k}
    if site:
        entries[SITE] = {"key": site, "files": tree_digest(site_dir)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(entries, out)
        os.replace(tmp, path)
    except OSError:
        pass


def forget(cache_dir: Path, site_dir: Path) -> None:
    """No record: the next build builds every language (before a publish whose keys are unknown)."""
    try:
        record_path(cache_dir, site_dir).unlink()
    except OSError:
        pass


def recorded(cache_dir: Path, site_dir: Path) -> dict:
    try:
        data = json.loads(record_path(cache_dir, site_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def reusable(cache_dir: Path, site_dir: Path, keys: dict[str, str | None]) -> list[str]:
    """The languages whose published build in ``site_dir`` has the key in ``keys`` (``keys()``:
    never the default language) and whose files are as they were published."""
    found = recorded(cache_dir, site_dir)
    out = []
    for lang, k in keys.items():
        entry = found.get(lang)
        if (k and isinstance(entry, dict) and entry.get("key") == k
                and entry.get("files") is not None and entry.get("files") == tree_digest(Path(site_dir) / lang)):
            out.append(lang)
    return out


def unchanged(cache_dir: Path, site_dir: Path, site: str | None) -> bool:
    """True if the site published in ``site_dir`` was built from inputs of key ``site``
    (``site_key``) and no file of it changed since: building again would publish the same bytes."""
    entry = recorded(cache_dir, site_dir).get(SITE)
    return bool(site and isinstance(entry, dict) and entry.get("key") == site
                and entry.get("files") is not None and entry.get("files") == tree_digest(site_dir))


def link_tree(src: Path, dest: Path) -> None:
    """``dest`` made of hard links to the files under ``src`` (a copy where linking fails).

    Safe because nothing writes into a published file in place: a build writes its
    pages into a new folder, publishing renames, and the old site is unlinked."""
    shutil.copytree(src, dest, copy_function=_link_or_copy)


def _link_or_copy(src: str, dest: str) -> None:
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def as_built(content, lang: str):
    """The content a language's run hands its pages: the other languages' texts blanked
    for a language other than the default (its inputs are then its own texts only), whole
    for the default language's run (its pages name the other languages)."""
    if content is None or lang == content.languages.default:
        return content
    return blanked(content, lang)
