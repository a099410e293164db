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

from .. import forked
from .. import checklist as sheet
from ..model import Content
from .agents import agents_data, agents_export, agents_guide_data, render_agents  # noqa: F401
from .articles import render_article, render_home  # noqa: F401
from .checklists import checklist_ids, render_checklist, render_checklist_index  # noqa: F401
from .common import MARKER_PREFIX, TEMPLATES, environment, marker_for  # noqa: F401
from .guide import (GUIDE_FIRST_STEPS, guide_neighbours, guide_page, guide_titles, outcome_facts,  # noqa: F401
                    outcome_title, render_diagram, render_guide_page, your_answers)
from .nav import guide_meta, navigation, page_meta, without_permalinks  # noqa: F401
from .redirects import render_redirects  # noqa: F401


def render_site(content: Content, workers: int | None = None, qr: sheet.QrCodes | None = None) -> dict[str, str]:
    """Every generated page: ``{"fr/unpaid-order.md": "...", ...}`` (paths under docs/).

    The languages are rendered side by side in forked processes (helpcenter/forked.py):
    ``workers`` of them (None: one per core, for content of ``PARALLEL_FROM`` articles or
    more; 1: this process alone). The pages are the same, in the same order.
    ``qr``: the QR codes known before, and where those this rendering uses are added
    (pipeline.py keeps them for the next build); None: made afresh, kept nowhere."""
    qr = sheet.QrCodes() if qr is None else qr
    langs = list(content.languages.built)
    count = (forked.workers(len(content.scenarios), PARALLEL_FROM, len(langs)) if workers is None
             else max(1, min(workers, len(langs))))
    if count <= 1:
        return _render_languages(content, langs, qr)[0]
    parts = [langs[i::count] for i in range(count)]
    for name in environment().list_templates(extensions=["j2"]):  # compiled once, before the children start
        environment().get_template(name)
    made = forked.in_parts(lambda part: _render_languages(content, part, qr), parts)
    by_lang = {}
    for pages, codes, used in made:
        qr.known.update(codes)  # the codes a child made, kept for the next build (pipeline.py)
        qr.used.update(used)
        for rel, text in pages.items():
            by_lang.setdefault(rel.split("/", 1)[0], {})[rel] = text
    return {rel: text for lang in langs for rel, text in by_lang.get(lang, {}).items()}


# From this many articles on, the languages are rendered in processes of their own
# (a cold `make site` renders while the language builds wait for the Markdown).
PARALLEL_FROM = 50


def _render_languages(content: Content, langs: list[str], qr: sheet.QrCodes
                      ) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """The pages of ``langs``, and the QR codes they use (``{key: svg}``, and their keys):
    ``qr`` is filled here, but a forked child's copy of it must be handed back."""
    pages = {}
    before = set(qr.used)
    for lang in langs:
        pages.update(_language_pages(content, lang, qr))
    used = qr.used - before
    return pages, qr.of_used(used), used


def _language_pages(content: Content, lang: str, qr: sheet.QrCodes) -> dict[str, str]:
    """The pages of one language, in the order docs/ gets them."""
    pages = {f"{lang}/index.md": render_home(content, lang)}
    for sid in content.scenarios:
        pages[f"{lang}/{sid}.md"] = render_article(content, sid, lang)
    pages[f"{lang}/agents/index.md"] = render_agents(content, lang)
    if checklist_ids(content):
        pages[f"{lang}/{sheet.FOLDER}/index.md"] = render_checklist_index(content, lang)
    for sid in checklist_ids(content):
        pages[f"{lang}/{sheet.FOLDER}/{sid}.md"] = render_checklist(content, sid, lang, qr)
    titles = guide_titles(content, lang)
    for nid in content.guide.nodes:
        pages[f"{lang}/{guide_page(content, nid, 'guide/')}"] = render_guide_page(content, nid, lang, titles)
    return pages
