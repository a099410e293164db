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


# --- `make serve` rebuilds only what changed (`mkdocs serve --dirty`) -------------------------
#
# MkDocs' dirty build converts and writes only the pages whose Markdown is newer than
# their HTML; the generator rewrites only the pages whose bytes changed, so an edit of
# one sentence rebuilds one page per language. Everything else a page shows beyond its
# own Markdown (the menu and its titles, the site's strings, page meta, the content error
# banner, the list of files, mkdocs.yml and the theme overrides) is summed up in
# ``build_fingerprint``: when it differs from the last build's, every page is rebuilt.
# The search index of a dirty build holds the rebuilt pages only: ``merged_search`` keeps
# the last build's entries for the others.

DIRTY_WARNING = "A 'dirty' build is being performed"


class WithoutDirtyWarning:
    """Logging filter: MkDocs' warning about dirty builds, which strict mode would count."""

    def filter(self, record) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


def _stats(folder: str | None) -> list:
    """Name, size and modification time of every file under ``folder``."""
    if not folder or not os.path.isdir(folder):
        return []
    found = []
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            st = os.stat(os.path.join(dirpath, name))
            found.append((os.path.relpath(os.path.join(dirpath, name), folder), st.st_size, st.st_mtime_ns))
    return sorted(found)


def build_fingerprint(config, files, meta) -> str:
    """What every page of one language's build shows beyond its own Markdown, hashed."""
    import hashlib
    import json

    config_file = config.config_file_path
    parts = {
        "lang": config.theme["language"],
        "nav": config.nav,
        "site": [config.site_name, config.site_description, config.site_url],
        "extra": config.extra.get("helpcenter"),
        "meta": meta,
        "files": sorted(f.src_uri for f in files),
        "config_file": os.stat(config_file).st_mtime_ns if config_file and os.path.isfile(config_file) else None,
        "overrides": _stats(config.theme.custom_dir),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=repr).encode("utf-8")).hexdigest()


def rebuild_every_page(files) -> None:
    """Make a dirty build convert and write every file of ``files``, as a full build would."""
    for file in files:
        file.is_modified = _modified


def _modified() -> bool:
    return True


def merged_search(previous: str | None, current: str, rebuilt: set[str]) -> str:
    """The readers' index ``current`` of a dirty build, whose entries are right for the
    ``rebuilt`` pages only, with ``previous``'s entries for every other page."""
    import json

    if previous is None:
        return current
    old, new = json.loads(previous), json.loads(current)
    fresh = {doc["location"]: doc for doc in new["docs"] if doc["location"] in rebuilt}
    docs = [fresh.pop(doc["location"], None) if doc["location"] in rebuilt else doc for doc in old["docs"]]
    new["docs"] = [doc for doc in docs if doc is not None] + list(fresh.values())
    return json.dumps(new, ensure_ascii=False, separators=(",", ":"))


class DirtyPreview:
    """``mkdocs serve --dirty`` (``make serve``): per language, what the last build showed
    beyond each page's Markdown (``build_fingerprint``), the pages this build rebuilds,
    and the last readers' search index. Inert unless the preview serves dirty builds."""

    def __init__(self) -> None:
        self.on = False
        self.fingerprint: dict[str, str] = {}
        self.rebuilt: dict[str, set[str]] = {}
        self.search: dict[str, str] = {}

    def start(self, command: str, dirty: bool) -> None:
        self.on = command == "serve" and dirty
        if self.on:  # the preview's dirty builds are intended: no warning for strict mode to count
            import logging

            logging.getLogger("mkdocs.commands.build").addFilter(WithoutDirtyWarning())

    def build_starts(self, lang: str) -> None:
        self.rebuilt[lang] = set()

    def page_rebuilt(self, lang: str, url: str) -> None:
        if self.on:
            self.rebuilt.setdefault(lang, set()).add(url)

    def files(self, config, files, meta) -> None:
        """Every page of this language again when more than pages' Markdown changed."""
        if not self.on:
            return
        lang = config.theme["language"]
        fingerprint = build_fingerprint(config, files, meta)
        if self.fingerprint.get(lang) != fingerprint:
            rebuild_every_page(files)
            self.search.pop(lang, None)
        self.fingerprint[lang] = fingerprint

    def failed(self) -> None:
        """A build that stopped half way left pages unwritten: the next one rebuilds all."""
        self.fingerprint.clear()
        self.search.clear()

    def search_index(self, lang: str, root: str, own: str) -> str:
        """``own`` (``lang``'s readers' index, whose pages live under ``root``) as served: a
        dirty build indexed its rebuilt pages only, so the others' entries are kept."""
        if not self.on:
            return own
        rebuilt = {url[len(root):] for url in self.rebuilt.get(lang, ())}
        self.search[lang] = merged_search(self.search.get(lang), own, rebuilt)
        return self.search[lang]


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
