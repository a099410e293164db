"""What makes a `make serve` rebuild and a `make site` run fast, each part on its own:
the theme listing kept on disk for every run, and the file watch that reports changes only."""

from __future__ import annotations

import threading
import time

import jinja2

from helpcenter.jinjacache import theme_listed_once
from helpcenter.preview import changes_observer


def test_the_theme_listing_is_kept_and_listed_again_when_an_override_is_added(tmp_path):
    cache = tmp_path / "cache"
    folder = tmp_path / "overrides"
    (folder / "partials").mkdir(parents=True)
    (folder / "main.html").write_text("x", encoding="utf-8")
    calls = []

    class Theme:
        static_templates = ["404.html"]

        def get_env(self):
            loader = jinja2.FileSystemLoader([str(folder)])
            real = loader.list_templates
            loader.list_templates = lambda: calls.append(1) or real()
            return jinja2.Environment(loader=loader)

    theme = Theme()
    theme_listed_once(theme, cache)
    theme_listed_once(theme, cache)  # twice: wrapped once
    assert theme.get_env().list_templates() == ["main.html"]
    assert theme.get_env().list_templates() == ["main.html"]
    assert len(calls) == 1
    (folder / "partials" / "footer.html").write_text("y", encoding="utf-8")
    assert theme.get_env().list_templates() == ["main.html", "partials/footer.html"]
    assert len(calls) == 2


def test_the_theme_listing_is_kept_on_disk_for_the_next_process_and_listed_again_when_a_key_changes(tmp_path, monkeypatch):
    from helpcenter import jinjacache

    folder, cache = tmp_path / "overrides", tmp_path / "cache"
    folder.mkdir()
    (folder / "main.html").write_text("x", encoding="utf-8")
    calls = []

    class Theme:
        static_templates = {"404.html", "sitemap.xml"}

        def get_env(self):
            # a folder named twice: the same listing
            loader = jinja2.FileSystemLoader([str(folder), str(folder)])
            real = loader.list_templates
            loader.list_templates = lambda: calls.append(1) or real()
            return jinja2.Environment(loader=loader)

    def a_new_process_lists():
        theme = Theme()
        theme_listed_once(theme, cache)
        return theme.get_env().list_templates(filter_func=lambda name: not name.startswith("."))

    assert a_new_process_lists() == ["main.html"] and len(calls) == 1
    assert a_new_process_lists() == ["main.html"] and len(calls) == 1  # read from disk
    (folder / "404.html").write_text("y", encoding="utf-8")  # a file added to a folder outside site-packages
    assert a_new_process_lists() == ["404.html", "main.html"] and len(calls) == 2
    installed = jinjacache.installed()
    monkeypatch.setattr(jinjacache, "installed", lambda: installed + ("mkdocs_material-99.0.0.dist-info",))
    assert a_new_process_lists() == ["404.html", "main.html"] and len(calls) == 3  # another theme version
    assert a_new_process_lists() == ["404.html", "main.html"] and len(calls) == 3


def test_the_watch_reports_changes_and_not_the_builds_reads(tmp_path):
    from watchdog.events import FileSystemEventHandler

    page = tmp_path / "page.yml"
    page.write_text("a", encoding="utf-8")
    seen, event = [], threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, e):
            if not e.is_directory:
                seen.append(e.event_type)
                event.set()

    observer = changes_observer()
    observer.schedule(Handler(), str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.3)
        assert page.read_text(encoding="utf-8") == "a"  # what every build does with every file
        assert not event.wait(1.0), seen
        page.write_text("b", encoding="utf-8")
        assert event.wait(10.0)
        assert "modified" in seen and "opened" not in seen
    finally:
        observer.stop()
        observer.join(10)
