"""README, "The stack and its future", stays true: the versions installed and
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


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## The stack and its future\n", 1)[1].split("\n## ", 1)[0]


def _stated(name: str) -> str:
    """The version the README's table gives ``name``."""
    return re.search(rf"^\| {re.escape(name)} \| (\d+\.\d+\.\d+)", _section(), re.M).group(1)


def test_installed_versions_are_the_readme_ones():
    for name, dist in (("MkDocs", "mkdocs"), ("Material for MkDocs", "mkdocs-material"),
                       ("mkdocs-static-i18n", "mkdocs-static-i18n")):
        assert version(dist) == _stated(name), f"{dist} {version(dist)} is installed: update README, 'The stack and its future'"


def test_material_end_of_life_is_the_readme_date():
    """The date in the notice Material prints (and the Makefile hides) is the README's."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")}
    # Material prints its notice only when it believes MkDocs is running.
    code = "import sys; sys.argv[0] = 'mkdocs'; import material.templates"
    notice = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stderr
    said = re.search(r"end of life on (\w+ \d+, \d{4})", notice)
    assert said, f"Material printed no end-of-life notice: {notice!r}"
    announced = datetime.strptime(said.group(1), "%B %d, %Y").date().isoformat()
    assert f"end of life on **{announced}**" in _section(), f"Material now says {announced}: update the README"
