"""Stage 3: the content model -> Markdown pages, per language.

Presentation lives in templates/*.md.j2; this module only prepares what
they need. Every function is pure: the same Content gives the same pages.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

import jinja2

from . import LANGUAGES, locales
from . import checklist as sheet
from .diagram import layout
from .guide import entry_for, former_node_ids, is_question
from .text import escape, fact_text, facts_used, format_date, inline, plain
from .urls import article_url, language_root, page_url
from .validate import Content

TEMPLATES = Path(__file__).parent / "templates"
MARKER_PREFIX = "generated from content/"


def marker_for(source: str) -> str:
    """The first-line comment of a generated page; output.py looks for it."""
    return f"{MARKER_PREFIX}{source.removeprefix('content/')}; edit that file, not this one"


@jinja2.pass_context
def _md_filter(ctx, value: dict) -> str:
    """``{{ text | md }}``: a localized text as safe Markdown in the page's language."""
    return inline(ctx["content"], value[ctx["lang"]], ctx["lang"], ctx.get("base", ""))


@jinja2.pass_context
def _text_filter(ctx, value: dict) -> str:
    """``{{ text | text }}``: a localized text as escaped plain words, for raw HTML blocks."""
    return html.escape(plain(ctx["content"], value[ctx["lang"]], ctx["lang"]))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # output is Markdown; text.inline escapes every editor's text
    )
    env.filters["md"] = _md_filter
    env.filters["text"] = _text_filter
    return env


def _context(content: Content, lang: str) -> dict:
    return {
        "content": content,
        "lang": lang,
        "s": content.site["strings"],
        "site": content.site,
        "colon": locales.colon(lang),
        # One name per article: links from other pages give its full title (the menu alone is short).
        "title_of": lambda sid: inline(content, content.scenarios[sid]["title"][lang], lang),
    }


def _render(name: str, content: Content, lang: str, **extra) -> str:
    template = _environment().get_template(name)
    text = template.render(**_context(content, lang), **extra)
    # Jinja's whitespace control leaves runs of blank lines around optional blocks.
    lines, blank = [], 0
    for line in text.splitlines():
        blank = blank + 1 if not line.strip() else 0
        if blank <= 1:
            lines.append(line.rstrip())
    return "\n".join(lines).strip("\n") + "\n"


def render_article(content: Content, sid: str, lang: str) -> str:
    article = content.scenarios[sid]
    names = facts_used(content, {k: v for k, v in article.items() if k != "short_title"})
    figures = None
    if names:
        oldest = min(content.facts[n]["checked"] for n in names)
        verified = sheet.verified_on(content, names)
        figures = {"checked": format_date(content, oldest, lang), "names": names,
                   "verified": format_date(content, verified, lang) if verified else None}
    section = next(sec for sec in content.site["sections"] if sec["id"] == article["section"])
    return _render("article.md.j2", content, lang, a=article, figures=figures, section=section,
                   guide_link=guide_page(content, entry_for(content.guide, sid), "guide/"),
                   marker=marker_for(content.sources[sid]))


def render_home(content: Content, lang: str) -> str:
    sections = []
    for section in content.site["sections"]:
        articles = [{"id": sid, **a} for sid, a in content.scenarios.items() if a["section"] == section["id"]]
        if articles:
            sections.append({**section, "articles": articles})
    return _render("home.md.j2", content, lang, sections=sections, has_guide=bool(content.guide),
                   marker=marker_for("content/site.yml and content/scenarios/"))


def agents_data(content: Content) -> list[dict]:
    """What support agents need per article: addresses in every language, step anchors, replies."""
    out = []
    for sid, a in content.scenarios.items():
        out.append({
            "id": sid,
            "title": {lang: plain(content, a["title"][lang], lang) for lang in LANGUAGES},
            "urls": {lang: article_url(content.site_url, lang, sid) for lang in LANGUAGES},
            "steps": [{
                "id": step["id"],
                "text": {lang: plain(content, step["text"][lang], lang) for lang in LANGUAGES},
                "urls": {lang: article_url(content.site_url, lang, f"{sid}#{step['id']}") for lang in LANGUAGES},
            } for step in a["steps"]],
            "reply": {lang: plain(content, a["agent_reply"][lang], lang) for lang in LANGUAGES},
            "former_ids": list(a["former_ids"]),
        })
    return out


