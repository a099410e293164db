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

What is published (:func:`published_search`) is that index cut in pieces, so
that a query fetches only what it needs, whatever the number of articles:

- ``search/search_index.json``: the configuration alone (language,
  separator, fields and their boosts, intent fields, number of documents,
  where the pieces are), no documents;
- ``search/<version>/s/<hex of key>.json``: the *shards*, one per group of
  words sharing their first two accent-folded letters (the key; a big group
  is cut by the next letters), each word with its postings: document
  number, the fields holding it, its positions in the intent fields and its
  count in the others;
- ``search/<version>/d/<n>.json``: one *fragment* per document, what a
  result shows (location, full title, summary, section tag).

The browser side is ``docs/assets/javascripts/workers/search-layer.js``:
it stems the query's words and the loaded shards' words alike, scores as
lunr would over the whole index (BM25 per field, our idf, the intent
ranking), then fetches the fragments of the results it shows.
"""

from __future__ import annotations

import hashlib
import html
import json
import unicodedata
from pathlib import Path
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


# --- The published pieces (see the module doc). ---------------------------------

# A word's shard: the first letters of the word lowercased and accent-folded; a
# shard bigger than SHARD_LIMIT bytes is cut by the next letter (see split).
KEY_LETTERS = 2
SHARD_LIMIT = 64_000
# The negations a query keeps although lunr lists them as stop words ("not paid").
NEGATIONS = frozenset({"not", "no", "pas", "non", "sans", "without"})
_STOP_LIST = re.compile(r"generateStopWordFilter\((\[[^\]]*\]|\"[^\"]*\")")
_LUNR = Path("assets") / "javascripts"


def fold(word: str) -> str:
    """``word`` without its accents, ``œ`` and ``æ`` spelt out (the layer's ``fold``)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not "\u0300" <= c <= "\u036f")
    return bare.replace("œ", "oe").replace("æ", "ae")


def split_words(text: str) -> list[str]:
    """The words of ``text`` as Material's tokenizer cuts them: lowercased, split on
    :data:`SEPARATOR`; a word's place in this list is its position."""
    return [w for w in re.split(SEPARATOR, text.lower()) if w]


def shard_key(word: str) -> str:
    return fold(word)[:KEY_LETTERS]


def stop_words(theme_assets: Path, lang: str) -> frozenset[str]:
    """The stop words lunr drops for ``lang``, read from the files Material ships
    (``lunr.<lang>.min.js``; a language without one, English, has lunr's own, in the search
    worker: as the worker reads it), less the negations.

    Raises ValueError if the list is not where this expects it (a theme change to notice)."""
    js = Path(theme_assets) / _LUNR
    own = js / "lunr" / "min" / f"lunr.{lang}.min.js"
    files = [own] if own.is_file() else sorted((js / "workers").glob("search.*.min.js"))
    for path in files:
        match = _STOP_LIST.search(path.read_text(encoding="utf-8")) if path.is_file() else None
        if match:
            raw = match.group(1)
            found = json.loads(raw) if raw.startswith("[") else json.loads(raw).split(" ")
            return frozenset(found) - NEGATIONS
    raise ValueError(f"no lunr stop word list for {lang!r} under {js}")


def postings(docs: list[dict], fields: list[str], intent: list[str], stop: frozenset[str]) -> dict[str, dict]:
    """word -> document number -> field -> its positions (intent fields) or its count (others).
    Stop words are left out; they keep their place in the positions."""
    out: dict[str, dict] = {}
    for n, doc in enumerate(docs):
        for field in fields:
            for at, word in enumerate(split_words(doc.get(field) or "")):
                if word in stop:
                    continue
                held = out.setdefault(word, {}).setdefault(n, {})
                if field in intent:
                    held.setdefault(field, []).append(at)
                else:
                    held[field] = held.get(field, 0) + 1
    return out


def encoded(by_doc: dict[int, dict], fields: list[str], intent: list[str]) -> list[int]:
    """One word's postings as a flat list: for each document, in order, the gap from the
    previous one, a mask of its fields (bit i: ``fields[i]``), then per field in the mask
    either its count of positions and the gaps between them (intent) or its count."""
    out, last = [], 0
    for n in sorted(by_doc):
        held = by_doc[n]
        out += [n - last, sum(1 << i for i, f in enumerate(fields) if f in held)]
        last = n
        for field in (f for f in fields if f in held):
            if field in intent:
                places = held[field]
                out += [len(places), *(p - q for p, q in zip(places, [0, *places]))]
            else:
                out.append(held[field])
    return out


def shards(docs: list[dict], fields: list[str], intent: list[str], stop: frozenset[str],
           limit: int = SHARD_LIMIT) -> dict[str, str]:
    """Each shard's file, by its key: ``{"w": {word: encoded postings}}``, words sorted.
    A shard over ``limit`` bytes is cut by one more letter (:func:`split`)."""
    grouped: dict[str, dict] = {}
    for word, by_doc in sorted(postings(docs, fields, intent, stop).items()):
        grouped.setdefault(shard_key(word), {})[word] = encoded(by_doc, fields, intent)
    out = {}
    for key, words in grouped.items():
        out.update({k: _json({"w": w}) for k, w in split(key, words, limit).items()})
    return dict(sorted(out.items()))


def split(key: str, words: dict[str, list[int]], limit: int) -> dict[str, dict]:
    """The words of shard ``key`` in shards of at most ``limit`` bytes where it can be:
    a bigger one becomes one shard per next letter (``co``: ``col``, ``com``...), again
    if need be; a word that is the key itself stays in it, a word alone is never cut."""
    if len(words) == 1 or len(_json({"w": words})) <= limit:
        return {key: words}
    out: dict[str, dict] = {}
    children: dict[str, dict] = {}
    for word, coded in words.items():
        folded = fold(word)
        target = out.setdefault(key, {}) if len(folded) <= len(key) else children.setdefault(folded[:len(key) + 1], {})
        target[word] = coded
    for child, held in children.items():
        out.update(split(child, held, limit))
    return out


def fragment(doc: dict) -> str:
    """What a result shows of a document: its location, title, summary and section tag."""
    return _json({k: doc[k] for k in ("location", "title", "text", "tags") if k in doc})


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def published_search(reader: str, stop: frozenset[str], limit: int = SHARD_LIMIT) -> dict[str, str]:
    """The files of one language's search, by their path under its ``search/`` folder,
    from :func:`reader_index`'s text (see the module doc)."""
    index = json.loads(reader)
    config, docs = index["config"], index["docs"]
    fields, intent = list(config["fields"]), list(config["intent"])
    by_key = shards(docs, fields, intent, stop, limit)
    pieces = {f"s/{key.encode('utf-8').hex()}.json": text for key, text in by_key.items()}
    pieces.update({f"d/{n}.json": fragment(doc) for n, doc in enumerate(docs)})
    digest = hashlib.sha256()
    for path, text in sorted(pieces.items()):
        digest.update(path.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
    version = digest.hexdigest()[:12]
    small = {"config": {**config, "shards": {"version": version, "docs": len(docs), "keys": sorted(by_key)}}, "docs": []}
    return {"search_index.json": _json(small), **{f"{version}/{path}": text for path, text in sorted(pieces.items())}}


def published_docs(read) -> list[dict]:
    """What each document of a published search shows (its fragments), in order;
    ``read(path)`` gives the text of a file under the language's ``search/`` folder."""
    shards_of = json.loads(read("search_index.json"))["config"]["shards"]
    return [json.loads(read(f"{shards_of['version']}/d/{n}.json")) for n in range(shards_of["docs"])]
