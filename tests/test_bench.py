"""`make bench` measures the real content as an editor changes it, whatever the content
says: the article it edits and weighs, and the one-word edit it makes, are found in the
content, never named by their wording (scripts/bench.py)."""

from __future__ import annotations

import shutil
import sys

from conftest import LANGS, MINI, ROOT
from helpcenter.validate import load_content

sys.path.insert(0, str(ROOT / "scripts"))
import bench  # noqa: E402

URL = "https://help.example.org/"


def _texts(content) -> dict:
    return {(sid, i, lang): text for sid, a in content.scenarios.items()
            for i, step in enumerate(a.steps) for lang, text in step.text.items()}


def test_the_bench_adds_one_word_to_the_first_step_of_the_measured_article(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "content")
    # The fixture has no `shipped-order`: the first article file with steps is measured.
    article, source = bench.measured_article(repo)
    assert (article, source) == ("alpha", repo / "content" / "scenarios" / "alpha.yml")
    text = source.read_text(encoding="utf-8")
    before = _texts(load_content(repo / "content", URL, LANGS))
    source.write_text(bench.with_word(text, "vraiment"), encoding="utf-8")
    # One line of one file changed, and it still loads: the step's French text has one more word.
    lines = zip(text.splitlines(), source.read_text(encoding="utf-8").splitlines(), strict=True)
    assert len([1 for a, b in lines if a != b]) == 1
    after = _texts(load_content(repo / "content", URL, LANGS))
    old, new = before[("alpha", 0, "fr")], after[("alpha", 0, "fr")]
    assert new.split() == old.split()[:1] + ["vraiment"] + old.split()[1:]
    # Every other text is as it was (an article that shows this step shows the new words).
    assert {k: v for k, v in after.items() if v != new} == {k: v for k, v in before.items() if v != old}

def test_the_article_named_for_comparable_runs_is_measured_while_the_content_has_it(tmp_path):
    scenarios = tmp_path / "content" / "scenarios"
    shutil.copytree(MINI / "scenarios", scenarios)
    (scenarios / "delta.yml").rename(scenarios / f"{bench.MEASURED_ARTICLE}.yml")
    assert bench.measured_article(tmp_path)[0] == bench.MEASURED_ARTICLE
