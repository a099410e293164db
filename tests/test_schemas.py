"""The JSON Schemas editors get are schema.py's own: committed up to date, and agreeing with the loader."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

import jsonschema
import pytest

from conftest import CONTENT, LANGS, MINI, ROOT, run_cli
from helpcenter.editor_schema import SCHEMA_DIR, export, kind_of, schema_errors, stale_schemas
from helpcenter.errors import ContentError
from helpcenter.load import Document, load_file
from helpcenter.schema import KINDS, Checker

CONTENT_FILES = sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.yml"))


def test_committed_schemas_are_up_to_date():
    assert stale_schemas(LANGS) == [], "run `make schemas` and commit scripts/helpcenter/schemas/"
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(f"{k.name}.schema.json" for k in KINDS)


def test_schemas_check_command_notices_a_stale_schema(repo):
    assert run_cli(repo, "schemas", "--check").returncode == 0
    stale = repo / "scripts/helpcenter/schemas/facts.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace('"minimum": 0', '"minimum": 1'), encoding="utf-8")
    result = run_cli(repo, "schemas", "--check")
    assert result.returncode == 1
    assert result.stderr == ("scripts/helpcenter/schemas/facts.schema.json: out of date with scripts/helpcenter/schema.py\n"
                             "run: make schemas, and commit the result\n")
    assert run_cli(repo, "schemas").stdout == "schemas: 1 written in scripts/helpcenter/schemas/\n  facts.schema.json\n"
    assert run_cli(repo, "schemas", "--check").returncode == 0


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_schemas_are_valid_json_schema(kind):
    jsonschema.Draft202012Validator.check_schema(export(kind, LANGS))


@pytest.mark.parametrize("relative", CONTENT_FILES)
def test_every_content_file_names_its_schema(relative):
    first = (CONTENT / relative).read_text(encoding="utf-8").split("\n", 1)[0]
    kind = kind_of(relative)
    assert kind is not None
    assert first.startswith("# yaml-language-server: $schema=")
    target = ((CONTENT / relative).parent / first.split("=", 1)[1]).resolve()
    assert target == SCHEMA_DIR / f"{kind.name}.schema.json"
    assert run_cli(ROOT, "check-files", f"content/{relative}").returncode == 0


# Samples: (kind, file of the fixture help center the valid base comes from,
# change, valid?). The loader's shape check and the JSON Schema must give the
# same answer on each.
def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _delete(path):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


SAMPLES = {
    "scenario-as-is": ("scenario", "scenarios/alpha.yml", None, True),
    "scenario-with-use-step": ("scenario", "scenarios/beta.yml", None, True),
    "missing-required": ("scenario", "scenarios/alpha.yml", _delete(("summary",)), False),
    "missing-agent-reply": ("scenario", "scenarios/alpha.yml", _delete(("agent_reply",)), False),
    "optional-absent": ("scenario", "scenarios/beta.yml", _delete(("related",)), True),
    "unknown-key": ("scenario", "scenarios/alpha.yml", _set(("sumary",), {"fr": "a", "en": "b"}), False),
    "single-language": ("scenario", "scenarios/alpha.yml", _set(("title",), "Titre"), False),
    "missing-english": ("scenario", "scenarios/alpha.yml", _delete(("title", "en")), False),
    "extra-language": ("scenario", "scenarios/alpha.yml", _set(("title", "de"), "Titel"), False),
    "blank-text": ("scenario", "scenarios/alpha.yml", _set(("title", "fr"), "   "), False),
    "html": ("scenario", "scenarios/alpha.yml", _set(("title", "fr"), "Titre <b>gras</b>"), False),
    "todo-text": ("scenario", "scenarios/alpha.yml", _set(("summary", "en"), "TODO: summary"), False),
    "todo-id": ("scenario", "scenarios/alpha.yml", _set(("steps", 0, "id"), "TODO"), False),
    "bad-slug": ("scenario", "scenarios/alpha.yml", _set(("section",), "Before shipping"), False),
    "order-text": ("scenario", "scenarios/alpha.yml", _set(("order",), "ten"), False),
    "order-negative": ("scenario", "scenarios/alpha.yml", _set(("order",), -1), False),
    "order-boolean": ("scenario", "scenarios/alpha.yml", _set(("order",), True), False),
    "no-steps": ("scenario", "scenarios/alpha.yml", _set(("steps",), []), False),
    "step-neither-id-nor-use": ("scenario", "scenarios/alpha.yml", _set(("steps", 0), {"text": {"fr": "a", "en": "b"}}), False),
    "step-both-id-and-use": ("scenario", "scenarios/alpha.yml", _set(("steps", 0, "use"), "a#b"), False),
    "step-note-optional": ("scenario", "scenarios/alpha.yml", _set(("steps", 0, "note"), {"fr": "a", "en": "b"}), True),
    "not-a-list": ("scenario", "scenarios/alpha.yml", _set(("after",), {"fr": "a", "en": "b"}), False),
    "not-a-mapping": ("scenario", "scenarios/alpha.yml", lambda d: d.clear() or d.update({"x": 1}), False),
    "fact-range": ("facts", "facts.yml", None, True),
    "fact-value-and-min": ("facts", "facts.yml", _set(("window", "min"), 3), False),
    "fact-negative": ("facts", "facts.yml", _set(("window", "value"), -3), False),
    "fact-decimal": ("facts", "facts.yml", _set(("window", "value"), 2.5), True),
    "fact-bad-date": ("facts", "facts.yml", _set(("window", "checked"), "2026-02-31"), False),
    "fact-date-as-number": ("facts", "facts.yml", _set(("window", "checked"), 20261127), False),
    "fact-todo-source": ("facts", "facts.yml", _set(("window", "source"), "TODO"), False),
    "fact-name-not-slug": ("facts", "facts.yml", _set(("Seller_Window",), {"value": 1, "unit": "days", "source": "s", "checked": datetime.date(2026, 1, 1)}), False),
    "labels-as-is": ("labels", "labels.yml", None, True),
    "labels-empty": ("labels", "labels.yml", lambda d: d.clear(), False),
    "label-one-language": ("labels", "labels.yml", _set(("my-orders",), {"fr": "Mes commandes"}), False),
    "site-as-is": ("site", "site.yml", None, True),
    "site-eleven-months": ("site", "site.yml", lambda d: d["months"]["fr"].pop(), False),
    "site-no-sections": ("site", "site.yml", _set(("sections",), []), False),
    "site-home-extra": ("site", "site.yml", _set(("home", "outro"), {"fr": "a", "en": "b"}), False),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_schema_and_loader_agree(name):
    kind_name, relative, change, valid = SAMPLES[name]
    kind = next(k for k in KINDS if k.name == kind_name)
    data = copy.deepcopy(load_file(MINI, relative).data)
    if change:
        change(data)
    doc = Document(f"content/{relative}", data)
    loader_errors: list[ContentError] = []
    kind.shape.check(data, Checker(doc, loader_errors, languages=LANGS), ())
    schema_found = schema_errors(doc, kind, LANGS)
    assert (not loader_errors, not schema_found) == (valid, valid), (loader_errors, schema_found)
