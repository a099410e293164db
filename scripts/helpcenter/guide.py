"""The decision guide: rules across its nodes, and the paths through it.

content/decision-tree.yml is a graph of questions and outcomes (its shape is
GUIDE in schema.py). This module checks what a shape cannot: every answer
leads to a real node, every node can be reached from the start, no path
loops, every outcome names a real article, and every article is the outcome
of some path unless it is marked ``reference_only``. It also answers the
questions the renderer asks: the way back from a node, the guide point that
leads to an article.

No imports from validate.py: validate.py calls this module.
"""

from __future__ import annotations

import difflib
import re
from collections import deque

from .errors import ContentError, listing
from . import model
from .load import GUIDE_FILE, Document
from .model import Guide
from .placeholders import names_in
from .schema import Checker

# Node ids become page names under guide/; "index" is the start's page.
RESERVED_IDS = ("index",)


def _suggest(name: str, names, what: str) -> str:
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"the {what} are: {listing(names)}"


def is_question(node) -> bool:
    """A question (a ``model.Question``, or a node of the file as checked), not an outcome."""
    if isinstance(node, (model.Question, model.Outcome)):
        return isinstance(node, model.Question)
    return "question" in node


def check_guide(data: dict, doc: Document, scenarios: dict, scenario_docs: dict,
                errors: list[ContentError], warnings: list[ContentError] | None = None) -> dict | None:
    """Check the guide against itself and the articles; return the guide model or None.

    ``data`` has passed the GUIDE shape. ``scenarios`` maps article ids to
    checked articles and ``scenario_docs`` to their documents (for the line
    of an article no path reaches). Every problem is appended to ``errors``,
    but an article no path reaches goes to ``warnings`` when given (a new
    article may be published before the guide leads to it).
    """
    c = Checker(doc, errors)
    before = len(errors)
    nodes = data["nodes"]
    _check_ids(nodes, c)
    _check_former_ids(nodes, c)
    _check_targets(nodes, scenarios, c)
    start = data["start"]
    if start not in nodes:
        c.error(("start",), f"unknown node {start!r}", _suggest(start, nodes, "nodes"))
        return None
    if not is_question(nodes[start]):
        c.error(("start",), f"the guide must start with a question; {start!r} is an outcome",
                "write start: followed by the id of the first question")
    _check_cycles(nodes, start, c)
    if len(errors) > before:
        # Which article is reached is unknowable while the paths are broken.
        return None
    _check_reachable(nodes, start, c)
    _check_shared_outcomes(nodes, c)
    _check_articles_reached(nodes, start, scenarios, scenario_docs, errors, warnings)
    if len(errors) > before:
        return None
    for nid, node in nodes.items():
        if not is_question(node):
            said_once(nid, node, doc, scenarios[node["outcome"]], scenario_docs[node["outcome"]],
                      warnings if warnings is not None else errors)
    return _model(data, doc.path)


# How many of its article's steps an outcome page shows (render/guide.py shows these).
FIRST_STEPS = 3
# A sentence ends at . ! ? (or … ) followed by a space or the end of the text.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# A sentence this short ("Oui.") may well be said twice; not worth a warning.
_MIN_WORDS = 3


def outcome_parts(nid: str, node: dict, doc: Document, article: dict, article_doc: Document):
    """The texts an outcome page shows, in its order, as (where, key path, text): the node's
    title and verdict, then its article's summary and first steps (``where``: their document)."""
    if node.get("title") is not None:
        yield doc, ("nodes", nid, "title"), node["title"]
    yield doc, ("nodes", nid, "verdict"), node["verdict"]
    yield article_doc, ("summary",), article["summary"]
    for i, step in enumerate(article["steps"][:FIRST_STEPS]):
        yield article_doc, ("steps", i, "text"), step["text"]


def _sentences(text: str) -> list[tuple[str, str]]:
    """The sentences of ``text``: (as compared: case, spacing and end punctuation set aside; as written)."""
    out = []
    for sentence in _SENTENCE_END.split(text):
        words = sentence.lower().replace("\u00a0", " ").strip(" .!?\u2026").split()
        if len(words) >= _MIN_WORDS:
            out.append((" ".join(words), sentence.strip()))
    return out


def said_once(nid: str, node: dict, doc: Document, article: dict, article_doc: Document, out: list) -> None:
    """An outcome page says each thing once: no figure ({fact:NAME}) quoted twice in the texts it
    shows (its own title and verdict, its article's summary and first steps), no sentence written
    twice there, in any language. The reader came for one answer: the page's texts are read in one
    go, top to bottom, and a figure read three times reads as three different delays."""
    for lang in node["verdict"]:
        seen: dict = {}
        for where, path, text in outcome_parts(nid, node, doc, article, article_doc):
            said = [("figure", f"{{fact:{name}}}", f"{{fact:{name}}}") for name in names_in(text[lang], "fact")]
            said += [("sentence", compared, f'"{written}"') for compared, written in _sentences(text[lang])]
            keys = [what[:2] for what in said]
            for what in dict.fromkeys(said):
                first = seen.setdefault(what[:2], (where, path))
                if first != (where, path) or keys.count(what[:2]) > 1:
                    _repeated(nid, lang, (what[0], what[2]), first, (where, path), out)


