"""The whole site check, timed: links and pages (sitecheck), HTML validity
(htmlcheck, the Nu checker in Java) and accessibility (a11ycheck, axe-core in
Chromium), all three at the same time.

A check whose program is missing (``tools``) is skipped and named in the
report; with ``strict_tools`` (``--strict``, or ``CI=true``) it is an error.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import a11ycheck, htmlcheck, tools
from .cache import Cache
from .locales import Languages
from .sitecheck import Problem, check_site


@dataclass
class Report:
    problems: list[Problem]
    pages: int
    seconds: dict = field(default_factory=dict)  # stage -> seconds
    skipped: list[tools.Missing] = field(default_factory=list)

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors() or (strict and self.warnings()))

    def summary(self) -> str:
        e, w = len(self.errors()), len(self.warnings())
        stages = ", ".join(f"{name} {s:.1f} s" for name, s in self.seconds.items() if name != "total")
        skipped = "".join(f", {m.tool.name} missing: {m.tool.check.split(' (')[0]} skipped" for m in self.skipped)
        return (f"site check: {self.pages} pages, {e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
                f" in {self.seconds.get('total', 0):.1f} s ({stages}){skipped}")


def _quiet(*_args, **_kwargs) -> None:
    pass


def _reused_line(axe_cache: Cache) -> str:
    """What the accessibility check took from the results of a build before."""
    if not axe_cache.misses:
        return (f"accessibility: the {axe_cache.hits} pages' results reused (their markup, the site's styles "
                f"and scripts, and axe are unchanged)")
    return f"accessibility: {axe_cache.misses} pages checked in the browser, the {axe_cache.hits} others' results reused"


def missing_tools(browser: bool = True, environ=None) -> list[tools.Missing]:
    """The checks that cannot run here, each with the reason."""
    import os

    environ = os.environ if environ is None else environ
    wanted = [tools.JAVA] + ([tools.CHROMIUM] if browser else [])
    return [tools.Missing(t, tools.missing_reason(t, environ)) for t in wanted if not tools.find(t, environ)]


def verify_site(site_dir: Path, languages: Languages, generated=(), url: str = "", browser: bool = True,
                page_types=a11ycheck.PAGE_TYPES, strict_tools: bool = False, say=_quiet,
                progress=None, cache_dir: Path | None = None,
                started: a11ycheck.BrowserStarted | None = None,
                html_ahead: htmlcheck.CheckerAhead | None = None) -> Report:
    """Run every check on the built ``site_dir`` (its languages: ``languages.built``).

    ``browser=False`` leaves out the accessibility check on purpose (a quick
    look); a missing Chromium or Java skips its check with a line through
    ``say``, or is an error when ``strict_tools``. ``progress(done, total)``
    follows the pages of the browser check. ``cache_dir``: results of pages
    checked before, reused while their bytes (and the checkers') are the same
    (helpcenter/cache.py); None checks every page afresh. ``started``: a Chromium
    started beforehand (``a11ycheck.BrowserStarted``) for the accessibility check;
    ``html_ahead``: the HTML checker started beforehand (``htmlcheck.CheckerAhead``).

    The three checks run at the same time: the HTML checker (Java) in its process,
    the accessibility check (Chromium) in a thread, the pages and links here.
    """
    site_dir = Path(site_dir)
    seconds = {}
    start = time.perf_counter()
    missing = missing_tools(browser)
    skipped = [] if strict_tools else missing
    problems = [Problem(m.tool.name.lower(), "not run (strict, or CI=true: a check may not be skipped): "
                        + m.line().removeprefix("skipped: ")) for m in missing] if strict_tools else []
    for m in skipped:
        say(m.line())
    has = {m.tool for m in missing}
    vnu = _start_html_check(site_dir, cache_dir, html_ahead, say) if tools.JAVA not in has else None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="accessibility") as pool:
        a11y = None
        axe_cache = Cache(cache_dir and Path(cache_dir) / "axe")
        if browser and tools.CHROMIUM not in has:
            a11y_start = time.perf_counter()
            a11y = pool.submit(a11ycheck.check_accessibility, site_dir, languages, page_types=page_types, progress=progress,
                               cache=axe_cache, browser=started)
        t = time.perf_counter()
        problems += check_site(site_dir, languages, generated, url)
        seconds["pages and links"] = time.perf_counter() - t
        say(f"pages and links checked in {seconds['pages and links']:.1f} s")
        if a11y is not None:
            problems += a11y.result()
            seconds["accessibility"] = time.perf_counter() - a11y_start
            if axe_cache.hits:
                say(_reused_line(axe_cache))
    if started is not None:
        started.stop()  # it closes while the HTML checker finishes; the caller's close() waits
    if vnu is not None:
        t = time.perf_counter()
        problems += _finish_html_check(vnu, site_dir, say)
        # The HTML checker started first and ran alongside the rest: what is
        # left to wait for is what it adds to the total.
        seconds["HTML validity, waited for"] = time.perf_counter() - t
    seconds["total"] = time.perf_counter() - start
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return Report(sorted(set(problems), key=Problem.sort_key), pages, seconds, skipped)


def _start_html_check(site_dir: Path, cache_dir: Path | None, html_ahead, say):
    """The Nu HTML checker, started (or taken over from ``html_ahead``) on the pages whose
    results ``cache_dir`` does not hold: it runs while the other checks do."""
    say("HTML validity: the Nu checker runs in the background")
    vnu = htmlcheck.start_cached(site_dir, Cache(cache_dir and Path(cache_dir) / "html"), ahead=html_ahead)
    if isinstance(vnu, htmlcheck.Pending) and vnu.reused:
        say(f"HTML validity: {vnu.checked} changed pages to check, the others' results reused")
    return vnu


def _finish_html_check(vnu, site_dir: Path, say) -> list[Problem]:
    """The HTML checker's problems, once it is done (saying so when that means waiting)."""
    if isinstance(vnu, htmlcheck.Pending) and vnu.waits():
        say("HTML validity: waiting for the Nu checker")
    return htmlcheck.finish(vnu, site_dir)
