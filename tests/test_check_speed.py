"""What makes `make site` after an edit quick, each part against the real programs: the
HTML checker's short-run Java options, Chromium started ahead of the check in its own
thread, and Material's compiled templates kept on disk for the next processes."""

from __future__ import annotations


import jinja2
import pytest

from conftest import CHROMIUM, LANGS
from helpcenter import a11ycheck, htmlcheck, tools
from helpcenter.cache import Cache
from helpcenter.jinjacache import MemoryBytecodeCache


def test_short_runs_of_the_html_checker_use_the_quick_java_options_and_long_ones_the_defaults():
    assert htmlcheck.jvm_options(4) == htmlcheck.jvm_options(htmlcheck.QUICK_JVM_MAX_PAGES) == list(htmlcheck.QUICK_JVM)
    assert htmlcheck.jvm_options(htmlcheck.QUICK_JVM_MAX_PAGES + 1) == []


@pytest.mark.skipif(not tools.find(tools.JAVA), reason="needs Java")
def test_the_html_checker_with_the_quick_java_options_still_finds_an_error(site):
    page = site / "en" / "alpha" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<li id="first">', '<li id="first"><span id="first">x</span>', 1),
                    encoding="utf-8")
    process = htmlcheck.start(site, pages=[page])
    assert process.args[1:1 + len(htmlcheck.QUICK_JVM)] == list(htmlcheck.QUICK_JVM)
    errors = [str(p) for p in htmlcheck.finish(process, site) if p.severity == "error"]
    assert len(errors) == 1 and errors[0].startswith("en/alpha/index.html:") and "Duplicate ID" in errors[0]


@pytest.mark.skipif(not CHROMIUM, reason="needs Chromium")
def test_a_chromium_started_ahead_checks_in_its_own_thread_and_finds_a_violation(site, tmp_path):
    page = site / "en" / "alpha" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        '<li id="first">', '<li id="first"><img id="seeded" src="../../assets/images/favicon.png">', 1), encoding="utf-8")
    started = a11ycheck.BrowserStarted()
    try:
        problems = a11ycheck.check_accessibility(site, LANGS, page_types=[("article", "alpha/index.html")], browser=started,
                                                 cache=Cache(tmp_path / "axe"))
    finally:
        started.close()
    assert [p.file for p in problems] == ["en/alpha/index.html"] and "image-alt" in problems[0].message
    assert not started._thread.is_alive()  # closed: no browser left running


def test_a_chromium_that_does_not_start_is_one_problem_not_a_hang(site, tmp_path):
    started = a11ycheck.BrowserStarted("/nonexistent/chromium")
    try:
        problems = a11ycheck.check_accessibility(site, LANGS, page_types=[("article", "alpha/index.html")], browser=started,
                                                 cache=Cache(tmp_path / "axe"))
    finally:
        started.close()
    assert len(problems) == 1 and problems[0].message.startswith("Chromium did not start: ")


class _Counting(jinja2.Environment):
    compiled = 0

    def _parse(self, *args, **kwargs):
        _Counting.compiled += 1
        return super()._parse(*args, **kwargs)


def _render(templates, folder) -> str:
    env = _Counting(loader=jinja2.FileSystemLoader(str(templates)),
                    bytecode_cache=MemoryBytecodeCache().on_disk(folder))  # a new process: empty memory
    return env.get_template("page.html").render(name="Ada")


def test_compiled_templates_are_reused_by_the_next_process_and_compiled_again_when_edited(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    _Counting.compiled = 0
    assert _render(templates, tmp_path / "jinja") == "Hello Ada"
    assert _Counting.compiled == 1
    assert _render(templates, tmp_path / "jinja") == "Hello Ada"  # another process: read from disk
    assert _Counting.compiled == 1
    (templates / "page.html").write_text("Bonjour {{ name }}", encoding="utf-8")
    assert _render(templates, tmp_path / "jinja") == "Bonjour Ada"  # never the stale code
    assert _Counting.compiled == 2


def test_our_own_templates_are_compiled_once_for_every_process(tmp_path, monkeypatch):
    from conftest import MINI
    from helpcenter.render import common, render_site
    from helpcenter.validate import load_content

    content = load_content(MINI, "https://help.example.org/", LANGS)
    common.environment.cache_clear()  # a new process
    common.keep_compiled(tmp_path / "jinja")
    first = render_site(content)
    assert len(list((tmp_path / "jinja").iterdir())) >= 5  # one file per template
    common.environment.cache_clear()  # the next process: nothing compiled in memory

    def no_parsing(*args, **kwargs):
        raise AssertionError("a template was compiled again")

    common.keep_compiled(tmp_path / "jinja")
    monkeypatch.setattr(jinja2.Environment, "_parse", no_parsing)
    assert render_site(content) == first
    common.environment.cache_clear()