def _repeated(nid: str, lang: str, what: tuple, first: tuple, again: tuple, out: list) -> None:
    kind, shown = what
    (first_doc, first_path), (doc, path) = first, again
    hint = ("say it once: keep the figure where it answers best and write the other sentence without it "
            "(\"that time\", \"ce délai\")" if kind == "figure"
            else "say it once: rewrite or remove one of the two sentences")
    Checker(doc, out).error(
        path + (lang,), f"warning: the guide's page /guide/{nid}/ already shows the {kind} {shown} "
        f"({first_doc.path}:{first_doc.line(first_path + (lang,))}: {_key(first_path + (lang,))}): "
        f"an outcome page says each thing once", hint)


def _key(path: tuple) -> str:
    from .errors import format_key

    return format_key(path)


def _check_ids(nodes: dict, c: Checker) -> None:
    """No node takes a reserved id (a page name the guide uses)."""
    for nid in nodes:
        if nid in RESERVED_IDS:
            c.error(("nodes", nid), f"the id {nid!r} is reserved for the guide's first page",
                    "choose another id for this node")


def _check_former_ids(nodes: dict, c: Checker) -> None:
    """A former id is no live node's, and leads to one node only."""
    claimed: dict[str, str] = {}
    for nid, node in nodes.items():
        for i, old in enumerate(node.get("former_ids") or []):
            if old in nodes or old in RESERVED_IDS:
                c.error(("nodes", nid, "former_ids", i), f"{old!r} is the id of a live node; its address cannot redirect",
                        "remove it from former_ids: an id stays with the node that has it")
            elif old in claimed:
                c.error(("nodes", nid, "former_ids", i), f"{old!r} is already a former id of {claimed[old]!r}",
                        "an old address can lead to one node only: keep it under one of them")
            claimed.setdefault(old, nid)


def _check_targets(nodes: dict, scenarios: dict, c: Checker) -> None:
    """Every answer leads to a real node and holds no link; every outcome names a real article."""
    for nid, node in nodes.items():
        if is_question(node):
            for i, answer in enumerate(node["answers"]):
                target = answer["next"]
                if target not in nodes:
                    c.error(("nodes", nid, "answers", i, "next"), f"unknown node {target!r}",
                            _suggest(target, nodes, "nodes"))
                for lang, text in answer["answer"].items():
                    if names_in(text, "link"):
                        c.error(("nodes", nid, "answers", i, "answer", lang),
                                "an answer is already a link: it cannot hold {link:...}",
                                "put the link in the outcome's article instead")
        elif node["outcome"] not in scenarios:
            c.error(("nodes", nid, "outcome"), f"unknown article {node['outcome']!r}",
                    _suggest(node["outcome"], scenarios, "articles"))


def _check_reachable(nodes: dict, start: str, c: Checker) -> None:
    """Every node is on some path from the start."""
    reachable = set(_breadth_first(nodes, start))
    for nid in nodes:
        if nid not in reachable:
            c.error(("nodes", nid), f"no path from the start {start!r} leads to this node",
                    f"make an answer lead to it (next: {nid}), or delete it")


def _check_shared_outcomes(nodes: dict, c: Checker) -> None:
    """Outcomes that lead to one article each have a title (the reader tells them apart by it)."""
    sharing: dict[str, list[str]] = {}
    for nid, node in nodes.items():
        if not is_question(node):
            sharing.setdefault(node["outcome"], []).append(nid)
    for sid, nids in sharing.items():
        for nid in nids:
            if len(nids) > 1 and "title" not in nodes[nid]:
                others = listing([f"nodes.{n}" for n in nids if n != nid])
                c.error(("nodes", nid), f"this outcome shares the article {sid!r} with {others}, and has no title",
                        "write title: {fr: ..., en: ...}: the reader's situation in a few words, as their answers said it")


def _check_articles_reached(nodes: dict, start: str, scenarios: dict, scenario_docs: dict,
                            errors: list[ContentError], warnings: list[ContentError] | None) -> None:
    """Every article is some path's outcome, unless it is reference_only (and then none is)."""
    reached = {}
    for nid in _breadth_first(nodes, start):
        if not is_question(nodes[nid]):
            reached.setdefault(nodes[nid]["outcome"], nid)
    for sid, article in scenarios.items():
        sdoc = scenario_docs[sid]
        if article.get("reference_only"):
            if sid in reached:
                Checker(sdoc, errors).error(
                    ("reference_only",), f"the guide leads to this article (content/{GUIDE_FILE}: nodes.{reached[sid]})",
                    f"remove reference_only, or the outcomes that lead here")
        elif sid not in reached:
            # A warning unless --strict: a new article builds before the guide links it.
            Checker(sdoc, warnings if warnings is not None else errors).error(
                ("id",), ("warning: " if warnings is not None else "") + "no path of the decision guide leads to this article",
                f"add an outcome for it in content/{GUIDE_FILE}, or write reference_only: true "
                "if readers only reach it from other articles")


