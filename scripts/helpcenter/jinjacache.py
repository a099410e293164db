"""Compiled theme templates, kept for the life of the process.

MkDocs builds a new Jinja environment for each build, and static-i18n runs
one build per language: Material's 90-odd templates were compiled again
each time (half a second per language, and on every `mkdocs serve`
rebuild). Jinja checks each template's source checksum before reusing its
code, so an edited override is compiled afresh.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2


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


THEME_TEMPLATES = MemoryBytecodeCache()


# The theme's file list: MkDocs lists every file of the theme's folders on each build
# (Material ships 14,000 files, its icons) and matches each against its patterns to find
# the static ones, once per language and again on each `mkdocs serve` rebuild. Material's
# folder is an installed package; a folder outside site-packages (overrides/) is stat'ed
# each time, so a file added or removed there is listed.
_LISTINGS: dict[tuple, list[str]] = {}


def _stamp(folder: str) -> tuple:
    if {"site-packages", "dist-packages"} & set(Path(folder).parts):
        return ()
    return tuple(sorted((os.path.join(d, n), os.stat(os.path.join(d, n)).st_mtime_ns)
                        for d, _dirs, names in os.walk(folder) for n in names))


def theme_listed_once(theme) -> None:
    """Jinja environments of ``theme`` (MkDocs' Theme) list its files once per process.

    The key: the folders (with the stamps above), the arguments, and the theme's
    ``static_templates`` (MkDocs' filter reads them; its code is the same function each build).
    """
    if getattr(theme, "_hc_listed_once", False):
        return
    get_env = theme.get_env

    def env() -> jinja2.Environment:
        environment = get_env()
        list_templates = environment.list_templates
        folders = list(getattr(environment.loader, "searchpath", ()))

        def listed(extensions=None, filter_func=None) -> list[str]:
            key = (tuple((folder, _stamp(folder)) for folder in folders), tuple(extensions or ()),
                   getattr(filter_func, "__code__", filter_func), tuple(theme.static_templates))
            if key not in _LISTINGS:
                _LISTINGS[key] = list_templates(extensions=extensions, filter_func=filter_func)
            return list(_LISTINGS[key])

        environment.list_templates = listed
        return environment

    theme.get_env = env
    theme._hc_listed_once = True
