"""JSON Schema for editors' editors, exported from schema.py (the one source of truth).

``python -m helpcenter schemas`` writes one ``schemas/<kind>.schema.json``
per kind of content file (``schema.KINDS``); every content file names its
schema on its first line::

    # yaml-language-server: $schema=../../scripts/helpcenter/schemas/scenario.schema.json

so VS Code (with the YAML extension), Neovim, Helix or any editor using
yaml-language-server offers completion, help on hover and inline errors.

The schema checks the *shape* of one file, exactly as schema.py does. Rules
that only the build (``python -m helpcenter check``) enforces, because they
need other files or are beyond JSON Schema:

- the ``id`` of an article equals its file name;
- ``section``, ``unit``, ``{ui:...}``, ``{fact:...}``, ``{link:...}``,
  ``{url:...}``, ``related``, ``not_your_case`` and ``use`` name things that
  exist (sections, units, labels, figures, articles, steps);
- step and detail ids are unique within an article and not reserved;
- a ``short_title`` (and ``site_short_name``) is its title's own words, in
  order, some left out; a ``support`` address is https:// or mailto: and not
  at an example host (example.com, .example, .invalid, .test); a ``feedback``
  address too, and has no ``#``;
- former ids are not live and claimed once; no article is an orphan (a warning);
- ``site.yml`` holds every template string, and the braces of units, range
  and date format;
- YAML itself: no tags, anchors, aliases, duplicate keys, second documents;
  a date written in quotes ("2026-11-27") is text to the build (write it bare);
  ``yes``/``no`` and ``10.0`` read as a boolean and a decimal by the build
  (YAML 1.1) and may be read otherwise by an editor (YAML 1.2).
"""

from __future__ import annotations

import datetime
import fnmatch
import json
import os
from pathlib import Path, PurePosixPath

from .errors import ContentError, ContentErrors, format_key
from .load import Document, load_file
from .locales import Languages
from .schema import KINDS, Kind

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
# Where SCHEMA_DIR is in the repository, for the relative path on each file's first line.
SCHEMA_DIR_IN_REPO = "scripts/helpcenter/schemas"
CONTENT_DIR = "content"
LINE_PREFIX = "# yaml-language-server: $schema="
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_file(kind: Kind) -> str:
    return f"{kind.name}.schema.json"


def export(kind: Kind, languages: Languages) -> dict:
    """The JSON Schema document of one kind of content file, for the language table ``languages``."""
    return {"$schema": DRAFT, "$id": schema_file(kind), "title": kind.title, **kind.shape.schema(languages)}


def render_schemas(languages: Languages) -> dict[str, str]:
    """``{"scenario.schema.json": "<json text>", ...}`` for every kind."""
    return {schema_file(k): json.dumps(export(k, languages), ensure_ascii=False, indent=2) + "\n" for k in KINDS}


def write_schemas(languages: Languages, directory: Path = SCHEMA_DIR) -> list[str]:
    """Write the schemas whose bytes changed; return their names."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_schemas(languages).items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale_schemas(languages: Languages, directory: Path = SCHEMA_DIR) -> list[str]:
    """Names of the committed schemas that differ from schema.py (or are missing)."""
    return [name for name, text in render_schemas(languages).items()
            if not (directory / name).exists() or (directory / name).read_text(encoding="utf-8") != text]


def kind_of(relative: str) -> Kind | None:
    """The kind of ``relative`` (a path under content/, e.g. ``scenarios/x.yml``), or None."""
    return next((k for k in KINDS if fnmatch.fnmatchcase(relative, k.files)), None)


def schema_line(relative: str, kind: Kind) -> str:
    """The first line a content file at ``content/<relative>`` must hold."""
    folder = PurePosixPath(CONTENT_DIR, relative).parent
    target = os.path.relpath(f"{SCHEMA_DIR_IN_REPO}/{schema_file(kind)}", folder).replace(os.sep, "/")
    return LINE_PREFIX + target


def _as_json(value):
    """YAML data as an editor's JSON view of it: dates are the text they were written as."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _message(error) -> str:
    """A jsonschema error in words, preferring the schema's own errorMessage."""
    for e in [error, *getattr(error, "context", [])]:
        custom = e.schema.get("errorMessage") or e.schema.get("patternErrorMessage") if isinstance(e.schema, dict) else None
        if custom:
            return custom
    return error.message


def schema_errors(doc: Document, kind: Kind, languages: Languages) -> list[ContentError]:
    """The document checked against the exported JSON Schema of its kind."""
    import jsonschema  # only the editors' checks need it

    validator = jsonschema.Draft202012Validator(export(kind, languages), format_checker=jsonschema.FormatChecker())
    errors = []
    for error in validator.iter_errors(_as_json(doc.data)):
        path = tuple(error.absolute_path)
        errors.append(ContentError(doc.path, doc.line(path), format_key(path), f"JSON Schema: {_message(error)}",
                                   _hint(error, path)))
    return errors


def _hint(error, path: tuple) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    if schema.get("examples") and path:
        return f"example: {path[-1]}: {json.dumps(schema['examples'][0], ensure_ascii=False)}"
    return schema.get("description") or "see the field's help on hover in your editor, and EDITING.md"


def first_line_errors(doc_path: str, text: str, relative: str, kind: Kind) -> list[ContentError]:
    """The file must name its schema on its first line (editors read it from there)."""
    wanted = schema_line(relative, kind)
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if first == wanted:
        return []
    what = "the first line names another schema" if first.startswith(LINE_PREFIX) else "the first line must name the file's schema"
    return [ContentError(doc_path, 1, "", what, f"write as the first line: {wanted}")]


def check_files(root: Path, paths: list[str], languages: Languages) -> list[ContentError]:
    """What the pre-commit hook runs on changed files: loader, schema line, JSON Schema.

    ``paths`` are relative to the repository ``root`` (as pre-commit passes them)
    or absolute. Cross-file rules are left to ``python -m helpcenter check``.
    """
    errors: list[ContentError] = []
    content = (Path(root) / CONTENT_DIR).resolve()
    for given in paths:
        path = (Path(root) / given).resolve()
        try:
            relative = path.relative_to(content).as_posix()
        except ValueError:
            errors.append(ContentError(given, 0, "", "not a content file: it is outside content/",
                                       "only files under content/ are checked"))
            continue
        shown = f"{CONTENT_DIR}/{relative}"
        kind = kind_of(relative)
        if kind is None:
            errors.append(ContentError(shown, 0, "", "the build reads no file of this name",
                                       "content files are: " + ", ".join(f"{CONTENT_DIR}/{k.files}" for k in KINDS)))
            continue
        try:
            doc = load_file(content, relative, shown)  # its size checked before it is read
            raw = path.read_bytes()
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        except OSError as exc:  # gone between the two reads
            errors.append(ContentError(shown, 0, "", f"cannot be read: {exc.strerror}"))
            continue
        errors.extend(first_line_errors(shown, raw.decode("utf-8"), relative, kind))
        errors.extend(schema_errors(doc, kind, languages))
    return errors
