"""Site check, accessibility: axe-core in headless Chromium, on every page type in every language.

The site is served over HTTP on 127.0.0.1 (as a reader gets it); axe-core
(``axe.min.js`` from the axe-playwright-python package, pinned in the lock)
is injected into each page from disk, never from a CDN. Any violation of WCAG 2.1 A/AA
is a problem; any request the page makes to another host is one too. A page's
result is kept by its shape (``page_shape``: its markup, not its words) with axe
and the site's assets, and reused while they stay the same.
"""

from __future__ import annotations

import functools
import html as htmllib
import http.server
import queue
import re
import threading
from concurrent.futures import Future
from contextlib import ExitStack, contextmanager
from pathlib import Path

from . import tools
from .cache import Cache, file_key, folder_key, key as cache_key
from .model import Outcome
from .locales import Languages
from .sitecheck import Problem

# Tuples, as every constant (tests/test_code_shape.py): Playwright is handed list() copies.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-quic", "--disable-sync")
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

# One page of each type, by its path under a language root; each is checked
# in every language. A new type of page is one line here. The pages that
# depend on the content (an article, a guide outcome, a checklist sheet) have
# no path here: page_types_for() chooses them from the content, so that
# renaming or removing an article never breaks the check.
PAGE_TYPES = (
    ("home", "index.html"),
    ("article", None),
    ("404", "404.html"),
    ("guide start, with its diagram", "guide/index.html"),
    ("guide outcome", None),
    ("checklist index", "checklists/index.html"),
    ("checklist sheet", None),
    ("agents' desk", "agents/index.html"),
)


# What of a page axe's WCAG rules read: its markup (every tag and attribute, every
# script and style, every comment kept as written) and, of each text between tags,
# whether it is blank, holds a letter or digit, or holds symbols only (axe treats a
# text of symbols or emoji alone apart), and its line breaks (the lines of the
# problems found). Not its words: axe's A and AA rules compare colours, names, roles
# and structure, never wording, so a page whose words alone changed keeps its result.
_MARKUP = re.compile(r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)", re.S | re.I)
_WORD = re.compile(r"[^\W_]")
SHAPE_VERSION = "markup, text classes, line breaks: 1"


def _text_class(text: str) -> str:
    plain = htmllib.unescape(text)
    kind = "" if not plain.strip() else "\x01" if _WORD.search(plain) else "\x02"
    return kind + "\n" * text.count("\n")


def page_shape(page: str) -> str:
    """``page`` with each text between tags replaced by its class (see above): two pages
    with the same shape get the same accessibility result, so the result is kept by shape."""
    parts = _MARKUP.split(page)
    parts[::2] = [_text_class(text) for text in parts[::2]]
    return "".join(parts)


def page_types_for(content, page_types=PAGE_TYPES) -> tuple:
    """``page_types`` with the content's own pages for the types that depend on it:
    its first article, its first checklist sheet, its guide's first outcome (in
    reading order). A type the content has no page of keeps no path, and the
    check reports it missing."""
    articles = list(content.scenarios)
    with_checklist = [sid for sid, a in content.scenarios.items() if a.checklist]
    outcomes = [nid for nid, node in (content.guide.nodes if content.guide else {}).items() if isinstance(node, Outcome)]
    chosen = {"article": articles[:1] and f"{articles[0]}/index.html",
              "checklist sheet": with_checklist[:1] and f"checklists/{with_checklist[0]}/index.html",
              "guide outcome": outcomes[:1] and f"guide/{outcomes[0]}/index.html"}
    return tuple((kind, chosen.get(kind) or path) for kind, path in page_types)


def pages_to_check(languages: Languages, page_types=PAGE_TYPES) -> list[tuple[str, str]]:
    """(page type, path from the site root) for every type in every language built (path None:
    the content has no page of that type, or ``page_types_for`` was not applied)."""
    return [(kind, languages.root(lang) + path if path else None) for kind, path in page_types for lang in languages.built]


@contextmanager
def serve(site_dir: Path, port: int = 0):
    """``site_dir`` over HTTP on 127.0.0.1 (``port``; 0: a free one); yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        allow_reuse_address = True  # a port given again right after its last use

        def handle_error(self, request, client_address):
            pass  # a page closed mid-request (Material's JS still fetching): not the site's fault

    server = Server(("127.0.0.1", port), functools.partial(Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)  # shut down within 0.05 s
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def source_line(html: str, snippet: str) -> int:
    """Line of the element axe quotes, found by its opening tag in the page source (0 if not found)."""
    tag = re.match(r"<[a-zA-Z0-9-]+[^>]*>", snippet or "")
    if not tag:
        return 0
    index = html.find(tag.group(0))
    if index < 0:
        # axe re-serialises attributes; the class attribute alone is usually enough.
        cls = re.search(r'class="([^"]+)"', tag.group(0))
        index = html.find(f'class="{cls.group(1)}"') if cls else -1
    return html.count("\n", 0, index) + 1 if index >= 0 else 0


def violations_to_problems(rel: str, html: str, violations: list[dict]) -> list[Problem]:
    """axe's violations on one page -> one problem per element, located in the page source."""
    out = []
    for v in violations:
        for node in v.get("nodes", []):
            target = " ".join(str(t) for t in node.get("target", []))
            out.append(Problem(rel, f"accessibility: {v['id']} ({v.get('impact')}): {v['help']}: {target}",
                               source_line(html, node.get("html", ""))))
    return out


