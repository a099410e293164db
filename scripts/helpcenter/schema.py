"""The shape of every content file, written once.

Each field type checks a loaded value (collecting ContentErrors with the
file, line and key path) and can describe itself as JSON Schema, so the
schema editors get in their editor and the checks the build runs cannot
disagree. Rules that look across files (references, placeholders) live in
validate.py.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from dataclasses import dataclass
from collections.abc import Mapping
from types import MappingProxyType

from .locales import Languages
from .errors import ContentError, format_key
from .load import Document

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Something that a browser would read as a tag, a comment or a declaration.
HTML_LIKE = re.compile(r"<\s*[a-zA-Z/!?]")
# Left by `new-article` where an editor still has to write something: the
# build refuses to publish it.
TODO = "TODO"


class Checker:
    """Collects the errors of one document while its fields are checked, and the
    texts a draft language misses (``drafts``: warnings, shared by the documents of
    one content check, so they come out in the order they were met)."""

    def __init__(self, doc: Document, errors: list[ContentError], drafts: list[ContentError] | None = None,
                 languages: Languages | None = None):
        self.doc = doc
        self.errors = errors
        self.drafts = [] if drafts is None else drafts
        self.languages = languages  # the table texts are checked against (a Checker that only reports: None)

    def error(self, path: tuple, message: str, hint: str = "") -> None:
        self.errors.append(ContentError(self.doc.path, self.doc.line(path), format_key(path), message, hint))


def _kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    return type(value).__name__


def suggest(name, names) -> str:
    """``did you mean 'x'?`` for a close misspelling of one of ``names``, else ""."""
    close = difflib.get_close_matches(str(name), [str(n) for n in names], n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def slugify(text: str) -> str:
    """The identifier an editor probably meant: ``My_Orders`` -> ``my-orders``."""
    return "-".join(re.findall(r"[a-z0-9]+", str(text).lower()))


def _todo_error(c: "Checker", path: tuple, what: str, example: str) -> None:
    c.error(path, f"still a TODO: {what}", f"replace TODO, for example: {example}")


@dataclass(frozen=True, eq=False)
class Field:
    """Base of all field types. ``check`` returns the value, or None if invalid.

    Frozen, as the shapes built from them: module-level constants that no check can change."""

    example = ""

    def example_in(self, languages: Languages) -> str:
        """How an editor writes this field (for a text: in every language of ``languages``)."""
        return self.example

    def check(self, value, c: Checker, path: tuple):
        raise NotImplementedError

    def schema(self, languages: Languages) -> dict:
        raise NotImplementedError


@dataclass(frozen=True, eq=False)
class Str(Field):
    """A plain one-language string (a source, a note for editors)."""

    example = '"text"'

    def check(self, value, c, path):
        if not isinstance(value, str) or not value.strip():
            c.error(path, f"expected a non-empty text, got {_kind(value)}", f"write: {path[-1]}: \"...\"")
            return None
        if TODO in value:
            _todo_error(c, path, "write this text", f'{path[-1]}: "..."')
            return None
        return value.strip()

    def schema(self, languages):
        return {"type": "string", "pattern": r"\S", "not": {"pattern": TODO},
                "errorMessage": "a non-empty text, with no TODO left"}


@dataclass(frozen=True, eq=False)
class Slug(Field):
    """An identifier: lower-case words joined by hyphens (``paid-awaiting-shipment``)."""

    example = "some-id"

    def check(self, value, c, path):
        if isinstance(value, str) and TODO in value:
            _todo_error(c, path, "write an identifier", f"{path[-1]}: {self.example}")
            return None
        if isinstance(value, str) and slugify(value) and not SLUG.match(value):
            c.error(path, f"expected an identifier in lower case with hyphens, got {value!r}",
                    f"did you mean {slugify(value)!r}?")
            return None
        if not isinstance(value, str) or not SLUG.match(value):
            c.error(path, f"expected an identifier in lower case with hyphens, got {value!r}",
                    "example: paid-awaiting-shipment")
            return None
        return value

    def schema(self, languages):
        return {"type": "string", "pattern": SLUG.pattern,
                "patternErrorMessage": "an identifier: lower-case words joined by hyphens, e.g. paid-awaiting-shipment"}


@dataclass(frozen=True, eq=False)
class Int(Field):
    minimum: int = 0

    def check(self, value, c, path):
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            c.error(path, f"expected a whole number of at least {self.minimum}, got {_kind(value)}",
                    f"example: {path[-1]}: 10")
            return None
        return value

    def schema(self, languages):
        return {"type": "integer", "minimum": self.minimum}


@dataclass(frozen=True, eq=False)
class Bool(Field):
    def check(self, value, c, path):
        if not isinstance(value, bool):
            c.error(path, f"expected true or false, got {_kind(value)}", f"example: {path[-1]}: true")
            return None
        return value

    def schema(self, languages):
        return {"type": "boolean"}


@dataclass(frozen=True, eq=False)
class Date(Field):
    def check(self, value, c, path):
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            c.error(path, f"expected a date written YYYY-MM-DD, got {_kind(value)}",
                    f"example: {path[-1]}: 2026-11-27")
            return None
        return value

    def schema(self, languages):
        return {"type": "string", "format": "date"}


@dataclass(frozen=True, eq=False)
class Text(Field):
    """Human-readable text in every language: ``{fr: "...", en: "..."}``."""

    def example_in(self, languages):
        return languages.example()

    def check(self, value, c, path):
        langs = c.languages
        hint = f"write {langs.every_language}: {langs.example()}"
        if isinstance(value, str):
            c.error(path, f"expected the text in {langs.every_language}, got a single text", hint)
            return None
        if not isinstance(value, dict):
            c.error(path, f"expected the text in {langs.every_language}, got {_kind(value)}", hint)
            return None
        out = {}
        for lang in langs.declared:
            name = langs.get(lang).english_name
            if lang not in value:
                if lang in langs.published:  # a draft language may miss texts: the preview lists them
                    c.error(path + (lang,), f"missing the {name} text", hint)
                continue
            text = value[lang]
            if not isinstance(text, str) or not text.strip():
                c.error(path + (lang,), f"expected a non-empty text, got {_kind(text)}",
                        f'write the {name} text in double quotes: {lang}: "..."')
                continue
            if TODO in text:
                c.error(path + (lang,), f"still a TODO: write the {name} text",
                        f'replace "TODO: ..." with the text readers will see: {lang}: "..."')
                continue
            if HTML_LIKE.search(text):
                c.error(path + (lang,), "HTML is not allowed in texts",
                        "write plain text; use {ui:NAME}, {fact:NAME} and {link:ID} for labels, figures and links")
                continue
            out[lang] = " ".join(text.split())
        for extra in value:
            if extra not in langs.declared:
                c.error(path + (str(extra),), f"unknown language {extra!r}",
                        suggest(extra, langs.declared) or f"the languages are: {', '.join(langs.declared)}")
        if not all(lang in out for lang in langs.published):
            return None
        source = langs.default
        for lang in langs.built:  # a draft language in preview: its missing texts listed, the source's shown
            if lang not in out:
                c.drafts.append(ContentError(
                    c.doc.path, c.doc.line(path), format_key(path + (lang,)),
                    f"missing the {langs.get(lang).english_name} text (draft language: the preview shows the "
                    f"{langs.get(source).english_name} one)", ""))
                out[lang] = Fallback(out[source])
        return out

    def schema(self, languages):
        return {
            "type": "object",
            "required": list(languages.published),
            "additionalProperties": False,
            "properties": {lang: {
                "type": "string", "pattern": r"\S",
                "description": f"The {languages.get(lang).english_name} text, in double quotes.",
                "allOf": [
                    {"not": {"pattern": HTML_LIKE.pattern},
                     "errorMessage": "HTML is not allowed in texts: write plain text, with {ui:NAME}, {fact:NAME}, {link:ID}"},
                    {"not": {"pattern": TODO}, "errorMessage": f"still a TODO: write the {languages.get(lang).english_name} text"},
                ]} for lang in languages.declared},
            "description": f"A text in {languages.every_language}: {languages.example()}",
            "defaultSnippets": [{"label": " + ".join(languages.published),
                                 "body": {lang: f"${{{i + 1}}}" for i, lang in enumerate(languages.published)}}],
        }


PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@dataclass(frozen=True, eq=False)
class PluralText(Text):
    """A unit's text per language: one pattern, or one per CLDR plural
    category of the number (``{one: "{n} jour", other: "{n} jours"}``); the
    language's own rules (Babel) choose the form."""

    def check(self, value, c, path):
        if not isinstance(value, dict):
            return super().check(value, c, path)
        forms, flat = {}, {}
        for lang, text in value.items():
            if isinstance(text, dict):
                unknown = [k for k in text if k not in PLURAL_CATEGORIES]
                if unknown or not isinstance(text.get("other"), str):
                    c.error(path + (lang,), "expected one text, or texts by plural form with at least other:",
                            f'for example: {lang}: {{one: "{{n}} ...", other: "{{n}} ..."}} '
                            f"(the forms: {', '.join(PLURAL_CATEGORIES)})")
                    return None
                forms[lang] = text
                flat[lang] = text["other"]
            else:
                flat[lang] = text
        out = super().check(flat, c, path)
        if out is None:
            return None
        for lang, text in forms.items():
            out[lang] = {k: " ".join(str(v).split()) for k, v in text.items()}
        return out

    def schema(self, languages):
        base = super().schema(languages)
        for lang, prop in base["properties"].items():
            base["properties"][lang] = {"oneOf": [prop, {
                "type": "object", "required": ["other"], "additionalProperties": False,
                "properties": {k: {"type": "string"} for k in PLURAL_CATEGORIES}}]}
        return base


