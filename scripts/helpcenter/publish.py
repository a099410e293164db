"""Publishing site/: one build at a time, and a killed build loses nothing.

A build writes into a staging folder (``.site-new-*``) beside site/, checks
it, then swaps it in: site/ is renamed to ``.site-old-*/site``, the staging
folder to site/, and the old one removed. Each step is a rename, so site/ is
always a whole, checked site, except between the two renames; a build killed
there leaves the last good site in ``.site-old-*/site``.

The next build (holding the lock) puts that site back and removes what a
killed build left. Two builds of one folder at the same time: the second
stops at once and says which process holds the lock.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

STAGING_PREFIX = ".site-new-"
OLD_PREFIX = ".site-old-"
LOCK_NAME = ".site.lock"


class Busy(Exception):
    """Another build holds the lock."""


@contextmanager
def build_lock(folder: Path):
    """Hold ``folder/.site.lock`` for the whole build; Busy if another process holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    handle = open(path, "a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise Busy(holder) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock, also when the process is killed


def recover(site_dir: Path) -> list[str]:
    """Undo what a killed build left beside ``site_dir``; call with the lock held.

    Returns one line per thing done, for the build's log.
    """
    done = []
    parent = site_dir.parent
    olds = sorted(parent.glob(OLD_PREFIX + "*"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not site_dir.exists():
        for old in olds:
            if (old / "site").is_dir():
                os.replace(old / "site", site_dir)
                done.append(f"{site_dir.name}/ put back from {old.name}/ (a build was stopped while publishing)")
                break
    for leftover in [*parent.glob(STAGING_PREFIX + "*"), *olds]:
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
            done.append(f"removed {leftover.name}/, left by a build that was stopped")
    return done


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make ``staging`` the new ``site_dir``; the old one is removed afterwards."""
    import tempfile

    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=site_dir.parent))
        os.replace(site_dir, old / "site")
    os.replace(staging, site_dir)
    if old:
        shutil.rmtree(old, ignore_errors=True)
