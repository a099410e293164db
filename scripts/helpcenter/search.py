"""Stage 4c: the search index readers query, built over Material's.

Material's search plugin writes one entry per page and one per section,
titled with the menu's short title, and indexes every page (home, card
lists). What a reader needs is one result per answer: these pure functions
turn a language's Material index into that:

- one entry per article: its full title, its summary as the snippet (a
  field weighted above the body), its section as a tag (shown, not
  searched), and the rest of its text in a ``body`` field (searched, not
  shown);
- the guide's first page, by its title and intro; no other page
  (home, checklists, agents' desk, guide nodes, redirects are hubs);
- a separator that splits French elisions (``d'Alipay``, ``l’article``) and
  punctuation, and the language's trimmer, stop words and stemmer.

The browser side is ``docs/assets/javascripts/workers/search-layer.js``:
it reads the query the same way (elisions, stop words, stems) and folds
accents in the query and the index alike.
"""

from __future__ import annotations

import html
import json
from types import MappingProxyType
import re

from .render.guide import guide_titles
from .text import plain

# Words are split on spaces, hyphens, both apostrophes and punctuation.
SEPARATOR = r"[\s\-'’‘`,.;:!?«»“”\"()\[\]/%€$+*<>|…]+"
# No trimmer: the separator cuts punctuation already, and lunr's French
# trimmer would drop figures ("72").
PIPELINE = ("stopWordFilter", "stemmer")
# Title and menu title first, then the summary (the shown snippet), then the
# rest of the text.
# Boosts chosen by running content/search-queries.yml (docs/dev/search.md).
# The editors' search terms (words readers use that the article does not)
# weigh like the title: an editor wrote them for this page.
FIELDS = MappingProxyType({"title": 6.0, "short": 6.0, "text": 3.0, "terms": 6.0, "applies": 1.0,
                           "body": 1.0})  # field -> boost
# The fields that say what a page is for: its titles, its summary, the
# editors' terms and "this page is for you if". The layer ranks a page whose
# these fields hold the reader's words above one whose body only mentions
# them (docs/dev/search.md).
INTENT_FIELDS = ("title", "short", "text", "terms", "applies")
# Sections of an article that are not its own words: links to the other
# articles (they would make every article answer for its neighbours' titles)
# and the checklist (the steps again).
NOT_BODY = ("title", "applies-when", "not-your-case", "related", "checklist")
GUIDE = "guide/"
# Where Material's worker is, and ours beside it (same folder: Material's
# worker loads its language files relative to the worker's own address).
_MATERIAL_WORKER = re.compile(r"workers/(search\.[0-9a-f]+\.min\.js)$")
LAYER_WORKER = "search-layer.js"
WORKERS = "assets/javascripts/workers/"
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def search_pages(content, lang: str) -> dict[str, dict]:
    """What each searchable page of ``lang`` shows in a result, keyed by its
    location relative to the language root (``"unpaid-order/"``)."""
    sections = {s["id"]: s["title"][lang] for s in content.site["sections"]}
    pages = {}
    for sid, article in content.scenarios.items():
        pages[f"{sid}/"] = {
            "title": plain(content, article.title[lang], lang),
            "short": plain(content, article.short_title[lang], lang),
            "summary": plain(content, article.summary[lang], lang),
            "section": plain(content, sections[article.section], lang),
            "terms": plain(content, article.search_terms[lang], lang) if article.search_terms else "",
            "applies": " ".join(plain(content, item[lang], lang) for item in article.applies_when),
        }
    if content.guide:
        pages[GUIDE] = {"title": guide_titles(content, lang)[content.guide.start],
                        "summary": plain(content, content.guide.intro[lang], lang), "section": None}
    return pages


def _plain_html(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def reader_index(raw_index: str, pages: dict[str, dict]) -> str:
    """The readers' index from one language's Material index (see the module doc).

    ``pages`` is :func:`search_pages`; every page not in it is dropped.
    """
    index = json.loads(raw_index)
    by_page: dict[str, list[dict]] = {}
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        by_page.setdefault(page, []).append({**doc, "anchor": anchor})
    docs = []
    for location, entries in by_page.items():
        if location in pages:
            page = pages[location]
            body = " ".join(_plain_html(e["title"] + " " + e["text"]) for e in entries
                            if e["anchor"] and e["anchor"] not in NOT_BODY)
            doc = {"location": location, "title": page["title"], "text": page["summary"]}
            if page.get("short") and page["short"] != page["title"]:
                doc["short"] = page["short"]
            for name in ("terms", "applies"):
                if page.get(name):
                    doc[name] = page[name]
            if location != GUIDE:  # the guide's text is its questions: words of every article
                doc["body"] = body
            if page["section"]:
                doc["tags"] = [page["section"]]
            docs.append(doc)
    index["docs"] = docs
    index["config"] = {**index["config"], "separator": SEPARATOR, "pipeline": list(PIPELINE),
                       "fields": {name: {"boost": boost} for name, boost in FIELDS.items()},
                       "intent": list(INTENT_FIELDS)}
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def layer_worker(material_worker: str, root: str | None = None) -> str:
    """The worker address a page gives Material: ours, beside Material's,
    told which file to load (``.../workers/search-layer.js?w=search.1a2b.min.js``).
    ``root``: the page's way to its language's root (``..``, ``/en/``), for a language
    other than the default one, whose copy of the search files sits there (``offline.py``:
    a worker is run by the offline copy whose scope holds its own address).

    Raises ValueError if Material's worker is not where this expects it
    (a theme change we must notice, not ignore).
    """
    match = _MATERIAL_WORKER.search(material_worker)
    if match is None:
        raise ValueError(f"Material's search worker is not a workers/search.*.min.js: {material_worker!r}")
    folder = material_worker[: match.start(1)] if root is None else root.rstrip("/") + "/" + WORKERS
    return folder + f"{LAYER_WORKER}?w={match.group(1)}"