def check_accessibility(site_dir: Path, languages: Languages, axe_js: Path | None = None, page_types=PAGE_TYPES,
                        executable: str | None = None, browser=None, progress=None,
                        cache: Cache | None = None) -> list[Problem]:
    """axe-core's WCAG 2.1 AA violations and third-party requests on each page type, in each language.

    ``browser``: a Playwright browser already running (tests share one); by
    default the Chromium that ``tools`` finds is started for the check and
    closed after it (the caller decides beforehand what a missing one means).
    ``progress(done, total)`` is called after each page. ``cache``: the
    results of pages checked before, reused while the page, the site's
    assets and axe itself are the same bytes (no browser starts when every
    page is reused).
    """
    site_dir = Path(site_dir)
    axe_js = Path(axe_js) if axe_js else tools.axe_js()
    if axe_js is None or not axe_js.is_file():
        return [Problem(str(axe_js or "axe.min.js"), "axe-core is not installed: the axe-playwright-python "
                        "package ships it (`make` installs it from requirements.lock)")]
    cache = cache or Cache(None)
    problems, todo = _reused_or_to_check(site_dir, axe_js, pages_to_check(languages, page_types), cache)
    if not todo:
        if progress:
            progress(1, 1)
        return problems
    if isinstance(browser, BrowserStarted):
        found = browser.run(lambda b: b and browser.check(b, site_dir, axe_js, todo, cache, progress))
        if found is None:
            return [Problem(browser.executable or "chromium", f"Chromium did not start: {browser.failure}")]
        return problems + found
    if browser is not None:
        with serve(site_dir) as base:
            return problems + _check_pages(browser, base, site_dir, axe_js, todo, cache, progress)
    executable = executable or tools.find(tools.CHROMIUM)
    if not executable:
        return [Problem("chromium", "Chromium is missing: " + tools.Missing(tools.CHROMIUM).line())]
    return _in_own_browser(executable, site_dir, axe_js, todo, cache, progress, problems)


def _reused_or_to_check(site_dir: Path, axe_js: Path, pages: list[tuple[str, str]], cache: Cache
                        ) -> tuple[list[Problem], list[tuple]]:
    """The problems of the pages whose results ``cache`` holds (and of missing pages), and
    the pages left to check, as (page type, page, cache key)."""
    problems, todo = [], []
    shared = None
    for kind, rel in pages:
        if not rel or not (site_dir / rel).is_file():
            problems.append(Problem(rel or kind, f"page type {kind!r}: the page to check is missing"))
            continue
        if shared is None:  # what every page loads, and the checker: computed once
            shared = cache_key(file_key(axe_js), " ".join(WCAG_TAGS), SHAPE_VERSION,
                               folder_key(site_dir / "assets") if (site_dir / "assets").is_dir() else "")
        k = cache_key(shared, rel, page_shape((site_dir / rel).read_text(encoding="utf-8", errors="replace")))
        found = cache.get(k)
        if found is None:
            todo.append((kind, rel, k))
        else:
            problems += [Problem(*p) for p in found]
    return problems, todo


def _in_own_browser(executable: str, site_dir: Path, axe_js: Path, todo: list, cache: Cache, progress,
                    problems: list[Problem]) -> list[Problem]:
    """``problems`` (found beforehand) and those of the ``todo`` pages, checked in a Chromium
    started here and closed after; only the failure, if Chromium does not start."""
    from playwright.sync_api import Error as PlaywrightError, sync_playwright

    with serve(site_dir) as base, sync_playwright() as p:
        try:
            started = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "no message"
            return [Problem(executable, f"Chromium did not start: {first}")]
        try:
            return problems + _check_pages(started, base, site_dir, axe_js, todo, cache, progress)
        finally:
            started.close()


# Pages loaded and checked at the same time in one browser (each in its own tab).
AT_ONCE = 4


def new_context(browser):
    """A context for the check: service workers blocked, so that each page is the server's
    file, never the offline copy's (sw.js), and the check's first page does not make the
    browser fetch that copy (its language's home, guide and whole search)."""
    return browser.new_context(service_workers="block")


