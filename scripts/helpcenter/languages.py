"""Stage 4b: what a language's built pages need of their language.

Pure functions on the HTML and JSON a language's run wrote:

- its search index (``/search/search_index.json`` French,
  ``/en/search/search_index.json`` English), with its stemmer (lunr ``lang``);
- the ``base`` Material's JavaScript reads from the page's ``__config``
  (the search index, the result links and the sitemap are all fetched
  relative to it), pointed at the page's language root; search in our worker;
- absolute hreflang alternates (search engines ignore relative ones);
- the sitemap of one language root (``/en/sitemap.xml``).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

from mkdocs.utils import get_relative_url

from . import locales
from .locales import Languages
from .search import layer_worker

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