class Fallback(str):
    """A draft language's missing text, shown in the default language meanwhile (a preview
    only): the pages mark it with that language (``lang``), as it is written in it."""


@dataclass(frozen=True, eq=False)
class PerLanguage(Field):
    """Any field type, once per language (``months: {fr: [...], en: [...]}``)."""

    inner: Field

    def check(self, value, c, path):
        langs = c.languages
        hint = f"write one entry per language: {', '.join(f'{lang}: ...' for lang in langs.published)}"
        if not isinstance(value, dict):
            c.error(path, f"expected one entry per language ({', '.join(langs.published)}), got {_kind(value)}", hint)
            return None
        out = {}
        for lang in langs.declared:
            if lang not in value:
                if lang in langs.published:
                    c.error(path + (lang,), f"missing the {langs.get(lang).english_name} entry", hint)
                continue
            checked = self.inner.check(value[lang], c, path + (lang,))
            if checked is not None:
                out[lang] = checked
        for extra in value:
            if extra not in langs.declared:
                c.error(path + (str(extra),), f"unknown language {extra!r}",
                        suggest(extra, langs.declared) or f"the languages are: {', '.join(langs.declared)}")
        if not all(lang in out for lang in langs.published):
            return None
        for lang in langs.built:  # a draft language in preview: the source's entry (its texts are listed)
            out.setdefault(lang, out[langs.default])
        return out

    def schema(self, languages):
        return {"type": "object", "required": list(languages.published), "additionalProperties": False,
                "properties": {lang: self.inner.schema(languages) for lang in languages.declared}}


