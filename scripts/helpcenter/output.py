"""Stage 4: write generated pages into docs/, safely.

- A file is written only when its bytes change (``mkdocs serve`` would
  otherwise rebuild in a loop).
- A file is overwritten or deleted only if its first line carries the
  generated marker: a hand-written page is never touched, and a name clash
  with one is an error.
- Each language folder gets a generated .gitignore listing exactly the
  generated files, so they are never committed while hand-written pages
  beside them are.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, ContentErrors
from .paths import links_outside
from .render import MARKER_PREFIX

GITIGNORE = ".gitignore"
GITIGNORE_HEADER = f"# {MARKER_PREFIX}: the generator keeps this list of its own files.\n"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    pages: list[str] = field(default_factory=list)  # every generated page, written or not


def _has_marker(data: bytes) -> bool:
    """True if the first line of ``data`` (up to 4 KB) carries the generated marker."""
    return MARKER_PREFIX.encode() in data[:4096].split(b"\n", 1)[0]


def is_generated(path: Path) -> bool:
    """True if ``path`` starts with the generated marker (and so may be replaced)."""
    try:
        first = _first_line(path)
    except OSError:
        return False
    return first is not None and _has_marker(first)


def hand_written_pages(docs_dir: Path, languages) -> dict[str, list[str]]:
    """Markdown pages without the generated marker, per language (paths under docs/<lang>/)."""
    found = {}
    for lang in languages:
        base = Path(docs_dir) / lang
        found[lang] = sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md")
                             if not is_generated(p)) if base.is_dir() else []
    return found


def check_twins(pages_by_lang: dict[str, list[str]]) -> list[ContentError]:
    """A hand-written page must exist in every language, under the same name."""
    everywhere = set().union(*pages_by_lang.values()) if pages_by_lang else set()
    errors = []
    for lang, pages in pages_by_lang.items():
        for missing in sorted(everywhere - set(pages)):
            have = next(l for l, p in pages_by_lang.items() if missing in p)
            errors.append(ContentError(f"docs/{lang}/{missing}", 0, "",
                                       f"missing: docs/{have}/{missing} has no {lang} twin",
                                       f"write docs/{lang}/{missing}, or remove docs/{have}/{missing}"))
    return errors


def _first_line(path: Path) -> bytes | None:
    """The first line of ``path`` (up to 4 KB), or None when there is no such file."""
    try:
        with path.open("rb") as f:
            return f.readline(4096)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _write(path: Path, data: bytes, exists: bool = True) -> None:
    """Replace ``path`` whole: a reader (mkdocs serve) never sees half of a page it knew.

    A new file is written in place (no reader knows it yet), into a folder
    the caller has made.
    """
    if not exists:
        path.write_bytes(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if _read(path) == data:
        return False
    _write(path, data)
    return True


def write_pages(docs_dir: Path, pages: dict[str, str]) -> WriteReport:
    """Write ``pages`` (paths relative to docs_dir) and remove stale generated pages.

    Raises ContentErrors, before writing anything, if a page would replace a
    hand-written file (its first line has no generated marker).
    """
    docs_dir = Path(docs_dir)
    outside = links_outside(docs_dir, "docs")  # a link would publish, or take our writes, elsewhere
    if outside:
        raise ContentErrors(outside)
    # One page's bytes at a time (at 1000 articles the pages are some 60 MB): first the
    # first line of each existing file (is it ours?), then each page compared and written.
    names = sorted(pages)
    exists: dict[str, bool] = {}
    clashes = []
    for rel in names:
        first = _first_line(docs_dir / rel)
        exists[rel] = first is not None
        if first is not None and not _has_marker(first):
            clashes.append(ContentError(f"docs/{rel}", 0, "", "a hand-written file has the name of a generated page; it was left untouched",
                                        "rename the hand-written file, or choose another article id"))
    if clashes:
        raise ContentErrors(clashes)

    report = WriteReport(pages=names)
    for folder in {Path(rel).parent for rel in names if not exists[rel]}:
        (docs_dir / folder).mkdir(parents=True, exist_ok=True)
    for rel in names:
        data = pages[rel].encode("utf-8")
        if exists[rel] and _read(docs_dir / rel) == data:
            report.unchanged += 1
        else:
            _write(docs_dir / rel, data, exists=exists[rel])
            report.written.append(rel)
    new = set(names)

    # A generated page whose source is gone, even in a folder left with no page.
    for top in sorted({Path(rel).parts[0] for rel in new}):
        for path in sorted((docs_dir / top).rglob("*.md")):
            rel = path.relative_to(docs_dir).as_posix()
            if rel not in new and is_generated(path):
                path.unlink()
                report.removed.append(rel)
    by_folder: dict[Path, list[str]] = {}
    for rel in names:  # in order: a set's order changes with each process (and rewrote the list each build)
        by_folder.setdefault(Path(rel).parent, []).append(Path(rel).name)
    for folder, names in sorted(by_folder.items()):
        ignore = GITIGNORE_HEADER + f"/{GITIGNORE}\n" + "".join(f"/{name}\n" for name in names)
        if _write_if_changed(docs_dir / folder / GITIGNORE, ignore.encode("utf-8")):
            report.written.append((folder / GITIGNORE).as_posix())
    return report
