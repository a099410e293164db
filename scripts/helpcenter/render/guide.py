"""The decision guide's pages (docs/<lang>/guide/<node>.md) and its diagram."""

from __future__ import annotations

import html

from ..diagram import layout
from ..guide import FIRST_STEPS, is_question
from ..model import Content, Guide, Outcome, facts_quoted
from ..text import escape, fact_text, plain
from .common import environment, marker_for, render_page


def guide_page(content: Content, nid: str, prefix: str = "") -> str:
    """Markdown link target of a guide node: the start is the guide's index page."""
    return f"{prefix}{'index' if nid == content.guide.start else nid}.md"


def outcome_title(content: Content, node: Outcome) -> dict:
    """An outcome's heading: its own title (the reader's situation, as their
    answers said it), else the title of its article."""
    return node.title or content.scenarios[node.outcome].title


def _heading(content: Content, node) -> dict:
    """A node's heading: a question's words, an outcome's title."""
    return node.question if is_question(node) else outcome_title(content, node)


def guide_titles(content: Content, lang: str) -> dict[str, str]:
    """Plain title of each guide node: the page title, and what JavaScript puts in the tab.

    The first page is titled by the guide's one name; a question by itself;
    an outcome by its heading.
    """
    guide, titles = content.guide, {}
    for nid, node in guide.nodes.items():
        text = guide.title[lang] if nid == guide.start else _heading(content, node)[lang]
        titles[nid] = plain(content, text, lang)
    return titles


def render_diagram(content: Content, lang: str) -> str:
    """The whole guide as inline SVG, for the guide's first page (docs/<lang>/guide/index.md)."""
    guide = content.guide
    labels = {nid: plain(content, _heading(content, node)[lang], lang) for nid, node in guide.nodes.items()}
    answers = {(nid, i): plain(content, a.short[lang], lang)
               for nid, node in guide.nodes.items() if is_question(node)
               for i, a in enumerate(node.answers)}
    # The diagram is raw HTML, which MkDocs does not rewrite: these are
    # final addresses, relative to /guide/ (use_directory_urls: true).
    hrefs = {nid: "./" if nid == guide.start else f"{nid}/" for nid in guide.nodes}
    d = layout(guide, labels, answers, hrefs)
    s = content.site["strings"]
    return environment().get_template("diagram.svg.j2").render(
        d=d, lang=lang, title=plain(content, s["guide-diagram"][lang], lang),
        desc=plain(content, s["guide-diagram-desc"][lang], lang)).strip()


def guide_neighbours(guide: Guide, nid: str) -> list[str]:
    """The nodes a guide page holds: its own, and those one click away
    (answers, Back, Start over), in the guide's order. Bounded by the number
    of answers, so pages stay small however large the guide grows."""
    node = guide.nodes[nid]
    near = {nid, guide.start}
    if guide.parent[nid]:
        near.add(guide.parent[nid])
    if is_question(node):
        near.update(a.next for a in node.answers)
    return [n for n in guide.nodes if n in near]


# How many of its article's steps an outcome page shows (the rest is one link away):
# the guide's rules check those (guide.said_once).
GUIDE_FIRST_STEPS = FIRST_STEPS


def your_answers(guide: Guide, nid: str) -> list[dict]:
    """The answers that necessarily lead to ``nid`` (its only path from the
    start), as rows ``{question, answer, node}``; [] when several paths lead
    there (a page without JavaScript cannot know which one its reader took)."""
    return [{"node": q, "question": guide.nodes[q].question, "answer": guide.nodes[q].answers[i].answer}
            for q, i in guide.only_path[nid] or []]


def outcome_facts(content: Content, node: Outcome, lang: str) -> dict:
    """What an outcome page says: the article's first steps and key figure.

    The key figure is the first figure the verdict quotes, else the first
    one the article quotes (summary, steps, after, warnings, details), leaving
    out those the page shows already (its title, verdict, the summary, the
    steps shown): a page says each figure once. None when no figure is left.
    """
    article = content.scenarios[node.outcome]
    body = [article.summary]
    for step in article.steps:
        body += [step.text] + ([step.note] if step.note is not None else [])
    body += [*article.after, *article.warnings]
    for detail in article.details:
        body += [detail.title, *detail.paragraphs]
    steps = article.steps[:GUIDE_FIRST_STEPS]
    shown = facts_quoted([t for t in (node.title, node.verdict, article.summary, *(s.text for s in steps)) if t])
    # A page says each figure once (guide.said_once): the first one its texts do not show already.
    names = [name for name in facts_quoted([node.verdict]) + facts_quoted(body) if name not in shown]
    figure = None
    if names:
        fact = content.facts[names[0]]
        figure = {"label": fact.label, "value": escape(fact_text(content, names[0], lang), line_start=False)}
    return {"article": article, "steps": steps, "figure": figure}


def render_guide_page(content: Content, nid: str, lang: str, titles: dict[str, str] | None = None) -> str:
    """One page per guide node: ``nid`` shown, the nodes one click away hidden.

    Without JavaScript each page is one step and answers are plain links;
    with it, guide.js swaps the shown node in place, and fetches the page of
    a node that is further away (see docs/assets/guide.js).
    """
    guide = content.guide
    is_start = nid == guide.start
    nodes = {n: guide.nodes[n] for n in guide_neighbours(guide, nid)}
    titles = titles or guide_titles(content, lang)
    return render_page("guide.md.j2", content, lang, guide=guide, nodes=nodes, current=nid, base="../",
                       titles=titles, page_of=lambda n: guide_page(content, n),
                       heading_of=lambda n: _heading(content, guide.nodes[n]),
                       answers_of=lambda n: your_answers(guide, n),
                       outcome_of=lambda n: outcome_facts(content, guide.nodes[n], lang),
                       plain_of=lambda text: html.escape(plain(content, text[lang], lang)),
                       diagram=render_diagram(content, lang) if is_start else "",
                       diagram_label=plain(content, content.site["strings"]["guide-diagram"][lang], lang),
                       marker=marker_for(guide.source))
