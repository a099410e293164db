"""Compiled templates and the theme's file list, kept in the build folder between runs.

Each language's run is a process of its own, and each build a new set of
them: Material's 90-odd templates would be compiled again in each (about a
sixth of a language's run), and its 14,000 files listed again. Jinja checks
each template's source checksum before reusing its code, so an edited
override is compiled afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import jinja2

from .cache import installed


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, and on disk once ``on_disk`` named a folder: each
    language of `make site` is a process of its own, and each build a new pair of them;
    compiling Material's templates was about a sixth of a language's build. Jinja keeps
    the template source's checksum and the Python version with the code, and compiles
    afresh when either differs."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self._disk: jinja2.FileSystemBytecodeCache | None = None

    def on_disk(self, folder: Path) -> MemoryBytecodeCache:
        """Keep the compiled templates in ``folder`` too (created if need be); returns self."""
        folder = Path(folder)
        if self._disk is None or Path(self._disk.directory) != folder:
            folder.mkdir(parents=True, exist_ok=True)
            self._disk = jinja2.FileSystemBytecodeCache(str(folder))
        return self

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)
        if bucket.code is None and self._disk is not None:
            self._disk.load_bytecode(bucket)  # written by an earlier build, or the other language's process
            if bucket.code is not None:
                self._store[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            self._disk.dump_bytecode(bucket)  # a temporary file renamed: the other process reads whole files


def theme_templates(folder: Path) -> jinja2.FileSystemBytecodeCache:
    """Where a run's Jinja environment keeps the compiled theme templates (``folder``, created):
    written to a temporary file and renamed, so the other language's process reads whole files."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


# The theme's file list: MkDocs lists every file of the theme's folders on each build
# (Material ships 14,000 files, its icons) and matches each against its patterns to find
# the static ones: 0.3 s of CPU each time. Material's folder is an installed package
# (keyed by what is installed); a folder outside site-packages (overrides/) is stat'ed
# each time, so a file added or removed there is listed. A listing is kept on disk.


def _stamp(folder: str) -> tuple:
    if {"site-packages", "dist-packages"} & set(Path(folder).parts):
        return ()
    return tuple(sorted((os.path.join(d, n), os.stat(os.path.join(d, n)).st_mtime_ns)
                        for d, _dirs, names in os.walk(folder) for n in names))


def _code(func) -> tuple | object:
    code = getattr(func, "__code__", None)
    return func if code is None else (code.co_filename, code.co_firstlineno, code.co_code, code.co_names)


def _on_disk(folder: Path | None, key: tuple, list_templates) -> list[str]:
    """The listing kept in ``folder`` under ``key`` (written there the first time)."""
    if folder is None:
        return list_templates()
    path = Path(folder) / f"listing-{hashlib.sha256(repr((key, installed())).encode()).hexdigest()}.json"
    try:
        return [str(name) for name in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        pass
    names = list_templates()
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(names, out)
        os.replace(tmp, path)  # the other language's process reads whole files
    except OSError:
        pass
    return names


def theme_listed_once(theme, folder: Path | None = None) -> None:
    """Jinja environments of ``theme`` (MkDocs' Theme) list its files once for every run
    while the key holds (kept in ``folder``; without one, listed each time).

    The key: the folders (each once, with the stamps above), the arguments, the theme's
    ``static_templates`` (MkDocs' filter reads them), the filter's code and what is installed.
    """
    if getattr(theme, "_hc_listed_once", False):
        return
    get_env = theme.get_env

    def env() -> jinja2.Environment:
        environment = get_env()
        list_templates = environment.list_templates
        folders = list(dict.fromkeys(getattr(environment.loader, "searchpath", ())))

        def listed(extensions=None, filter_func=None) -> list[str]:
            key = (tuple((f, _stamp(f)) for f in folders), tuple(extensions or ()),
                   _code(filter_func), tuple(sorted(theme.static_templates)))
            return _on_disk(folder, key, lambda: list_templates(extensions=extensions, filter_func=filter_func))

        environment.list_templates = listed
        return environment

    theme.get_env = env
    theme._hc_listed_once = True
