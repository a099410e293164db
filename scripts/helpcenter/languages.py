"""Stage 4b: what a language's built pages need of their language.

Pure functions on the HTML and JSON a language's run wrote:

- its search index (``/search/search_index.json`` French,
  ``/en/search/search_index.json`` English), with its stemmer (lunr ``lang``);
- the ``base`` Material's JavaScript reads from the page's ``__config``
  (the search index, the result links and the sitemap are all fetched
  relative to it), pointed at the page's language root; search in our worker;
- absolute hreflang alternates (search engines ignore relative ones);
- the sitemap of one language root (``/en/sitemap.xml``);
- on a draft language's pages (a preview only), its missing texts shown in the
  default language marked as written in it where the theme prints them as plain
  strings: the page's title, the header, the menu, the table of contents
  (``fallback_texts``, ``with_fallbacks_marked``).
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import json
import re
from collections.abc import Mapping
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

from mkdocs.utils import get_relative_url

from . import locales
from .locales import Languages
from .schema import Fallback
from .search import layer_worker
from .text import plain

_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]*">)')
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML_NS = "http://www.w3.org/1999/xhtml"


def search_index_for(raw_index: str, lang: str, languages: Languages) -> str:
    """One language's search index, from an index holding that language's pages.

    Entries of other languages are dropped (static-i18n merges every
    language into the root index). Locations become relative to the language
    root (Material resolves them against the page's ``base``), and ``lang``
    is that language alone, so the browser loads its stemmer and stop words only.
    """
    index = json.loads(raw_index)
    root = languages.root(lang)
    others = tuple(languages.root(other) for other in languages.built if other != lang and languages.root(other))
    docs = [{**doc, "location": doc["location"][len(root):]} for doc in index["docs"]
            if doc["location"].startswith(root) and not doc["location"].startswith(others)]
    index["docs"] = docs
    index["config"] = {**index["config"], "lang": [search_language(languages.get(lang))]}
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def search_language(lang: locales.Language) -> str:
    """The lunr stemmer of a language: its locale's language ("pt" for a pt-BR site)."""
    return locales.babel_locale(lang.locale).language


def with_config(html: str, change) -> str:
    """``html`` whose Material ``__config`` is ``change(config)``.

    Raises ValueError if the page has no ``__config``.
    """
    return with_edits(html, [config_edit(html, change)])


def config_edit(html: str, change) -> tuple[int, int, str]:
    """The edit (``with_edits``) that makes ``html``'s Material ``__config`` ``change(config)``.

    Raises ValueError if the page has no ``__config``.
    """
    match = _CONFIG_SCRIPT.search(html)
    if match is None:
        raise ValueError("no Material __config script in the page")
    config = change(json.loads(match.group(2)))
    # Same escaping as Jinja's tojson: no "</script>" can end the block early.
    text = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return match.start(2), match.end(2), text


def with_edits(html: str, edits) -> str:
    """``html`` with each ``(start, end, text)`` of ``edits`` (positions in ``html``, not
    overlapping) in place: the page is copied once, however many edits it gets
    (the agents' desk weighs megabytes at a thousand articles)."""
    parts, done = [], 0
    for start, end, text in sorted(edits):
        parts += [html[done:start], text]
        done = end
    parts.append(html[done:])
    return "".join(parts)


def sitemap_for(sitemap_xml: str, root_url: str) -> str:
    """The sitemap of one language root: the ``<url>`` entries under ``root_url``.

    The sitemap protocol lets a sitemap list only the URLs below its own
    folder; the hreflang alternates of each entry are kept.
    """
    ET.register_namespace("", _SITEMAP_NS)
    ET.register_namespace("xhtml", _XHTML_NS)
    tree = ET.fromstring(sitemap_xml)
    for url in list(tree):
        loc = url.find(f"{{{_SITEMAP_NS}}}loc")
        if loc is None or not (loc.text or "").strip().startswith(root_url):
            tree.remove(url)
    if len(tree):  # the same end of file whichever entries were last
        tree[-1].tail = "\n"
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"


def absolute_alternates(html: str, page_url: str) -> str:
    """``html`` whose ``<link rel="alternate" hreflang>`` (x-default too) are
    absolute addresses, resolved against ``page_url`` (the page's own
    address under site_url): search engines ignore relative ones.

    Only the head's ``<link>`` elements change: the language switcher's
    ``<a>`` links stay relative, so that a copy served elsewhere (a preview,
    the tests) switches language on its own host.
    """
    return with_edits(html, alternate_edits(html, page_url))


def alternate_edits(html: str, page_url: str) -> list[tuple[int, int, str]]:
    """The edits (``with_edits``) of ``absolute_alternates``."""
    return [(m.start(2), m.end(2), urljoin(page_url, m.group(2))) for m in _ALTERNATE.finditer(html)]


def with_x_default(sitemap_xml: str, default_lang: str) -> str:
    """The sitemap with an ``x-default`` alternate beside each entry's
    ``default_lang`` one (the page readers of other languages get)."""
    link = re.compile(r'([ \t]*)<xhtml:link rel="alternate" hreflang="' + re.escape(default_lang)
                      + r'" href="([^"]*)"\s*/>\n?')
    return link.sub(lambda m: m.group(0) + f'{m.group(1)}<xhtml:link rel="alternate" hreflang="x-default" '
                    f'href="{m.group(2)}"/>\n', sitemap_xml)


def site_root(site_url: str | None) -> str:
    """site_url with one trailing slash: where absolute addresses start."""
    return (site_url or "/").rstrip("/") + "/"


def reader_config(base: str | None):
    """The change to Material's ``__config`` of every page: search runs in our worker
    (helpcenter/search.py says why), and ``base`` (unless None) is the language's root."""
    return lambda c: {**c, "search": layer_worker(c["search"], base), **({"base": base} if base is not None else {})}


_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def page_edits(html: str, url: str, lang: str, site_url: str | None, languages: Languages) -> str:
    """A built page of ``lang`` at ``url`` as published: its ``base`` the language's root,
    search in our worker, absolute hreflang alternates.

    A page outside the menu (the agents' desk) gets no toc toggle from
    Material, though its table of contents has a label for one: it is added,
    so that the label points at a real control (valid HTML, same look).
    """
    base = None if lang == languages.default else get_relative_url(languages.root(lang), url)
    # Every change found first and made in one copy of the page (the agents' desk weighs megabytes).
    edits = alternate_edits(html, site_root(site_url) + url)
    edits.append(config_edit(html, reader_config(base)))
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        at = html.index(_TOC_LABEL)
        edits.append((at, at, _TOC_TOGGLE))
    return with_edits(html, edits)


def not_found_page(html: str, lang: str, site_url: str | None, languages: Languages, name: str = "404.html") -> str:
    """A language's 404 page (or offline page, ``name``) as published: served at any depth,
    so its ``base`` is an absolute path (the default language's needs none), and its
    alternates absolute."""
    home = urlsplit(site_url or "/").path.rstrip("/") + "/" + languages.root(lang)
    default = lang == languages.default
    html = with_config(html, reader_config(None if default else home))
    return absolute_alternates(html, site_root(site_url) + languages.root(lang) + name)


# An element holding text only, after children holding none (Material's menu titles: an
# icon or the logo's link, then the words), and a page's <title>.
_TEXT_ELEMENT = re.compile(r"<([a-z][a-z0-9]*)((?:\s[^<>]*)?)>((?:\s*<[^<>]+>)*?)(\s*)([^<]*[^<\s])(\s*)</\1>")
_NOT_MARKED = ("script", "style", "textarea", "option")
_TITLE_PARTS = " - "  # Material's <title>: the page's title, then the site's name


def fallback_texts(content, lang: str) -> frozenset[str]:
    """The plain words of every text ``lang`` lacks and shows in the default language
    (a ``Fallback``: a draft language in a preview), as ``_words`` compares them; none
    for a published language."""
    found: list[str] = []
    seen: set[int] = set()

    def walk(value) -> None:
        if id(value) in seen or isinstance(value, (str, int, float, bool)) or value is None:
            return
        seen.add(id(value))
        if isinstance(value, Mapping):
            for key, item in value.items():
                if key == lang and isinstance(item, Fallback):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                walk(item)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))

    walk(content)
    return frozenset(_words(plain(content, text, lang)) for text in found) - {""}


