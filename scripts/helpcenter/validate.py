"""Stage 2: turn loaded files into the content model, or list every problem.

Shapes are checked by schema.py; this module adds the rules that look
across files: an article's id is its file name, references point at real
articles, steps, labels and figures, anchors are unique.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .locales import Languages
from .errors import ContentError, ContentErrors, format_key, listing
from .load import GUIDE_FILE, Document, load_file, too_many_files
from .guide import check_guide
from . import model
from .model import TEMPLATE_ANCHORS, Content, SearchQuery, facts_quoted, links_between_articles
from .placeholders import PLACEHOLDER_KINDS, parse, without
from .schema import FACTS, GUIDE, LABELS, SCENARIO, SEARCH_QUERIES, SITE, Checker

SCENARIO_DIR = "scenarios"
# Readers' questions, each with the article that must come first (optional).
SEARCH_QUERIES_FILE = "search-queries.yml"
# Words the templates print; site.yml must hold each in every language.
TEMPLATE_STRINGS = ("home-link", "breadcrumb", "support-title", "support-text", "support-link", "applies-when", "steps", "after", "warnings", "not-your-case",
                    "related", "figures-checked", "figures-source", "figures-verified", "step-note", "moved-title", "moved-text",
                    # the agents' desk
                    "agents-title", "agents-intro", "agents-contents", "agents-article-links", "agents-step-links",
                    "agents-reply", "agents-former", "agents-guide", "agents-guide-intro", "agents-filter", "agents-filter-none",
                    "copy", "copied", "copy-failed",
                    # checklists: the article's section, the printable sheet, the index page
                    "checklist", "checklist-print-link", "checklist-nav", "checklist-index-intro",
                    "checklist-print", "checklist-read-article", "checklist-for", "checklist-figures",
                    "checklist-checked", "checklist-online", "checklist-qr")
# Words our theme overrides print (overrides/404.html).
TEMPLATE_STRINGS += ("not-found-title", "not-found-text", "not-found-home")
# The name of Material's search dialog, and what it says to a browser
# without JavaScript (overrides/partials/search.html).
TEMPLATE_STRINGS += ("search-dialog", "search-no-script", "search-no-script-articles")
# overrides/offline.html and the banner of a saved copy (offline.py).
TEMPLATE_STRINGS += ("offline-title", "offline-text", "offline-saved")
# "Did this answer your question?" (feedback.md.j2).
TEMPLATE_STRINGS += ("feedback-question", "feedback-yes", "feedback-no", "feedback-by-mail", "feedback-by-form", "feedback-subject")
# The decision guide's pages.
TEMPLATE_STRINGS += ("guide-back", "guide-restart", "guide-open-article", "guide-from-article",
                     "guide-diagram", "guide-diagram-desc", "guide-your-answers", "guide-change",
                     "guide-first-steps", "guide-key-figure")



def _suggest(name: str, names) -> str:
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def template_strings(languages: Languages) -> tuple[str, ...]:
    """The site.yml strings the templates print: ``language-xx`` names each language built (the agents' desk)."""
    return TEMPLATE_STRINGS + tuple(f"language-{lang}" for lang in languages.published)


def _langs(value: dict, languages: Languages) -> list[str]:
    """The languages a localized value holds, in the table's order (a draft may lack some)."""
    return [lang for lang in languages.declared if lang in value]


def _is_text(value, languages: Languages) -> bool:
    return (isinstance(value, dict) and set(value) <= set(languages.declared) and set(languages.published) <= set(value)
            and all(isinstance(v, str) for v in value.values()))


def _texts(value, languages: Languages, path=()):
    """Yield (path, lang, text) for every localized text inside ``value``."""
    if isinstance(value, dict):
        if _is_text(value, languages):
            for lang in _langs(value, languages):
                yield path + (lang,), lang, value[lang]
            return
        for k, v in value.items():
            yield from _texts(v, languages, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, languages, path + (i,))


def _load(root: Path, relative: str, errors: list) -> Document | None:
    try:
        return load_file(root, relative, f"{root.name}/{relative}")
    except ContentErrors as exc:
        errors.extend(exc.errors)
        return None


@dataclass(frozen=True)
class _Reader:
    """Reads and shape-checks the files of one content folder into the lists of one check:
    ``errors``, and ``drafts``, a draft language's missing texts (preview only: warnings)."""

    root: Path
    languages: Languages
    errors: list[ContentError] = field(default_factory=list)
    drafts: list[ContentError] = field(default_factory=list)

    def checked(self, relative: str, shape) -> tuple[object, Document | None]:
        """The checked data of one file and its document; (None, None) if it cannot be read."""
        doc = _load(self.root, relative, self.errors)
        if doc is None:
            return None, None
        return shape.check(doc.data, Checker(doc, self.errors, self.drafts, self.languages), ()), doc


def load_content(root: Path, site_url: str, languages: Languages) -> Content:
    """Load and check everything under ``root`` (the content/ folder): the model, at the address
    ``site_url`` (mkdocs.yml's, for absolute links; "" where none is needed), for the
    language table ``languages`` (mkdocs.yml's; drafts checked as drafts in a preview).

    Error paths are written relative to the repository (``content/...``).
    Raises ContentErrors listing every problem found.
    """
    read = _Reader(Path(root), languages)
    errors = read.errors
    site, site_doc = read.checked("site.yml", SITE)
    labels, _labels_doc = read.checked("labels.yml", LABELS)
    facts, facts_doc = read.checked("facts.yml", FACTS)
    guide, guide_doc = read.checked(GUIDE_FILE, GUIDE)
    raw_scenarios = _read_scenarios(read)
    if site is not None:
        _check_site(site, site_doc, errors, languages)
        _name_draft_languages(site, site_doc, read.drafts, languages)
    if facts is not None and site is not None:
        _check_units(facts, facts_doc, site, errors)
    if errors or site is None or labels is None or facts is None or guide is None:
        raise ContentErrors(errors)
    _check_places(raw_scenarios, site, errors)
    if errors:
        raise ContentErrors(errors)
    ordered = _in_reading_order(raw_scenarios, site)
    for _sid, (data, _doc) in ordered:
        _fill_article_defaults(data)
    for key in ("site_short_name", "support", "feedback"):  # optional: templates test them, never a missing key
        site.setdefault(key, None)
    raw = {sid: data for sid, (data, _doc) in ordered}
    docs = {sid: doc for sid, (_data, doc) in ordered}
    # A step that could not be resolved is left out, so the checks below still
    # run: an editor sees every problem at once, not one round at a time.
    _resolve_steps(raw, docs, errors)
    content = Content(site=site, languages=languages, labels=labels, facts={name: model.fact(name, f) for name, f in facts.items()},
                      scenarios={sid: model.article(data) for sid, data in raw.items()},
                      sources={sid: doc.path for sid, doc in docs.items()}, site_url=site_url)
    warnings: list[ContentError] = []
    _check_across(content, raw, docs, facts_doc, errors, warnings)
    _check_prose(content, guide, site_doc, guide_doc, errors)
    checked_guide = check_guide(guide, guide_doc, raw, docs, errors, warnings)
    search_queries = _read_search_queries(read, content.scenarios)
    if errors:
        raise ContentErrors(errors)
    return replace(content, guide=checked_guide, search_queries=search_queries,
                   warnings=tuple(warnings) + tuple(read.drafts))


def _read_scenarios(read: _Reader) -> dict[str, tuple[dict, Document]]:
    """The articles that pass their shape check, by id (file order); the others' problems in ``read.errors``."""
    root, prefix, errors = read.root, read.root.name, read.errors
    scenario_files = sorted((root / SCENARIO_DIR).glob("*")) if (root / SCENARIO_DIR).is_dir() else []
    crowded = too_many_files(f"{prefix}/{SCENARIO_DIR}", len(scenario_files))
    if crowded:
        raise crowded
    raw_scenarios: dict[str, tuple[dict, Document]] = {}
    for path in scenario_files:
        relative = f"{SCENARIO_DIR}/{path.name}"
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix != ".yml":
            errors.append(ContentError(f"{prefix}/{relative}", 0, "", "not read: article files end in .yml",
                                       f"rename it to {path.stem}.yml"))
            continue
        data, doc = read.checked(relative, SCENARIO)
        if data is None:
            continue
        if data["id"] != path.stem:
            errors.append(ContentError(doc.path, doc.line(("id",)), "id",
                                       f"the id {data['id']!r} must equal the file name {path.stem!r}",
                                       f"write id: {path.stem} (or rename the file to {data['id']}.yml)"))
            continue
        raw_scenarios[data["id"]] = (data, doc)
    if not scenario_files:
        errors.append(ContentError(f"{prefix}/{SCENARIO_DIR}", 0, "", "no article found",
                                   "add content/scenarios/<id>.yml"))
    return raw_scenarios


def _name_draft_languages(site: dict, site_doc: Document, drafts: list, languages: Languages) -> None:
    """A draft in preview: its name until site.yml has language-xx (listed in ``drafts``)."""
    for lang in languages.built:
        if lang not in languages.published and f"language-{lang}" not in site["strings"]:
            drafts.append(ContentError(site_doc.path, site_doc.line(("strings",)), "strings",
                                       f"missing the template text 'language-{lang}' (draft language)"))
            site["strings"][f"language-{lang}"] = {code: languages.get(lang).name for code in languages.built}


def _check_units(facts: dict, facts_doc: Document, site: dict, errors: list) -> None:
    """Every figure's unit is one of site.yml's."""
    for name, fact in facts.items():
        if fact["unit"] not in site["units"]:
            errors.append(ContentError(facts_doc.path, facts_doc.line((name, "unit")), f"{name}.unit",
                                       f"unknown unit {fact['unit']!r}",
                                       _suggest(fact["unit"], site["units"]) or f"the units in content/site.yml are: {', '.join(site['units'])}"))


def _check_places(raw_scenarios: dict, site: dict, errors: list) -> None:
    """Every article is in a known section, at an order no other article of the section has."""
    section_order = {s["id"]: i for i, s in enumerate(site["sections"])}
    for sid, (data, doc) in raw_scenarios.items():
        if data["section"] not in section_order:
            errors.append(ContentError(doc.path, doc.line(("section",)), "section",
                                       f"unknown section {data['section']!r}",
                                       _suggest(data["section"], section_order) or f"the sections in content/site.yml are: {', '.join(section_order)}"))
    # Two articles at the same place of a section: which comes first would be
    # decided by their ids, not by the editor.
    placed: dict[tuple, str] = {}
    for sid, (data, doc) in sorted(raw_scenarios.items()):
        place = (data["section"], data["order"])
        if place in placed:
            other = placed[place]
            errors.append(ContentError(doc.path, doc.line(("order",)), "order",
                                       f"{data['order']} is also the order of {other!r} in the section {data['section']!r}",
                                       f"give one of the two another number (content/scenarios/{other}.yml has "
                                       f"order: {data['order']}); leave gaps: 10, 20, 30..."))
        placed.setdefault(place, sid)


def _in_reading_order(raw_scenarios: dict, site: dict) -> list[tuple[str, tuple[dict, Document]]]:
    """The articles by section (site.yml's order), then order, then id."""
    section_order = {s["id"]: i for i, s in enumerate(site["sections"])}
    return sorted(raw_scenarios.items(), key=lambda kv: (section_order[kv[1][0]["section"]], kv[1][0]["order"], kv[0]))


def _fill_article_defaults(data: dict) -> None:
    """An article's optional keys, filled: the model and templates never meet a missing key."""
    for key in ("applies_when", "warnings", "details", "related", "former_ids"):
        data.setdefault(key, [])
        if data[key] is None:
            data[key] = []
    data.setdefault("checklist", None)
    if data["checklist"] is None:
        data["checklist"] = []
    data.setdefault("checked", None)
    data.setdefault("search_terms", None)
    data.setdefault("short_title", None)
    if data["short_title"] is None:
        data["short_title"] = data["title"]


def _check_across(content: Content, raw: dict, docs: dict, facts_doc: Document, errors: list, warnings: list) -> None:
    """The rules that look across the articles and figures, on the model."""
    for sid, data in raw.items():
        _check_scenario(content, sid, data, docs[sid], errors)
    _check_former_ids(raw, docs, errors)
    _check_orphans(content, docs, warnings)
    _check_checklists(content, docs, facts_doc, errors)


def _check_prose(content: Content, guide: dict, site_doc: Document, guide_doc: Document, errors: list) -> None:
    """The placeholders of site.yml's texts and of the decision guide's."""
    prose = {k: content.site[k] for k in ("site_name", "home", "sections", "strings")}
    for path, _lang, text in _texts(prose, content.languages):
        _check_placeholders(content, text, Checker(site_doc, errors), path)
    for path, _lang, text in _texts(guide, content.languages):
        _check_placeholders(content, text, Checker(guide_doc, errors), path)


def _read_search_queries(read: _Reader, scenarios: dict) -> dict[str, tuple[SearchQuery, ...]]:
    """The readers' questions of search-queries.yml, if the file exists ({} otherwise)."""
    if not (read.root / SEARCH_QUERIES_FILE).is_file():
        return {}
    queries, queries_doc = read.checked(SEARCH_QUERIES_FILE, SEARCH_QUERIES)
    if queries is None:
        return {}
    return check_search_queries(queries, queries_doc, scenarios, read.errors)


def read_questions(path: Path, scenarios: dict, languages: Languages) -> dict[str, tuple[SearchQuery, ...]]:
    """A list of readers' questions shaped like search-queries.yml, from any file
    (an evaluation list, search-eval/). Raises ContentErrors naming its problems."""
    read = _Reader(path.parent, languages)
    queries, doc = read.checked(path.name, SEARCH_QUERIES)
    out = check_search_queries(queries, doc, scenarios, read.errors) if queries is not None else {}
    if read.errors:
        raise ContentErrors(read.errors)
    return out


def _check_site(site: dict, doc: Document, errors: list, languages: Languages) -> None:
    c = Checker(doc, errors, languages=languages)
    seen = {}
    for i, section in enumerate(site["sections"]):
        if section["id"] in seen:
            c.error(("sections", i, "id"), f"the section id {section['id']!r} is already used by sections[{seen[section['id']]}]",
                    "give each section its own id, for example: id: after-delivery")
        seen.setdefault(section["id"], i)
    wanted = template_strings(languages)
    for name in wanted:
        if name not in site["strings"]:
            typo = [k for k in site["strings"] if k not in wanted and _suggest(k, [name])]
            c.error(("strings",), f"missing the template text {name!r}",
                    f"{typo[0]!r} is written: did you mean {name!r}?" if typo else f"add: {name}: {languages.example()}")
    if site.get("site_short_name"):
        _check_shortening(c, "site_short_name", site["site_short_name"], site["site_name"],
                          "the short name", "site_name", "its order")
    for lang, address in (site.get("support") or {}).items():
        problem = support_address_problem(address)
        if problem:
            c.error(("support", lang), problem,
                    "write the platform's real contact page, e.g. support: " + languages.example('"https://..."') + ", "
                    "or delete the key: no block is shown without it")
    for lang, address in (site.get("feedback") or {}).items():
        problem = feedback_address_problem(address)
        if problem:
            c.error(("feedback", lang), problem,
                    "write where readers' answers go, a form of yours or a mailbox, e.g. feedback: "
                    + languages.example('"https://..."') + " or " + languages.example('"mailto:..."')
                    + ", or delete the key: no block is shown without it")
    # (key path, text, its fields, an example): one per language, and per plural form of a unit.
    formats = []
    for name, unit in site["units"].items():
        for lang, text in unit.items():
            forms = text.items() if isinstance(text, dict) else [(None, text)]
            formats += [(("units", name, lang) + ((form,) if form else ()), t, ("n",), '"{n} heures"') for form, t in forms]
    formats += [(("range", lang), t, ("min", "max"), '"{min} à {max}"') for lang, t in site["range"].items()]
    formats += [(("date_format", lang), t, ("day", "month", "year"), '"{day} {month} {year}"')
                for lang, t in (site.get("date_format") or {}).items()]
    for path, text, fields, example in formats:
        found = re.findall(r"\{([^{}]*)\}", text)
        stray = re.sub(r"\{[^{}]*\}", "", text)
        wanted = " and ".join("{%s}" % f for f in fields)
        if sorted(set(found)) != sorted(fields) or "{" in stray or "}" in stray:
            c.error(path, f"must contain {wanted}, and no other braces", f"example: {example}")


# Hosts reserved for examples and tests (RFC 2606, RFC 6761): a support
# address there is a placeholder, and a placeholder is never published.
_EXAMPLE_HOST = re.compile(r"(^|\.)(example\.(com|net|org)|example|invalid|test|localhost)$", re.IGNORECASE)
# No space, quote, bracket or backslash: the address goes into a Markdown link as it is.
_SUPPORT_ADDRESS = re.compile(r"^(?:https://(?P<host>[^\s/?#@:()<>\"'\\]+)(?:[/?#][^\s()<>\"'\\]*)?"
                              r"|mailto:[^\s@()<>\"'\\]+@(?P<mailhost>[^\s@?()<>\"'\\]+))$")


def support_address_problem(address: str, what: str = "the platform's support") -> str | None:
    """Why ``address`` cannot be the support link readers follow (``what`` it should be), or None."""
    m = _SUPPORT_ADDRESS.match(address)
    if m is None:
        return f"expected an https:// address or mailto:ADDRESS, got {address!r}"
    host = m.group("host") or m.group("mailhost")
    if _EXAMPLE_HOST.search(host):
        return f"{host!r} is an example host: this address is a placeholder, not {what}"
    return None


def feedback_address_problem(address: str) -> str | None:
    """Why ``address`` cannot receive readers' answers, or None: the rules of a support
    address, and no ``#`` (the answer, the page and its title are added after it)."""
    if "#" in address:
        return f"a feedback address cannot hold '#' (the answer and the page are added after it), got {address!r}"
    return support_address_problem(address, "where readers' answers go")


def _resolve_steps(raw: dict, docs: dict, errors: list) -> None:
    """Replace ``{use: other#step}`` by a copy of that step (same anchor, same text), in the
    checked mappings of the articles (``raw``: id -> mapping)."""
    for sid, data in raw.items():
        c = Checker(docs[sid], errors)
        resolved = []
        for i, step in enumerate(data["steps"]):
            if "use" not in step:
                resolved.append({**step, "note": step.get("note"), "shared_from": None})
                continue
            ref = step["use"]
            target_id, _, step_id = ref.partition("#")
            target = raw.get(target_id)
            if target is None or not step_id:
                c.error(("steps", i, "use"), f"unknown article {target_id!r}" if target is None else "missing the step id after '#'",
                        _suggest(target_id, raw) or "write: use: ARTICLE-ID#STEP-ID, for example use: unpaid-order#sign-in")
                continue
            original = next((s for s in target["steps"] if s.get("id") == step_id), None)
            if original is None:
                own = [s["id"] for s in target["steps"] if "id" in s]
                c.error(("steps", i, "use"), f"the article {target_id!r} has no step {step_id!r}",
                        _suggest(step_id, own) or f"its steps are: {listing(own)}")
                continue
            resolved.append({"id": original["id"], "text": original["text"], "note": original.get("note"),
                             "shared_from": target_id})
        data["steps"] = resolved


def _check_scenario(content: Content, sid: str, data: dict, doc: Document, errors: list) -> None:
    c = Checker(doc, errors, languages=content.languages)
    seen: dict[str, tuple] = {}
    anchored = [(("steps", i, "id"), s["id"]) for i, s in enumerate(data["steps"])]
    anchored += [(("details", i, "id"), d["id"]) for i, d in enumerate(data["details"])]
    for path, anchor in anchored:
        if anchor in TEMPLATE_ANCHORS:
            c.error(path, f"the id {anchor!r} is reserved for a section of the page",
                    f"choose another id, not one of: {', '.join(TEMPLATE_ANCHORS)}")
        elif anchor in seen:
            c.error(path, f"the id {anchor!r} is already used by {format_key(seen[anchor])}", "each step and detail needs its own id")
        seen.setdefault(anchor, path[:2])

    def known_article(path, ref):
        if ref == sid:
            c.error(path, "an article cannot point at itself", "write the id of another article, for example: shipped-order")
            return False
        if ref not in content.scenarios:
            c.error(path, f"unknown article {ref!r}",
                    _suggest(ref, content.scenarios) or f"the articles are: {listing(content.scenarios)}")
            return False
        return True

    for i, other in enumerate(data["not_your_case"]):
        known_article(("not_your_case", i, "scenario"), other["scenario"])
    for i, ref in enumerate(data["related"]):
        if known_article(("related", i), ref) and data["related"].index(ref) != i:
            c.error(("related", i), f"{ref!r} is listed twice", "delete one of the two lines")

    if data["short_title"] is not data["title"]:
        _check_shortening(c, "short_title", data["short_title"], data["title"],
                          "the menu title", "the title", "the title's order")

    # Texts of shared steps are checked where they are written. A shared step
    # keeps its place (as an empty step), so that a later step's path carries
    # the index the editor counts in this file: steps[3] is the fourth step.
    own = {**data, "steps": [{} if s["shared_from"] else s for s in data["steps"]]}
    for path, lang, text in _texts({k: v for k, v in own.items() if k not in ("id", "section", "order")}, content.languages):
        _check_placeholders(content, text, c, path, sid)


# Punctuation a shortening may add, drop or change around words (a colon, a comma, quotes).
_EDGE_PUNCTUATION = ".,;:!?\"'«»“”()[]…–—-"


def title_words(text: str) -> list[str]:
    """The words of a title, compared without case, surrounding punctuation or apostrophe style."""
    words = (w.replace("\u2019", "'").strip(_EDGE_PUNCTUATION).casefold() for w in text.split())
    return [w for w in words if w]


def _check_shortening(c: Checker, key: str, short: dict, whole: dict, name: str, whole_name: str, order: str) -> None:
    """``short`` (a text per language, at ``key``) must shorten ``whole`` with its own words."""
    for lang in _langs(short, c.languages):
        stray = word_not_in_title(short[lang], whole[lang])
        if stray is not None:
            c.error((key, lang), f"{name} must shorten {whole_name} with its own words; "
                    f"{stray!r} is not in {whole_name}, or not in {order}",
                    f'keep words of {whole_name}, in their order, and leave some out; {whole_name} is: "{whole[lang]}"')


def word_not_in_title(short: str, title: str) -> str | None:
    """The first word of ``short`` that breaks the rule "a shortening of ``title``", or None.

    A menu title is a shortening when its words are the title's words, in the
    same order, with some left out (a subsequence): "Commande déjà expédiée"
    shortens "Annuler une commande déjà expédiée"; "Message envoi annulé"
    does not shorten "Votre envoi a été annulé en cours de route".
    """
    remaining = iter(title_words(title))
    for word in title_words(short):
        if not any(word == candidate for candidate in remaining):
            return word
    return None


def _check_checklists(content: Content, docs: dict, facts_doc: Document, errors: list) -> None:
    """A printable checklist needs what its sheet prints: a checked date, and words for each figure."""
    unlabelled: dict[str, str] = {}
    for sid, article in content.scenarios.items():
        if not article.checklist:
            continue
        c = Checker(docs[sid], errors)
        if article.checked is None:
            c.error(("checklist",), "an article with a checklist needs the date it was last checked (printed on the sheet)",
                    "add: checked: 2026-11-27")
        for name in facts_quoted(article.texts()):
            if name not in content.facts:
                continue  # an unknown figure: reported by the placeholder check
            if content.facts[name].label is None:
                unlabelled.setdefault(name, sid)
    for name, sid in unlabelled.items():
        errors.append(ContentError(facts_doc.path, facts_doc.line((name,)), name,
                                   f"missing the key 'label': the checklist of {sid!r} prints this figure under its name",
                                   f"add: label: {content.languages.example()}"))
    for name, fact in content.facts.items():
        if fact.label:
            for lang in _langs(fact.label, content.languages):
                _check_placeholders(content, fact.label[lang], Checker(facts_doc, errors), (name, "label", lang))


def _check_placeholders(content: Content, text: str, c: Checker, path: tuple, current: str | None = None) -> None:
    """Every ``{kind:name}`` must name something real; stray braces are refused."""
    stripped = without(text)
    if "{" in stripped or "}" in stripped:
        c.error(path, "a brace { } must be a placeholder such as {ui:my-orders}, {fact:seller-response-window} or {link:shipped-order}",
                "remove the brace, or complete the placeholder")
    for kind, name in parse(text):
        if kind == "ui":
            if name not in content.labels:
                c.error(path, f"unknown label {{ui:{name}}}", _suggest(name, content.labels) or "labels are listed in content/labels.yml")
        elif kind == "fact":
            if name not in content.facts:
                c.error(path, f"unknown figure {{fact:{name}}}", _suggest(name, content.facts) or "figures are listed in content/facts.yml")
        elif kind in ("link", "url"):
            target, _, anchor = name.partition("#")
            if target not in content.scenarios:
                c.error(path, f"unknown article {{{kind}:{name}}}", _suggest(target, content.scenarios) or f"the articles are: {listing(content.scenarios)}")
            elif kind == "link" and target == current and not anchor:
                c.error(path, f"{{link:{name}}} points at the page itself", "link to a step instead: {link:ID#STEP-ID}")
            elif anchor and anchor not in content.anchors(target):
                c.error(path, f"the article {target!r} has no step or section {anchor!r}",
                        _suggest(anchor, content.anchors(target)) or f"its anchors are: {listing(sorted(content.anchors(target)))}")
        else:
            close = difflib.get_close_matches(kind, PLACEHOLDER_KINDS, n=1, cutoff=0.5)
            c.error(path, f"unknown placeholder {{{kind}:...}}",
                    f"did you mean {{{close[0]}:{name}}}?" if close else "placeholders are {ui:NAME}, {fact:NAME}, {link:ID} and {url:ID}")


def _check_former_ids(raw: dict, docs: dict, errors: list) -> None:
    """A former id keeps old links alive: it must not be live, nor claimed twice."""
    claimed: dict[str, str] = {}
    for sid, data in raw.items():
        c = Checker(docs[sid], errors)
        for i, old in enumerate(data["former_ids"]):
            if old in raw:
                c.error(("former_ids", i), f"{old!r} is the id of a live article; its address cannot redirect",
                        "remove it from former_ids: an id stays with the article that has it")
            elif old in claimed:
                c.error(("former_ids", i), f"{old!r} is already a former id of {claimed[old]!r}",
                        "an old address can redirect to one article only")
            else:
                claimed[old] = sid


def _check_orphans(content: Content, docs: dict, errors: list) -> None:
    """Every article should be reachable from another article, not only from the home page.

    A warning, not an error: a new article (``new-article``) is published as
    soon as its texts are written, and is linked from others (or from the
    decision guide) in a second step. The build prints the warning each time.
    """
    if len(content.scenarios) < 2:
        return
    for sid, sources in links_between_articles(content).items():
        if not sources:
            c = Checker(docs[sid], errors)
            c.error(("id",), "warning: no other article links to this one",
                    f"add {sid} to the related list or not_your_case of an article that readers of it come from")


def check_search_queries(queries: dict, doc: Document, scenarios: dict, errors: list) -> dict[str, tuple[SearchQuery, ...]]:
    """content/search-queries.yml, its shape checked: each expected article must exist."""
    out: dict[str, list[dict]] = {}
    for lang, items in queries.items():
        out[lang] = []
        for i, item in enumerate(items):
            if item["expect"] not in scenarios:
                errors.append(ContentError(doc.path, doc.line((lang, i, "expect")), format_key((lang, i, "expect")),
                                           f"unknown article {item['expect']!r}",
                                           _suggest(item["expect"], scenarios) or f"the articles are: {listing(scenarios)}"))
                continue
            out[lang].append(SearchQuery(query=item["query"], expect=item["expect"], twin=item.get("twin", "")))
    return {lang: tuple(items) for lang, items in out.items()}
