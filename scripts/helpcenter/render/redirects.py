"""Pages at former addresses (a former article id, a replaced guide node) that send readers on."""

from __future__ import annotations

from ..guide import former_node_ids
from ..model import Content
from ..text import plain
from ..urls import article_url, page_url
from .common import environment
from .guide import guide_titles


def _alternates(languages, url_of) -> dict[str, str]:
    """Every language's address of a page, and x-default: the default language's, as MkDocs pages have."""
    return {**{other: url_of(other) for other in languages.built}, "x-default": url_of(languages.default)}


def render_redirects(content: Content, lang: str) -> dict[str, str]:
    """HTML pages at each former id, sending readers (and their #anchor) to the article."""
    template = environment().get_template("redirect.html.j2")
    pages = {}
    for sid, a in content.scenarios.items():
        for old in a.former_ids:
            pages[f"{content.languages.root(lang)}{old}/index.html"] = template.render(
                lang=lang, s=content.site["strings"], target=f"../{sid}/",
                canonical=article_url(content.site_url, content.languages, lang, sid),
                alternates=_alternates(content.languages, lambda other: article_url(content.site_url, content.languages, other, sid)),
                title=plain(content, a.title[lang], lang))
    if content.guide:  # a replaced guide node: its old address leads to the node that replaced it
        start = content.guide.start
        titles = guide_titles(content, lang)
        for old, nid in former_node_ids(content.guide):
            path = "guide/" if nid == start else f"guide/{nid}/"
            pages[f"{content.languages.root(lang)}guide/{old}/index.html"] = template.render(
                lang=lang, s=content.site["strings"], target="../" if nid == start else f"../{nid}/",
                canonical=page_url(content.site_url, content.languages, lang, path),
                alternates=_alternates(content.languages, lambda other: page_url(content.site_url, content.languages, other, path)),
                title=titles[nid])
    return pages
