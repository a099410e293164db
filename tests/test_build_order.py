"""The hook keeps no state that depends on the order static-i18n builds the languages in.

static-i18n 1.3.1 builds the default language first and the others from
inside its post_build (helpcenter/i18nbuild.py). Started on another language
(its ``current_language`` set before the build), it nests the default
language's build instead: the site must come out byte for byte the same,
sitemaps included (their entries in the same order).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import fixture_repo
from helpcenter import LANGUAGES, default_language

BUILD = """
import logging
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.INFO, format="%(message)s")
config = load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True)
config.plugins.on_startup(command="build", dirty=False)
if len(sys.argv) > 2:  # the language static-i18n builds first
    config.plugins["i18n"].current_language = sys.argv[2]
build(config)
"""


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_started_on_another_language_gives_the_same_site(tmp_path):
    root = fixture_repo(tmp_path / "repo")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    other = next(lang for lang in LANGUAGES if lang != default_language())
    sites, last = {}, {}
    for name, first in (("usual", []), ("reversed", [other])):
        done = subprocess.run([sys.executable, "-c", BUILD, str(tmp_path / name), *first], cwd=root, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        sites[name] = _files(tmp_path / name)
        last[name] = re.findall(r"Building '([a-z]+)' documentation", done.stderr)
    # The nesting was other: static-i18n started on the other language, the default one's build nested in it.
    assert last["usual"] == list(LANGUAGES)
    assert last["reversed"][:2] == [other, default_language()]
    usual, reversed_ = sites["usual"], sites["reversed"]
    assert sorted(usual) == sorted(reversed_)
    assert [name for name in usual if usual[name] != reversed_[name]] == []
    # Each language has its own 404 page and sitemap, and the root's sitemap lists every language.
    assert f"{other}/404.html" in usual and f"{other}/sitemap.xml" in usual
    root_sitemap = usual["sitemap.xml"].decode()
    assert f"/{other}/" in root_sitemap and 'hreflang="x-default"' in root_sitemap
