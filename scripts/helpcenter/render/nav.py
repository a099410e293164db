"""What MkDocs gets beside the pages: each language's ``nav``, and the meta of each generated page."""

from __future__ import annotations

import re

from .. import checklist as sheet
from ..model import Content
from ..text import plain
from .checklists import checklist_ids
from .guide import guide_page, guide_titles


def navigation(content: Content, lang: str, hand_written: list[str] = ()) -> list:
    """MkDocs ``nav`` for one language: home, each section's articles, then hand-written pages.

    Hand-written pages (``docs/<lang>/*.md`` without the marker) come last,
    titled by their own first heading.
    """
    nav: list = [{content.site["strings"]["home-link"][lang]: "index.md"},
                 {plain(content, content.guide.title[lang], lang): "guide/index.md"}]
    for section in content.site["sections"]:
        items = [{a.short_title[lang]: f"{sid}.md"} for sid, a in content.scenarios.items()
                 if a.section == section["id"]]
        if items:
            nav.append({section["title"][lang]: items})
    if checklist_ids(content):  # the index only: each sheet is one click from it and from its article
        nav.append({content.site["strings"]["checklist-nav"][lang]: f"{sheet.FOLDER}/index.md"})
    nav.extend(hand_written)
    return nav


def page_meta(content: Content, lang: str) -> dict[str, dict]:
    """MkDocs page meta of each generated page, keyed by its path under docs/<lang>/.

    Generated pages carry the marker on their first line, so they cannot
    start with front matter: the hook applies this instead.
    """
    strings = content.site["strings"]
    out = {"index.md": {"description": plain(content, content.site["home"]["intro"][lang], lang)}}
    for sid, article in content.scenarios.items():
        # meta.title is the name Material prints in the tab and the header;
        # the menu keeps the nav's short title (page.title).
        out[f"{sid}.md"] = {"description": plain(content, article.summary[lang], lang),
                            "title": plain(content, article.title[lang], lang)}
        if article.checklist:
            title = strings["checklist"][lang]
            # A sheet is a page to print: no side navigation or table of contents
            # on screen, and no duplicate of its article in the search results.
            out[f"{sheet.FOLDER}/{sid}.md"] = {
                "description": plain(content, article.summary[lang], lang),
                "hide": ["navigation", "toc"],
                "search": {"exclude": True},
                "hc_script": "checklist.js",  # its Print button (overrides/main.html loads it)
                "title": f"{plain(content, article.title[lang], lang)} – {plain(content, title, lang)}",
            }
    if checklist_ids(content):
        out[f"{sheet.FOLDER}/index.md"] = {
            "description": plain(content, strings["checklist-index-intro"][lang], lang)}
    desk = plain(content, strings["agents-title"][lang], lang)
    # The title too: the page starts with the marker, not its heading, so MkDocs would call it "Index".
    out["agents/index.md"] = {"title": desk, "description": desk, "search": {"exclude": True}, "robots": "noindex",
                               "hc_script": "helpcenter.js"}  # its copy buttons and filter
    out.update(guide_meta(content, lang))
    return out


def guide_meta(content: Content, lang: str) -> dict[str, dict]:
    """Page metadata of the guide's pages, keyed by their path under docs/<lang>/.

    Each node page is titled by its node (the tab and the history list say
    where the reader is); only the first page is in search results, as
    every page holds the whole guide.
    """
    intro = plain(content, content.guide.intro[lang], lang)
    out = {}
    for nid, title in guide_titles(content, lang).items():
        # No Previous/Next footer: it would read like the guide's next step.
        meta = {"title": title, "description": intro, "hide": ["toc", "footer"], "hc_guide": True,
                "hc_script": "guide.js"}  # one question at a time (the pages work without it)
        if nid != content.guide.start:
            meta["search"] = {"exclude": True}
        out[guide_page(content, nid, "guide/")] = meta
    return out


_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*"(?: title="[^"]*")?>[^<]*</a>')


def without_permalinks(page_html: str) -> str:
    """A guide page's headings have no "¶" permalink: on the question it
    sat between the question and its answers (one more Tab stop), and each
    node already has its own address."""
    return _PERMALINK.sub("", page_html)