@dataclass(frozen=True, eq=False)
class List(Field):
    example = "[]"
    item: Field
    min_items: int = 0
    max_items: int | None = None

    def check(self, value, c, path):
        example = f"one item per line starting with '- ', for example: - {self.item.example_in(c.languages) or '...'}"
        if not isinstance(value, list):
            c.error(path, f"expected a list (lines starting with '- '), got {_kind(value)}", f"write {example}")
            return None
        if len(value) < self.min_items:
            c.error(path, f"expected at least {self.min_items} item{'s' if self.min_items > 1 else ''}, got {len(value)}",
                    f"write at least {self.min_items}, {example}")
        if self.max_items is not None and len(value) > self.max_items:
            c.error(path, f"expected at most {self.max_items} items, got {len(value)}", "remove the items in excess")
        out = [self.item.check(v, c, path + (i,)) for i, v in enumerate(value)]
        return out if all(v is not None for v in out) else None

    def schema(self, languages):
        s = {"type": "array", "items": self.item.schema(languages), "minItems": self.min_items}
        if self.max_items is not None:
            s["maxItems"] = self.max_items
        return s


@dataclass(frozen=True, eq=False)
class Obj(Field):
    """A mapping with known keys; unknown keys get a "did you mean"."""

    required: Mapping[str, Field]
    optional: Mapping[str, Field] | None = None
    doc: str = ""

    def __post_init__(self):
        # Read-only copies: the caller's dicts cannot change the shape afterwards.
        object.__setattr__(self, "required", MappingProxyType(dict(self.required)))
        object.__setattr__(self, "optional", MappingProxyType(dict(self.optional or {})))

    @property
    def example(self) -> str:
        return "{" + ", ".join(f"{k}: ..." for k in self.required) + "}"

    @property
    def fields(self) -> dict:
        return {**self.required, **self.optional}

    def check(self, value, c, path):
        if not isinstance(value, dict):
            c.error(path, f"expected a mapping with the keys {', '.join(self.required)}, got {_kind(value)}",
                    f"write one 'key: value' per line, starting with: {next(iter(self.required))}: ...")
            return None
        out, ok = {}, True
        misspelt = set()  # keys reported as "did you mean": not reported missing as well
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"the keys allowed here are: {', '.join(self.fields)}"
                c.error(path + (key,), "unknown key", hint)
                misspelt.update(close)
                ok = False
        for key, field in self.fields.items():
            if key not in value:
                if key in self.required and key not in misspelt:
                    c.error(path, f"missing the key {key!r}", f"add: {key}: {field.example_in(c.languages) or '...'}")
                    ok = False
                continue
            checked = field.check(value[key], c, path + (key,))
            if checked is None:
                ok = False
            out[key] = checked
        return out if ok else None

    def schema(self, languages):
        s = {"type": "object", "additionalProperties": False, "required": list(self.required),
             "properties": {k: f.schema(languages) for k, f in self.fields.items()}}
        if self.doc:
            s["description"] = self.doc
        return s