def _check_pages(browser, base: str, site_dir: Path, axe_js: Path, todo, cache: Cache, progress=None,
                 context=None, tabs=()) -> list[Problem]:
    """Check ``todo`` ((kind, path, cache key)...), ``AT_ONCE`` tabs at a time: each
    batch's pages load together, axe starts in each, then each result is collected.
    ``context``, ``tabs``: a browser context and tabs opened beforehand (``BrowserStarted``)."""
    problems = []
    tabs = list(tabs)
    own_context = context is None
    context = context or new_context(browser)
    done = 0
    try:
        for start in range(0, len(todo), AT_ONCE):
            batch = []
            for kind, rel, k in todo[start:start + AT_ONCE]:
                page = tabs.pop() if tabs else context.new_page()
                foreign: list[str] = []
                page.on("request", lambda r, foreign=foreign: foreign.append(r.url)
                        if not r.url.startswith((base, "data:")) else None)
                url = f"{base}/{rel[:-len('index.html')] if rel.endswith('index.html') else rel}"
                page.goto(url, wait_until="commit")
                batch.append((rel, k, page, foreign))
            for rel, k, page, foreign in batch:  # the pages load meanwhile
                page.wait_for_load_state("load")
                page.add_script_tag(path=str(axe_js))
                page.evaluate("tags => { window.__hcAxe = axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                              "resultTypes: ['violations']}); }", list(WCAG_TAGS))
            for rel, k, page, foreign in batch:  # axe runs in every tab meanwhile
                result = page.evaluate("() => window.__hcAxe")
                html = (site_dir / rel).read_text(encoding="utf-8")
                found = violations_to_problems(rel, html, result["violations"])
                found += [Problem(rel, f"request to another host (in the browser): {u}") for u in foreign]
                cache.put(k, [[p.file, p.message, p.line, p.severity] for p in found])
                problems += found
                page.close()
                done += 1
                if progress:
                    progress(done, len(todo))
    finally:
        if own_context:
            context.close()
    return problems


class BrowserStarted:
    """Chromium started ahead of the check, in a thread of its own (Playwright's objects
    belong to the thread that made them): `make site` starts it while MkDocs builds, so
    the check does not wait for the browser to start (seconds on a loaded machine).

    ``run(job)`` runs ``job(browser)`` in that thread (``browser`` None if it did not
    start: ``failure`` says why) and returns its result; ``close()`` closes the browser.
    """

    def __init__(self, executable: str | None = None, site_dir: Path | None = None):
        self.executable = executable or tools.find(tools.CHROMIUM)
        self.failure = ""
        self.site_dir = Path(site_dir).resolve() if site_dir else None
        self._warm = None  # (base URL, context, tab) opened on site_dir beforehand
        self._stopped = False
        self._jobs: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._own_thread, name="chromium", daemon=True)
        self._thread.start()

    def _own_thread(self) -> None:
        try:
            from playwright.sync_api import Error as PlaywrightError, sync_playwright

            with sync_playwright() as p:
                try:
                    browser = p.chromium.launch(executable_path=self.executable, args=list(CHROMIUM_ARGS))
                except PlaywrightError as exc:
                    self.failure = str(exc).strip().splitlines()[0] if str(exc).strip() else "no message"
                    browser = None
                try:
                    with ExitStack() as opened:
                        if browser is not None and self.site_dir is not None:
                            self._warm_up(browser, opened)
                        self._serve(browser)
                finally:
                    if browser is not None:
                        browser.close()
                return
        except Exception as exc:  # noqa: BLE001 - Playwright itself did not start: said by run()
            self.failure = self.failure or f"{type(exc).__name__}: {exc}"
        self._serve(None)

    def _warm_up(self, browser, opened: ExitStack) -> None:
        """Serve ``site_dir`` (still empty while MkDocs builds) and open a tab on it: the
        check's first page then loads in a tab whose renderer is running (measured: 0.4
        to 0.9 s to load a page in a new tab, 0.1 to 0.2 s here). Loading axe there
        beforehand saved under 0.1 s of the 0.3 s axe takes to load, for 0.3 s of CPU
        taken from the build: not done."""
        try:
            base = opened.enter_context(serve(self.site_dir))
            context = new_context(browser)
            opened.callback(context.close)
            tab = context.new_page()
            tab.goto(base + "/", wait_until="load")
            self._warm = (base, context, tab)
        except Exception:  # noqa: BLE001 - only time is lost: the check opens its own
            self._warm = None

    def check(self, browser, site_dir: Path, axe_js: Path, todo, cache: Cache, progress=None) -> list[Problem]:
        """``_check_pages`` in this thread, in the tab opened beforehand when it serves ``site_dir``."""
        if self._warm is not None and Path(site_dir).resolve() == self.site_dir:
            base, context, tab = self._warm
            self._warm = None
            return _check_pages(browser, base, site_dir, axe_js, todo, cache, progress, context=context, tabs=[tab])
        with serve(site_dir) as base:
            return _check_pages(browser, base, site_dir, axe_js, todo, cache, progress)

    def _serve(self, browser) -> None:
        while (job := self._jobs.get()) is not None:
            work, done = job
            try:
                done.set_result(work(browser))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller of run()
                done.set_exception(exc)

    def run(self, work):
        done: Future = Future()
        self._jobs.put((work, done))
        return done.result()

    def stop(self) -> None:
        """Let the browser close in its thread, without waiting for it."""
        if not self._stopped:
            self._stopped = True
            self._jobs.put(None)

    def close(self) -> None:
        """Close the browser and wait until it is closed."""
        self.stop()
        self._thread.join(timeout=60)
