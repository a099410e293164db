"""Translations: complete in every language, and never stale without a warning.

Each test works on a private copy of the repository (``repo``) and runs the
commands an editor runs: ``python -m helpcenter check``, ``translations status``,
``translations confirm``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, ROOT, copy_repo, line_of, run_cli


def _pick_article() -> str:
    """An article with a short title whose first step is its own (not a shared `use:`): these
    tests edit it as an editor would, whatever its words."""
    for path in sorted((CONTENT / "scenarios").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "short_title" in data and "id" in data["steps"][0]:
            return f"content/scenarios/{path.name}"
    raise AssertionError("no article with a short_title and an own first step")


ARTICLE = _pick_article()
FIRST_STEP = yaml.safe_load((CONTENT / ARTICLE.removeprefix("content/")).read_text(encoding="utf-8"))["steps"][0]


@pytest.fixture
def repo(tmp_path) -> Path:
    """A private copy of the repository, every translation reviewed: editors may commit
    content with texts not reviewed yet, and these tests start from a clean state."""
    root = copy_repo(tmp_path / "repo")
    assert run_cli(root, "translations", "confirm").returncode == 0
    return root

def stale_title(repo: Path) -> str:
    line = line_of(repo / ARTICLE, "title:") + 2  # the line of the English text
    return (f"{ARTICLE}:{line}: title: English translation may be stale: French changed since last review\n"
            f"    review it, then run: make translations-confirm FILE={ARTICLE} KEY=title\n")


def _edit(repo: Path, relative: str, old: str, new: str) -> None:
    path = repo / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _texts_in_lock(repo: Path) -> int:
    return sum(1 for l in (repo / "content/translations.lock").read_text(encoding="utf-8").splitlines()
               if l and not l.startswith("#"))


def _change_french_title(repo: Path) -> None:
    path = repo / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'^(title:\n  fr: ".*)"$', r'\1 (modifié)"', text, count=1, flags=re.M), encoding="utf-8")


# --- completeness -----------------------------------------------------------

def test_missing_english_of_a_template_string_is_an_error(repo):
    line = line_of(repo / "content/site.yml", "  not-found-title:")
    _edit(repo, "content/site.yml", '    en: "Page not found"\n', "")
    result = run_cli(repo, "check")
    assert result.returncode == 1
    assert result.stderr == (f"content/site.yml:{line}: strings.not-found-title.en: missing the English text\n"
                             '    write both languages: {fr: "...", en: "..."}\n'
                             "Aborted with 1 content error.\n")


def test_missing_string_of_the_404_page_is_an_error(repo):
    line = line_of(repo / "content/site.yml", "strings:")
    _edit(repo, "content/site.yml", '  not-found-home:\n    fr: "Voir toutes les situations d\'annulation"\n'
                                    '    en: "See every cancellation situation"\n', "")
    result = run_cli(repo, "check")
    assert result.returncode == 1
    assert result.stderr == (f"content/site.yml:{line}: strings: missing the template text 'not-found-home'\n"
                             '    add: not-found-home: {fr: "...", en: "..."}\n'
                             "Aborted with 1 content error.\n")


def test_missing_english_label_is_an_error(repo):
    line = line_of(repo / "content/labels.yml", "my-orders:")
    _edit(repo, "content/labels.yml", '  en: "My Orders"\n', "")
    result = run_cli(repo, "check")
    assert result.returncode == 1
    assert result.stderr == (f"content/labels.yml:{line}: my-orders.en: missing the English text\n"
                             '    write both languages: {fr: "...", en: "..."}\n'
                             "Aborted with 1 content error.\n")


def test_status_lists_a_missing_translation(repo):
    n = _texts_in_lock(repo)
    line = line_of(repo / "content/labels.yml", "my-orders:")
    _edit(repo, "content/labels.yml", '  en: "My Orders"\n', "")
    result = run_cli(repo, "translations", "status")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:3] == [
        f"fr (French, source): {n} texts, 0 missing",
        f"en (English): {n} texts, {n - 1} reviewed, 1 missing, 0 stale, 0 new",
        f"  missing  content/labels.yml:{line}: my-orders",
    ]


def test_theme_overrides_print_no_words_of_their_own():
    """Every word of overrides/*.html comes from content/ (config.extra.helpcenter.strings)."""
    import re

    for template in sorted((ROOT / "overrides").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.S)
        text = re.sub(r"<[^>]*>", " ", text)
        words = [w for w in text.split() if re.search(r"\w", w)]  # punctuation such as " - " is no word
        assert words == [], f"{template.name}: words outside content/: {words}"


# --- staleness --------------------------------------------------------------

def test_committed_lock_is_sorted_and_one_line_per_text_and_language():
    lines = [l for l in (ROOT / "content/translations.lock").read_text(encoding="utf-8").splitlines()
             if not l.startswith("#")]
    assert lines == sorted(lines)
    assert len({tuple(l.split()[:3]) for l in lines}) == len(lines)
    assert f"{ARTICLE} steps[{FIRST_STEP['id']}].text " in "\n".join(lines)


def test_french_change_flags_the_english_until_confirmed(repo):
    lock_before = (repo / "content/translations.lock").read_text(encoding="utf-8")
    assert run_cli(repo, "check").stderr == ""
    _change_french_title(repo)

    warned = run_cli(repo, "check")
    assert warned.returncode == 0
    assert warned.stderr == stale_title(repo) + "1 translation may be stale (warning; --strict makes it an error).\n"

    strict = run_cli(repo, "check", "--strict")
    assert strict.returncode == 1
    assert strict.stderr == stale_title(repo) + "Aborted with 1 content error.\n"

    status = run_cli(repo, "translations", "status")
    n = _texts_in_lock(repo)
    assert status.stdout.splitlines()[1:3] == [
        f"en (English): {n} texts, {n - 1} reviewed, 0 missing, 1 stale, 0 new",
        f"  stale    {ARTICLE}:{line_of(repo / ARTICLE, 'title:') + 2}: title",
    ]

    confirmed = run_cli(repo, "translations", "confirm", "--file", ARTICLE, "--key", "title")
    assert confirmed.returncode == 0, confirmed.stderr
    assert confirmed.stdout == ("translations.lock: 1 texts confirmed (1 were stale, 0 new), "
                                "0 skipped (a language is missing), 0 obsolete lines removed\n")
    assert run_cli(repo, "check", "--strict").stderr == ""
    # The review is one changed line of the lock.
    lock_after = (repo / "content/translations.lock").read_text(encoding="utf-8")
    changed = set(lock_before.splitlines()) ^ set(lock_after.splitlines())
    assert len(changed) == 2 and all(l.startswith(f"{ARTICLE} title ") for l in changed)


def test_reflowing_the_french_is_no_change(repo):
    french = FIRST_STEP["text"]["fr"]
    assert " " in french
    cut = french.index(" ", len(french) // 2) if " " in french[len(french) // 2:] else french.index(" ")
    _edit(repo, ARTICLE, f'fr: "{french}"', f'fr: "{french[:cut]}\n        {french[cut + 1:]}"')
    assert run_cli(repo, "check", "--strict").stderr == ""


def test_english_change_alone_needs_no_review(repo):
    # The English title, edited: a shortening (the menu title) stays one.
    path = repo / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'^(title:\n  fr: ".*"\n  en: ".*)"$', r'\1 (edited)"', text, count=1, flags=re.M),
                    encoding="utf-8")
    assert run_cli(repo, "check", "--strict").stderr == ""


def test_inserting_a_step_flags_only_the_new_step(repo):
    _edit(repo, ARTICLE, "steps:\n", 'steps:\n  - id: check-email\n    text:\n'
          '      fr: "Vérifiez vos e-mails."\n      en: "Check your emails."\n')
    warned = run_cli(repo, "check")
    assert warned.returncode == 0
    assert warned.stderr == ("note: 1 text not reviewed yet: `make translations-status` lists them, "
                             "`make translations-confirm` records them after review.\n")
    strict = run_cli(repo, "check", "--strict")
    line = line_of(repo / ARTICLE, "  - id: check-email") + 3  # the line of the English text
    assert strict.stderr == (f"{ARTICLE}:{line}: steps[0].text: English translation not reviewed yet: a new text\n"
                             f"    review it, then run: make translations-confirm FILE={ARTICLE} KEY=steps[0].text\n"
                             "Aborted with 1 content error.\n")
    n = _texts_in_lock(repo)
    confirmed = run_cli(repo, "translations", "confirm")
    assert confirmed.stdout == (f"translations.lock: {n + 1} texts confirmed (0 were stale, 1 new), "
                                "0 skipped (a language is missing), 0 obsolete lines removed\n")
    assert run_cli(repo, "check", "--strict").stderr == ""


def test_confirm_drops_lines_of_removed_texts(repo):
    short = yaml.safe_load((repo / ARTICLE).read_text(encoding="utf-8"))["short_title"]
    _edit(repo, ARTICLE, f'short_title:\n  fr: "{short["fr"]}"\n  en: "{short["en"]}"\n', "")
    status = run_cli(repo, "translations", "status")
    assert status.stdout.splitlines()[-1] == ("1 lines of translations.lock name texts that no longer exist "
                                             "(make translations-confirm removes them)")
    confirmed = run_cli(repo, "translations", "confirm", "--file", ARTICLE)
    assert confirmed.stdout.endswith("1 obsolete lines removed\n")
    assert f"{ARTICLE} short_title " not in (repo / "content/translations.lock").read_text(encoding="utf-8")


def test_confirm_of_an_unknown_key_is_an_error(repo):
    result = run_cli(repo, "translations", "confirm", "--file", ARTICLE, "--key", "titel")
    assert result.returncode == 1
    assert result.stderr == (f"{ARTICLE}: {ARTICLE} has no text at titel\n"
                             "    give FILE=content/... as printed by the build, and KEY=the key path\n"
                             "Aborted with 1 content error.\n")


def test_confirm_is_deterministic(repo):
    before = (repo / "content/translations.lock").read_bytes()
    assert run_cli(repo, "translations", "confirm").returncode == 0
    assert (repo / "content/translations.lock").read_bytes() == before


def test_hand_edited_lock_gets_a_clear_error(repo):
    lock = repo / "content/translations.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + "<<<<<<< HEAD\n", encoding="utf-8")
    last = len(lock.read_text(encoding="utf-8").splitlines())
    result = run_cli(repo, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith(f"content/translations.lock:{last}: cannot read this line: expected FILE KEY LANGUAGE HASH\n"
                                  "    never edit this file by hand: run make translations-confirm to rewrite it\n"
                                  "Aborted with 1 content error.\n")
