"""One process per language, merged, builds the site a serial build builds.

`make site` builds each language in its own process and merges them
(helpcenter/parallel.py); `make serve` and a bare `mkdocs build` build them
one after the other in one process; `build-language` and `merge` do it on
as many machines as there are languages. All three must publish the same
bytes (the build date fixed by SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import fixture_repo, run_cli
from helpcenter import LANGUAGES
from helpcenter.parallel import merge, owned, page_language

FIXED = {"SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1",
         # The checks that need a browser and Java are not what this compares.
         "HELPCENTER_CHROMIUM": "/nonexistent/chromium", "HELPCENTER_JAVA": "/nonexistent/java", "CI": ""}


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same(a: Path, b: Path) -> None:
    fa, fb = _files(a), _files(b)
    assert sorted(fa) == sorted(fb)
    different = [name for name in fa if fa[name] != fb[name]]
    assert not different, different[:10]


def test_parallel_and_split_builds_equal_the_serial_one(tmp_path, monkeypatch):
    for key, value in FIXED.items():
        monkeypatch.setenv(key, value)
    root = fixture_repo(tmp_path / "repo")
    # Serial: what `make serve` builds (the hook generates; static-i18n builds fr then en).
    serial = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "serial")],
                            cwd=root, capture_output=True, text=True, env=os.environ)
    assert serial.returncode == 0, serial.stderr
    # `make site`: one process per language, merged.
    built = run_cli(root, "build", "--site-dir", str(tmp_path / "parallel"))
    assert built.returncode == 0, built.stderr
    _same(tmp_path / "serial", tmp_path / "parallel")
    # Past one machine: each language on its own, then one merge step.
    for lang in LANGUAGES:
        one = run_cli(root, "build-language", lang, str(tmp_path / f"part-{lang}"))
        assert one.returncode == 0, one.stdout + one.stderr
    # A language build renders its own pages only.
    other = [lang for lang in LANGUAGES if lang != LANGUAGES[0]][0]
    assert (tmp_path / f"part-{other}" / other / "index.html").is_file()
    assert not (tmp_path / f"part-{other}" / "index.html").exists()
    assert not (tmp_path / f"part-{LANGUAGES[0]}" / other / "index.html").exists()
    merged = run_cli(root, "merge", str(tmp_path / "merged"), *(f"{lang}={tmp_path / f'part-{lang}'}" for lang in LANGUAGES))
    assert merged.returncode == 0, merged.stderr
    _same(tmp_path / "serial", tmp_path / "merged")


def test_merge_needs_every_language(tmp_path):
    (tmp_path / "fr").mkdir()
    with pytest.raises(ValueError, match="no build of en to merge"):
        merge({"fr": tmp_path / "fr"}, tmp_path / "site", content=None, site_url=None)


def test_each_language_owns_its_part_of_a_build(tmp_path):
    for name in ("index.html", "assets", "en", "_headers", "search"):
        (tmp_path / name).mkdir()
    assert [p.name for p in owned(tmp_path, "fr")] == ["assets", "index.html", "search"]
    assert owned(tmp_path, "en") == [tmp_path / "en"]
    assert page_language("en/guide/start.md") == "en"


def test_a_language_build_converts_its_largest_page_first_and_keeps_html_packed(tmp_path):
    from types import SimpleNamespace

    from helpcenter.parallel import largest_page, packed, unpacked

    def doc(src_uri, size):
        path = tmp_path / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x" * size, encoding="utf-8")
        file = SimpleNamespace(src_uri=src_uri, abs_src_path=str(path))
        file.page = SimpleNamespace(file=file)
        return file

    docs = [doc("fr/agents/index.md", 900), doc("en/index.md", 50), doc("en/agents/index.md", 700), doc("en/a.md", 80)]
    files = SimpleNamespace(documentation_pages=lambda: docs)
    assert largest_page(files, "en") is docs[2].page
    assert largest_page(files, "fr") is docs[0].page
    assert largest_page(files, "de") is None
    html = "<p>Annulée ’ 🙂</p>" * 1000
    assert unpacked(packed(html)) == html and len(packed(html)) < len(html) / 10
    assert packed(None) is None and unpacked("<p>") == "<p>"
