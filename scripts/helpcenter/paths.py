"""Paths stay inside their folder: content/ is read only inside content/, and
the build writes only inside docs/ (the staging folder and site/ are MkDocs'
and publish.py's).

A symbolic link in content/ or docs/ leading out of that folder (to
/etc/passwd, to a home folder, to another checkout) is refused with the
link's name and where it leads: the build would otherwise read or publish
a file nobody reviewed, or write generated pages outside docs/. Ids are
slugs (schema.SLUG), so no generated name holds ``..`` or ``/``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ContentError


def inside(path: Path, folder: Path) -> bool:
    """True if ``path``, links followed, is ``folder`` or under it."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def link_error(shown: str, target: Path, folder: str) -> ContentError:
    return ContentError(shown, 0, "", f"a link to {target}, outside {folder}/: refused",
                        f"put the file itself in {folder}/ instead of a link (cp --remove-destination TARGET LINK)")


def links_outside(folder: Path, shown: str) -> list[ContentError]:
    """Each symbolic link under ``folder`` (named ``shown``/... in errors) that leads out of it."""
    folder = Path(folder)
    if not folder.exists():
        return []
    errors = []
    if folder.is_symlink() and not inside(folder, folder.parent):
        return [link_error(shown, Path(os.readlink(folder)), shown)]
    for parent, dirs, files in os.walk(folder):  # links to folders are listed, never entered
        for name in sorted(dirs + files):
            path = Path(parent) / name
            if path.is_symlink() and not inside(path, folder):
                rel = path.relative_to(folder).as_posix()
                errors.append(link_error(f"{shown}/{rel}", Path(os.readlink(path)), shown))
    return errors
