"""Where the site check finds its programs, and what it says when one is missing."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import LANGS
from helpcenter import tools, verify
from helpcenter.progress import Progress, parse_page_mark


def _program(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_chromium_is_found_under_its_other_names_on_path(tmp_path):
    browser = _program(tmp_path / "bin", "chromium-browser")
    assert tools.find(tools.CHROMIUM, {"PATH": str(tmp_path / "bin")}) == str(browser)


def test_the_first_usual_name_wins(tmp_path):
    first = _program(tmp_path / "a", "chromium")
    _program(tmp_path / "b", "google-chrome")
    path = f"{tmp_path / 'b'}{os.pathsep}{tmp_path / 'a'}"
    assert tools.find(tools.CHROMIUM, {"PATH": path}) == str(first)


def test_a_playwright_managed_browser_is_found_when_path_has_none(tmp_path):
    browser = _program(tmp_path / "pw" / "chromium-1200" / "chrome-linux", "chrome")
    env = {"PATH": str(tmp_path / "empty"), "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "pw")}
    assert tools.find(tools.CHROMIUM, env) == str(browser)


def test_the_override_variable_wins_and_a_wrong_one_finds_nothing(tmp_path):
    _program(tmp_path / "bin", "java")
    own = _program(tmp_path / "jdk", "my-java")
    env = {"PATH": str(tmp_path / "bin"), "HELPCENTER_JAVA": str(own)}
    assert tools.find(tools.JAVA, env) == str(own)
    env["HELPCENTER_JAVA"] = str(tmp_path / "nowhere")
    assert tools.find(tools.JAVA, env) is None
    assert tools.missing_reason(tools.JAVA, env) == f"HELPCENTER_JAVA={tmp_path / 'nowhere'} is not an executable file"


def test_java_home_is_used(tmp_path):
    java = _program(tmp_path / "jdk" / "bin", "java")
    assert tools.find(tools.JAVA, {"PATH": "", "JAVA_HOME": str(tmp_path / "jdk")}) == str(java)


def test_a_non_executable_file_is_not_a_program(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "chromium").write_text("")
    env = {"PATH": str(tmp_path / "bin"), "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "none")}
    assert tools.find(tools.CHROMIUM, env) is None


def test_the_skip_line_names_the_tool_the_check_and_the_remedy():
    line = tools.Missing(tools.CHROMIUM, "looked for chromium on PATH").line()
    assert line == ("skipped: accessibility check (axe-core, WCAG 2.1 A/AA, one page of each type in every "
                    "language): Chromium not found (looked for chromium on PATH); install it (Debian: apt-get "
                    "install chromium) or set HELPCENTER_CHROMIUM=/path/to/it")


def test_ci_makes_a_skipped_check_an_error():
    assert tools.strict_by_environment({"CI": "true"})
    assert tools.strict_by_environment({"CI": "1"})
    assert not tools.strict_by_environment({"CI": ""})
    assert not tools.strict_by_environment({})


def test_the_checks_own_files_come_from_python_packages():
    assert tools.axe_js().read_text(encoding="utf-8", errors="replace").startswith("/*! axe v")
    assert tools.vnu_jar().stat().st_size > 10_000_000


def test_missing_programs_skip_their_checks_or_fail_in_strict(built_site, monkeypatch):
    monkeypatch.setenv("HELPCENTER_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("HELPCENTER_JAVA", "/nonexistent/java")
    said = []
    lenient = verify.verify_site(built_site, LANGS, say=said.append)
    assert lenient.errors() == []
    assert [m.tool.name for m in lenient.skipped] == ["Java", "Chromium"]
    assert [line for line in said if line.startswith("skipped: ")] == [m.line() for m in lenient.skipped]
    assert lenient.summary().endswith("Java missing: HTML validity check skipped, "
                                      "Chromium missing: accessibility check skipped")
    assert "accessibility" not in lenient.seconds
    strict = verify.verify_site(built_site, LANGS, strict_tools=True)
    assert [p.file for p in strict.errors()] == ["chromium", "java"]
    assert strict.skipped == []


def test_progress_in_a_log_prints_first_and_last_state_only(tmp_path):
    out = (tmp_path / "log").open("w+")
    progress = Progress(out)
    for done in range(1, 11):
        progress.bar("MkDocs: fr pages", done, 10)
    progress.step("done")
    out.seek(0)
    lines = [line.split("] ", 1)[1] for line in out.read().splitlines()]
    assert lines == ["MkDocs: fr pages: 1/10", "MkDocs: fr pages: 10/10", "done"]


def test_page_marks_are_parsed_and_other_lines_are_not():
    assert parse_page_mark("helpcenter-progress: en 12 40") == ("en", 12, 40)
    assert parse_page_mark("WARNING - something") is None
    assert parse_page_mark("helpcenter-progress: en twelve 40") is None


def test_make_test_as_non_root_stops_with_the_exact_apt_line(tmp_path):
    """scripts/system-deps.sh, run by a user who cannot install, on a PATH without the tests' programs:
    it stops with the one command to type."""
    import shutil
    import subprocess

    from conftest import ROOT

    import tempfile

    bare = Path(tempfile.mkdtemp(prefix="bare-bin-"))  # a shell and `id`, nothing else; readable by all
    bare.chmod(0o755)
    for program in ("sh", "id"):
        (bare / program).symlink_to(shutil.which(program))
    command = [str(bare / "sh"), str(ROOT / "scripts" / "system-deps.sh")]
    if os.geteuid() == 0:
        command = [shutil.which("setpriv"), "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    try:
        run = subprocess.run(command, env={"PATH": str(bare)}, capture_output=True, text=True, cwd="/")
    finally:
        shutil.rmtree(bare)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        "make test needs Debian packages that are missing; install them, then run make test again:",
        "  sudo apt-get install -y --no-install-recommends chromium default-jre-headless poppler-utils zbar-tools "
        "nginx npm",
    ]
