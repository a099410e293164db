"""The agents' desk (docs/<lang>/agents/index.md) and its export for ticketing tools (/agents/articles.json)."""

from __future__ import annotations

import json

from ..guide import is_question
from ..model import Content
from ..schema import Fallback
from ..text import plain
from ..urls import article_url, page_url
from .common import marker_for, render_page
from .guide import guide_titles


def agents_data(content: Content) -> list[dict]:
    """What support agents need per article: addresses in every language, step anchors, replies."""
    out = []
    for sid, a in content.scenarios.items():
        out.append({
            "id": sid,
            "title": {lang: plain(content, a.title[lang], lang) for lang in content.languages.built},
            "urls": {lang: article_url(content.site_url, content.languages, lang, sid) for lang in content.languages.built},
            "steps": [{
                "id": step.id,
                "text": {lang: _kept(step.text[lang], plain(content, step.text[lang], lang)) for lang in content.languages.built},
                "urls": {lang: article_url(content.site_url, content.languages, lang, f"{sid}#{step.id}") for lang in content.languages.built},
            } for step in a.steps],
            "reply": {lang: _kept(a.agent_reply[lang], plain(content, a.agent_reply[lang], lang))
                      for lang in content.languages.built},
            "former_ids": list(a.former_ids),
        })
    return out


def _kept(text: str, shown: str) -> str:
    """``shown``, still marked a ``Fallback`` when ``text`` was one (the page marks its language)."""
    return Fallback(shown) if isinstance(text, Fallback) else shown


def agents_guide_data(content: Content) -> list[dict]:
    """Every point of the decision guide, with its address in every language (start first)."""
    guide = content.guide
    titles = {lang: guide_titles(content, lang) for lang in content.languages.built}
    order = [guide.start] + [nid for nid in guide.nodes if nid != guide.start]
    return [{
        "id": nid,
        "kind": "question" if is_question(guide.nodes[nid]) else "outcome",
        "article": None if is_question(guide.nodes[nid]) else guide.nodes[nid].outcome,
        "title": {lang: titles[lang][nid] for lang in content.languages.built},
        "urls": {lang: page_url(content.site_url, content.languages, lang, "guide/" if nid == guide.start else f"guide/{nid}/")
                 for lang in content.languages.built},
    } for nid in order]


def render_agents(content: Content, lang: str) -> str:
    """The agents' desk in ``lang``: every link in every language, ready to copy."""
    articles = [{**a, "title": content.scenarios[a["id"]].title,
                 "steps": [{**st, "text": st["text"][lang]} for st in a["steps"]],
                 "replies": a["reply"]} for a in agents_data(content)]
    # One export for every language, at /agents/articles.json.
    root = content.languages.root(lang)
    export_href = "../" * (root.count("/") + 1) + "agents/articles.json" if root else "articles.json"
    return render_page("agents.md.j2", content, lang, articles=articles, languages=content.languages.built, export_href=export_href,
                       guide_points=agents_guide_data(content),
                       marker=marker_for("content/scenarios/ (agent_reply)"))


def agents_export(content: Content) -> str:
    """/agents/articles.json: the desk's data for a ticketing tool (stable keys, sorted)."""
    return json.dumps({"site_url": content.site_url, "languages": list(content.languages.built),
                       "articles": agents_data(content), "guide": agents_guide_data(content)},
                      ensure_ascii=False, indent=2, sort_keys=True) + "\n"
