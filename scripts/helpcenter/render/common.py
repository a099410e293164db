"""What every page type's renderer shares: the Jinja environment, its
filters, the page context of one language, and the marker of generated pages.

Presentation lives in templates/*.md.j2; the renderers only prepare what
they need. Every function is pure: the same Content gives the same pages.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

import jinja2

from .. import locales
from ..jinjacache import MemoryBytecodeCache
from ..model import Content
from ..schema import Fallback
from ..text import inline, plain
from ..urls import feedback_link, page_url

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MARKER_PREFIX = "generated from content/"


def marker_for(source: str) -> str:
    """The first-line comment of a generated page; output.py looks for it."""
    return f"{MARKER_PREFIX}{source.removeprefix('content/')}; edit that file, not this one"


@jinja2.pass_context
def _md_filter(ctx, value: dict) -> str:
    """``{{ text | md }}``: a localized text as safe Markdown in the page's language; a draft
    language's missing text, shown in the default language, marked as written in it (readers'
    tools read it in that language, the HTML checker does not take the page for that language's)."""
    lang, text = ctx["lang"], value[ctx["lang"]]
    markdown = inline(ctx["content"], text, lang, ctx.get("base", ""))
    if isinstance(text, Fallback):
        return f'<span lang="{ctx["content"].languages.default}">{markdown}</span>'
    return markdown


@jinja2.pass_context
def _lang_of_filter(ctx, value: str, written_in: str) -> str:
    """``<textarea{{ value | lang_of(l) }}>``, a text written in language ``written_in``: ` lang="fr"`
    for a draft language's missing text shown in the default language (a ``Fallback``); on a draft
    language's page (a preview only), ` lang="xx"` for a text of another language; else nothing."""
    languages = ctx["content"].languages
    if isinstance(value, Fallback):
        return f' lang="{languages.default}"'
    if ctx["lang"] not in languages.published and written_in != ctx["lang"]:
        return f' lang="{written_in}"'
    return ""


@jinja2.pass_context
def _text_filter(ctx, value: dict) -> str:
    """``{{ text | text }}``: a localized text as escaped plain words, for raw HTML blocks."""
    return html.escape(plain(ctx["content"], value[ctx["lang"]], ctx["lang"]))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
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
    env.filters["lang_of"] = _lang_of_filter
    return env


def keep_compiled(folder: Path) -> None:
    """Our templates compiled once for every process, in ``folder`` (0.14 s of CPU each
    build on the real content, before any language could start building): Jinja keeps each
    template's source checksum with its code and compiles afresh when it differs."""
    env = environment()
    if not isinstance(env.bytecode_cache, MemoryBytecodeCache):
        env.bytecode_cache = MemoryBytecodeCache()
    try:
        env.bytecode_cache.on_disk(Path(folder))
    except OSError:  # a folder that cannot be written costs only time
        pass


def _context(content: Content, lang: str) -> dict:
    return {
        "content": content,
        "lang": lang,
        "s": content.site["strings"],
        "site": content.site,
        "colon": locales.colon(content.languages.get(lang)),
        # One name per article: links from other pages give its full title (the menu alone is short).
        "title_of": lambda sid: inline(content, content.scenarios[sid].title[lang], lang),
        "feedback": lambda path, title, anchor="": feedback_block(content, lang, path, title, anchor),
    }


def feedback_block(content: Content, lang: str, path: str, title: str, anchor: str = "") -> dict | None:
    """The links of "Did this answer your question?" for the page at ``path`` (``"shipped-order/"``)
    titled ``title`` (an editor's text in ``lang``), and the name of the line that says where
    they lead; None when site.yml's ``feedback`` gives no address in ``lang``."""
    address = (content.site.get("feedback") or {}).get(lang)
    if not address:
        return None
    words = {name: plain(content, content.site["strings"][f"feedback-{name}"][lang], lang)
             for name in ("subject", "question", "yes", "no")}
    page, title = page_url(content.site_url, content.languages, lang, path, anchor), plain(content, title, lang)
    links = {answer: feedback_link(address, answer, lang, page, title, {**words, "answer": words[answer]})
             for answer in ("yes", "no")}
    return {"links": links, "note": "feedback-by-mail" if address.startswith("mailto:") else "feedback-by-form"}


def render_page(name: str, content: Content, lang: str, **extra) -> str:
    """Template ``name`` in ``lang``, its runs of blank lines folded to one."""
    template = environment().get_template(name)
    text = template.render(**_context(content, lang), **extra)
    # Jinja's whitespace control leaves runs of blank lines around optional blocks.
    lines, blank = [], 0
    for line in text.splitlines():
        blank = blank + 1 if not line.strip() else 0
        if blank <= 1:
            lines.append(line.rstrip())
    return "\n".join(lines).strip("\n") + "\n"


def articles_by_section(content: Content, keep=lambda article: True) -> list[dict]:
    """The site's sections that hold an article ``keep`` accepts, each with those articles (reading order)."""
    sections = []
    for section in content.site["sections"]:
        articles = [a for a in content.scenarios.values() if a.section == section["id"] and keep(a)]
        if articles:
            sections.append({**section, "articles": articles})
    return sections
