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
import re

from . import LANGUAGES
from .errors import ContentError, format_key
from .load import Document

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Something that a browser would read as a tag, a comment or a declaration.
HTML_LIKE = re.compile(r"<\s*[a-zA-Z/!?]")


class Checker:
    """Collects the errors of one document while its fields are checked."""

    def __init__(self, doc: Document, errors: list[ContentError]):
        self.doc = doc
        self.errors = errors

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


class Field:
    """Base of all field types. ``check`` returns the value, or None if invalid."""

    example = ""

    def check(self, value, c: Checker, path: tuple):
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError


class Str(Field):
    """A plain one-language string (a source, a note for editors)."""

    example = '"text"'

    def check(self, value, c, path):
        if not isinstance(value, str) or not value.strip():
            c.error(path, f"expected a non-empty text, got {_kind(value)}", f"write: {path[-1]}: \"...\"")
            return None
        return value.strip()

    def schema(self):
        return {"type": "string", "minLength": 1}


class Slug(Field):
    """An identifier: lower-case words joined by hyphens (``paid-awaiting-shipment``)."""

    def check(self, value, c, path):
        if not isinstance(value, str) or not SLUG.match(value):
            c.error(path, f"expected an identifier in lower case with hyphens, got {value!r}",
                    "example: paid-awaiting-shipment")
            return None
        return value

    def schema(self):
        return {"type": "string", "pattern": SLUG.pattern}


class Int(Field):
    def __init__(self, minimum: int = 0):
        self.minimum = minimum

    def check(self, value, c, path):
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            c.error(path, f"expected a whole number of at least {self.minimum}, got {_kind(value)}",
                    f"example: {path[-1]}: 10")
            return None
        return value

    def schema(self):
        return {"type": "integer", "minimum": self.minimum}


class Bool(Field):
    def check(self, value, c, path):
        if not isinstance(value, bool):
            c.error(path, f"expected true or false, got {_kind(value)}", f"example: {path[-1]}: true")
            return None
        return value

    def schema(self):
        return {"type": "boolean"}


class Date(Field):
    def check(self, value, c, path):
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            c.error(path, f"expected a date written YYYY-MM-DD, got {_kind(value)}",
                    f"example: {path[-1]}: 2026-11-27")
            return None
        return value

    def schema(self):
        return {"type": "string", "format": "date"}


class Text(Field):
    """Human-readable text in every language: ``{fr: "...", en: "..."}``."""

    def check(self, value, c, path):
        hint = 'write both languages: {fr: "...", en: "..."}'
        if isinstance(value, str):
            c.error(path, "expected the text in both languages, got a single text", hint)
            return None
        if not isinstance(value, dict):
            c.error(path, f"expected the text in both languages, got {_kind(value)}", hint)
            return None
        out = {}
        for lang in LANGUAGES:
            if lang not in value:
                c.error(path + (lang,), f"missing the {_LANG_NAMES[lang]} text", hint)
                continue
            text = value[lang]
            if not isinstance(text, str) or not text.strip():
                c.error(path + (lang,), f"expected a non-empty text, got {_kind(text)}",
                        f'write the {_LANG_NAMES[lang]} text in double quotes: {lang}: "..."')
                continue
            if HTML_LIKE.search(text):
                c.error(path + (lang,), "HTML is not allowed in texts",
                        "write plain text; use {ui:NAME}, {fact:NAME} and {link:ID} for labels, figures and links")
                continue
            out[lang] = " ".join(text.split())
        for extra in value:
            if extra not in LANGUAGES:
                c.error(path + (str(extra),), f"unknown language {extra!r}",
                        f"the languages are: {', '.join(LANGUAGES)}")
        return out if len(out) == len(LANGUAGES) else None

    def schema(self):
        return {
            "type": "object",
            "required": list(LANGUAGES),
            "additionalProperties": False,
            "properties": {lang: {"type": "string", "minLength": 1, "not": {"pattern": HTML_LIKE.pattern}}
                           for lang in LANGUAGES},
        }


_LANG_NAMES = {"fr": "French", "en": "English"}


class PerLanguage(Field):
    """Any field type, once per language (``months: {fr: [...], en: [...]}``)."""

    def __init__(self, inner: Field):
        self.inner = inner

    def check(self, value, c, path):
        if not isinstance(value, dict):
            c.error(path, f"expected one entry per language ({', '.join(LANGUAGES)}), got {_kind(value)}")
            return None
        out = {}
        for lang in LANGUAGES:
            if lang not in value:
                c.error(path + (lang,), f"missing the {_LANG_NAMES[lang]} entry")
                continue
            checked = self.inner.check(value[lang], c, path + (lang,))
            if checked is not None:
                out[lang] = checked
        for extra in value:
            if extra not in LANGUAGES:
                c.error(path + (str(extra),), f"unknown language {extra!r}")
        return out if len(out) == len(LANGUAGES) else None

    def schema(self):
        return {"type": "object", "required": list(LANGUAGES), "additionalProperties": False,
                "properties": {lang: self.inner.schema() for lang in LANGUAGES}}


class List(Field):
    def __init__(self, item: Field, min_items: int = 0, max_items: int | None = None):
        self.item, self.min_items, self.max_items = item, min_items, max_items

    def check(self, value, c, path):
        if not isinstance(value, list):
            c.error(path, f"expected a list (lines starting with '- '), got {_kind(value)}")
            return None
        if len(value) < self.min_items:
            c.error(path, f"expected at least {self.min_items} item{'s' if self.min_items > 1 else ''}, got {len(value)}")
        if self.max_items is not None and len(value) > self.max_items:
            c.error(path, f"expected at most {self.max_items} items, got {len(value)}")
        out = [self.item.check(v, c, path + (i,)) for i, v in enumerate(value)]
        return out if all(v is not None for v in out) else None

    def schema(self):
        s = {"type": "array", "items": self.item.schema(), "minItems": self.min_items}
        if self.max_items is not None:
            s["maxItems"] = self.max_items
        return s


