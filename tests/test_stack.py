"""docs/dev/stack-future.md stays true: the versions installed and
the end-of-life date Material announces are the ones it states."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "dev" / "stack-future.md"


def _section() -> str:
    """The page's "Versions" section, which holds the table."""
    page = PAGE.read_text(encoding="utf-8")
    return page.split("## Versions\n", 1)[1].split("\n## ", 1)[0]


def _stated(name: str) -> str:
    """The version the page's table gives ``name``."""
    return re.search(rf"^\| {re.escape(name)} \| (\d+\.\d+\.\d+)", _section(), re.M).group(1)


def test_installed_versions_are_the_stated_ones():
    for name, dist in (("MkDocs", "mkdocs"), ("Material for MkDocs", "mkdocs-material")):
        assert version(dist) == _stated(name), f"{dist} {version(dist)} is installed: update docs/dev/stack-future.md"


def test_material_end_of_life_is_the_stated_date():
    """The date in the notice Material prints (and the Makefile hides) is the page's."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")}
    # Material prints its notice only when it believes MkDocs is running.
    code = "import sys; sys.argv[0] = 'mkdocs'; import material.templates"
    notice = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stderr
    said = re.search(r"end of life on (\w+ \d+, \d{4})", notice)
    assert said, f"Material printed no end-of-life notice: {notice!r}"
    announced = datetime.strptime(said.group(1), "%B %d, %Y").date().isoformat()
    assert f"end of life on **{announced}**" in _section(), f"Material now says {announced}: update docs/dev/stack-future.md"
