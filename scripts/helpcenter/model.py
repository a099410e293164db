"""The content model: typed, read-only records that loading produces
(validate.py, from the files schema.py has checked) and every later stage
reads: rendering, the guide, checklists, search, hosting, the site check.

A text an editor writes in every language stays what the files hold, a
mapping ``lang -> str`` (``Text``): templates and helpers index it by the
page's language. ``site`` (site.yml: names, strings, units, sections) stays
the checked mapping too: it is a table the templates look words up in.

Records are frozen: rendering cannot change what it renders. They are read
by attribute only (``article.title``): a record is not a mapping, so
``record["title"]``, ``"title" in record`` and ``record.get`` raise TypeError
instead of reading like the plain dicts the model replaced.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Mapping, Union

from .locales import Languages
from .placeholders import names_in

# A text in each language: {"fr": "...", "en": "..."}.
Text = Mapping[str, str]

# Anchors the article template gives to its own sections: an editor's step
# or detail id must not take one of them.
TEMPLATE_ANCHORS = ("title", "applies-when", "steps", "after", "warnings", "not-your-case", "related", "figures",
                    "checklist")


@dataclass(frozen=True)
class Step:
    """One numbered step; ``shared_from`` names the article it is copied from (``use: other#step``)."""

    id: str
    text: Text
    note: Text | None = None
    shared_from: str | None = None


@dataclass(frozen=True)
class Detail:
    """A titled section below the steps, with its own anchor."""

    id: str
    title: Text
    paragraphs: tuple[Text, ...]


@dataclass(frozen=True)
class OtherCase:
    """A "not your case" line: when it applies, and the article to read instead."""

    scenario: str
    when: Text


@dataclass(frozen=True)
class Article:
    """One help-center article (content/scenarios/<id>.yml), its shared steps resolved."""

    id: str
    section: str
    order: int
    title: Text
    short_title: Text  # the title when the file has none
    summary: Text
    steps: tuple[Step, ...]
    after: tuple[Text, ...]
    not_your_case: tuple[OtherCase, ...]
    agent_reply: Text
    former_ids: tuple[str, ...] = ()
    search_terms: Text | None = None
    applies_when: tuple[Text, ...] = ()
    warnings: tuple[Text, ...] = ()
    details: tuple[Detail, ...] = ()
    related: tuple[str, ...] = ()
    checklist: tuple[Text, ...] = ()
    checked: datetime.date | None = None
    reference_only: bool = False

    def texts(self):
        """Every text of the article but its menu title, in the files' field order (figures are
        numbered by first use in this order)."""
        yield self.title
        yield self.summary
        for step in self.steps:
            yield step.text
            if step.note is not None:
                yield step.note
        yield from self.after
        for other in self.not_your_case:
            yield other.when
        yield self.agent_reply
        if self.search_terms is not None:
            yield self.search_terms
        yield from self.applies_when
        yield from self.warnings
        for detail in self.details:
            yield detail.title
            yield from detail.paragraphs
        yield from self.checklist

    def anchors(self) -> set[str]:
        """Every #anchor of the article's page: the template's sections, its steps and details."""
        return set(TEMPLATE_ANCHORS) | {step.id for step in self.steps} | {d.id for d in self.details}


@dataclass(frozen=True)
class Fact:
    """A figure of content/facts.yml: one ``value``, or a range ``min``..``max``, in a unit of site.yml."""

    name: str
    unit: str
    source: str
    checked: datetime.date
    value: float | int | None = None
    min: float | int | None = None
    max: float | int | None = None
    note: str | None = None
    label: Text | None = None  # its name on a printed checklist
    verified: datetime.date | None = None

    @property
    def is_range(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Answer:
    """An answer of a guide question: its words, the shorter ones of the diagram, and the node it leads to."""

    answer: Text
    next: str
    short: Text


@dataclass(frozen=True)
class Question:
    id: str
    question: Text
    answers: tuple[Answer, ...]
    hint: Text | None = None
    former_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """The end of a path: the article to read, the verdict, and a title when several outcomes share an article."""

    id: str
    outcome: str
    verdict: Text
    title: Text | None = None
    former_ids: tuple[str, ...] = ()


Node = Union[Question, Outcome]


@dataclass(frozen=True)
class Guide:
    """The checked decision guide (content/decision-tree.yml); see guide.py for its rules."""

    title: Text
    intro: Text
    start: str
    nodes: Mapping[str, Node]  # in the order of first reach from the start
    parent: Mapping[str, str | None]  # the way back: the question that first leads to each node
    only_path: Mapping[str, tuple[tuple[str, int], ...] | None]  # guide.only_paths
    source: str  # "content/decision-tree.yml"


@dataclass(frozen=True)
class SearchQuery:
    """A reader's question of content/search-queries.yml and the article that must come first."""

    query: str
    expect: str
    twin: str = ""  # the name it shares with the same question in the other languages


@dataclass(frozen=True)
class Content:
    """Everything the renderer needs, checked and cross-referenced."""

    site: Mapping  # content/site.yml as checked: names, home, sections, strings, units, range, support
    languages: Languages  # the language table it was checked for (mkdocs.yml), preview or not
    labels: Mapping[str, Text]  # label id -> its words on the platform's screens
    facts: Mapping[str, Fact]
    scenarios: Mapping[str, Article]  # id -> article, in reading order (section, then order, then id)
    sources: Mapping[str, str] = field(default_factory=dict)  # id -> "content/scenarios/<id>.yml"
    # Public address of the site (mkdocs.yml site_url), for absolute links.
    site_url: str = ""
    guide: Guide | None = None
    # Problems that do not stop publishing (an article no other one links to yet).
    warnings: tuple = ()
    # lang -> questions (content/search-queries.yml)
    search_queries: Mapping[str, tuple[SearchQuery, ...]] = field(default_factory=dict)

    def anchors(self, scenario_id: str) -> set[str]:
        return self.scenarios[scenario_id].anchors()


def facts_quoted(texts) -> list[str]:
    """Names of the figures quoted in ``texts`` (localized texts), in order of first use."""
    names: list[str] = []
    for text in texts:
        for value in text.values():
            for name in names_in(value, "fact"):
                if name not in names:
                    names.append(name)
    return names


def links_between_articles(content: Content) -> dict[str, set[str]]:
    """Article id -> ids of the other articles that link to it (related, not_your_case, {link:})."""
    inbound: dict[str, set[str]] = {sid: set() for sid in content.scenarios}
    for sid, article in content.scenarios.items():
        targets = set(article.related) | {o.scenario for o in article.not_your_case}
        for text in (*article.texts(), article.short_title):
            for value in text.values():
                targets |= {name.partition("#")[0] for name in names_in(value, "link")}
        for target in targets - {sid}:
            if target in inbound:  # unknown ids are reported by validate
                inbound[target].add(sid)
    return inbound


# ---------------------------------------------------------------------------
# From checked mappings (schema.py's output, defaults filled by validate.py) to records.


def step(data: Mapping) -> Step:
    return Step(id=data["id"], text=data["text"], note=data.get("note"), shared_from=data.get("shared_from"))


def article(data: Mapping) -> Article:
    return Article(
        id=data["id"], section=data["section"], order=data["order"], title=data["title"],
        short_title=data.get("short_title") or data["title"], summary=data["summary"],
        steps=tuple(step(s) for s in data["steps"]), after=tuple(data["after"]),
        not_your_case=tuple(OtherCase(scenario=o["scenario"], when=o["when"]) for o in data["not_your_case"]),
        agent_reply=data["agent_reply"], former_ids=tuple(data.get("former_ids") or ()),
        search_terms=data.get("search_terms"), applies_when=tuple(data.get("applies_when") or ()),
        warnings=tuple(data.get("warnings") or ()),
        details=tuple(Detail(id=d["id"], title=d["title"], paragraphs=tuple(d["paragraphs"]))
                      for d in data.get("details") or ()),
        related=tuple(data.get("related") or ()), checklist=tuple(data.get("checklist") or ()),
        checked=data.get("checked"), reference_only=bool(data.get("reference_only")))


def fact(name: str, data: Mapping) -> Fact:
    return Fact(name=name, unit=data["unit"], source=data.get("source", ""), checked=data.get("checked"),
                value=data.get("value"), min=data.get("min"), max=data.get("max"), note=data.get("note"),
                label=data.get("label"), verified=data.get("verified"))


def node(nid: str, data: Mapping) -> Node:
    if "question" in data:
        return Question(id=nid, question=data["question"], hint=data.get("hint"),
                        answers=tuple(Answer(answer=a["answer"], next=a["next"], short=a.get("short") or a["answer"])
                                      for a in data["answers"]),
                        former_ids=tuple(data.get("former_ids") or ()))
    return Outcome(id=nid, outcome=data["outcome"], verdict=data["verdict"], title=data.get("title"),
                   former_ids=tuple(data.get("former_ids") or ()))