@dataclass(frozen=True, eq=False)
class Either(Field):
    """One of several mapping shapes, told apart by a key only one of them has."""

    shapes: Mapping[str, Obj]  # distinguishing key -> shape

    def __post_init__(self):
        object.__setattr__(self, "shapes", MappingProxyType(dict(self.shapes)))

    def example_in(self, languages) -> str:
        return next(iter(self.shapes.values())).example_in(languages)

    def check(self, value, c, path):
        if isinstance(value, dict):
            for key, shape in self.shapes.items():
                if key in value:
                    return shape.check(value, c, path)
        close = [suggest(k, self.shapes) for k in value] if isinstance(value, dict) else []
        hint = next((s for s in close if s), "") or f"start with one of: {', '.join(f'{k}: ...' for k in self.shapes)}"
        c.error(path, f"expected a mapping with one of the keys {', '.join(self.shapes)}, got {_kind(value)}", hint)
        return None

    def schema(self, languages):
        return {"oneOf": [shape.schema(languages) for shape in self.shapes.values()]}


@dataclass(frozen=True, eq=False)
class MapOf(Field):
    """A mapping from identifiers to values of one type (facts, labels)."""

    value: Field

    def check(self, value, c, path):
        if not isinstance(value, dict) or not value:
            c.error(path, f"expected a mapping of names to entries, got {_kind(value)}",
                    "write one entry per name, starting at the beginning of a line: some-name: ...")
            return None
        out, ok = {}, True
        for key, item in value.items():
            if not SLUG.match(key):
                c.error(path + (key,), "a name must be lower case words joined by hyphens",
                        f"did you mean {slugify(key)!r}?" if slugify(key) else "example: seller-response-window")
                ok = False
                continue
            checked = self.value.check(item, c, path + (key,))
            ok = ok and checked is not None
            out[key] = checked
        return out if ok else None

    def schema(self, languages):
        return {"type": "object", "propertyNames": {"pattern": SLUG.pattern},
                "additionalProperties": self.value.schema(languages), "minProperties": 1}


