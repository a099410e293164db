"""The whole site check, timed: links and pages (sitecheck), HTML validity
(htmlcheck, the Nu checker in Java) and accessibility (a11ycheck, axe-core in
Chromium). The HTML checker runs in the background while the browser works.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import a11ycheck, htmlcheck
from .sitecheck import Problem, check_site


@dataclass
class Report:
    problems: list[Problem]
    pages: int
    seconds: dict = field(default_factory=dict)  # stage -> seconds

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors() or (strict and self.warnings()))

    def summary(self) -> str:
        e, w = len(self.errors()), len(self.warnings())
        stages = ", ".join(f"{name} {s:.1f} s" for name, s in self.seconds.items() if name != "total")
        return (f"site check: {self.pages} pages, {e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
                f" in {self.seconds.get('total', 0):.1f} s ({stages})")


def verify_site(site_dir: Path, tools_root: Path, generated=(), url: str = "", browser: bool = True,
                page_types=a11ycheck.PAGE_TYPES) -> Report:
    """Run every check on the built ``site_dir``; ``tools_root`` holds node_modules/."""
    site_dir, tools_root = Path(site_dir), Path(tools_root)
    seconds = {}
    start = time.perf_counter()
    vnu = htmlcheck.start(site_dir, tools_root / htmlcheck.VNU_JAR)
    t = time.perf_counter()
    problems = check_site(site_dir, generated, url)
    seconds["pages and links"] = time.perf_counter() - t
    if browser:
        t = time.perf_counter()
        problems += a11ycheck.check_accessibility(site_dir, tools_root / a11ycheck.AXE_JS, page_types)
        seconds["accessibility"] = time.perf_counter() - t
    t = time.perf_counter()
    problems += htmlcheck.finish(vnu, site_dir)
    # The HTML checker started first and ran alongside the rest: what is
    # left to wait for is what it adds to the total.
    seconds["HTML validity, waited for"] = time.perf_counter() - t
    seconds["total"] = time.perf_counter() - start
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return Report(sorted(set(problems), key=Problem.sort_key), pages, seconds)
