"""Every mistake in the decision guide gets an exact message: file, line, key, fix.

Each case breaks the small valid guide of tests/fixtures/mini/content
(decision-tree.yml, or an article it must reach) and states the whole report
the editor sees.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import LANGS
from helpcenter.errors import ContentErrors
from helpcenter.validate import load_content

FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "content"
TREE = "decision-tree.yml"

# name: (file, text to replace, replacement, expected report)
CASES = {
    'former-id-is-live': (
        TREE, '  second:\n    question:', '  second:\n    former_ids:\n      - to-alpha\n    question:',
        "content/decision-tree.yml:27: nodes.second.former_ids[0]: 'to-alpha' is the id of a live node; its address cannot redirect\n"
        "    remove it from former_ids: an id stays with the node that has it\nAborted with 1 content error.",
    ),
    'former-id-claimed-twice': (
        TREE, '  second:\n    question:', '  second:\n    former_ids:\n      - old\n      - old\n    question:',
        "content/decision-tree.yml:28: nodes.second.former_ids[1]: 'old' is already a former id of 'second'\n"
        "    an old address can lead to one node only: keep it under one of them\nAborted with 1 content error.",
    ),
    'unknown-target': (
        TREE, 'next: to-beta', 'next: to-bete',
        "content/decision-tree.yml:36: nodes.second.answers[0].next: unknown node 'to-bete'\n    did you mean 'to-beta'?\nAborted with 1 content error.",
    ),
    'unknown-start': (
        TREE, 'start: first', 'start: frist',
        "content/decision-tree.yml:7: start: unknown node 'frist'\n    did you mean 'first'?\nAborted with 1 content error.",
    ),
    'start-is-outcome': (
        TREE, 'start: first', 'start: to-alpha',
        "content/decision-tree.yml:7: start: the guide must start with a question; 'to-alpha' is an outcome\n    write start: followed by the id of the first question\nAborted with 1 content error.",
    ),
    'unreachable-node': (
        TREE, '        next: second\n', '        next: to-beta\n',
        "content/decision-tree.yml:25: nodes.second: no path from the start 'first' leads to this node\n    make an answer lead to it (next: second), or delete it\nAborted with 1 content error.",
    ),
    'cycle': (
        TREE, '        next: to-alpha\n  to-alpha:', '        next: first\n  to-alpha:',
        "content/decision-tree.yml:40: nodes.second.answers[1].next: this answer leads back to 'first': first → second → first\n    every path must end at an outcome; lead this answer to another node\nAborted with 1 content error.",
    ),
    'self-loop': (
        TREE, '        next: to-beta', '        next: second',
        "content/decision-tree.yml:36: nodes.second.answers[0].next: this answer leads back to 'second': second → second\n    every path must end at an outcome; lead this answer to another node\nAborted with 1 content error.",
    ),
    'question-without-answers': (
        TREE, '    answers:\n      - answer:\n          fr: "Vers bêta"\n          en: "To beta"\n        next: to-beta\n      - answer:\n          fr: "Alpha aussi"\n          en: "Alpha too"\n        next: to-alpha\n', '    answers: []\n',
        "content/decision-tree.yml:32: nodes.second.answers: expected at least 2 items, got 0\n"
        "    write at least 2, one item per line starting with '- ', for example: - {answer: ..., next: ...}\n"
        "Aborted with 1 content error.",
    ),
    'question-missing-answers': (
        TREE, '    answers:\n      - answer:\n          fr: "Vers bêta"\n          en: "To beta"\n        next: to-beta\n      - answer:\n          fr: "Alpha aussi"\n          en: "Alpha too"\n        next: to-alpha\n', '',
        "content/decision-tree.yml:25: nodes.second: missing the key 'answers'\n    add: answers: []\nAborted with 1 content error.",
    ),
    'answer-missing-english': (
        TREE, '          en: "To alpha"\n', '',
        'content/decision-tree.yml:14: nodes.first.answers[0].answer.en: missing the English text\n    write both languages: {fr: "...", en: "..."}\nAborted with 1 content error.',
    ),
    'verdict-missing-french': (
        TREE, '      fr: "C\'est alpha."\n', '',
        'content/decision-tree.yml:43: nodes.to-alpha.verdict.fr: missing the French text\n    write both languages: {fr: "...", en: "..."}\nAborted with 1 content error.',
    ),
    'short-single-language': (
        TREE, '        short:\n          fr: "Autre"\n          en: "Other"\n', '        short: "Autre"\n',
        'content/decision-tree.yml:21: nodes.first.answers[1].short: expected the text in both languages, got a single text\n    write both languages: {fr: "...", en: "..."}\nAborted with 1 content error.',
    ),
    'unknown-article': (
        TREE, 'outcome: beta', 'outcome: betta',
        "content/decision-tree.yml:47: nodes.to-beta.outcome: unknown article 'betta'\n    did you mean 'beta'?\nAborted with 1 content error.",
    ),
    'article-not-reached': (
        TREE, '        next: to-beta\n', '        next: to-alpha\n',
        "content/decision-tree.yml:46: nodes.to-beta: no path from the start 'first' leads to this node\n    make an answer lead to it (next: to-beta), or delete it\nAborted with 1 content error.",
    ),
    'reference-only-reached': (
        'scenarios/beta.yml', 'related:\n', 'reference_only: true\nrelated:\n',
        'content/scenarios/beta.yml:27: reference_only: the guide leads to this article (content/decision-tree.yml: nodes.to-beta)\n    remove reference_only, or the outcomes that lead here\nAborted with 1 content error.',
    ),
    'reference-only-not-bool': (
        'scenarios/beta.yml', 'related:\n', 'reference_only: yes please\nrelated:\n',
        'content/scenarios/beta.yml:27: reference_only: expected true or false, got a text\n    example: reference_only: true\nAborted with 1 content error.',
    ),
    'node-neither': (
        TREE, '    outcome: beta\n', '    result: beta\n',
        "content/decision-tree.yml:46: nodes.to-beta: expected a mapping with one of the keys question, outcome, got a mapping\n"
        "    start with one of: question: ..., outcome: ...\n"
        "Aborted with 1 content error.",
    ),
    'reserved-id': (
        TREE, '  first:\n', '  index:\n',
        "content/decision-tree.yml:7: start: unknown node 'first'\n    the nodes are: index, second, to-alpha, to-beta\ncontent/decision-tree.yml:9: nodes.index: the id 'index' is reserved for the guide's first page\n    choose another id for this node\nAborted with 2 content errors.",
    ),
    'link-in-answer': (
        TREE, '"Vers alpha"', '"Vers {link:alpha}"',
        "content/decision-tree.yml:15: nodes.first.answers[0].answer.fr: an answer is already a link: it cannot hold {link:...}\n    put the link in the outcome's article instead\nAborted with 1 content error.",
    ),
    # Two outcomes lead to alpha: the article's title cannot say both situations.
    'shared-article-without-title': (
        TREE, '    outcome: beta\n', '    outcome: alpha\n',
        "content/decision-tree.yml:41: nodes.to-alpha: this outcome shares the article 'alpha' with nodes.to-beta, and has no title\n"
        "    write title: {fr: ..., en: ...}: the reader's situation in a few words, as their answers said it\n"
        "content/decision-tree.yml:46: nodes.to-beta: this outcome shares the article 'alpha' with nodes.to-alpha, and has no title\n"
        "    write title: {fr: ..., en: ...}: the reader's situation in a few words, as their answers said it\n"
        "Aborted with 2 content errors.",
    ),
    'unknown-label-in-hint': (
        TREE, '{ui:my-orders}."\n      en', '{ui:my-order}."\n      en',
        "content/decision-tree.yml:30: nodes.second.hint.fr: unknown label {ui:my-order}\n    did you mean 'my-orders'?\nAborted with 1 content error.",
    ),
}


@pytest.fixture
def content_dir(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def _apply(content_dir, file, old, new):
    path = content_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_guide_is_valid(content_dir):
    guide = load_content(content_dir, "", LANGS).guide
    assert list(guide.nodes) == ["first", "to-alpha", "second", "to-beta"]
    assert guide.parent == {"first": None, "to-alpha": "first", "second": "first", "to-beta": "second"}


@pytest.mark.parametrize("name", list(CASES))
def test_exact_guide_error_report(content_dir, name):
    file, old, new, expected = CASES[name]
    _apply(content_dir, file, old, new)
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == expected


def test_missing_guide_file(content_dir):
    (content_dir / TREE).unlink()
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == (
        "content/decision-tree.yml: cannot be read: No such file or directory\n"
        "    the file is missing: restore it from git (git checkout -- content/decision-tree.yml), it is not optional\n"
        "Aborted with 1 content error.")


def test_guide_problems_are_reported_together(content_dir):
    _apply(content_dir, TREE, "next: to-beta", "next: to-bete")
    _apply(content_dir, TREE, "outcome: alpha", "outcome: alfa")
    _apply(content_dir, TREE, "        next: to-alpha\n  to-alpha:", "        next: first\n  to-alpha:")
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == (
        "content/decision-tree.yml:36: nodes.second.answers[0].next: unknown node 'to-bete'\n"
        "    did you mean 'to-beta'?\n"
        "content/decision-tree.yml:40: nodes.second.answers[1].next: this answer leads back to 'first': first → second → first\n"
        "    every path must end at an outcome; lead this answer to another node\n"
        "content/decision-tree.yml:42: nodes.to-alpha.outcome: unknown article 'alfa'\n"
        "    did you mean 'alpha'?\n"
        "Aborted with 3 content errors."
    )



def test_article_no_path_reaches_is_a_warning(tmp_path):
    """A new article builds before the guide leads to it; the CLI's --strict refuses it."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    tree = content / TREE
    text = tree.read_text(encoding="utf-8").replace("        next: to-beta\n", "        next: to-alpha\n", 1)
    tree.write_text(text[: text.index("  to-beta:")], encoding="utf-8")  # the outcome leading to beta is gone
    loaded = load_content(content, "", LANGS)
    assert [str(w) for w in loaded.warnings] == [
        "content/scenarios/beta.yml:1: id: warning: no path of the decision guide leads to this article\n"
        "    add an outcome for it in content/decision-tree.yml, or write reference_only: true "
        "if readers only reach it from other articles"]
