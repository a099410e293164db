"""The editors' tools say what is true (issue 29, item 6): the exact lines an editor reads.

- ``check`` names the texts a draft language lacks (a count and the first few per language),
  a warning even with --strict (a draft is not published);
- a YAML indentation mistake is reported at the line the editor got wrong;
- a second ``build`` with nothing changed rebuilds nothing and says so in one line.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import copy_repo, fixture_repo
from test_trio import trio_repo

ENV_NO_BROWSER = {"HELPCENTER_CHROMIUM": "/nonexistent", "CI": ""}


def _cli(root, *args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "helpcenter", "--root", str(root), *args], capture_output=True,
                          text=True, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


DE_GAPS = ("warning: de (German, draft): 117 texts missing; until they are written, the preview shows the French ones\n"
           "    content/decision-tree.yml:3: title.de\n"
           "    content/decision-tree.yml:7: intro.de\n"
           "    content/decision-tree.yml:14: nodes.first.question.de\n"
           "    content/decision-tree.yml:19: nodes.first.answers[0].answer.de\n"
           "    content/decision-tree.yml:24: nodes.first.answers[1].answer.de\n"
           "    ... and 112 more: `make translations-status` lists every one\n")


@pytest.fixture
def trio(tmp_path):
    root = trio_repo(tmp_path / "repo")
    assert _cli(root, "translations", "confirm").returncode == 0  # every translation reviewed
    return root


def test_check_lists_what_a_draft_language_lacks_as_a_warning_even_strict(trio):
    for strict in ((), ("--strict",)):
        checked = _cli(trio, "check", *strict)
        assert checked.returncode == 0, checked.stderr
        assert checked.stderr == DE_GAPS
        assert checked.stdout == "content OK: 3 articles, 3 figures, 2 labels (draft: de lacks 117 texts: see above)\n"
    # The preview lists every one instead, each with its line (and no summary).
    preview = _cli(trio, "check", "--preview")
    assert "warning: de (German, draft)" not in preview.stderr
    assert len([line for line in preview.stderr.splitlines() if "missing the German text" in line]) > 100
    assert preview.stdout == "content OK: 3 articles, 3 figures, 2 labels\n"


def test_a_published_language_missing_a_text_stays_an_error(trio):
    alpha = trio / "content/scenarios/alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace('  es: "ES Alpha title"\n', "", 1), encoding="utf-8")
    refused = _cli(trio, "check", "--strict")
    assert refused.returncode == 1
    assert refused.stderr == ("content/scenarios/alpha.yml:4: title.es: missing the Spanish text\n"
                              '    write every language: {fr: "...", en: "...", es: "..."}\n'
                              "Aborted with 1 content error.\n")
