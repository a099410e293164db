"""The decision guide: one test per outcome, giving the answers that reach it.

Like GOV.UK smart answers: each outcome is reached from the start by the
answers a reader would click, in both languages, and its page says a key
phrase and links to the right article. The exact answers and phrases are
those of the fixture help center (tests/fixtures/mini): adding an outcome
there without a test here fails test_every_outcome_is_tested. The real
guide is held to the same rules, whatever its words, in
tests/test_content_rules.py (every outcome reached by the answers on its
path, its verdict shown, its article opened) and below (one node per page,
no overlapping boxes).
"""

from __future__ import annotations

import copy
import shutil
import re
from pathlib import Path

import pytest

from conftest import CONTENT, LANGS, ROOT
from helpcenter.diagram import layout
from helpcenter.guide import follow, is_question, path_to
from helpcenter.render import guide_meta, navigation, render_diagram, render_site
from helpcenter.text import plain
from helpcenter.validate import load_content

MINI = Path(__file__).parent / "fixtures" / "mini" / "content"
OTHER = "Something else", "Autre chose"

# outcome node: (answers (en, fr) from the start, article, key phrase of the English verdict)
OUTCOMES = {
    "to-alpha": ([("To alpha", "Vers alpha")], "alpha", "It is alpha."),
    "to-beta": ([OTHER, ("To beta", "Vers bêta")], "beta", "It is beta, within 72 hours."),
}


@pytest.fixture(scope="module")
def content():
    """The fixture help center, whose words these tests may quote."""
    return load_content(MINI, "", LANGS)


@pytest.fixture(scope="module")
def pages(content):
    return render_site(content)


@pytest.fixture(scope="module", params=["fixture", "real"])
def any_content(request):
    """For the rules that hold for any guide: the fixture's, and the real one."""
    return load_content(MINI if request.param == "fixture" else CONTENT, "", LANGS)


def test_every_outcome_is_tested(content):
    outcomes = {nid for nid, node in content.guide.nodes.items() if not is_question(node)}
    assert outcomes == set(OUTCOMES)


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_answers_lead_to_the_outcome(content, pages, outcome):
    answers, article, phrase = OUTCOMES[outcome]
    for lang, column in (("en", 0), ("fr", 1)):
        texts = [a[column] for a in answers]
        reached = follow(content.guide, texts, lang, lambda t: plain(content, t, lang))
        assert reached == outcome, f"{lang}: {texts} lead to {reached!r}"
    assert content.guide.nodes[outcome].outcome == article
    en = pages[f"en/guide/{outcome}.md"]
    assert phrase in en
    for lang in ("fr", "en"):
        assert f"](../{article}.md){{ .md-button .md-button--primary .hc-open }}" in pages[f"{lang}/guide/{outcome}.md"]


def test_the_other_path_to_a_shared_outcome(content):
    # Two questions lead to the alpha outcome.
    assert follow(content.guide, [OTHER[0], "Alpha too"], "en") == "to-alpha"
    assert follow(content.guide, [OTHER[1], "Alpha aussi"], "fr", lambda t: plain(content, t, "fr")) == "to-alpha"


def test_a_wrong_answer_names_the_question(content):
    with pytest.raises(KeyError, match="'second' has no answer 'Maybe'"):
        follow(content.guide, [OTHER[0], "Maybe"], "en")


def test_each_guide_page_shows_only_its_node(any_content):
    content, pages, guide = any_content, render_site(any_content), any_content.guide
    for lang in ("fr", "en"):
        for nid in guide.nodes:
            page = pages[f"{lang}/guide/{'index' if nid == guide.start else nid}.md"]
            shown = re.findall(r'<div class="hc-node [^>]*data-node="([^"]+)"(?![^>]* hidden)[^>]*>', page)
            assert shown == [nid]
            # the nodes one click away, for the script; never the whole guide (pages stay small)
            held = re.findall(r'<div class="hc-node [^>]*data-node="([^"]+)"', page)
            near = {nid, guide.start, guide.parent[nid]} - {None}
            if is_question(guide.nodes[nid]):
                near |= {a.next for a in guide.nodes[nid].answers}
            assert set(held) == near


def test_back_goes_to_the_question_before(content, pages):
    page = pages["en/guide/to-beta.md"]
    section = page.split('data-node="to-beta"')[1].split("</section>")[0]
    assert '[Back](second.md){ .hc-back data-next="second" }' in section
    assert '[Start over](index.md){ .hc-restart data-next="first" }' in section
    assert path_to(content.guide, "to-beta") == [("first", 1), ("second", 0)]


def test_articles_link_back_to_the_question_that_leads_to_them(pages):
    # The link's words are the guide's one name (its title).
    assert "Not sure? [Mini guide](guide/second.md)" in pages["en/beta.md"]
    assert "Vous hésitez\u00a0? [Guide mini](guide/index.md)" in pages["fr/alpha.md"]
    # An article no path reaches (reference only) sends readers to the start.
    assert "(guide/index.md)" in pages["fr/delta.md"]


def test_guide_is_second_in_the_menu(content):
    # Under the guide's one name, its title.
    assert navigation(content, "fr")[:2] == [{"Accueil": "index.md"}, {"Guide mini": "guide/index.md"}]
    assert navigation(content, "en")[1] == {"Mini guide": "guide/index.md"}