# ---------------------------------------------------------------------------
# Help for editors: what each field is, shown on hover in their editor
# (yaml-language-server reads title, description and examples from the
# exported JSON Schema). The wording (the _HELP_ mappings) lives beside
# each shape below, beside the rules it explains.


@dataclass(frozen=True, eq=False)
class Help(Field):
    """Any field, with the help an editor sees on hover; checks exactly as ``inner``."""

    inner: Field
    description: str
    title: str = ""
    examples: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "examples", tuple(self.examples))

    def example_in(self, languages):
        return self.inner.example_in(languages)

    def check(self, value, c, path):
        # A TODO in a scalar field names the right form from this field's own example.
        if isinstance(value, str) and TODO in value and self.examples and not isinstance(self.inner, Text):
            example = f'"{self.examples[0]}"' if isinstance(self.inner, Str) else self.examples[0]
            _todo_error(c, path, f"write the {path[-1]}", f"{path[-1]}: {example}")
            return None
        return self.inner.check(value, c, path)

    def schema(self, languages):
        s = dict(self.inner.schema(languages))
        if self.title:
            s["title"] = self.title
        s["description"] = self.description
        if self.examples:
            s["examples"] = list(self.examples)
        return s


def document(shape: Obj, helps: Mapping) -> Obj:
    """``shape`` with each field named in ``helps`` wrapped in its Help (key -> description or (description, examples))."""
    def helped(fields):
        return {key: _helped(key, field, helps[key]) if key in helps else field for key, field in fields.items()}

    return Obj(helped(shape.required), helped(shape.optional), shape.doc)


def _helped(key: str, field: Field, help) -> Help:
    description, examples = help if isinstance(help, tuple) else (help, ())
    return Help(field, description, title=key, examples=examples)


# ---------------------------------------------------------------------------
# The content files

_HELP_STEP = MappingProxyType({
    "id": ("The step's anchor, kept when the text changes: agents link to /ARTICLE/#ID.", ("open-orders",)),
    "text": "What the reader does, in both languages. Labels: {ui:NAME}; figures: {fact:NAME}; links: {link:ID}.",
    "note": "Optional: a remark shown under the step, in both languages.",
})
_HELP_STEP_USE = MappingProxyType({
    "use": ("Reuse a step of another article, same text and anchor: ARTICLE-ID#STEP-ID.", ("unpaid-order#sign-in",)),
})
STEP = Either({
    "id": document(Obj(required={"id": Slug(), "text": Text()}, optional={"note": Text()}), _HELP_STEP),
    "use": document(Obj(required={"use": Str()}), _HELP_STEP_USE),
})

_HELP_DETAIL = MappingProxyType({
    "id": ("The section's anchor, kept when the text changes.", ("delays",)),
    "title": "The section's heading, in both languages.",
    "paragraphs": "The section's paragraphs, one list item each, in both languages.",
})
DETAIL = document(Obj(required={"id": Slug(), "title": Text(), "paragraphs": List(Text(), min_items=1)}), _HELP_DETAIL)

# More items than this no longer fit one printed page (A4 and US Letter).
CHECKLIST_MAX_ITEMS = 10

_HELP_OTHER_CASE = MappingProxyType({
    "scenario": ("The id of the article to read instead (its file name without .yml).", ("shipped-order",)),
    "when": "When to go there, completing 'Not your case?': in both languages.",
})
OTHER_CASE = document(Obj(required={"scenario": Slug(), "when": Text()}), _HELP_OTHER_CASE)