def _words(text: str) -> str:
    """``text`` as compared: entities read, runs of white space (no-break ones too) as one space."""
    return " ".join(html_lib.unescape(text).split())


def with_fallbacks_marked(html: str, texts: frozenset[str], default_lang: str) -> str:
    """``html`` with ``lang="<default_lang>"`` on each element (its <title> included) whose
    whole text is one of ``texts``, or, for the <title>, the page's title then the site's
    name both in ``texts``: what Material prints of a draft language's missing texts as
    plain strings (the header, the menu, the table of contents) is marked as the pages'
    own Markdown marks them (``render.common``). Elements already marked are left alone;
    with no ``texts`` the page is returned unchanged."""
    if not texts:
        return html

    def fallback(tag: str, words: str) -> bool:
        if words in texts:
            return True
        cuts = [m.start() for m in re.finditer(re.escape(_TITLE_PARTS), words)] if tag == "title" else []
        return any(words[:at] in texts and words[at + len(_TITLE_PARTS):] in texts for at in cuts)

    def mark(m: re.Match) -> str:
        tag, attrs, children, before, text, after = m.groups()
        if tag in _NOT_MARKED or re.search(r"\slang=", attrs) or not fallback(tag, _words(text)):
            return m.group(0)
        if children:  # the words alone: Nu ends an element's lang at the end of a child link or span
            return f'<{tag}{attrs}>{children}{before}<span lang="{default_lang}">{text}</span>{after}</{tag}>'
        return f'<{tag}{attrs} lang="{default_lang}">{before}{text}{after}</{tag}>'

    marked = _TEXT_ELEMENT.sub(mark, html)
    return _FALLBACK_SPAN.sub(lambda m: m.group(1) + _runs_apart(m.group(2), default_lang) + m.group(3),
                              marked) if f'<span lang="{default_lang}">' in marked else marked


