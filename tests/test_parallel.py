"""One MkDocs run per language, merged: on one machine or on several, the same site.

`make site` builds each language in its own process and merges them
(helpcenter/build.py, parallel.py); `build-language` and `merge` do it on
as many machines as there are languages. Both must publish the same files
(the build day and a gzip header's time set aside: the session's whole build,
``mini_build``, is not made the same second); tests/test_published_site.py
compares the first with what the pipeline before them published.
"""

from __future__ import annotations

import io
import sys

import pytest

from conftest import LANGS, LANGUAGES, fixture_repo, run_cli
from site_manifest import differences, manifest
from helpcenter.publish import STAGING_PREFIX
from helpcenter.parallel import Builds, discard_unowned, merge, owned, wait_for_go

FIXED = {"SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1",
         # The checks that need a browser and Java are not what this compares.
         "HELPCENTER_CHROMIUM": "/nonexistent/chromium", "HELPCENTER_JAVA": "/nonexistent/java", "CI": ""}


def test_split_builds_equal_the_whole_build(mini_build, tmp_path, monkeypatch):
    """The whole build is the session's (``mini_build``: `python -m helpcenter build`, as
    tests/golden/site/mini.json says); the split one is compared with it file by file
    (the build day and a gzip header's time set aside: the two are not built the same second)."""
    for key, value in FIXED.items():
        monkeypatch.setenv(key, value)
    root = fixture_repo(tmp_path / "repo")
    # Past one machine: each language on its own, then one merge step.
    for lang in LANGUAGES:
        one = run_cli(root, "build-language", lang, str(tmp_path / f"part-{lang}"))
        assert one.returncode == 0, one.stdout + one.stderr
    # A language's run builds its own pages only.
    other = [lang for lang in LANGUAGES if lang != LANGUAGES[0]][0]
    assert (tmp_path / f"part-{other}" / other / "index.html").is_file()
    assert (tmp_path / f"part-{other}" / other / "404.html").is_file()
    assert not (tmp_path / f"part-{other}" / "index.html").exists()
    assert not (tmp_path / f"part-{LANGUAGES[0]}" / other).exists()
    merged = run_cli(root, "merge", str(tmp_path / "merged"), *(f"{lang}={tmp_path / f'part-{lang}'}" for lang in LANGUAGES))
    assert merged.returncode == 0, merged.stderr
    assert differences(manifest(mini_build / "site"), tmp_path / "merged") == []


def test_merge_needs_every_language(tmp_path):
    (tmp_path / "fr").mkdir()
    with pytest.raises(ValueError, match="no build of en to merge"):
        merge({"fr": tmp_path / "fr"}, tmp_path / "site", LANGS)


def test_each_language_owns_its_part_of_a_build(tmp_path):
    for name in ("index.html", "assets", "en", "_headers", "search"):
        (tmp_path / name).mkdir()
    assert [p.name for p in owned(tmp_path, "fr", LANGS)] == ["assets", "index.html", "search"]
    assert owned(tmp_path, "en", LANGS) == [tmp_path / "en"]


# A stand-in for a language's run started ahead: it waits for the word as a run does
# (helpcenter.parallel.wait_for_go), then "builds" one file into its folder (LANG OUT).
_FAKE_BUILD = ("import sys, pathlib; from helpcenter.parallel import wait_for_go; wait_for_go(); "
               "lang, out = sys.argv[-2], pathlib.Path(sys.argv[-1]); out.mkdir(); "
               "(out / 'built').write_text(lang); print('built', lang)")


def test_builds_started_ahead_wait_for_go_then_build_each_language(tmp_path):
    builds = Builds([sys.executable, "-c", _FAKE_BUILD], {lang: tmp_path / lang for lang in LANGUAGES})
    # Started, and waiting: nothing is built before the Markdown is written.
    assert all(proc.poll() is None for proc in builds.procs.values())
    assert not any((tmp_path / lang).exists() for lang in LANGUAGES)
    builds.go()
    lines, done = [], []
    codes = builds.wait(lambda lang, line: lines.append((lang, line)), on_done=lambda lang, code: done.append((lang, code)))
    builds.close()
    assert codes == {lang: 0 for lang in LANGUAGES}
    assert sorted(lines) == sorted((lang, f"built {lang}") for lang in LANGUAGES)
    assert sorted(done) == sorted((lang, 0) for lang in LANGUAGES)
    assert {lang: (tmp_path / lang / "built").read_text() for lang in LANGUAGES} == {lang: lang for lang in LANGUAGES}


def test_builds_started_ahead_end_having_built_nothing_when_the_content_fails(tmp_path):
    builds = Builds([sys.executable, "-c", _FAKE_BUILD], {lang: tmp_path / lang for lang in LANGUAGES})
    builds.close()  # what the driver does when the content check fails: no go
    assert {lang: proc.returncode for lang, proc in builds.procs.items()} == {lang: 3 for lang in LANGUAGES}
    assert not any((tmp_path / lang).exists() for lang in LANGUAGES)


def test_a_run_started_ahead_goes_on_the_word_only():
    wait_for_go(stdin=io.StringIO("go\n"))
    for word in ("cancel\n", ""):  # told to stop, or its driver is gone (stdin closed)
        with pytest.raises(SystemExit) as stopped:
            wait_for_go(stdin=io.StringIO(word))
        assert stopped.value.code == 3


def test_a_build_whose_content_fails_stops_the_language_builds_and_leaves_no_folder(tmp_path, monkeypatch):
    for key, value in FIXED.items():
        monkeypatch.setenv(key, value)
    root = fixture_repo(tmp_path / "repo")
    article = next((root / "content" / "scenarios").glob("*.yml"))
    article.write_text(article.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    failed = run_cli(root, "build")
    assert failed.returncode == 1
    assert "titel" in failed.stderr and "Traceback" not in failed.stderr
    # No staging folder, no language part, no site: the builds started ahead built nothing.
    assert [p.name for p in root.iterdir() if p.name.startswith(STAGING_PREFIX) or p.name == "site"] == []


def test_what_another_language_owns_is_discarded_from_a_build(tmp_path):
    for rel in ("index.html", "assets/a.css", "en/index.html", "en/404.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    discard_unowned(tmp_path, "en", LANGS)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["en", "en/404.html", "en/index.html"]
    discard_unowned(tmp_path, "fr", LANGS)
    assert list(tmp_path.iterdir()) == []
