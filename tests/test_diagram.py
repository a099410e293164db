"""The guide's diagram on small fixture trees: no two boxes with the same
label, no arrow through an answer label or a box; and the paths a page
without JavaScript can print as "Your answers"."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGS
from helpcenter import model
from helpcenter.diagram import box_crossings, distinct_labels, label_crossings, layout
from helpcenter.guide import is_question, only_paths
from helpcenter.model import Guide
from helpcenter.validate import load_content

MINI = Path(__file__).parent / "fixtures" / "mini" / "content"


def file_nodes(start: str, questions: dict[str, list[str]], outcomes: dict[str, str]) -> dict:
    """Guide nodes as the file holds them once checked: ``questions`` maps a
    question to the nodes its answers lead to; ``outcomes`` maps an outcome to its article."""
    nodes = {q: {"question": {"en": q}, "answers": [{"answer": {"en": n}, "next": n} for n in nexts]}
             for q, nexts in questions.items()}
    nodes.update({o: {"outcome": article, "verdict": {"en": article}} for o, article in outcomes.items()})
    return nodes


def tree(start: str, questions: dict[str, list[str]], outcomes: dict[str, str]) -> Guide:
    """The same nodes as the model's guide records, which the layout reads."""
    nodes = {nid: model.node(nid, data) for nid, data in file_nodes(start, questions, outcomes).items()}
    return Guide(title={"en": start}, intro={"en": ""}, start=start, nodes=nodes, parent={}, only_path={}, source="")


# Two outcomes of the same article (same label); an answer that skips a column
# (a -> x crosses the column of b); a question with five answers; a long label.
SHARED = tree("a", {"a": ["b", "x", "c", "d", "e"], "b": ["x", "y", "z"]},
              {"x": "Unpaid order", "y": "Unpaid order", "z": "Shipped", "c": "Coupons", "d": "Late", "e": "Unpaid order"})
WIDE_SHAPE = ("q1", {"q1": ["q2", "q3", "o4"], "q2": ["q3", "o1"], "q3": ["o2", "o3", "o4"]},
              {"o1": "One", "o2": "Two", "o3": "Three", "o4": "Four"})
WIDE = tree(*WIDE_SHAPE)


def labels_of(guide: Guide, outcome_label=lambda node: node.outcome):
    nodes = guide.nodes
    box = {n: (f"Question {n}?" if is_question(node) else outcome_label(node)) for n, node in nodes.items()}
    answers = {(n, i): f"answer {i} of {n}" + (" and a few more words" if i == 1 else "")
               for n, node in nodes.items() if is_question(node) for i in range(len(node.answers))}
    return box, answers


def mini_guide():
    return load_content(MINI, "", LANGS).guide


@pytest.mark.parametrize("guide", [SHARED, WIDE, "mini"], ids=["shared", "wide", "mini"])
def test_no_two_boxes_share_a_label(guide):
    guide = mini_guide() if guide == "mini" else guide
    # Every outcome labelled by its article's name: the worst case.
    box, answers = labels_of(guide, lambda node: "Same article")
    d = layout(guide, box, answers, {n: n for n in guide.nodes})
    shown = [" ".join(b["lines"]) for b in d["nodes"]]
    assert len(set(shown)) == len(shown), shown


def test_a_shared_label_is_completed_by_the_answer_that_leads_there():
    box, answers = labels_of(SHARED)
    out = distinct_labels(SHARED, box, answers)
    assert out["x"] == "Unpaid order (answer 1 of a and a few more words)"
    assert out["y"] == "Unpaid order (answer 1 of b and a few more words)"
    assert out["e"] == "Unpaid order (answer 4 of a)"
    assert out["z"] == "Shipped"  # a label used once is left alone
    # When the answers are the same words too, a number tells the boxes apart.
    same = {k: "Yes" for k in answers}
    out = distinct_labels(SHARED, box, same)
    assert len(set(out.values())) == len(out)
    assert out["x"] == "Unpaid order (Yes) 1"


@pytest.mark.parametrize("guide", [SHARED, WIDE, "mini"], ids=["shared", "wide", "mini"])
def test_no_arrow_runs_through_a_label_or_a_box(guide):
    guide = mini_guide() if guide == "mini" else guide
    box, answers = labels_of(guide)
    d = layout(guide, box, answers, {n: n for n in guide.nodes})
    assert label_crossings(d) == []
    assert box_crossings(d) == []
    # Each label sits beside its own arrow: above its first straight stretch.
    for edge in d["edges"]:
        x1, x2, y = edge["runs"][0]
        assert x1 <= edge["lx"] and edge["lx"] + edge["lw"] <= x2 and edge["ly"] < y


def test_the_checks_see_a_label_on_a_line():
    # The rule the layout keeps is a real check: a label moved down onto
    # its own arrow, or an arrow moved across a box, is reported.
    box, answers = labels_of(WIDE)
    d = layout(WIDE, box, answers, {n: n for n in WIDE.nodes})
    d["edges"][0]["ly"] += 8
    assert label_crossings(d) == [("answer 0 of q1", 0)]
    q2 = next(b for b in d["nodes"] if b["id"] == "q2")
    d["edges"][1]["runs"].append((q2["x"], q2["x"] + q2["w"], q2["y"] + q2["h"] / 2))
    assert ("q2", "answer 1 of q1 and a few more words") in box_crossings(d)


def test_only_path_is_known_where_one_path_leads():
    paths = only_paths(file_nodes(*WIDE_SHAPE), "q1")
    assert paths["q1"] == []
    assert paths["q2"] == [("q1", 0)]
    assert paths["o1"] == [("q1", 0), ("q2", 1)]
    assert paths["q3"] is None            # q1 -> q3, and q1 -> q2 -> q3
    assert paths["o2"] is None            # after q3, the way is unknown too
    assert paths["o4"] is None            # two answers lead there
    mini = mini_guide()
    assert mini.only_path["to-beta"] == (("first", 1), ("second", 0))
    assert mini.only_path["to-alpha"] is None
