"""``mkdocs serve`` for editors: one rebuild per save, and content errors in the page.

- MkDocs watches docs/, where the generator writes its pages: each save in
  content/ would build twice (once for the save, once for our own writes)
  and reload the browser twice. ``watch_hand_written`` replaces that watch
  by one that ignores the generator's own files.
- A content error must not leave the browser waiting on a request: the
  preview keeps showing the last good pages with the error above them
  (``error_banner``), and a fixed file brings the page back by itself. The
  last good content is the one ``checked.py`` stored last.

Relies on MkDocs 1.6's LiveReloadServer (``observer``, ``_rebuild_cond``,
``_want_rebuild``): docs/dev/stack-future.md lists it.
"""

from __future__ import annotations

import os
from pathlib import Path

from .output import GITIGNORE, is_generated


def generated_names(folder: Path) -> set[str]:
    """The files the generator lists in ``folder``'s .gitignore (its own files)."""
    try:
        lines = (folder / GITIGNORE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {line.lstrip("/") for line in lines if line.startswith("/")}


def is_own_write(path: str) -> bool:
    """True for a file event the generator caused: its page, its temporary file, its .gitignore."""
    p = Path(path)
    name = p.name
    if name == GITIGNORE or (name.startswith(".") and name.endswith(".tmp")):
        return True
    return name in generated_names(p.parent) or is_generated(p)


def watch_hand_written(server, docs_dir: str) -> None:
    """Watch ``docs_dir`` for hand-written files only (pages, assets); our own writes trigger nothing."""
    import watchdog.events

    docs_dir = os.path.abspath(docs_dir)

    class HandWritten(watchdog.events.FileSystemEventHandler):
        def on_any_event(self, event):
            if event.is_directory:
                return
            paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
            if all(is_own_write(str(p)) for p in paths):
                return
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

    server.observer.schedule(HandWritten(), docs_dir, recursive=True)


def watch_with_inotify(server) -> bool:
    """Replace MkDocs' polling of the watched folders (every 0.5 s) by the kernel's file
    events, so a save starts the rebuild at once. False (polling kept) where inotify fails.

    Only changes count (a file created, written, deleted or moved): the kernel also reports
    each file the build opens and reads, which would start a new build after every build.
    """
    if not _inotify_available():
        return False
    paths = dict(server._watched_paths)
    server.observer = changes_observer()
    server._watched_paths.clear()
    server._watch_refs.clear()
    for path in paths:
        server.watch(path)
    return True


def changes_observer():
    """A watchdog inotify observer whose watches report changes only (see ``watch_with_inotify``)."""
    from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
    from watchdog.observers.inotify import InotifyObserver

    changes = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent]

    class ChangesObserver(InotifyObserver):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **kwargs):
            return super().schedule(event_handler, path, recursive=recursive,
                                    event_filter=event_filter or changes, **kwargs)

    return ChangesObserver()


def _inotify_available() -> bool:
    """True where the kernel gives this process an inotify instance (Linux, none left over)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fd = libc.inotify_init1(0)
        from watchdog.observers.inotify import InotifyObserver  # noqa: F401 - watchdog's, on Linux only
    except (OSError, AttributeError, ImportError):
        return False
    if fd < 0:
        return False
    os.close(fd)
    return True
