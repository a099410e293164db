"""A language whose inputs did not change is reused from the last published build
(helpcenter/reuse.py), and what is published is what a whole build publishes."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
import yaml

from conftest import LANGS, LANGUAGES, fixture_repo, run_cli
from test_parallel import FIXED, _FAKE_BUILD


def _same(a: Path, b: Path) -> None:
    """Two sites with the same files, byte for byte."""
    files = {site: {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
             for site in (a, b)}
    assert sorted(files[a]) == sorted(files[b])
    different = [name for name in files[a] if files[a][name] != files[b][name]]
    assert not different, different[:10]
from helpcenter import reuse, tools
from helpcenter.checked import prepare
from helpcenter.parallel import Builds
from helpcenter.validate import load_content

URL = "https://help.example.org/"
OTHER = next(lang for lang in LANGUAGES if lang != LANGS.default)


def _texts(value):
    """Every text (a mapping of language codes to strings) in ``value``."""
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from _texts(getattr(value, f.name))
    elif isinstance(value, Mapping):
        if value and set(value) <= set(LANGUAGES) and all(isinstance(v, str) for v in value.values()):
            yield value
        else:
            for v in value.values():
                yield from _texts(v)
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _texts(v)


def test_a_language_build_sees_its_own_texts_and_a_mark_for_the_others(tmp_path):
    root = fixture_repo(tmp_path / "repo")
    content = load_content(root / "content", URL, LANGS)
    seen = reuse.blanked(content, OTHER)
    before, after = list(_texts(content)), list(_texts(seen))
    assert len(after) == len(before) > 20
    for old, new in zip(before, after):
        assert new[OTHER] == old[OTHER]
        assert all(text == reuse.MARK for lang, text in new.items() if lang != OTHER)
    assert seen.warnings == ()
    assert list(seen.scenarios) == list(content.scenarios)
    assert [a.steps[0].id for a in seen.scenarios.values()] == [a.steps[0].id for a in content.scenarios.values()]
    # What the plugin hands a language's run: blanked in another language's run only.
    assert reuse.as_built(content, OTHER) == seen
    assert reuse.as_built(content, LANGS.default) is content


def test_a_language_key_changes_with_each_input_of_its_build_and_not_with_another_language(tmp_path):
    root = fixture_repo(tmp_path / "repo")
    content = prepare(root / "content", root / "docs", URL, LANGS, None)[0]
    env = {"SOURCE_DATE_EPOCH": "1700000000"}

    def key(environ=env, content=content):
        return reuse.language_key(root, root / "docs", content, OTHER, environ)

    first = key()
    assert first == key()
    changed = {}
    # Another language's page changes its words: the same key (its name is what counts).
    page = next((root / "docs" / LANGS.default).glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nautre\n", encoding="utf-8")
    assert key() == first
    (root / "docs" / LANGS.default / "new.md").write_text("# x\n", encoding="utf-8")
    changed["a page added in another language"] = key()
    (root / "docs" / LANGS.default / "new.md").unlink()
    assert key() == first
    own = next((root / "docs" / OTHER).glob("*.md"))
    saved = own.read_bytes()
    own.write_bytes(saved + b"\nmore\n")
    changed["one of its pages"] = key()
    own.write_bytes(saved)
    for name, path in (("mkdocs.yml", root / "mkdocs.yml"), ("an override", next((root / "overrides").rglob("*.html"))),
                       ("the plugin", root / "scripts" / "helpcenter" / "plugin.py")):
        saved = path.read_bytes()
        path.write_bytes(saved + b"\n")
        changed[name] = key()
        path.write_bytes(saved)
    assert key() == first
    changed["the build date"] = key({"SOURCE_DATE_EPOCH": "1800000000"})
    changed["a setting"] = key({**env, "HELPCENTER_SOMETHING": "1"})
    assert key({**env, "HELPCENTER_CHROMIUM": "/elsewhere"}) == first  # a checker's program is no input
    article = next(iter(content.scenarios.values()))
    import dataclasses

    retitled = dataclasses.replace(content, scenarios={**content.scenarios, article.id: dataclasses.replace(
        article, title={**article.title, OTHER: article.title[OTHER] + " x"})})
    changed["one of its texts"] = key(content=retitled)
    same = dataclasses.replace(content, scenarios={**content.scenarios, article.id: dataclasses.replace(
        article, title={**article.title, LANGS.default: article.title[LANGS.default] + " x"})})
    assert key(content=same) == first
    assert {name: k for name, k in changed.items() if k == first} == {}
    assert len(set(changed.values())) == len(changed)


def test_a_skipped_language_is_not_built_and_counts_as_built(tmp_path):
    builds = Builds([sys.executable, "-c", _FAKE_BUILD], {lang: tmp_path / lang for lang in LANGUAGES})
    proc = builds.procs[OTHER]
    builds.skip(OTHER)
    assert proc.poll() is not None and OTHER not in builds.procs
    builds.go()
    lines = []
    codes = builds.wait(lambda lang, line: lines.append((lang, line)))
    builds.close()
    assert codes == {lang: 0 for lang in LANGUAGES}
    assert lines == [(LANGS.default, f"built {LANGS.default}")]
    assert not (tmp_path / OTHER).exists()


def _every_text(root: Path, lang: str, change) -> None:
    """Each text of ``lang`` in the content files under ``root`` replaced by ``change(text)``."""
    def walk(value):
        if isinstance(value, dict):
            if lang in value and set(value) <= set(LANGUAGES) and isinstance(value[lang], str):
                return {**value, lang: change(value[lang])}
            # addresses per language (site.yml's feedback and support) are no texts
            return {k: v if k in ("feedback", "support") else walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    for path in sorted(root.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(walk(data), allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_language_is_reused_only_while_its_inputs_and_its_published_files_are_unchanged(tmp_path, monkeypatch):
    for name, value in FIXED.items():
        monkeypatch.setenv(name, value)
    root = fixture_repo(tmp_path / "repo")
    assert run_cli(root, "build").returncode == 0
    # An editor rewrites every text of the default language: the other language is reused...
    _every_text(root / "content", LANGS.default, lambda text: text.replace(".", " ici."))
    edited = run_cli(root, "build")
    assert edited.returncode == 0, edited.stderr
    assert f"{OTHER} reused (its inputs are unchanged since the last build)" in edited.stderr
    # ...and the site is, byte for byte, what a whole build of that content publishes.
    fresh = run_cli(root, "build", "--site-dir", "fresh")
    assert fresh.returncode == 0, fresh.stderr
    assert "reused" not in fresh.stderr
    _same(root / "site", root / "fresh")
    # A text of the other language changes: it is built again.
    _every_text(root / "content", OTHER, lambda text: text.replace(".", " now."))
    translated = run_cli(root, "build")
    assert translated.returncode == 0 and "reused" not in translated.stderr
    home = root / "site" / OTHER / "index.html"
    assert " now." in home.read_text(encoding="utf-8")
    # A published file of it was changed since (by hand, by another tool): built again.
    unchanged = run_cli(root, "build")  # nothing changed: nothing built
    assert unchanged.stdout == "nothing changed since the last build: site/ left as it was published\n"
    home.write_text(home.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    again = run_cli(root, "build")
    assert again.returncode == 0 and "reused" not in again.stderr
    assert "<!-- edited -->" not in home.read_text(encoding="utf-8")
    shutil.rmtree(root / "fresh")


def test_after_a_change_of_words_no_page_type_is_checked_in_the_browser_again(tmp_path, monkeypatch):
    """An editor changes a few words of one step (on its article and on the agents' desk):
    `make site` rebuilds and re-validates those pages, but their markup is unchanged, so
    axe's results are kept (a11ycheck.page_shape) and no Chromium starts, not even ahead."""
    from helpcenter import a11ycheck, build
    from types import SimpleNamespace

    if not (tools.find(tools.CHROMIUM) and tools.find(tools.JAVA)):
        pytest.skip("needs Chromium and Java")
    for name, value in FIXED.items():
        if not name.startswith("HELPCENTER_"):  # both checks run here
            monkeypatch.setenv(name, value)
    root = fixture_repo(tmp_path / "repo")
    assert run_cli(root, "build").returncode == 0
    axe = sorted((root / ".build" / "cache" / "axe").rglob("*"))
    html = sorted((root / ".build" / "cache" / "html").rglob("*"))
    assert axe and html
    step = root / "content" / "scenarios" / "alpha.yml"
    step.write_text(step.read_text(encoding="utf-8").replace('"Ouvrez {ui:my-orders}."', '"Ouvrez donc {ui:my-orders}."'),
                    encoding="utf-8")
    edited = run_cli(root, "build")
    assert edited.returncode == 0, edited.stderr
    assert "Ouvrez donc" in (root / "site" / "agents" / "index.html").read_text(encoding="utf-8")
    assert f"{OTHER} reused" in edited.stderr
    assert sorted((root / ".build" / "cache" / "axe").rglob("*")) == axe  # nothing checked in the browser
    assert f"accessibility: the {len(a11ycheck.pages_to_check(LANGS))} pages' results reused (their markup, the site's " \
        "styles and scripts, and axe are unchanged)" in edited.stderr
    assert len(sorted((root / ".build" / "cache" / "html").rglob("*"))) > len(html)  # the changed pages validated

    # Chromium is not started ahead when a language is reused; it is when none is.
    options = build.Options(root=root)
    written = SimpleNamespace(written=["alpha.md"])
    assert build._browser_ahead(options, written, tmp_path, reused=[OTHER]) is None
    started = build._browser_ahead(options, written, tmp_path, reused=[])
    assert isinstance(started, a11ycheck.BrowserStarted)
    started.close()
