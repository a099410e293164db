"""Checked content, handed from the command line to MkDocs by what it was computed from.

`python -m helpcenter build` checks the content and writes the pages before
MkDocs starts, so that errors come first, in our words. MkDocs (one process
per language, `mkdocs serve`, a bare `mkdocs build`) then needs the same
checked model. The hook asks for it with one call::

    checked_content(content_dir, docs_dir, site_url, cache_dir) -> Content

which returns the checked model of the content folder *as it is now*.

Why a store keyed by its inputs, and not the former pickle named by an
environment variable (``HELPCENTER_PREPARED``): a file named by its writer is
trusted whatever happened since it was written (an edit during the build, a
second build with other content, a leftover variable), and the interface was
invisible (a process had to know the variable). Here the interface is one
function, and the store is used only when its key still matches, so it can
never be served stale. The key is the SHA-256 of:

- every file of the content folder (names and bytes);
- ``site_url`` and the language table in use (drafts built or not);
- the generator's own code (its Python files and templates): the model's
  shape changes with the code, and a pickle of another shape is never read.

and the store is reused only if ``docs/`` still holds what that generation
wrote (the Markdown pages and links under it, hashed the same way: a page
deleted or a hand-written page added since is noticed). Otherwise the content
is loaded, checked and rendered again, and stored. The store holds the whole
model as one pickle (``.build/cache/checked-content.pickle``, written
atomically by our own process, under the help center's own build folder): no
schema of its records, so it follows the model whatever its shape.

The same store is the preview's last good content: `mkdocs serve` started, or
rebuilt, while the content has an error shows the error above the pages of
the last content that passed (``last_good``), if this version of the code
stored it for the same languages (a published build's model has no draft
language's texts: a preview never shows it).
"""

from __future__ import annotations

import fcntl
import logging
from contextlib import contextmanager
import os
import pickle
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from .locales import Languages
from .cache import key
from .pipeline import generate

STORE = "checked-content.pickle"
# What checked_content did, one INFO line in MkDocs' log (silent elsewhere).
log = logging.getLogger("mkdocs.plugins.helpcenter")
# Files larger than this are keyed by size and time, not read: loading refuses
# any content file over 4 MB without reading it (load.py), and so does this.
_READ_LIMIT = 4 * 1024 * 1024


@lru_cache(maxsize=None)
def code_key() -> str:
    """Key of the generator's own code: its Python files and templates."""
    package = Path(__file__).resolve().parent
    parts = []
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and (path.suffix == ".py" or "templates" in path.parts):
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return key(*parts)