_HELP_SCENARIO = MappingProxyType({
    "id": ("The article's id: its file name without .yml, and its address (/ID/ and /en/ID/). Never change it once published.",
           ("shipped-order",)),
    "section": ("The group it belongs to on the home page and in the menu: an id from `sections` in content/site.yml.",
                ("before-shipping",)),
    "order": ("Its position within the group: 10, 20, 30... leaves room.", (10,)),
    "title": "The page title, in both languages.",
    "short_title": ("Optional: a shorter title for the menu only (default: title). The title's own words, in their order, "
                    "some left out: \"Commande déjà expédiée\" shortens \"Annuler une commande déjà expédiée\". "
                    "Everywhere else (tab, heading, links, sheet) the page has its full title."),
    "summary": "One or two sentences that answer the reader's question; also the page description for search engines.",
    "search_terms": ("Optional: words readers type when they look for this page and that it does not use, "
                     "per language, separated by commas: \"combien de temps, quand, délai\". Searched, never shown."),
    "applies_when": "Optional: texts completing 'This page is for you if'.",
    "steps": "The numbered steps: written out ({id, text, note}) or reused from another article ({use: ARTICLE#STEP}).",
    "after": "What happens next (refund, delays), one text per item.",
    "warnings": "Optional: texts shown as warnings.",
    "details": "Optional: extra sections {id, title, paragraphs}.",
    "not_your_case": "Where to go instead: {scenario: other-id, when: text}. At least one.",
    "related": "Optional: ids of articles shown under 'See also'. Listing an article here links to it.",
    "former_ids": "Optional: ids this article had before; their old addresses redirect here.",
    "agent_reply": "The reply support agents paste to customers, in both languages; give the address with {url:ID} or {url:ID#STEP}.",
    "checklist": "Optional: short things to do, keep or check, ticked by the reader (at most 10: the printed sheet fits one page).",
    "checked": ("With a checklist: when you last checked the article against the platform, YYYY-MM-DD; printed on the sheet.",
                ("2026-11-27",)),
    "reference_only": "Optional: true for an article no path of the decision guide has to reach (readers come from other articles).",
})
SCENARIO = document(Obj(
    doc="One help-center article: content/scenarios/<id>.yml",
    required={
        "id": Slug(),
        "section": Slug(),
        "order": Int(),
        "title": Text(),
        "summary": Text(),
        "steps": List(STEP, min_items=1),
        "after": List(Text(), min_items=1),
        "not_your_case": List(OTHER_CASE, min_items=1),
        "agent_reply": Text(),
    },
    optional={
        "former_ids": List(Slug()),
        "short_title": Text(),
        # Words readers type for this situation that the article does not use.
        "search_terms": Text(),
        "applies_when": List(Text()),
        "warnings": List(Text()),
        "details": List(DETAIL),
        "related": List(Slug()),
        # Printable checklist: short items a reader ticks (one printed page).
        "checklist": List(Text(), min_items=1, max_items=CHECKLIST_MAX_ITEMS),
        # When an editor last checked the article against the platform;
        # printed on the checklist sheet.
        "checked": Date(),
        # True for an article that no path of the decision guide has to reach
        # (readers get there from other articles, like contacting the seller).
        "reference_only": Bool(),
    },
), _HELP_SCENARIO)


# The largest figure a page prints: a delay, a count. Beyond it a figure is a typo, and
# Babel cannot print numbers of more than 28 digits at all.
MAX_FIGURE = 1_000_000


@dataclass(frozen=True, eq=False)
class _Number(Field):
    def check(self, value, c, path):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            c.error(path, f"expected a number, got {_kind(value)}", f"example: {path[-1]}: 72")
            return None
        if value > MAX_FIGURE:
            c.error(path, f"the figure {value:g} is larger than {MAX_FIGURE}, the largest a page prints",
                    "check for a typo: a delay in hours or days is a small number")
            return None
        return value

    def schema(self, languages):
        return {"type": "number", "minimum": 0, "maximum": MAX_FIGURE}


# label: what the figure is, in words, for the key figures of a printed checklist.
_HELP_FACT = MappingProxyType({
    "value": ("The figure, a number.", (72,)),
    "min": ("The low end of a range (write max too).", (7,)),
    "max": ("The high end of a range.", (15,)),
    "unit": ("A unit from `units` in content/site.yml.", ("hours", "days", "business-days")),
    "source": ("Where the figure comes from (for editors; not published).", ("The platform's help page on cancellations",)),
    "checked": ("When the figure was taken from its source, YYYY-MM-DD; shown under each page quoting it.", ("2026-11-27",)),
    "verified": ("Optional: when an editor confirmed the figure on the platform itself, YYYY-MM-DD; "
                 "pages then say the figures were verified on that day.", ("2026-12-01",)),
    "note": ("Optional: what editors should know about this figure (not published).", ("Other sources say 48 hours.",)),
    "label": "The figure's name, in both languages, printed on checklists: {fr: \"Délai de réponse\", en: \"Response time\"}.",
})
FACT = Either({
    "value": document(Obj(required={"value": _Number(), "unit": Slug(), "source": Str(), "checked": Date()},
                          optional={"note": Str(), "label": Text(), "verified": Date()}), _HELP_FACT),
    "min": document(Obj(required={"min": _Number(), "max": _Number(), "unit": Slug(), "source": Str(), "checked": Date()},
                        optional={"note": Str(), "label": Text(), "verified": Date()}), _HELP_FACT),
})