def agents_guide_data(content: Content) -> list[dict]:
    """Every point of the decision guide, with its address in every language (start first)."""
    guide = content.guide
    titles = {lang: guide_titles(content, lang) for lang in LANGUAGES}
    order = [guide["start"]] + [nid for nid in guide["nodes"] if nid != guide["start"]]
    return [{
        "id": nid,
        "kind": "question" if is_question(guide["nodes"][nid]) else "outcome",
        "article": None if is_question(guide["nodes"][nid]) else guide["nodes"][nid]["outcome"],
        "title": {lang: titles[lang][nid] for lang in LANGUAGES},
        "urls": {lang: page_url(content.site_url, lang, "guide/" if nid == guide["start"] else f"guide/{nid}/")
                 for lang in LANGUAGES},
    } for nid in order]


def render_agents(content: Content, lang: str) -> str:
    """The agents' desk in ``lang``: every link in every language, ready to copy."""
    articles = [{**a, "title": content.scenarios[a["id"]]["title"],
                 "steps": [{**st, "text": st["text"][lang]} for st in a["steps"]],
                 "replies": a["reply"]} for a in agents_data(content)]
    # One export for every language, at /agents/articles.json.
    root = language_root(lang)
    export_href = "../" * (root.count("/") + 1) + "agents/articles.json" if root else "articles.json"
    return _render("agents.md.j2", content, lang, articles=articles, languages=LANGUAGES, export_href=export_href,
                   guide_points=agents_guide_data(content),
                   marker=marker_for("content/scenarios/ (agent_reply)"))


