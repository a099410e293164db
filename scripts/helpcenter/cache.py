"""Results kept between builds, keyed by what they are computed from.

A key is the SHA-256 of every input of a result (the page's bytes, the
checker's own files, the options): when any input changes, the key changes
and the result is computed again; an unchanged input can never be served a
stale result. Entries are small JSON files, written atomically, under
``.build/cache/<kind>/`` of the repository (``make clean`` removes them).
A cache folder that cannot be read or written only costs the time saved.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

FOLDER = Path(".build") / "cache"


class Digest:
    """A key fed one part at a time (``key`` of every part added, in order): for inputs
    too large to hold at once (a thousand articles' pages)."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def add(self, *parts: bytes | str) -> None:
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            self._sha.update(len(data).to_bytes(8, "big"))
            self._sha.update(data)

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def key(*parts: bytes | str) -> str:
    """One key for ``parts``, in order (each part's length is hashed too: no two
    different lists of parts share a key by concatenation)."""
    digest = Digest()
    digest.add(*parts)
    return digest.hexdigest()


def installed() -> tuple[str, ...]:
    """Names (with their versions) of what is installed where this Python imports from:
    part of the key of anything computed by installed code (a theme's files, a build)."""
    import sys

    names = []
    for entry in sys.path:
        try:
            names += [n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info", ".egg-link", ".pth"))]
        except OSError:
            continue
    return tuple(sorted(names))


def file_key(path: Path) -> str:
    """Key of a file's bytes (a checker's program, a script it injects)."""
    return key(Path(path).read_bytes())


def folder_key(folder: Path, suffixes=None) -> str:
    """Key of every file under ``folder`` (names and bytes), e.g. the styles and
    scripts every page loads."""
    folder = Path(folder)
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and (suffixes is None or path.suffix in suffixes):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return key(*parts)


class Cache:
    """JSON values by key in ``folder`` (None: a cache that keeps nothing)."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self.hits = 0
        self.misses = 0

    def _path(self, k: str) -> Path:
        return self.folder / k[:2] / f"{k}.json"

    def get(self, k: str):
        if self.folder is None:
            self.misses += 1
            return None
        try:
            value = json.loads(self._path(k).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, k: str, value) -> None:
        if self.folder is None:
            return
        path = self._path(k)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(value, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass
