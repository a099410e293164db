"""Article pages (docs/<lang>/<id>.md) and the home page that lists them."""

from __future__ import annotations

from .. import checklist as sheet
from ..guide import entry_for
from ..model import Content, facts_quoted
from ..text import format_date
from .common import articles_by_section, marker_for, render_page
from .guide import guide_page


def render_article(content: Content, sid: str, lang: str) -> str:
    article = content.scenarios[sid]
    names = facts_quoted(article.texts())
    figures = None
    if names:
        oldest = min(content.facts[n].checked for n in names)
        verified = sheet.verified_on(content, names)
        figures = {"checked": format_date(content, oldest, lang), "names": names,
                   "verified": format_date(content, verified, lang) if verified else None}
    section = next(sec for sec in content.site["sections"] if sec["id"] == article.section)
    return render_page("article.md.j2", content, lang, a=article, figures=figures, section=section,
                       guide_link=guide_page(content, entry_for(content.guide, sid), "guide/"),
                       marker=marker_for(content.sources[sid]))


def render_home(content: Content, lang: str) -> str:
    return render_page("home.md.j2", content, lang, sections=articles_by_section(content),
                       has_guide=bool(content.guide), marker=marker_for("content/site.yml and content/scenarios/"))