def _successors(node: dict) -> list[str]:
    return [a["next"] for a in node["answers"]] if is_question(node) else []


def _breadth_first(nodes: dict, start: str):
    """Node ids reachable from ``start``, nearest first, answers in file order."""
    seen, queue = {start}, deque([start])
    while queue:
        nid = queue.popleft()
        yield nid
        for nxt in _successors(nodes[nid]):
            if nxt in nodes and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)


def _check_cycles(nodes: dict, start: str, c: Checker) -> None:
    """Report each answer that leads back to a node already on its path."""
    done: set[str] = set()
    order = [start] + [n for n in nodes if n != start]

    def visit(nid: str, path: list[str]) -> None:
        path.append(nid)
        for i, nxt in enumerate(_successors(nodes[nid])):
            if nxt not in nodes:
                continue
            if nxt in path:
                loop = " → ".join(path[path.index(nxt):] + [nxt])
                c.error(("nodes", nid, "answers", i, "next"), f"this answer leads back to {nxt!r}: {loop}",
                        "every path must end at an outcome; lead this answer to another node")
            elif nxt not in done:
                visit(nxt, path)
        path.pop()
        done.add(nid)

    for nid in order:
        if nid not in done:
            visit(nid, [])


def _model(data: dict, source: str) -> Guide:
    """The checked guide, with each node's way back and the order of first reach."""
    nodes = data["nodes"]
    order = list(_breadth_first(nodes, data["start"]))
    # The way back from a node: the question that first leads to it in
    # reading order (the nearest to the start).
    parent: dict[str, str | None] = {data["start"]: None}
    for nid in order:
        for nxt in _successors(nodes[nid]):
            parent.setdefault(nxt, nid)
    only = {nid: None if path is None else tuple(path) for nid, path in only_paths(nodes, data["start"]).items()}
    return Guide(title=data["title"], intro=data["intro"], start=data["start"],
                 nodes={nid: model.node(nid, nodes[nid]) for nid in order}, parent=parent, source=source,
                 only_path=only)


def only_paths(nodes: dict, start: str) -> dict[str, list[tuple[str, int]] | None]:
    """For each node, the answers that necessarily lead to it: ``[(question id, answer index), ...]``
    when exactly one path goes from the start to it, else None (several paths).

    A page without JavaScript cannot know the way its reader came; when only
    one way exists, the page can print it (the guide has no cycle: each
    node's count of paths is the sum over the answers that lead to it).
    """
    into: dict[str, list[tuple[str, int]]] = {nid: [] for nid in nodes}
    for nid, node in nodes.items():
        for i, nxt in enumerate(_successors(node)):
            into[nxt].append((nid, i))
    out: dict[str, list[tuple[str, int]] | None] = {}

    def find(nid: str):
        if nid not in out:
            if nid == start:
                out[nid] = []
            elif len(into[nid]) != 1:
                out[nid] = None
            else:
                up, i = into[nid][0]
                before = find(up)
                out[nid] = None if before is None else before + [(up, i)]
        return out[nid]

    for nid in nodes:
        find(nid)
    return out


def path_to(guide: Guide, nid: str) -> list[tuple[str, int]]:
    """The nearest path from the start to ``nid``: ``[(question id, answer index), ...]``."""
    steps = []
    while guide.parent[nid] is not None:
        up = guide.parent[nid]
        index = next(i for i, a in enumerate(guide.nodes[up].answers) if a.next == nid)
        steps.append((up, index))
        nid = up
    return steps[::-1]


def former_node_ids(guide: Guide) -> list[tuple[str, str]]:
    """``(old id, node id)`` for each published node address another node replaced."""
    return [(old, nid) for nid, node in guide.nodes.items() for old in node.former_ids]


def entry_for(guide: Guide, sid: str) -> str:
    """The guide point that leads to article ``sid``: the question before its nearest outcome.

    An article no path reaches (reference only) gets the start.
    """
    for nid, node in guide.nodes.items():
        if not is_question(node) and node.outcome == sid:
            return guide.parent[nid]
    return guide.start


def follow(guide: Guide, answers: list[str], lang: str, shown=lambda text: text) -> str:
    """The node reached by choosing ``answers`` from the start (the smart-answers test pattern).

    Answers are matched by their text in ``lang`` as ``shown`` turns it into
    what the reader sees (placeholders filled). Raises KeyError naming the
    question where an answer does not exist.
    """
    nid = guide.start
    for text in answers:
        node = guide.nodes[nid]
        if not is_question(node):
            raise KeyError(f"{nid!r} is an outcome; there is no answer {text!r} after it")
        match = [a.next for a in node.answers if shown(a.answer[lang]) == text]
        if not match:
            raise KeyError(f"{nid!r} has no answer {text!r}")
        nid = match[0]
    return nid
