"""Translators' files: one gettext PO file per language, out and back in.

``export_po`` writes every text of content/ for one language, as Weblate,
Crowdin or Poedit read it: the source-language text is the msgid, the
text's file and key (as in translations.lock) its msgctxt, so two equal
texts stay apart, its file:line the reference, the YAML comments above it
the translator's notes, and a translation not reviewed (new, or its source
changed since the review) is ``fuzzy``.

``import_po`` writes the translations back into the YAML files by replacing
the exact characters of each changed text (or adding the missing
language's line), found with the YAML parser's own positions: comments,
order, quoting and every other byte stay as they were. A translation the
file does not mark fuzzy is recorded as reviewed in translations.lock. An
export imported unchanged changes no byte.
"""

from __future__ import annotations

import datetime
import io
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from . import translations
from .locales import Languages
from .errors import ContentError, ContentErrors

# PO headers carry dates; fixed, so that two exports of the same content are the same bytes.
_FIXED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)


def _context(t) -> str:
    return f"{t.file} {t.key}"


def _comments(lines: list[str], key_line: int) -> list[str]:
    """The ``#`` lines right above line ``key_line`` (1-based): the editors' notes on that text."""
    notes, i = [], key_line - 2
    while i >= 0 and lines[i].lstrip().startswith("#"):
        text = lines[i].lstrip()[1:].strip()
        if not text.startswith("yaml-language-server:"):
            notes.insert(0, text)
        i -= 1
    return notes


def catalog(content_dir: Path, lang: str, languages: Languages) -> Catalog:
    """Every text of content/ in ``lang``, as a gettext catalog."""
    content_dir = Path(content_dir)
    st = translations.status(content_dir, languages)
    source = translations.source(languages)
    cat = Catalog(locale=languages.get(lang).locale, project=content_dir.name, version=None,
                  creation_date=_FIXED_DATE, revision_date=_FIXED_DATE, fuzzy=False,
                  language_team=f"{languages.get(lang).english_name} <{lang}>", charset="utf-8")
    files: dict[str, tuple[list[str], object]] = {}
    for t in st.texts:
        msgid, msgstr = t.value(source), t.value(lang)
        if not isinstance(msgid, str):  # lists (month names) and plural forms: edited in the YAML
            continue
        if t.file not in files:  # each file read and composed once, not once per text
            files[t.file] = _composed((content_dir.parent / t.file).read_text(encoding="utf-8"))
        lines, root = files[t.file]
        state = st.states.get((id(t), lang))
        flags = ("fuzzy",) if isinstance(msgstr, str) and state in ("new", "stale") else ()
        key_line = _key_line(root, t)
        cat.add(msgid, msgstr if isinstance(msgstr, str) else "", locations=[(t.file, key_line)], flags=flags,
                auto_comments=_comments(lines, key_line), context=_context(t))
    return cat


def _composed(text: str) -> tuple[list[str], object]:
    """A file's lines and its YAML node tree (libyaml's parser when there is one)."""
    lines = text.splitlines()
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    return lines, yaml.compose("\n".join(lines) + "\n", Loader=loader)


def _key_line(root, t) -> int:
    """The line of the text's own key (``title:``), above its languages' lines."""
    node = _node_at(root, t.path, keys=True)
    return node.start_mark.line + 1 if node is not None else t.line


def export_po(content_dir: Path, lang: str, languages: Languages) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog(content_dir, lang, languages), width=0, sort_output=False)
    return out.getvalue()


def _node_at(root, path: tuple, keys: bool = False):
    """The YAML node at ``path`` (or, with ``keys``, the key node naming it)."""
    node, key_node = root, None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == part), None)
            if found is None:
                return None
            key_node, node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            key_node, node = node.value[part], node.value[part]
        else:
            return None
    return key_node if keys else node


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar


def _edit_for(source_text: str, path: tuple, lang: str, value: str) -> Edit | None:
    """The change that makes the text at ``path`` say ``value`` in ``lang``."""
    root = yaml.compose(source_text, Loader=yaml.SafeLoader)
    mapping = _node_at(root, path)
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for key, node in mapping.value:
        if key.value == lang:
            return Edit(node.start_mark.index, node.end_mark.index, _quoted(value))
    last_key, last = mapping.value[-1]
    if mapping.flow_style:
        return Edit(last.end_mark.index, last.end_mark.index, f", {lang}: {_quoted(value)}")
    line_end = source_text.find("\n", last.end_mark.index)
    line_end = len(source_text) if line_end < 0 else line_end
    return Edit(line_end, line_end, "\n" + " " * last_key.start_mark.column + f"{lang}: {_quoted(value)}")


def import_po(content_dir: Path, po: bytes, languages: Languages, shown: str = "the PO file") -> dict:
    """Write the translations of a PO file into content/; record the reviewed ones in the lock.

    Returns counts; raises ContentErrors for a file that is not one of ours.
    """
    content_dir = Path(content_dir)
    cat = read_po(io.BytesIO(po))
    source = translations.source(languages)
    lang = next((code for code in languages.declared if cat.locale is not None
                 and str(cat.locale) == languages.get(code).locale), None)
    if lang is None or lang == source:
        raise ContentErrors([ContentError(shown, 0, "", f"its language ({cat.locale}) is not a translated "
                                          f"language of mkdocs.yml", "export it again: make translations-export LANG=xx")])
    texts = {_context(t): t for t in translations.localized_texts(content_dir, languages)}
    unknown, edits, reviewed = [], {}, []
    for message in cat:
        if not message.id or not message.context:
            continue
        t = texts.get(message.context)
        if t is None:
            unknown.append(message.context)
            continue
        value = message.string
        if not isinstance(value, str) or not value.strip():
            continue
        if t.value(lang) != value:
            edits.setdefault(t.file, []).append((t.path, value))
        if not message.fuzzy and message.id == t.value(source):
            reviewed.append(t)
    for file, changes in edits.items():
        path = content_dir.parent / file
        text = path.read_text(encoding="utf-8")
        for key_path, value in changes:  # one at a time: each edit moves the characters after it
            edit = _edit_for(text, key_path, lang, value)
            if edit is not None:
                text = text[:edit.start] + edit.text + text[edit.end:]
        path.write_text(text, encoding="utf-8")
    lock = translations.read_lock(content_dir)
    before = dict(lock)
    for t in reviewed:
        lock[(t.file, t.key, lang)] = translations.source_hash(t.value(source))
    if lock != before:
        (content_dir / translations.LOCK_NAME).write_text(translations.format_lock(lock), encoding="utf-8")
    return {"language": lang, "texts": sum(len(c) for c in edits.values()), "files": len(edits),
            "reviewed": sum(1 for t in reviewed if before.get((t.file, t.key, lang)) != lock[(t.file, t.key, lang)]),
            "unknown": unknown}
