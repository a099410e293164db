"""Printable checklist sheets (docs/<lang>/checklists/<id>.md) and their index page."""

from __future__ import annotations

from .. import checklist as sheet
from ..model import Content
from ..text import escape, fact_text, format_date
from ..urls import article_url
from .common import articles_by_section, marker_for, render_page


def render_checklist(content: Content, sid: str, lang: str, qr: sheet.QrCodes) -> str:
    """The print-ready sheet of one article: docs/<lang>/checklists/<id>.md, with its address and
    QR code (from ``qr``, or made and added to it)."""
    article = content.scenarios[sid]
    figures = [{"label": content.facts[n].label, "value": escape(fact_text(content, n, lang), line_start=False)}
               for n in sheet.sheet_facts(content, article)]
    url = article_url(content.site_url, content.languages, lang, sid)
    online = {"url": url, "qr": qr.svg(url, title=url)}
    verified = sheet.verified_on(content, sheet.sheet_facts(content, article))
    return render_page("checklist.md.j2", content, lang, a=article, sid=sid, base="../", figures=figures,
                       checked=format_date(content, sheet.checked_on(content, article), lang), online=online,
                       verified=format_date(content, verified, lang) if verified else None,
                       marker=marker_for(content.sources[sid]))


def render_checklist_index(content: Content, lang: str) -> str:
    """docs/<lang>/checklists/index.md: every sheet, grouped as on the home page."""
    return render_page("checklists.md.j2", content, lang, base="../",
                       sections=articles_by_section(content, lambda a: bool(a.checklist)),
                       marker=marker_for("content/scenarios/"))


def checklist_ids(content: Content) -> list[str]:
    """Articles that have a printable checklist, in reading order."""
    return [sid for sid, a in content.scenarios.items() if a.checklist]
