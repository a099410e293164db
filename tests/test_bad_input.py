"""Bad input never gets through, never crashes, never touches site/.

Each mutation breaks one file of a buildable copy of the repository whose
content/ is the fixture help center (tests/fixtures/mini/content, made-up
words: an editor's edit of the real content/ changes no report here), and
runs the build as an editor would. Each must: exit 1, print the exact
report (naming the file), show no Python traceback, and leave the site/ of
an earlier good build byte-identical.

Every mutation goes through the command line's ``build`` in this process
(``helpcenter.__main__.main``, its output captured), the languages' MkDocs
runs replaced by processes that only wait for the word (a content error
stops the build before any MkDocs run: what they would import is not what
is tested here); a few of each kind go through the whole
``python -m helpcenter build`` in a process of its own, real runs included
(END_TO_END), and must print the same report.

A mutation is one entry of MUTATIONS: (file under content/, text to replace
or None for the whole file, replacement: a text, bytes, a function of the
file's text, or None to delete the file), and its exact report in
tests/golden/bad-input/<name>.txt. Most break delta.yml, the fixture's
article with every optional part.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from helpcenter import build
from helpcenter.__main__ import main

ARTICLE = "scenarios/delta.yml"
BILLION_LAUGHS = ("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
                  + "".join(f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")))

MUTATIONS = {
    # -- the file itself
    "truncated-in-a-text": (ARTICLE, None, lambda t: t[: t.index("sans attendre")]),
    "truncated-after-a-key": (ARTICLE, None, lambda t: t[: t.index("steps:")]),
    "empty-file": (ARTICLE, None, ""),
    "only-spaces": (ARTICLE, None, "   \n\n"),
    "not-utf8-latin1": (ARTICLE, None, lambda t: t.encode("utf-8").replace("Résumé".encode(), "Résumé".encode("latin-1"))),
    "utf16-file": (ARTICLE, None, lambda t: t.encode("utf-16")),
    "nul-byte": (ARTICLE, "en quelques mots", "en quelques\x00 mots"),
    "ten-megabyte-string": (ARTICLE, None, lambda t: t.replace('"Delta court"', '"' + "x" * 10_000_000 + '"')),
    "two-documents": (ARTICLE, "section: money-and-help", "---\nsection: money-and-help"),
    "list-instead-of-mapping": (ARTICLE, None, "- id: delta\n"),
    "wrong-extension": ("scenarios/refund.yaml", None, "id: refund\n"),
    "labels-file-deleted": ("labels.yml", None, None),
    # -- YAML syntax
    "tab-indentation": (ARTICLE, '  fr: "Delta court"', '\tfr: "Delta court"'),
    "unclosed-quote": (ARTICLE, '  en: "Short delta"', '  en: "Short delta'),
    "colon-in-plain-text": (ARTICLE, '  en: "Short delta"', "  en: Note: short delta"),
    "bad-indentation": (ARTICLE, 'short_title:\n  fr:', 'short_title:\n    fr:'),
    # -- unsafe YAML
    "python-object-tag": (ARTICLE, "order: 10", "order: !!python/object:os.system {}"),
    "python-apply-tag": (ARTICLE, "order: 10", "order: !!python/object/apply:os.system ['touch /tmp/pwned']"),
    "custom-tag": (ARTICLE, "order: 10", "order: !include other.yml"),
    "billion-laughs": ("scenarios/lol.yml", None, BILLION_LAUGHS),
    "alias-reuse": (ARTICLE, "related:\n  - alpha\n  - beta\n", "related: &r\n  - alpha\n  - beta\nextra: *r\n"),
    "merge-key": (ARTICLE, "order: 10", "order: 10\n<<: {section: x}"),
    "duplicate-key": (ARTICLE, "order: 10\n", "order: 10\norder: 15\n"),
    # -- shape and types
    "wrong-type-order": (ARTICLE, "order: 10", 'order: "ten"'),
    "negative-order": (ARTICLE, "order: 10", "order: -1"),
    "title-is-a-list": (ARTICLE, None, lambda t: t[: t.index("title:")] + 'title: ["Titre", "Title"]\n'
                        + t[t.index("short_title:"):]),
    "steps-is-a-text": (ARTICLE, None, lambda t: t[: t.index("steps:")] + 'steps: "Ouvrez, puis choisissez."\n'
                        + t[t.index("after:"):]),
    "boolean-text": ("labels.yml", 'fr: "Oui"', "fr: yes"),
    "null-text": (ARTICLE, '  en: "Short delta"', "  en:"),
    "missing-required-key": (ARTICLE, "section: money-and-help\n", ""),
    "unknown-key-typo": (ARTICLE, "summary:", "sumary:"),
    "extra-language": (ARTICLE, '  en: "Short delta"', '  en: "Short delta"\n  de: "Kurzes Delta"'),
    # -- translations
    "missing-english": (ARTICLE, '  en: "Short delta"\n', ""),
    "missing-french-label": ("labels.yml", '  fr: "Mes commandes"\n', ""),
    "single-language-text": (ARTICLE, 'short_title:\n  fr: "Delta court"\n  en: "Short delta"', 'short_title: "Delta court"'),
    "site-string-missing": ("site.yml", '  step-note:\n    fr: "À noter"\n    en: "Note"\n', ""),
    # -- ids and references
    "id-file-name-mismatch": (ARTICLE, "id: delta", "id: deltas"),
    "duplicate-step-id": (ARTICLE, "  - id: pick-line", "  - id: open-list"),
    "duplicate-section-id": ("site.yml", "  - id: after-shipping", "  - id: before-shipping"),
    "unknown-section": (ARTICLE, "section: money-and-help", "section: money-and-halp"),
    "unknown-label": (ARTICLE, "Ouvrez {ui:my-orders}", "Ouvrez {ui:my-order}"),
    "unknown-figure": (ARTICLE, "sous {fact:answer-time}", "sous {fact:answer-times}"),
    "unknown-article-link": (ARTICLE, "voir {link:beta}", "voir {link:betta}"),
    "unknown-anchor": (ARTICLE, "suivez {link:alpha}", "suivez {link:alpha#nowhere}"),
    "unknown-not-your-case": (ARTICLE, "  - scenario: beta", "  - scenario: bet"),
    "unknown-related": (ARTICLE, "  - alpha\n  - beta\n", "  - alpha\n  - betas\n"),
    "self-related": (ARTICLE, "  - alpha\n  - beta\n", "  - alpha\n  - delta\n"),
    "unknown-placeholder": (ARTICLE, "Ouvrez {ui:my-orders}", "Ouvrez {img:my-orders}"),
    "stray-brace": (ARTICLE, "Ouvrez {ui:my-orders}", "Ouvrez {my-orders}"),
    "no-steps": (ARTICLE, None, lambda t: t[: t.index("steps:")] + "steps: []\n" + t[t.index("after:"):]),
    # -- facts and site texts
    "fact-unknown-unit": ("facts.yml", "unit: hours", "unit: hour"),
    "fact-impossible-date": ("facts.yml", "checked: 2026-03-10", "checked: 2026-02-30"),
    "unit-format-without-n": ("site.yml", 'fr: "{n} heures"', 'fr: "{x} heures"'),
    # -- markup is refused in texts
    "script-in-text": (ARTICLE, '"Short delta"', '"<script>alert(1)</script>"'),
    "img-onerror-in-text": (ARTICLE, '"Short delta"', '"<img src=x onerror=alert(1)>"'),
    "html-comment-in-text": (ARTICLE, '"Short delta"', '"Short <!-- hidden --> delta"'),
}

# The mutations also built by the whole command in a process of its own, real MkDocs runs
# started ahead included: one of each kind of failure (reading, YAML, unsafe YAML, shape,
# translations, references, a file missing).
END_TO_END = ("truncated-in-a-text", "not-utf8-latin1", "tab-indentation", "python-object-tag",
              "billion-laughs", "wrong-type-order", "missing-english", "unknown-label", "labels-file-deleted")

# The whole report each mutation prints (stderr), exactly.
# The exact report of each mutation: tests/golden/bad-input/<name>.txt.
# After a deliberate change of messages or content, `make golden` rewrites
# them (UPDATE_GOLDEN=1); review the diff before committing.
GOLDEN = Path(__file__).parent / "golden" / "bad-input"


def _mutate(content, file, old, new):
    path = content / file
    if new is None:
        path.unlink()
        return
    if callable(new):
        result = new(path.read_text(encoding="utf-8"))
    elif old is None:
        result = new
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"tests/fixtures/mini/content/{file} no longer contains {old!r}: update this mutation"
        result = text.replace(old, new, 1)
    path.write_bytes(result if isinstance(result, bytes) else result.encode("utf-8"))


def _snapshot(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_build(mini_build, tmp_path_factory):
    """A copy of the repository (content: the fixture) with a good site/, and the bytes of that site/."""
    root = tmp_path_factory.mktemp("bad-input") / "repo"
    shutil.copytree(mini_build, root, symlinks=True)
    pristine = tmp_path_factory.mktemp("pristine") / "content"
    shutil.copytree(root / "content", pristine)
    return root, pristine, _snapshot(root / "site")


def test_there_are_at_least_40_mutations_each_with_its_report():
    assert len(MUTATIONS) >= 40
    assert set(END_TO_END) <= set(MUTATIONS)
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(MUTATIONS)


def _build_in_process(root: Path, monkeypatch) -> tuple[int, str, str]:
    """``helpcenter --root ROOT build`` in this process: (exit status, stdout, stderr). Each
    language's run is a process that reads one word and ends (the build says "go" or
    "cancel" to it): a content error must stop the build before any of them is told to go."""
    monkeypatch.setattr(build, "worker_command", lambda *args, **kwargs: ["sh", "-c", "read word; test $word = cancel"])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--root", str(root), "build"])
    return status, out.getvalue(), err.getvalue()


def _refused(good_build, name, run) -> None:
    root, pristine, site_before = good_build
    shutil.rmtree(root / "content")
    shutil.copytree(pristine, root / "content")
    file, old, new = MUTATIONS[name]
    _mutate(root / "content", file, old, new)
    status, stdout, stderr = run(root)
    assert status == 1
    assert "Traceback" not in stderr + stdout
    assert f"content/{file}" in stderr
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(stderr, encoding="utf-8")
    assert stderr == golden.read_text(encoding="utf-8")
    assert _snapshot(root / "site") == site_before
    assert not list(root.glob(".site-new-*"))


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_bad_input_is_refused(good_build, name, monkeypatch):
    _refused(good_build, name, lambda root: _build_in_process(root, monkeypatch))


@pytest.mark.parametrize("name", END_TO_END)
def test_bad_input_is_refused_by_the_whole_command(good_build, name):
    def whole_command(root):
        result = run_cli(root, "build")
        return result.returncode, result.stdout, result.stderr

    _refused(good_build, name, whole_command)
