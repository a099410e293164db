"""Limits on content (text length, file size, number of files) and paths that stay
inside content/ and docs/: each refused with the file, the limit and the advice."""

from __future__ import annotations

import os
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from conftest import LANGS, MINI, copy_repo, line_of, run_cli
from helpcenter import load
from helpcenter.errors import ContentErrors
from helpcenter.validate import load_content


@pytest.fixture
def content(tmp_path) -> Path:
    return shutil.copytree(MINI, tmp_path / "content")


def _report(content: Path) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_content(content, "", LANGS)
    return caught.value.report()


def test_a_text_longer_than_the_limit(content):
    beta = content / "scenarios" / "beta.yml"
    text = beta.read_text(encoding="utf-8")
    line = line_of(beta, "summary:") + 1  # the French summary
    lines = text.splitlines(keepends=True)
    key, _, _value = lines[line - 1].partition(": ")
    lines[line - 1] = f'{key}: "{"a" * (load.MAX_TEXT_CHARS + 1)}"\n'
    beta.write_text("".join(lines), encoding="utf-8")
    assert _report(content) == (
        f"content/scenarios/beta.yml:{line}: summary.fr: a text of 5,001 characters; the limit is 5,000\n"
        "    split it (several steps, or a step and its details), or remove what was pasted by mistake\n"
        "Aborted with 1 content error.")


def test_a_100_mb_file_is_refused_at_once_without_being_read(content):
    big = content / "scenarios" / "beta.yml"
    with big.open("r+b") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB for stat, nothing on disk
    tracemalloc.start()
    start = time.perf_counter()
    report = _report(content)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report == ("content/scenarios/beta.yml: file is 104,857,600 bytes; the limit is 262,144\n"
                      "    split the text or remove what was pasted by mistake\n"
                      "Aborted with 1 content error.")
    assert peak < 5 * 1024 * 1024, peak  # never read into memory
    assert seconds < 5


def test_too_many_article_files_are_counted_before_any_is_read(content):
    folder = content / "scenarios"
    for i in range(load.MAX_FILES + 1 - len(list(folder.glob("*")))):
        (folder / f"copy-{i}.yml").write_bytes(b"")
    start = time.perf_counter()
    assert _report(content) == ("content/scenarios: 5,001 files; the limit is 5,000\n"
                                "    remove the files that are not articles (copies, exports), or split the help center\n"
                                "Aborted with 1 content error.")
    assert time.perf_counter() - start < 5  # 5,001 empty files would each be an error if read


def test_the_limits_leave_room_for_the_real_content():
    """The real content is far from each limit: a limit never stops a normal edit."""
    from conftest import CONTENT

    files = [p for p in CONTENT.rglob("*.yml")]
    assert max(p.stat().st_size for p in files if p.name != load.GUIDE_FILE) * 10 < load.MAX_BYTES
    assert len(list((CONTENT / "scenarios").glob("*.yml"))) * 100 < load.MAX_FILES


def test_a_device_behind_a_link_is_refused_not_read_for_ever(content):
    os.symlink("/dev/zero", content / "scenarios" / "zero.yml")
    assert _report(content) == ("content/scenarios/zero.yml: a link to /dev/zero, outside content/: refused\n"
                                "    put the file itself in content/ instead of a link (cp --remove-destination TARGET LINK)\n"
                                "Aborted with 1 content error.")


@pytest.mark.parametrize("target", ["/etc/passwd", "../../outside.yml"])
def test_a_link_in_content_leading_outside_is_refused(content, target):
    (content.parent / "outside.yml").write_text("id: outside\n", encoding="utf-8")
    os.symlink(target, content / "scenarios" / "evil.yml")
    assert _report(content).startswith(f"content/scenarios/evil.yml: a link to {target}, outside content/: refused\n")


def test_a_link_inside_content_is_read(content):
    """A link that stays inside content/ is only another name for a file there."""
    os.symlink("beta.yml", content / "scenarios" / "gamma-link.yml")
    report = _report(content)
    assert "outside content/" not in report
    assert "content/scenarios/gamma-link.yml:" in report and "must equal the file name" in report


def test_an_id_or_a_file_name_with_dots_is_refused(content):
    beta = content / "scenarios" / "beta.yml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("id: beta\n", "id: ../../beta\n"), encoding="utf-8")
    assert "content/scenarios/beta.yml:" in _report(content)
    beta.write_text(beta.read_text(encoding="utf-8").replace("id: ../../beta\n", "id: beta\n"), encoding="utf-8")
    shutil.copy(beta, content / "scenarios" / "a..b.yml")
    report = _report(content)
    assert "content/scenarios/a..b.yml:" in report and "'a..b'" in report


def test_a_link_in_docs_leading_outside_is_refused_and_nothing_is_written_there(tmp_path):
    root = copy_repo(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink("/etc/hostname", root / "docs" / "en" / "secret.md")
    result = run_cli(root, "generate")
    assert result.returncode == 1
    assert result.stderr == ("docs/en/secret.md: a link to /etc/hostname, outside docs/: refused\n"
                             "    put the file itself in docs/ instead of a link (cp --remove-destination TARGET LINK)\n"
                             "Aborted with 1 content error.\n")
    (root / "docs" / "en" / "secret.md").unlink()
    shutil.rmtree(root / "docs" / "fr")
    os.symlink(elsewhere, root / "docs" / "fr")  # generated pages would land in elsewhere/
    result = run_cli(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"docs/fr: a link to {elsewhere}, outside docs/: refused" in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert not (root / "site").exists()


def test_the_pre_commit_check_refuses_a_big_file_without_reading_it(content):
    from helpcenter.editor_schema import check_files

    with (content / "scenarios" / "beta.yml").open("r+b") as handle:
        handle.truncate(100 * 1024 * 1024)
    tracemalloc.start()
    errors = check_files(content.parent, ["content/scenarios/beta.yml"], LANGS)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [str(e) for e in errors] == ["content/scenarios/beta.yml: file is 104,857,600 bytes; the limit is 262,144\n"
                                        "    split the text or remove what was pasted by mistake"]
    assert peak < 5 * 1024 * 1024, peak