def agents_export(content: Content) -> str:
    """/agents/articles.json: the desk's data for a ticketing tool (stable keys, sorted)."""
    return json.dumps({"site_url": content.site_url, "languages": list(LANGUAGES),
                       "articles": agents_data(content), "guide": agents_guide_data(content)}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _alternates(url_of) -> dict[str, str]:
    """Every language's address of a page, and x-default: the default language's, as MkDocs pages have."""
    return {**{other: url_of(other) for other in LANGUAGES}, "x-default": url_of(locales.default_language())}


def render_redirects(content: Content, lang: str) -> dict[str, str]:
    """HTML pages at each former id, sending readers (and their #anchor) to the article."""
    template = _environment().get_template("redirect.html.j2")
    pages = {}
    for sid, a in content.scenarios.items():
        for old in a["former_ids"]:
            pages[f"{language_root(lang)}{old}/index.html"] = template.render(
                lang=lang, s=content.site["strings"], target=f"../{sid}/",
                canonical=article_url(content.site_url, lang, sid),
                alternates=_alternates(lambda other: article_url(content.site_url, other, sid)),
                title=plain(content, a["title"][lang], lang))
    if content.guide:  # a replaced guide node: its old address leads to the node that replaced it
        titles = guide_titles(content, lang)
        for old, nid in former_node_ids(content.guide):
            path = "guide/" if nid == content.guide["start"] else f"guide/{nid}/"
            pages[f"{language_root(lang)}guide/{old}/index.html"] = template.render(
                lang=lang, s=content.site["strings"], target="../" if nid == content.guide["start"] else f"../{nid}/",
                canonical=page_url(content.site_url, lang, path),
                alternates=_alternates(lambda other: page_url(content.site_url, other, path)),
                title=titles[nid])
    return pages


def render_checklist(content: Content, sid: str, lang: str) -> str:
    """The print-ready sheet of one article: docs/<lang>/checklists/<id>.md, with its address and QR code."""
    article = content.scenarios[sid]
    figures = [{"label": content.facts[n]["label"], "value": escape(fact_text(content, n, lang), line_start=False)}
               for n in sheet.sheet_facts(content, article)]
    url = article_url(content.site_url, lang, sid)
    online = {"url": url, "qr": sheet.qr_svg(url, title=url)}
    verified = sheet.verified_on(content, sheet.sheet_facts(content, article))
    return _render("checklist.md.j2", content, lang, a=article, sid=sid, base="../", figures=figures,
                   checked=format_date(content, sheet.checked_on(content, article), lang), online=online,
                   verified=format_date(content, verified, lang) if verified else None,
                   marker=marker_for(content.sources[sid]))


def render_checklist_index(content: Content, lang: str) -> str:
    """docs/<lang>/checklists/index.md: every sheet, grouped as on the home page."""
    sections = []
    for section in content.site["sections"]:
        articles = [{"id": sid, **a} for sid, a in content.scenarios.items()
                    if a["section"] == section["id"] and a["checklist"]]
        if articles:
            sections.append({**section, "articles": articles})
    return _render("checklists.md.j2", content, lang, sections=sections, base="../",
                   marker=marker_for("content/scenarios/"))


def checklist_ids(content: Content) -> list[str]:
    """Articles that have a printable checklist, in reading order."""
    return [sid for sid, a in content.scenarios.items() if a["checklist"]]
def guide_page(content: Content, nid: str, prefix: str = "") -> str:
    """Markdown link target of a guide node: the start is the guide's index page."""
    return f"{prefix}{'index' if nid == content.guide['start'] else nid}.md"


def outcome_title(content: Content, node: dict) -> dict:
    """An outcome's heading: its own title (the reader's situation, as their
    answers said it), else the title of its article."""
    return node["title"] or content.scenarios[node["outcome"]]["title"]


def guide_titles(content: Content, lang: str) -> dict[str, str]:
    """Plain title of each guide node: the page title, and what JavaScript puts in the tab.

    The first page is titled by the guide's one name; a question by itself;
    an outcome by its heading.
    """
    guide, titles = content.guide, {}
    for nid, node in guide["nodes"].items():
        if nid == guide["start"]:
            text = guide["title"][lang]
        elif is_question(node):
            text = node["question"][lang]
        else:
            text = outcome_title(content, node)[lang]
        titles[nid] = plain(content, text, lang)
    return titles


def render_diagram(content: Content, lang: str) -> str:
    """The whole guide as inline SVG, for the guide's first page (docs/<lang>/guide/index.md)."""
    guide = content.guide
    labels = {nid: plain(content, node["question"][lang] if is_question(node)
                         else outcome_title(content, node)[lang], lang)
              for nid, node in guide["nodes"].items()}
    answers = {(nid, i): plain(content, a["short"][lang], lang)
               for nid, node in guide["nodes"].items() if is_question(node)
               for i, a in enumerate(node["answers"])}
    # The diagram is raw HTML, which MkDocs does not rewrite: these are
    # final addresses, relative to /guide/ (use_directory_urls: true).
    hrefs = {nid: "./" if nid == guide["start"] else f"{nid}/" for nid in guide["nodes"]}
    d = layout(guide, labels, answers, hrefs)
    s = content.site["strings"]
    return _environment().get_template("diagram.svg.j2").render(
        d=d, lang=lang, title=plain(content, s["guide-diagram"][lang], lang),
        desc=plain(content, s["guide-diagram-desc"][lang], lang)).strip()


def guide_neighbours(guide: dict, nid: str) -> list[str]:
    """The nodes a guide page holds: its own, and those one click away
    (answers, Back, Start over), in the guide's order. Bounded by the number
    of answers, so pages stay small however large the guide grows."""
    node = guide["nodes"][nid]
    near = {nid, guide["start"]}
    if guide["parent"][nid]:
        near.add(guide["parent"][nid])
    if is_question(node):
        near.update(a["next"] for a in node["answers"])
    return [n for n in guide["nodes"] if n in near]


# How many of its article's steps an outcome page shows (the rest is one link away).
GUIDE_FIRST_STEPS = 3


def your_answers(guide: dict, nid: str) -> list[dict]:
    """The answers that necessarily lead to ``nid`` (its only path from the
    start), as rows ``{question, answer, node}``; [] when several paths lead
    there (a page without JavaScript cannot know which one its reader took)."""
    return [{"node": q, "question": guide["nodes"][q]["question"], "answer": guide["nodes"][q]["answers"][i]["answer"]}
            for q, i in guide["only_path"][nid] or []]


def outcome_facts(content: Content, node: dict, lang: str) -> dict:
    """What an outcome page says: the article's first steps and key figure.

    The key figure is the first figure the verdict quotes, else the first
    one the article quotes; None when neither quotes one.
    """
    article = content.scenarios[node["outcome"]]
    names = facts_used(content, node["verdict"]) or facts_used(
        content, {k: article[k] for k in ("summary", "steps", "after", "warnings", "details") if article.get(k)})
    figure = None
    if names:
        fact = content.facts[names[0]]
        figure = {"label": fact.get("label"), "value": escape(fact_text(content, names[0], lang), line_start=False)}
    return {"article": article, "steps": article["steps"][:GUIDE_FIRST_STEPS], "figure": figure}


def render_guide_page(content: Content, nid: str, lang: str, titles: dict[str, str] | None = None) -> str:
    """One page per guide node: ``nid`` shown, the nodes one click away hidden.

    Without JavaScript each page is one step and answers are plain links;
    with it, guide.js swaps the shown node in place, and fetches the page of
    a node that is further away (see docs/assets/guide.js).
    """
    guide = content.guide
    is_start = nid == guide["start"]
    nodes = {n: guide["nodes"][n] for n in guide_neighbours(guide, nid)}
    titles = titles or guide_titles(content, lang)
    return _render("guide.md.j2", content, lang, guide=guide, nodes=nodes, current=nid, base="../",
                   titles=titles, page_of=lambda n: guide_page(content, n),
                   heading_of=lambda n: guide["nodes"][n]["question"] if is_question(guide["nodes"][n])
                   else outcome_title(content, guide["nodes"][n]),
                   answers_of=lambda n: your_answers(guide, n),
                   outcome_of=lambda n: outcome_facts(content, guide["nodes"][n], lang),
                   plain_of=lambda text: html.escape(plain(content, text[lang], lang)),
                   diagram=render_diagram(content, lang) if is_start else "",
                   diagram_label=plain(content, content.site["strings"]["guide-diagram"][lang], lang),
                   marker=marker_for(guide["source"]))


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
        for nid in content.guide["nodes"]:
            pages[f"{lang}/{guide_page(content, nid, 'guide/')}"] = render_guide_page(content, nid, lang, titles)
    return pages


def navigation(content: Content, lang: str, hand_written: list[str] = ()) -> list:
    """MkDocs ``nav`` for one language: home, each section's articles, then hand-written pages.

    Hand-written pages (``docs/<lang>/*.md`` without the marker) come last,
    titled by their own first heading.
    """
    nav: list = [{content.site["strings"]["home-link"][lang]: "index.md"},
                 {plain(content, content.guide["title"][lang], lang): "guide/index.md"}]
    for section in content.site["sections"]:
        items = [{a["short_title"][lang]: f"{sid}.md"} for sid, a in content.scenarios.items()
                 if a["section"] == section["id"]]
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
    out = {"index.md": {"description": plain(content, content.site["home"]["intro"][lang], lang)}}
    for sid, article in content.scenarios.items():
        # meta.title is the name Material prints in the tab and the header;
        # the menu keeps the nav's short title (page.title).
        out[f"{sid}.md"] = {"description": plain(content, article["summary"][lang], lang),
                            "title": plain(content, article["title"][lang], lang)}
        if article["checklist"]:
            title = content.site["strings"]["checklist"][lang]
            # A sheet is a page to print: no side navigation or table of contents
            # on screen, and no duplicate of its article in the search results.
            out[f"{sheet.FOLDER}/{sid}.md"] = {
                "description": plain(content, article["summary"][lang], lang),
                "hide": ["navigation", "toc"],
                "search": {"exclude": True},
                "title": f"{plain(content, article['title'][lang], lang)} – {plain(content, title, lang)}",
            }
    if checklist_ids(content):
        out[f"{sheet.FOLDER}/index.md"] = {
            "description": plain(content, content.site["strings"]["checklist-index-intro"][lang], lang)}
    desk = plain(content, content.site["strings"]["agents-title"][lang], lang)
    # The title too: the page starts with the marker, not its heading, so MkDocs would call it "Index".
    out["agents/index.md"] = {"title": desk, "description": desk, "search": {"exclude": True}, "robots": "noindex"}
    out.update(guide_meta(content, lang))
    return out


_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*"(?: title="[^"]*")?>[^<]*</a>')


def without_permalinks(page_html: str) -> str:
    """A guide page's headings have no "¶" permalink: on the question it
    sat between the question and its answers (one more Tab stop), and each
    node already has its own address."""
    return _PERMALINK.sub("", page_html)


def guide_meta(content: Content, lang: str) -> dict[str, dict]:
    """Page metadata of the guide's pages, keyed by their path under docs/<lang>/.

    Each node page is titled by its node (the tab and the history list say
    where the reader is); only the first page is in search results, as
    every page holds the whole guide.
    """
    intro = plain(content, content.guide["intro"][lang], lang)
    out = {}
    for nid, title in guide_titles(content, lang).items():
        # No Previous/Next footer: it would read like the guide's next step.
        meta = {"title": title, "description": intro, "hide": ["toc", "footer"], "hc_guide": True}
        if nid != content.guide["start"]:
            meta["search"] = {"exclude": True}
        out[guide_page(content, nid, "guide/")] = meta
    return out