class Obj(Field):
    """A mapping with known keys; unknown keys get a "did you mean"."""

    def __init__(self, required: dict, optional: dict | None = None, doc: str = ""):
        self.required, self.optional, self.doc = required, optional or {}, doc

    @property
    def fields(self) -> dict:
        return {**self.required, **self.optional}

    def check(self, value, c, path):
        if not isinstance(value, dict):
            c.error(path, f"expected a mapping with the keys {', '.join(self.required)}, got {_kind(value)}")
            return None
        out, ok = {}, True
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"the keys allowed here are: {', '.join(self.fields)}"
                c.error(path + (key,), "unknown key", hint)
                ok = False
        for key, field in self.fields.items():
            if key not in value:
                if key in self.required:
                    c.error(path, f"missing the key {key!r}", f"add: {key}: {field.example or '...'}")
                    ok = False
                continue
            checked = field.check(value[key], c, path + (key,))
            if checked is None:
                ok = False
            out[key] = checked
        return out if ok else None

    def schema(self):
        s = {"type": "object", "additionalProperties": False, "required": list(self.required),
             "properties": {k: f.schema() for k, f in self.fields.items()}}
        if self.doc:
            s["description"] = self.doc
        return s


class Either(Field):
    """One of several mapping shapes, told apart by a key only one of them has."""

    def __init__(self, shapes: dict[str, Obj]):
        self.shapes = shapes  # distinguishing key -> shape

    def check(self, value, c, path):
        if isinstance(value, dict):
            for key, shape in self.shapes.items():
                if key in value:
                    return shape.check(value, c, path)
        c.error(path, f"expected a mapping with one of the keys {', '.join(self.shapes)}, got {_kind(value)}")
        return None

    def schema(self):
        return {"oneOf": [shape.schema() for shape in self.shapes.values()]}


class MapOf(Field):
    """A mapping from identifiers to values of one type (facts, labels)."""

    def __init__(self, value: Field):
        self.value = value

    def check(self, value, c, path):
        if not isinstance(value, dict) or not value:
            c.error(path, f"expected a mapping of names to entries, got {_kind(value)}")
            return None
        out, ok = {}, True
        for key, item in value.items():
            if not SLUG.match(key):
                c.error(path + (key,), "a name must be lower case words joined by hyphens", "example: seller-response-window")
                ok = False
                continue
            checked = self.value.check(item, c, path + (key,))
            ok = ok and checked is not None
            out[key] = checked
        return out if ok else None

    def schema(self):
        return {"type": "object", "propertyNames": {"pattern": SLUG.pattern},
                "additionalProperties": self.value.schema(), "minProperties": 1}


Slug.example = "some-id"
Text.example = '{fr: "...", en: "..."}'
List.example = "[]"

# ---------------------------------------------------------------------------
# The content files

STEP = Either({
    "id": Obj(required={"id": Slug(), "text": Text()}, optional={"note": Text()}),
    "use": Obj(required={"use": Str()}),
})

DETAIL = Obj(required={"id": Slug(), "title": Text(), "paragraphs": List(Text(), min_items=1)})

# More items than this no longer fit one printed page (A4 and US Letter).
CHECKLIST_MAX_ITEMS = 10

OTHER_CASE = Obj(required={"scenario": Slug(), "when": Text()})

SCENARIO = Obj(
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
)


class _Number(Field):
    def check(self, value, c, path):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            c.error(path, f"expected a number, got {_kind(value)}", f"example: {path[-1]}: 72")
            return None
        return value

    def schema(self):
        return {"type": "number", "minimum": 0}


# label: what the figure is, in words, for the key figures of a printed checklist.
FACT = Either({
    "value": Obj(required={"value": _Number(), "unit": Slug(), "source": Str(), "checked": Date()},
                 optional={"note": Str(), "label": Text()}),
    "min": Obj(required={"min": _Number(), "max": _Number(), "unit": Slug(), "source": Str(), "checked": Date()},
               optional={"note": Str(), "label": Text()}),
})

FACTS = MapOf(FACT)
LABELS = MapOf(Text())

SECTION = Obj(required={"id": Slug(), "title": Text()})

SITE = Obj(
    doc="Site-wide texts: content/site.yml",
    required={
        "site_name": Text(),
        "home": Obj(required={"title": Text(), "intro": Text()}, optional={"reassurance": Text()}),
        "sections": List(SECTION, min_items=1),
        "strings": MapOf(Text()),
        "units": MapOf(Text()),
        "range": Text(),
        "date_format": Text(),
        "months": PerLanguage(List(Str(), min_items=12, max_items=12)),
    },
)

# The decision guide: content/decision-tree.yml. Rules across nodes
# (targets, reachability, cycles, articles reached) live in guide.py.
ANSWER = Obj(required={"answer": Text(), "next": Slug()}, optional={"short": Text()})

GUIDE_NODE = Either({
    "question": Obj(required={"question": Text(), "answers": List(ANSWER, min_items=2)},
                    optional={"hint": Text()}),
    "outcome": Obj(required={"outcome": Slug(), "verdict": Text()}),
})

GUIDE = Obj(
    doc="The decision guide: content/decision-tree.yml",
    required={"title": Text(), "intro": Text(), "start": Slug(), "nodes": MapOf(GUIDE_NODE)},
)
