"""The translation lock follows what a text is, not where it sits: inserting a
guide answer flags nothing else, and renaming an article keeps its reviews.

Works on the fixture content (tests/fixtures/mini/content), with every text
confirmed first, as after a review.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import LANGS
from helpcenter import translations

FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "content"


@pytest.fixture
def reviewed(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    translations.confirm(content, LANGS)
    st = translations.status(content, LANGS)
    assert (st.stale, st.new, st.obsolete) == ([], [], [])
    return content


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_guide_answers_are_keyed_by_the_node_they_lead_to(reviewed):
    lock = (reviewed / translations.LOCK_NAME).read_text(encoding="utf-8")
    assert "content/decision-tree.yml nodes.first.answers[next=second].answer " in lock
    assert "content/decision-tree.yml nodes.second.answers[next=to-beta].answer " in lock
    assert "answers[0]" not in lock and "answers[1]" not in lock


def test_inserting_a_guide_answer_flags_only_the_new_one(reviewed):
    _replace(reviewed / "decision-tree.yml", '''    answers:
      - answer:
          fr: "Vers alpha"''', '''    answers:
      - answer:
          fr: "Vers bêta tout de suite"
          en: "Straight to beta"
        next: to-beta
      - answer:
          fr: "Vers alpha"''')
    st = translations.status(reviewed, LANGS)
    assert st.stale == []
    assert [(t.shown, t.key) for t in st.new] == [("nodes.first.answers[0].answer",
                                                   "nodes.first.answers[next=to-beta].answer")]


def test_two_answers_to_one_node_are_told_apart_by_position(reviewed):
    _replace(reviewed / "decision-tree.yml", "        next: second\n", "        next: to-alpha\n")
    keys = [t.key for t in translations.localized_texts(reviewed, LANGS) if t.key.startswith("nodes.first.answers")]
    assert keys == ["nodes.first.answers[0].answer", "nodes.first.answers[1].answer", "nodes.first.answers[1].short"]


def test_inserting_a_not_your_case_entry_flags_only_the_new_one(reviewed):
    _replace(reviewed / "scenarios/alpha.yml", "not_your_case:\n", '''not_your_case:
  - scenario: gamma
    when:
      fr: "Cas gamma"
      en: "Gamma case"
''')
    st = translations.status(reviewed, LANGS)
    assert st.stale == []
    assert [t.key for t in st.new] == ["not_your_case[scenario=gamma].when"]


def test_a_renamed_article_keeps_its_reviews_and_confirm_moves_them(reviewed):
    old = reviewed / "scenarios" / "beta.yml"
    text = old.read_text(encoding="utf-8").replace("id: beta\n", "id: bravo\nformer_ids:\n  - beta\n", 1)
    (reviewed / "scenarios" / "bravo.yml").write_text(text, encoding="utf-8")
    old.unlink()
    st = translations.status(reviewed, LANGS)
    assert (st.stale, st.new, st.obsolete) == ([], [], [])
    # A change made in the same commit as the rename is still seen.
    _replace(reviewed / "scenarios" / "bravo.yml", 'fr: "Résumé bêta."', 'fr: "Résumé bravo."')
    assert [t.key for t in translations.status(reviewed, LANGS).stale] == ["summary"]
    counts = translations.confirm(reviewed, LANGS)
    assert counts["stale"] == 1 and counts["new"] == 0
    lock = (reviewed / translations.LOCK_NAME).read_text(encoding="utf-8")
    assert "content/scenarios/beta.yml" not in lock
    assert "content/scenarios/bravo.yml summary " in lock


def test_without_former_ids_a_rename_is_new_texts_and_obsolete_lines(reviewed):
    (reviewed / "scenarios" / "beta.yml").rename(reviewed / "scenarios" / "bravo.yml")
    st = translations.status(reviewed, LANGS)
    assert st.stale == []
    assert {t.file for t in st.new} == {"content/scenarios/bravo.yml"}
    assert st.obsolete and all(line.startswith("content/scenarios/beta.yml ") for line in st.obsolete)