FACTS = MapOf(FACT)
LABELS = MapOf(Text())

_HELP_SECTION = MappingProxyType({
    "id": ("The group's id, quoted by `section:` in articles.", ("before-shipping",)),
    "title": "The group's title on the home page and in the menu.",
})
SECTION = document(Obj(required={"id": Slug(), "title": Text()}), _HELP_SECTION)

_HELP_SITE = MappingProxyType({
    "site_name": "The site's name, in the header and the browser tab.",
    "site_short_name": "Optional: the name in the header on a phone, where the full name is cut; the site name's own words, shortened (default: site_name).",
    "support": ("Optional: the platform's customer service, per language: an https:// address or mailto:ADDRESS. "
                "Every article and guide outcome ends with it; without it, no block is shown. "
                "Example hosts (example.com, .example, .invalid, .test) are refused: never publish a placeholder. "
                "For example: {fr: \"https://platform.example/fr/contact\", en: \"https://platform.example/en/contact\"}."),
    "feedback": ("Optional: where readers' answers to \"Did this answer your question?\" go, per language: "
                 "a form's https:// address (the answer, the page's address and title are added as answer=, page= "
                 "and title=) or mailto:ADDRESS (a message ready in the reader's email app). Every article and guide "
                 "outcome then ends with Yes and No links; a language without it shows no block. "
                 "For example: {fr: \"https://forms.platform.example/avis\", en: \"mailto:feedback@platform.example\"}."),
    "home": "The home page: title, intro, and an optional reassurance sentence.",
    "sections": "Groups of articles, in this order on the home page and in the menu: {id, title}.",
    "strings": "Words the templates print around articles; every name the templates use must be here.",
    "units": "How a figure is written per unit; {n} is the number, written the language's way (1,5 in French): {fr: \"{n} heures\", en: \"{n} hours\"}; or one text per plural form: {one: \"{n} day\", other: \"{n} days\"}.",
    "range": "How a range is written; {min} and {max} are the numbers.",
    "date_format": "Not read any more (dates follow each language's locale): may be deleted.",
    "months": "Not read any more (dates follow each language's locale): may be deleted.",
})
SITE = document(Obj(
    doc="Site-wide texts: content/site.yml",
    required={
        "site_name": Text(),
        "home": Obj(required={"title": Text(), "intro": Text()}, optional={"reassurance": Text()}),
        "sections": List(SECTION, min_items=1),
        "strings": MapOf(Text()),
        "units": MapOf(PluralText()),
        "range": Text(),
    },
    optional={
        # No longer read: dates are the locale's long date (Babel). Kept
        # optional so that a content folder that has them still checks.
        "date_format": Text(),
        "months": PerLanguage(List(Str(), min_items=12, max_items=12)),
        # The name in the header on a phone, where the full name is cut.
        "site_short_name": Text(),
        # The platform's customer service, per language: shown at the end of
        # every article and guide outcome; no block when absent.
        "support": PerLanguage(Str()),
        # Where "Did this answer your question?" sends answers, per language: no block when absent.
        "feedback": PerLanguage(Str()),
    },
), _HELP_SITE)

# The decision guide: content/decision-tree.yml. Rules across nodes
# (targets, reachability, cycles, articles reached) live in guide.py.
_HELP_ANSWER = MappingProxyType({
    "answer": "The answer as the reader reads it, in both languages.",
    "short": "Optional: a shorter answer for the diagram.",
    "next": ("The id of the node this answer leads to (a question or an outcome).", ("paid-not-shipped",)),
})
ANSWER = document(Obj(required={"answer": Text(), "next": Slug()}, optional={"short": Text()}), _HELP_ANSWER)