def folder_parts(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[bytes | str]:
    """Names and bytes of what is under ``folder``, for a key. Never follows a link and
    never opens what is not a regular file (a pipe would block): a link counts by its
    target's name, another special file by its type, a file over 4 MB by size and time."""
    return [part for pair in folder_items(folder, suffixes) for part in pair]


def folder_items(folder: Path, suffixes: tuple[str, ...] | None = None, name_only=None, skip=None):
    """``folder_parts`` one (name, bytes) pair at a time, never all files in memory at once.
    ``name_only(rel)``: a file that counts by its name alone (not read); ``skip(rel)``: left out."""
    folder = Path(folder)
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if skip is not None and skip(rel):
            continue
        try:
            st = path.lstat()
        except OSError:
            continue
        if stat.S_ISLNK(st.st_mode):
            yield rel, "link:" + os.readlink(path)
        elif stat.S_ISDIR(st.st_mode) or (suffixes is not None and path.suffix not in suffixes):
            continue
        elif name_only is not None and name_only(rel):
            yield rel, "name only"
        elif not stat.S_ISREG(st.st_mode):
            yield rel, f"special:{stat.S_IFMT(st.st_mode)}"
        elif st.st_size > _READ_LIMIT:
            yield rel, f"large:{st.st_size}:{st.st_mtime_ns}"
        else:
            try:
                yield rel, path.read_bytes()
            except OSError:
                yield rel, "unreadable"


def languages_key(languages: Languages) -> str:
    """Key of a language table and whether drafts are built (preview)."""
    return key(repr((languages.table, languages.preview)))


def content_key(content_dir: Path, site_url: str, languages: Languages) -> str:
    """Key of what checking ``content_dir`` depends on: its files, site_url, the languages built."""
    return key(code_key(), site_url or "", languages_key(languages), *folder_parts(Path(content_dir)))


def docs_key(docs_dir: Path) -> str:
    """Key of the Markdown pages and links under ``docs_dir`` (generated and hand-written)."""
    return key(*folder_parts(Path(docs_dir), suffixes=(".md",)))


def _read_header(path: Path) -> tuple[str, str, str, str, int] | None:
    """(code key, languages key, content key, docs key, offset of the pickle) of a store, or None."""
    try:
        with open(path, "rb") as f:
            header = f.readline(400)
    except OSError:
        return None
    fields = header.decode("ascii", "replace").split()
    if len(fields) != 4:
        return None
    return fields[0], fields[1], fields[2], fields[3], len(header)


def _load(path: Path, offset: int):
    try:
        return pickle.loads(Path(path).read_bytes()[offset:])
    except Exception:  # cut short, or classes that moved: as good as no store
        return None


def store(cache_dir: Path, content, ckey: str, dkey: str) -> None:
    """Keep ``content`` (checked now) under its keys; a folder that cannot be written costs only time."""
    cache_dir = Path(cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(f"{code_key()} {languages_key(content.languages)} {ckey} {dkey}\n".encode("ascii"))
            pickle.dump(content, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_dir / STORE)
    except OSError:
        pass


def prepare(content_dir: Path, docs_dir: Path, site_url: str, languages: Languages, cache_dir: Path | None):
    """Load, check, render and write the pages (pipeline.generate) for ``languages``, then store the model.
    Returns (content, WriteReport, the content's key: ``still_as_prepared`` compares it);
    raises ContentErrors, having written nothing."""
    with _one_at_a_time(cache_dir):  # two runs that find docs/ stale write it one after the other
        ckey = content_key(content_dir, site_url, languages)
        content, report = generate(content_dir, docs_dir, site_url, languages, cache_dir)
        if cache_dir is not None:
            store(cache_dir, content, ckey, docs_key(docs_dir))
    return content, report, ckey


@contextmanager
def _one_at_a_time(cache_dir: Path | None):
    """Hold ``cache_dir``'s lock of generation while the block runs (nothing without a cache folder)."""
    if cache_dir is None:
        yield
        return
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(cache_dir) / ".generate.lock", "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def checked_content(content_dir: Path, docs_dir: Path, site_url: str, languages: Languages, cache_dir: Path | None):
    """The checked model of ``content_dir`` as it is now, for ``languages``: the stored one when
    its keys match the content and docs/ now, else checked (and its pages written) again.
    Raises ContentErrors for content that does not pass."""
    ckey, dkey = content_key(content_dir, site_url, languages), docs_key(docs_dir)
    if cache_dir is not None:
        path = Path(cache_dir) / STORE
        header = _read_header(path)
        if header is not None and header[:4] == (code_key(), languages_key(languages), ckey, dkey):
            content = _load(path, header[4])
            if content is not None:
                log.info("helpcenter: content as checked before (%s unchanged since)", Path(content_dir).name)
                return content
    log.info("helpcenter: checking %s", Path(content_dir).name)
    return prepare(content_dir, docs_dir, site_url, languages, cache_dir)[0]


def still_as_prepared(content_dir: Path, site_url: str, languages: Languages, prepared_key: str) -> bool:
    """True if ``content_dir`` is still what ``prepare`` checked when it returned
    ``prepared_key`` (an editor may save while a build runs: then what was built is not known for sure)."""
    return content_key(content_dir, site_url, languages) == prepared_key


def last_good(cache_dir: Path | None, languages: Languages):
    """The content last stored in ``cache_dir`` by this version of the code for
    ``languages`` (a preview's drafts included or not), whatever content it
    was checked from; None if there is none."""
    if cache_dir is None:
        return None
    path = Path(cache_dir) / STORE
    header = _read_header(path)
    if header is None or header[:2] != (code_key(), languages_key(languages)):
        return None
    return _load(path, header[4])
