"""What makes a `make serve` rebuild fast, each part on its own: the fingerprint that
decides between a dirty and a full rebuild, the search index of a dirty build, the theme
listing kept for the process, and the file watch that reports changes only."""

from __future__ import annotations

import json
import threading
import time
from types import SimpleNamespace

import jinja2

from helpcenter.jinjacache import theme_listed_once
from helpcenter.preview import DirtyPreview, build_fingerprint, changes_observer, merged_search


class _Theme(dict):
    def __init__(self, custom_dir):
        super().__init__(language="fr")
        self.custom_dir = custom_dir


def _config(tmp_path, **changes):
    overrides = tmp_path / "overrides"
    overrides.mkdir(exist_ok=True)
    config = SimpleNamespace(theme=_Theme(str(overrides)), nav=[{"Commande": "order.md"}], site_name="Aide",
                             site_description="Annuler", site_url="https://aide.example.com/",
                             extra={"helpcenter": {"content_error": None}}, config_file_path=None)
    for name, value in changes.items():
        setattr(config, name, value)
    return config


def _files(*names):
    return [SimpleNamespace(src_uri=name) for name in names]


def test_the_fingerprint_changes_with_what_every_page_shows_and_only_with_it(tmp_path):
    files = _files("fr/order.md", "assets/a.css")
    same = build_fingerprint(_config(tmp_path), files, {"order.md": {"description": "x"}})
    assert build_fingerprint(_config(tmp_path), files, {"order.md": {"description": "x"}}) == same
    changed = [
        build_fingerprint(_config(tmp_path, nav=[{"Commande relue": "order.md"}]), files, {"order.md": {"description": "x"}}),
        build_fingerprint(_config(tmp_path, extra={"helpcenter": {"content_error": "x.yml:1: bad"}}), files,
                          {"order.md": {"description": "x"}}),
        build_fingerprint(_config(tmp_path), files + _files("fr/new.md"), {"order.md": {"description": "x"}}),
        build_fingerprint(_config(tmp_path), files, {"order.md": {"description": "y"}}),
    ]
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    changed.append(build_fingerprint(_config(tmp_path), files, {"order.md": {"description": "x"}}))
    assert len({same, *changed}) == len(changed) + 1


def _index(*docs):
    return json.dumps({"config": {"lang": ["fr"]}, "docs": [dict(location=loc, title=title) for loc, title in docs]})


def test_a_dirty_builds_search_index_keeps_the_pages_it_did_not_rebuild():
    previous = _index(("", "Accueil"), ("order/", "Commande"), ("refund/", "Remboursement"))
    # a dirty build: the rebuilt page's entry is right, another entry is left over from before
    current = _index(("order/", "Commande relue"), ("refund/", "Remboursement périmé"))
    merged = json.loads(merged_search(previous, current, {"order/"}))
    assert [(d["location"], d["title"]) for d in merged["docs"]] == [
        ("", "Accueil"), ("order/", "Commande relue"), ("refund/", "Remboursement")]
    assert merged_search(None, current, {"order/"}) == current  # a full build: its own index


def test_the_dirty_preview_rebuilds_every_page_when_the_fingerprint_changes_and_after_a_failure(tmp_path):
    files = [SimpleNamespace(src_uri=name, is_modified=lambda: False) for name in ("fr/order.md", "fr/refund.md")]
    meta = {"order.md": {"description": "x"}}
    dirty = DirtyPreview()
    dirty.start("build", True)  # only `serve --dirty` builds dirty
    dirty.files(_config(tmp_path), files, meta)
    assert not dirty.on and not any(f.is_modified() for f in files) and dirty.fingerprint == {}

    dirty.start("serve", True)
    dirty.files(_config(tmp_path), files, meta)  # the first build: every page
    assert all(f.is_modified() for f in files)
    dirty.build_starts("fr")
    dirty.page_rebuilt("fr", "order/")
    first = dirty.search_index("fr", "", _index(("order/", "Commande"), ("refund/", "Remboursement")))

    again = [SimpleNamespace(src_uri=f.src_uri, is_modified=lambda: False) for f in files]
    dirty.files(_config(tmp_path), again, meta)  # nothing but pages' Markdown changed: pages as MkDocs finds them
    assert not any(f.is_modified() for f in again)
    dirty.build_starts("fr")
    dirty.page_rebuilt("fr", "order/")
    kept = json.loads(dirty.search_index("fr", "", _index(("order/", "Commande relue"))))
    assert [(d["location"], d["title"]) for d in kept["docs"]] == [("order/", "Commande relue"), ("refund/", "Remboursement")]
    assert json.loads(first)["docs"][1]["title"] == "Remboursement"

    dirty.files(_config(tmp_path, nav=[{"Commande relue": "order.md"}]), again, meta)  # a menu title changed
    assert all(f.is_modified() for f in again) and "fr" not in dirty.search
    dirty.failed()
    assert dirty.fingerprint == {} and dirty.search == {}


def test_the_theme_listing_is_kept_and_listed_again_when_an_override_is_added(tmp_path):
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
    theme_listed_once(theme)
    theme_listed_once(theme)  # twice: wrapped once
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
            # static-i18n's nested build names a folder twice: the same listing
            loader = jinja2.FileSystemLoader([str(folder), str(folder)])
            real = loader.list_templates
            loader.list_templates = lambda: calls.append(1) or real()
            return jinja2.Environment(loader=loader)

    def a_new_process_lists():
        monkeypatch.setattr(jinjacache, "_LISTINGS", {})
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