_HELP_QUESTION = MappingProxyType({
    "question": "The question, in both languages.",
    "hint": "Optional: a line under the question that helps to answer it.",
    "answers": "At least two answers: {answer, next, short (optional)}.",
    "former_ids": "Optional: ids of published nodes this one replaced; their addresses /guide/<id>/ lead here.",
})
_HELP_OUTCOME = MappingProxyType({
    "outcome": ("The id of the article this outcome leads to.", ("paid-awaiting-shipment",)),
    "verdict": "One sentence: why this article is the reader's situation, in both languages.",
    "title": "The outcome page's heading: the reader's situation as their answers said it (default: the article's title). "
             "Required when several outcomes lead to the same article.",
    "former_ids": "Optional: ids of published nodes this one replaced; their addresses /guide/<id>/ lead here.",
})
GUIDE_NODE = Either({
    "question": document(Obj(required={"question": Text(), "answers": List(ANSWER, min_items=2)},
                             optional={"hint": Text(), "former_ids": List(Slug())}), _HELP_QUESTION),
    "outcome": document(Obj(required={"outcome": Slug(), "verdict": Text()},
                            optional={"title": Text(), "former_ids": List(Slug())}), _HELP_OUTCOME),
})

_HELP_GUIDE = MappingProxyType({
    "title": "The guide's one name, in both languages: menu, home button, 404 link, articles' link, "
             "the caption above every guide heading and the first page's tab.",
    "intro": "The line under the first question (the guide's first page only).",
    "start": ("The id of the first question (its page is /guide/).", ("paid",)),
    "nodes": "Every question and outcome, by id: /guide/<id>/ is its address. Never change an id once published.",
})
GUIDE = document(Obj(
    doc="The decision guide: content/decision-tree.yml",
    required={"title": Text(), "intro": Text(), "start": Slug(), "nodes": MapOf(GUIDE_NODE)},
), _HELP_GUIDE)


# Readers' search questions: content/search-queries.yml. That each expected
# article exists is checked in validate.py.
_HELP_SEARCH_QUESTION = MappingProxyType({
    "query": ("A question as readers type it into the search box.", ("coupon pas rendu",)),
    "expect": ("The id of the article that must come first.", ("coupons-refunds",)),
    "twin": ("Optional: a name this question shares with the same question in the other languages; "
             "their expected articles must rank alike.", ("refund-delay",)),
})
SEARCH_QUESTION = document(Obj(required={"query": Str(), "expect": Slug()}, optional={"twin": Slug()}),
                           _HELP_SEARCH_QUESTION)
SEARCH_QUERIES = PerLanguage(List(SEARCH_QUESTION, min_items=1))

# ---------------------------------------------------------------------------
# The kinds of content file. One line per kind: the JSON Schema export
# (`python -m helpcenter schemas`), the `# yaml-language-server: $schema=`
# line of each file and the pre-commit check all loop over this registry.


@dataclass(frozen=True)
class Kind:
    name: str  # the schema's file name: scripts/helpcenter/schemas/<name>.schema.json
    shape: Field
    files: str  # which files under content/ (a glob)
    title: str


KINDS = (
    Kind("site", SITE, "site.yml", "Site-wide texts (content/site.yml)"),
    Kind("labels", LABELS, "labels.yml", "Labels of the platform's buttons and menus (content/labels.yml)"),
    Kind("facts", FACTS, "facts.yml", "Policy figures (content/facts.yml)"),
    Kind("scenario", SCENARIO, "scenarios/*.yml", "One help-center article (content/scenarios/<id>.yml)"),
    Kind("decision-tree", GUIDE, "decision-tree.yml", "The decision guide (content/decision-tree.yml)"),
    Kind("search-queries", SEARCH_QUERIES, "search-queries.yml",
         "Readers' search questions, each with the article that must come first (content/search-queries.yml)"),
)