def test_page_titles_and_search(content):
    meta = guide_meta(content, "en")
    assert meta["guide/index.md"]["title"] == "Mini guide"
    assert "search" not in meta["guide/index.md"]
    # No table of contents, no Previous/Next footer, no permalink (hc_guide).
    assert meta["guide/second.md"] == {"title": "Second question?", "hide": ["toc", "footer"],
                                       "search": {"exclude": True}, "hc_guide": True, "description": "Two questions.",
                                       "hc_script": "guide.js"}  # its script, on its pages only
    # An outcome is titled by its own heading, else by its article's one name (its full title).
    assert guide_meta(content, "fr")["guide/to-beta.md"]["title"] == "Titre bêta"


def test_diagram_in_both_languages(content, pages):
    for lang, title in (("fr", "Voir tout le guide en un schéma"), ("en", "See the whole guide as a diagram")):
        svg = render_diagram(content, lang)
        assert f'<title id="hc-diagram-title-{lang}">{title}</title>' in svg
        assert f'aria-labelledby="hc-diagram-title-{lang} hc-diagram-desc-{lang}"' in svg
        hrefs = re.findall(r'<a href="([^"]+)"', svg)
        assert sorted(hrefs) == sorted(["./"] + [f"{n}/" for n in content.guide.nodes if n != content.guide.start])
        assert svg in pages[f"{lang}/guide/index.md"]
        assert "<svg" not in pages[f"{lang}/guide/second.md"]
    # The answers label the arrows, by their short form when they have one.
    en = render_diagram(content, "en")
    assert ">Other</text>" in en and ">To beta</text>" in en
    # Long texts are wrapped into lines, and escaped.
    long = copy.deepcopy(content)
    long.guide.nodes["second"].question["en"] = "Has the seller shipped the order & <is it> late?"
    en = render_diagram(long, "en")
    assert re.search(r'>Has the seller shipped</tspan><tspan x="[\d.]+" dy="16">the order &amp; &lt;is it&gt;', en)


def test_diagram_boxes_never_overlap(any_content):
    guide = any_content.guide
    labels = {n: n for n in guide.nodes}
    answers = {(n, i): "x" for n, node in guide.nodes.items() if is_question(node) for i in range(len(node.answers))}
    d = layout(guide, labels, answers, {n: n for n in guide.nodes})
    boxes = d["nodes"]
    for a in boxes:
        assert 0 <= a["x"] and a["x"] + a["w"] <= d["width"] and 0 <= a["y"] and a["y"] + a["h"] <= d["height"]
        for b in boxes:
            if a is not b:
                apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or \
                        a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
                assert apart, f"{a['id']} overlaps {b['id']}"
    # Every arrow points right: a node's column is after all the questions that lead to it.
    x = {b["id"]: b["x"] for b in boxes}
    for nid, node in guide.nodes.items():
        for answer in node.answers if is_question(node) else ():
            assert x[answer.next] > x[nid]


def test_script_is_small_and_speaks_no_language():
    script = (ROOT / "docs" / "assets" / "guide.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)
    assert len("\n".join(l.strip() for l in code.splitlines() if l.strip()).encode()) < 8 * 1024  # comments aside
    strings = set(re.findall(r'"([^"]*)"', code))
    # Only selectors, attribute and event names: no word a reader would see.
    assert strings <= {"use strict", ".hc-guide", ".hc-live", ".hc-node[data-node]", "data-node", "a[data-next]",
                       ".hc-node[data-node]:not([hidden])", "data-title", ".hc-heading", ".hc-heading__text", "", "click",
                       "data-next", "hc-back", "popstate", "#", "href", "a[href]", "a[hreflang]", "link[rel~='icon'][href]", "aria-busy", "true",
                       "text/html", "/", " ", ".hc-answers", ".hc-your-answers", ".hc-your-answers__answer",
                       ".hc-your-answers__row", "\\u0000", "\\u0001", "a", "dd", "div", "dl", "dt", "span", "data-change",
                       "hc-visually-hidden", "hc-your-answers__answer", "hc-your-answers__change",
                       "hc-your-answers__row"}, strings


def test_a_replaced_node_keeps_its_address(tmp_path):
    """A node that replaced published ones (former_ids): each old address, in
    each language, is a redirect page to it and a _redirects line."""
    from helpcenter.hosting import former_id_redirects
    from helpcenter.render import render_redirects

    shutil.copytree(MINI, tmp_path / "content")
    tree = tmp_path / "content" / "decision-tree.yml"
    text = tree.read_text(encoding="utf-8")
    tree.write_text(text.replace("  second:\n    question:", "  second:\n    former_ids:\n      - paid\n    question:", 1),
                    encoding="utf-8")
    content = load_content(tmp_path / "content", "", LANGS)
    fr, en = render_redirects(content, "fr"), render_redirects(content, "en")
    assert '<meta http-equiv="refresh" content="0; url=../second/">' in fr["guide/paid/index.html"]
    assert "Deuxième question ?</a>" in fr["guide/paid/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../second/">' in en["en/guide/paid/index.html"]
    assert "Second question?" in en["en/guide/paid/index.html"]
    pairs = former_id_redirects(content)
    assert ("/guide/paid/", "/guide/second/") in pairs and ("/en/guide/paid/", "/en/guide/second/") in pairs
    # Without former_ids, no guide redirect at all.
    assert not [p for p in render_redirects(load_content(MINI, "", LANGS), "fr") if p.startswith("guide/")]
