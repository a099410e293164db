"""Stage 3: the content model -> pages, per language, one module per page type.

``render_site`` is the one entry point of the pipeline; each module renders
one type of page as a small pure function of the model and one language:

    articles    article pages and the home page
    guide       the decision guide's pages and its diagram
    checklists  printable sheets and their index
    agents      the agents' desk and its JSON export
    redirects   pages at former addresses
    nav         MkDocs' nav and each page's meta
    common      the Jinja environment and what every type shares
"""

from __future__ import annotations

from .. import LANGUAGES
from .. import checklist as sheet
from ..model import Content
from .agents import agents_data, agents_export, agents_guide_data, render_agents  # noqa: F401
from .articles import render_article, render_home  # noqa: F401
from .checklists import checklist_ids, render_checklist, render_checklist_index  # noqa: F401
from .common import MARKER_PREFIX, TEMPLATES, marker_for  # noqa: F401
from .guide import (GUIDE_FIRST_STEPS, guide_neighbours, guide_page, guide_titles, outcome_facts,  # noqa: F401
                    outcome_title, render_diagram, render_guide_page, your_answers)
from .nav import guide_meta, navigation, page_meta, without_permalinks  # noqa: F401
from .redirects import render_redirects  # noqa: F401


def render_site(content: Content) -> dict[str, str]:
    """Every generated page: ``{"fr/unpaid-order.md": "...", ...}`` (paths under docs/)."""
    pages = {}
    for lang in LANGUAGES:
        pages[f"{lang}/index.md"] = render_home(content, lang)
        for sid in content.scenarios:
            pages[f"{lang}/{sid}.md"] = render_article(content, sid, lang)
        pages[f"{lang}/agents/index.md"] = render_agents(content, lang)
        if checklist_ids(content):
            pages[f"{lang}/{sheet.FOLDER}/index.md"] = render_checklist_index(content, lang)
        for sid in checklist_ids(content):
            pages[f"{lang}/{sheet.FOLDER}/{sid}.md"] = render_checklist(content, sid, lang)
        titles = guide_titles(content, lang)
        for nid in content.guide.nodes:
            pages[f"{lang}/{guide_page(content, nid, 'guide/')}"] = render_guide_page(content, nid, lang, titles)
    return pages