# A text of the pages' own Markdown shown in the default language (render.common's mark).
_FALLBACK_SPAN = re.compile(r'(<span lang="[a-zA-Z-]+">)((?:(?!</?span\b).)*<(?:(?!</?span\b).)*)(</span>)', re.S)
_TAG = re.compile(r"(<[^<>]+>)")
# Elements whose end the Nu checker (vnu.jar 26.1) takes for the end of an enclosing lang.
_SKIPPED_BY_NU = ("a", "button", "details", "figcaption", "form", "li", "nav", "pre", "script",
                  "select", "span", "style", "summary", "td", "textarea", "th", "tr")


def _runs_apart(inner: str, lang: str) -> str:
    """The inside of a marked text holding elements (a label's ``<strong>``, a link), each
    run of words of its own in a ``<span>`` and each child element marked: the same page,
    the same language, but the Nu checker of vnu.jar 26.1 counts a span's words that come
    before a child element as the page's own (fixed in later releases)."""
    out, depth = [], 0
    for piece in _TAG.split(inner):
        if piece.startswith("<"):
            closing = piece.startswith("</")
            name = re.match(r"</?([a-zA-Z0-9]+)", piece)
            if not closing and depth == 0 and name and name.group(1).lower() not in _SKIPPED_BY_NU \
                    and not re.search(r"\slang=", piece) and not piece.endswith("/>"):
                piece = piece[:-1] + f' lang="{lang}">'
            depth += -1 if closing else (0 if piece.endswith("/>") or (name and name.group(1).lower() in _VOID) else 1)
            out.append(piece)
        elif depth == 0 and piece.strip():
            out.append(f"<span>{piece}</span>")
        else:
            out.append(piece)
    return "".join(out)


_VOID = ("br", "img", "input", "wbr", "hr")
