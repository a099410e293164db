"""An outcome page of the guide says each thing once (issue 29, item 2): the rule on the
fixture help center, with its exact warnings; the real content is held to it by
tests/test_content_rules.py.

What counts, on an outcome page (/guide/<node>/), in each language: the texts it shows, in
their order (the node's title and verdict, then its article's summary and first three steps).
- A figure, that is a `{fact:NAME}` (figures are never typed: test_content_rules.py), quoted
  in two of them, or twice in one: a reader who meets "72 heures" three times in ten lines
  wonders whether they are three delays. The "À retenir" line is left out of the page when
  the texts above it quote its figure already.
- A sentence (ending in . ! ? …, of three words or more; case, spacing and end punctuation
  set aside) written twice: copied text, never a choice.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import LANGS, MINI, line_of
from helpcenter.render import render_site
from helpcenter.validate import load_content

SAID = "an outcome page says each thing once"
FIGURE_HINT = '    say it once: keep the figure where it answers best and write the other sentence without it ("that time", "ce délai")'


@pytest.fixture
def mini(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    return content


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_fixture_says_each_thing_once_and_hides_a_key_figure_already_said(mini):
    content = load_content(mini, "", LANGS)
    assert not [w for w in content.warnings if SAID in str(w)]
    pages = render_site(content, workers=1)
    # to-beta's verdict quotes {fact:window}, beta quotes no other figure: no "À retenir" line to repeat it.
    assert "hc-key-figure" not in pages["fr/guide/to-beta.md"].split('id="to-beta"')[1].split('<div class="hc-node')[0]


def test_a_figure_or_a_sentence_said_twice_on_an_outcome_page_is_a_warning(mini):
    tree, alpha = mini / "decision-tree.yml", mini / "scenarios/alpha.yml"
    _edit(tree, 'fr: "C\'est alpha."', 'fr: "Attendez {fact:window} avant tout."')
    _edit(alpha, 'fr: "Résumé alpha."', 'fr: "Attendez {fact:window} avant tout. Puis lisez."')
    warnings = [str(w) for w in load_content(mini, "", LANGS).warnings if SAID in str(w)]
    verdict = f"(content/decision-tree.yml:{line_of(tree, 'Attendez')}: nodes.to-alpha.verdict.fr)"
    assert warnings == [
        f"content/scenarios/alpha.yml:{line_of(alpha, 'Attendez')}: summary.fr: warning: the guide's page /guide/to-alpha/ "
        f"already shows the figure {{fact:window}} {verdict}: {SAID}\n" + FIGURE_HINT,
        f"content/scenarios/alpha.yml:{line_of(alpha, 'Attendez')}: summary.fr: warning: the guide's page /guide/to-alpha/ "
        f"already shows the sentence \"Attendez {{fact:window}} avant tout.\" {verdict}: {SAID}\n"
        "    say it once: rewrite or remove one of the two sentences",
        # The article's second step, shown on the page too, quotes it a third time.
        f"content/scenarios/alpha.yml:{line_of(alpha, 'Attendez {fact:window}.')}: steps[1].text.fr: warning: the guide's "
        f"page /guide/to-alpha/ already shows the figure {{fact:window}} {verdict}: {SAID}\n" + FIGURE_HINT,
    ]


def test_twice_in_one_text_counts_and_a_step_not_shown_does_not(mini):
    tree = mini / "decision-tree.yml"
    _edit(tree, 'fr: "C\'est alpha."', 'fr: "Sous {fact:delay}, puis encore sous {fact:delay}."')
    warnings = [str(w).split("\n")[0] for w in load_content(mini, "", LANGS).warnings if SAID in str(w)]
    line = line_of(tree, "Sous {fact:delay}")
    assert warnings == [f"content/decision-tree.yml:{line}: nodes.to-alpha.verdict.fr: warning: the guide's page "
                        f"/guide/to-alpha/ already shows the figure {{fact:delay}} (content/decision-tree.yml:{line}: "
                        f"nodes.to-alpha.verdict.fr): {SAID}"]
    # alpha's `after` quotes {fact:delay} too, but the page does not show `after`: no warning for it.


def test_strict_refuses_it(mini, tmp_path):
    import subprocess
    import sys

    from conftest import fixture_repo

    root = fixture_repo(tmp_path / "repo")
    _edit(root / "content/decision-tree.yml", 'fr: "C\'est alpha."', 'fr: "Attendez {fact:window}."')
    done = subprocess.run([sys.executable, "-m", "helpcenter", "--root", str(root), "check", "--strict"],
                          capture_output=True, text=True, cwd=root)
    assert done.returncode == 1
    assert f"nodes.to-alpha.verdict.fr" not in done.stdout
    assert f"steps[1].text.fr: warning: the guide's page /guide/to-alpha/ already shows the figure {{fact:window}}" in done.stderr
