"""The checks' programs started while MkDocs builds (`make site` after an edit): the HTML
checker's Java given its pages through named pipes once built (``htmlcheck.CheckerAhead``), and a Chromium tab
opened on the staging folder (``a11ycheck.BrowserStarted(site_dir=...)``).
Each must report exactly what the checks started after the build report, and leave no
process running, whatever happens to the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CHROMIUM, LANGS
from helpcenter import a11ycheck, htmlcheck, tools
from helpcenter.cache import Cache

needs_java = pytest.mark.skipif(not tools.find(tools.JAVA) or tools.vnu_jar() is None, reason="needs Java and vnu.jar")


def _seed_errors(site):
    """Two pages with an error each (a duplicate id), one in each language."""
    for rel in ("en/alpha/index.html", "alpha/index.html"):
        page = site / rel
        html = page.read_text(encoding="utf-8")
        assert '<li id="first">' in html
        page.write_text(html.replace('<li id="first">', '<li id="first"><span id="first">x</span>', 1), encoding="utf-8")


def _lines(problems):
    return sorted(str(p) for p in problems)


@needs_java
def test_the_checker_started_ahead_reports_what_the_checker_on_the_files_reports(site, tmp_path):
    _seed_errors(site)
    on_files = htmlcheck.finish(htmlcheck.start_cached(site, Cache(None)), site)
    ahead = htmlcheck.CheckerAhead(slots=3)  # fewer slots than pages: the rest go to a checker on their files
    try:
        pending = htmlcheck.start_cached(site, Cache(tmp_path / "html"), ahead=ahead)
        assert pending.ahead is ahead and len(ahead.pages) == 3 and pending.process is not None and pending.waits()
        problems = htmlcheck.finish(pending, site)
    finally:
        ahead.close()
    errors = [p for p in problems if p.severity == "error"]
    assert sorted(p.file for p in errors) == ["alpha/index.html", "en/alpha/index.html"]
    assert all("Duplicate ID" in p.message for p in errors)
    assert _lines(problems) == _lines(on_files)
    # the messages of the pages checked through the slots are cached like the others'
    again = htmlcheck.start_cached(site, Cache(tmp_path / "html"))
    assert again.checked == 0 and _lines(htmlcheck.finish(again, site)) == _lines(on_files)


@needs_java
def test_with_every_page_in_a_slot_no_other_checker_starts_and_empty_slots_say_nothing(site, tmp_path):
    _seed_errors(site)
    ahead = htmlcheck.CheckerAhead(slots=200)
    try:
        pending = htmlcheck.start_cached(site, Cache(None), ahead=ahead)
        assert pending.process is None and len(ahead.pages) == pending.checked < 200
        problems = htmlcheck.finish(pending, site)
    finally:
        ahead.close()
    assert _lines(problems) == _lines(htmlcheck.finish(htmlcheck.start_cached(site, Cache(None)), site))
    assert not any("helpcenter-vnu-" in str(p) for p in problems)


@needs_java
def test_a_page_whose_pipe_the_checker_cannot_read_is_checked_again_from_its_file(site, monkeypatch):
    _seed_errors(site)
    on_files = htmlcheck.finish(htmlcheck.start_cached(site, Cache(None)), site)
    started_on = []
    start = htmlcheck.start
    monkeypatch.setattr(htmlcheck, "start", lambda *a, pages=None, **k: started_on.append(len(pages)) or start(*a, pages=pages, **k))
    ahead = htmlcheck.CheckerAhead(slots=2)
    try:
        ahead.slots[0].unlink()  # the checker finds no file there
        pending = htmlcheck.start_cached(site, Cache(None), ahead=ahead)
        problems = htmlcheck.finish(pending, site)
    finally:
        ahead.close()
    assert started_on == [pending.checked - 2, 1]  # the rest, then the unread page again from its file
    assert _lines(problems) == _lines(on_files)
    assert not any("helpcenter-vnu-" in str(p) for p in problems)


@needs_java
def test_a_failed_build_stops_the_checker_started_ahead():
    ahead = htmlcheck.CheckerAhead()
    assert ahead.process.poll() is None
    ahead.close()  # what `make site` does when MkDocs fails: nothing was given
    assert ahead.process.poll() is not None and not ahead.usable() and not ahead.slots[0].parent.exists()


@pytest.mark.skipif(not CHROMIUM, reason="needs Chromium")
def test_the_tab_opened_ahead_on_the_staging_folder_checks_the_page_built_there(site, tmp_path):
    page = site / "en" / "alpha" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        '<li id="first">', '<li id="first"><img id="seeded" src="../../assets/images/favicon.png">', 1), encoding="utf-8")
    started = a11ycheck.BrowserStarted(site_dir=site)
    try:
        started.run(lambda browser: None)  # runs after the warm-up
        assert started._warm is not None
        problems = a11ycheck.check_accessibility(site, LANGS, page_types=[("article", "alpha/index.html")], browser=started,
                                                 cache=Cache(tmp_path / "axe"))
        assert started._warm is None  # the tab opened ahead was used
    finally:
        started.close()
    assert sorted(p.file for p in problems) == ["en/alpha/index.html"] and "image-alt" in problems[0].message
    assert not started._thread.is_alive()


@pytest.mark.skipif(not CHROMIUM, reason="needs Chromium")
def test_a_tab_opened_ahead_on_another_folder_is_not_used(site, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    started = a11ycheck.BrowserStarted(site_dir=other)
    try:
        problems = a11ycheck.check_accessibility(site, LANGS, page_types=[("article", "alpha/index.html")], browser=started,
                                                 cache=Cache(tmp_path / "axe"))
        assert started._warm is not None  # still unused: the check served `site` itself
    finally:
        started.close()
    assert problems == []


@needs_java
def test_make_site_fails_on_invalid_html_in_a_page_the_checker_started_ahead_read_from_its_pipe(tmp_path, monkeypatch):
    from conftest import fixture_repo, run_cli

    # The HTML check is what this is about: the accessibility check's Chromium is left out.
    monkeypatch.setenv("HELPCENTER_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "")
    root = fixture_repo(tmp_path / "repo")
    main = root / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    assert "{% block extrahead %}" in text
    main.write_text(text.replace("{% block extrahead %}", '{% block extrahead %}<meta name="seeded">', 1), encoding="utf-8")
    # the build's own temporary folder: the other test workers' builds make pipes of their own
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(own_tmp))
    result = run_cli(root, "build")
    assert result.returncode == 1
    invalid = [line for line in result.stderr.splitlines() if "invalid HTML" in line and "“meta”" in line]
    # 404.html comes first (sorted): the first pipe; every page has the error, found through
    # the pipes (the first 16 pages) and through the files (the others) alike
    assert invalid and invalid[0].startswith("404.html:")
    assert len({line.split(":", 1)[0] for line in invalid}) > htmlcheck.CheckerAhead.SLOTS
    assert not (root / "site").exists()
    # the pipes removed: beside site/ (named like a staging folder), and any in the temporary folder
    assert list(root.glob(".site-new-*")) == [] and list(own_tmp.glob("helpcenter-vnu-*")) == []


@needs_java
def test_a_build_killed_outright_takes_the_checker_started_ahead_with_it(tmp_path):
    import os
    import subprocess
    import sys
    import time

    code = ("import os\nfrom helpcenter import htmlcheck\n"
            f"a = htmlcheck.CheckerAhead(folder={str(tmp_path)!r}, prefix='.site-new-')\n"
            "print(a.process.pid, flush=True)\nos.kill(os.getpid(), 9)\n")
    killed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert killed.returncode == -9
    pid = int(killed.stdout.split()[0])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            break  # gone
        if state == "Z":
            break  # dead, not yet reaped by its new parent
        time.sleep(0.1)
    else:
        os.kill(pid, 9)
        raise AssertionError("the checker outlived the build that started it")
    # what it left is named like a staging folder: the next build removes it (publish.recover)
    from helpcenter import publish

    (tmp_path / "site").mkdir()
    assert [line.startswith("removed .site-new-") for line in publish.recover(tmp_path / "site")] == [True]
    assert not list(tmp_path.glob(".site-new-*"))


@needs_java
def test_the_checker_started_ahead_is_stopped_at_once_when_every_page_was_checked_before(site, tmp_path):
    """An editor undoes an edit: every page's bytes were checked before, so the checker
    started ahead gets nothing and is stopped, not waited for."""
    cache = Cache(tmp_path / "html")
    htmlcheck.finish(htmlcheck.start_cached(site, cache), site)
    ahead = htmlcheck.CheckerAhead(slots=2)
    assert ahead.usable()
    pending = htmlcheck.start_cached(site, Cache(tmp_path / "html"), ahead=ahead)
    assert pending.checked == 0 and pending.process is None and pending.ahead is None and not pending.waits()
    assert ahead.process.poll() is not None and not ahead.slots[0].parent.exists()
    assert htmlcheck.finish(pending, site) == []
