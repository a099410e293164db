"""Translation status: which texts are missing a language, which may be stale.

Every text in content/ is written in every language (``{fr: ..., en: ...}``);
French is the source the other languages are translated from. When the
French of a text changes, its translations may no longer say the same
thing. ``content/translations.lock`` records, for each text, a hash of the
French as it was when its translations were last reviewed (like gettext's
fuzzy flag). A text whose French no longer matches the lock is *stale*
until an editor reviews its translations and confirms them; a text not in
the lock yet is *new*.

Each language's review is its own: the lock holds one line per text and
translated language, sorted, so that a review shows up in a diff as the
lines of the texts and languages reviewed (confirming English leaves
Spanish as it was)::

    content/scenarios/unpaid-order.yml steps[sign-in].text en 3f2a9c1b0d4e

A lock of before per-language reviews (``FILE KEY HASH``) is converted by
``make translations-migrate``: each of its lines becomes one line per
published language, as each was reviewed then.

Keys name list items by what they are, not by their position, so that
inserting an item does not flag the items after it: by their ``id`` where
they have one (steps, details), a guide answer by the node it leads to
(``answers[next=paid]``), a "not your situation" entry by its article
(``not_your_case[scenario=shipped-order]``); other lists by position.
An article renamed with ``former_ids`` keeps its reviews: its texts are
looked up under the former file names too, and the next confirm moves them.
Messages show the key path editors see everywhere else (``steps[1].text``)
and the line.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .locales import Languages
from .errors import ContentError, ContentErrors, format_key
from .load import Document, load_file

LOCK_NAME = "translations.lock"


def source(languages: Languages) -> str:
    """The language the others are translated from: the default language."""
    return languages.default


def targets(languages: Languages) -> tuple[str, ...]:
    """The languages translated from the source, in the table's order (drafts too)."""
    return tuple(lang for lang in languages.declared if lang != source(languages))
_LOCK_HEADER = (
    "# Reviewed translations: for each text of content/ and each language, a hash\n"
    "# of the source text as it was when that translation was last reviewed.\n"
    "# Written by `make translations-confirm`; never edit it by hand (see README.md).\n"
)


@dataclass(frozen=True)
class Text:
    """One localized text of a content file."""

    file: str   # "content/scenarios/unpaid-order.yml"
    key: str    # stable key of the lock: "steps[sign-in].text"
    shown: str  # key path as editors see it: "steps[0].text"
    line: int   # line of the translation (where the editor acts), else of the key
    values: tuple  # ((lang, value or None), ...) in the table's order
    path: tuple  # the key path in the file's data: ("steps", 0, "text")
    languages: Languages  # the table it was read with

    def value(self, lang: str):
        return dict(self.values).get(lang)

    def missing(self) -> list[str]:
        langs = self.languages
        return [lang for lang, value in self.values if _empty(value) and (lang in langs.published or lang == langs.default)]

    def source_hash(self) -> str | None:
        value = self.value(self.languages.default)
        return None if _empty(value) else source_hash(value)


@dataclass(frozen=True)
class Flagged:
    """A text whose translation into ``langs`` needs a review."""

    text: Text
    langs: tuple[str, ...]

    # Where it is, as for the text itself.
    file = property(lambda self: self.text.file)
    key = property(lambda self: self.text.key)
    shown = property(lambda self: self.text.shown)
    line = property(lambda self: self.text.line)


@dataclass(frozen=True)
class Status:
    """Every text of content/, and what the lock says about each, per language."""

    texts: list[Text]
    stale: list[Flagged]   # the source changed since a published language's last review
    new: list[Flagged]     # a published language's translation not in the lock yet
    obsolete: list[str]    # lock lines whose text no longer exists ("file key lang")
    states: dict           # (id(text), lang) -> "reviewed" | "stale" | "new" | "missing"
    languages: Languages   # the table it was made with

    def missing(self, lang: str) -> list[Text]:
        return [t for t in self.texts if _empty(t.value(lang))]

    def in_state(self, lang: str, state: str) -> list[Text]:
        return [t for t in self.texts if self.states.get((id(t), lang)) == state]


def _empty(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):  # a dict: a unit's plural forms
        return not value
    return True


def _normalized(value):
    # Same whitespace rule as schema.Text: re-wrapping a line is no change.
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_normalized(v) for v in value]
    return value


def source_hash(value) -> str:
    """Short, stable hash of a French text (or list of texts)."""
    data = json.dumps(_normalized(value), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def _is_localized(value, languages: Languages) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= set(languages.declared)


def _walk(doc: Document, value, path: tuple, key: str, languages: Languages):
    if _is_localized(value, languages):
        yield Text(doc.path, key, format_key(path), doc.line(path + (targets(languages)[0],)),
                   tuple((lang, value.get(lang)) for lang in languages.declared), path, languages)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(doc, v, path + (k,), f"{key}.{k}" if key else str(k), languages)
    elif isinstance(value, list):
        names = [_item_name(v, i) for i, v in enumerate(value)]
        for i, v in enumerate(value):
            name = names[i] if names.count(names[i]) == 1 else str(i)  # two answers to one node: by position
            yield from _walk(doc, v, path + (i,), f"{key}[{name}]", languages)


# List items that carry no id are named by the field that says what they are.
_IDENTITY_FIELDS = ("next", "scenario")


def _item_name(item, index: int) -> str:
    if isinstance(item, dict):
        if isinstance(item.get("id"), str):
            return item["id"]
        for field in _IDENTITY_FIELDS:
            if isinstance(item.get(field), str) and " " not in item[field]:
                return f"{field}={item[field]}"
    return str(index)


def _formers_of(content_dir: Path, relative: str, doc) -> dict[str, list[str]]:
    """``{file: [files it was called before]}`` for an article renamed with ``former_ids``."""
    data = doc.data if relative.startswith("scenarios/") else None
    formers = data.get("former_ids") if isinstance(data, dict) else None
    if not isinstance(formers, list):
        return {}
    folder = f"{content_dir.name}/scenarios/"
    return {f"{content_dir.name}/{relative}": [folder + f"{f}.yml" for f in formers if isinstance(f, str)]}


def texts_and_formers(content_dir: Path, languages: Languages) -> tuple[list[Text], dict[str, list[str]]]:
    """``localized_texts``, and each renamed article's former files, in one reading of each
    file (a build reads them all once more for its warnings; each file is let go once walked)."""
    content_dir = Path(content_dir)
    texts, formers, errors = [], {}, []
    for relative in content_files(content_dir):
        try:
            doc = load_file(content_dir, relative, f"{content_dir.name}/{relative}")
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        texts.extend(_walk(doc, doc.data, (), "", languages))
        formers.update(_formers_of(content_dir, relative, doc))
    if errors:
        raise ContentErrors(errors)
    return texts, formers


def _recorded(lock: dict, formers: dict, t: Text, lang: str) -> tuple[tuple | None, str | None]:
    """The lock entry of ``t`` in ``lang``: under its file, else under a name its article had before."""
    for file in (t.file, *formers.get(t.file, ())):
        if (file, t.key, lang) in lock:
            return (file, t.key, lang), lock[(file, t.key, lang)]
    return None, None


# Files whose languages are not translations of each other: readers ask
# their own questions in each language.
NOT_TRANSLATED = ("search-queries.yml",)


def content_files(content_dir: Path) -> list[str]:
    """Every YAML file of content/ that holds translations, relative to it, in a stable order."""
    return sorted(p.relative_to(content_dir).as_posix() for p in Path(content_dir).rglob("*.yml")
                  if not any(part.startswith(".") for part in p.relative_to(content_dir).parts)
                  and p.relative_to(content_dir).as_posix() not in NOT_TRANSLATED)


def localized_texts(content_dir: Path, languages: Languages) -> list[Text]:
    """Every ``{fr, en}`` text of every content file; ContentErrors if a file cannot be read."""
    return texts_and_formers(content_dir, languages)[0]


def read_lock(content_dir: Path) -> dict[tuple[str, str, str], str]:
    """``{(file, key, lang): hash}`` from content/translations.lock (empty if there is none)."""
    path = Path(content_dir) / LOCK_NAME
    shown = f"{Path(content_dir).name}/{LOCK_NAME}"
    if not path.exists():
        return {}
    lock, errors, old = {}, [], []
    hint = "never edit this file by hand: run make translations-confirm to rewrite it"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) == 3 and len(parts[2]) == 12:
            old.append(number)
            continue
        if len(parts) != 4 or len(parts[3]) != 12:
            errors.append(ContentError(shown, number, "", "cannot read this line: expected FILE KEY LANGUAGE HASH", hint))
            continue
        if tuple(parts[:3]) in lock:
            errors.append(ContentError(shown, number, "", f"{' '.join(parts[:3])} is written twice", hint))
            continue
        lock[tuple(parts[:3])] = parts[3]
    if old:  # one message for the whole file: it is a format, not a line, to change
        errors.insert(0, ContentError(shown, old[0], "", f"{len(old)} lines of the lock of before per-language "
                                      "reviews (FILE KEY HASH)", "run: make translations-migrate (it keeps every review)"))
    if errors:
        raise ContentErrors(errors)
    return lock


def format_lock(lock: dict[tuple[str, str, str], str]) -> str:
    return _LOCK_HEADER + "".join(f"{file} {key} {lang} {h}\n" for (file, key, lang), h in sorted(lock.items()))


def migrate_lock(content_dir: Path, languages: Languages, langs: tuple[str, ...] | None = None) -> int:
    """Rewrite a lock of before per-language reviews (``FILE KEY HASH``): each
    line becomes one line per language of ``langs`` (default: the published
    languages other than the source), the review each had. Lines already per
    language are kept. Returns the number of old lines converted."""
    path = Path(content_dir) / LOCK_NAME
    langs = langs or tuple(lang for lang in languages.published if lang != source(languages))
    lock, old = {}, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or line.startswith("#"):
            continue
        if len(parts) == 3:
            old += 1
            for lang in langs:
                lock.setdefault((parts[0], parts[1], lang), parts[2])
        elif len(parts) == 4:
            lock[tuple(parts[:3])] = parts[3]
    path.write_text(format_lock(lock), encoding="utf-8")
    return old


def _state(lock: dict, formers: dict, t: Text, lang: str) -> str:
    if _empty(t.value(lang)):
        return "missing"
    _entry, recorded = _recorded(lock, formers, t, lang)
    if recorded is None:
        return "new"
    return "reviewed" if recorded == t.source_hash() else "stale"


def status(content_dir: Path, languages: Languages) -> Status:
    texts, formers = texts_and_formers(content_dir, languages)  # each file read once for both
    lock = read_lock(content_dir)
    stale, new, states = [], [], {}
    present = set()
    for t in texts:
        for lang in targets(languages):
            entry, _ = _recorded(lock, formers, t, lang)
            present.add(entry or (t.file, t.key, lang))
        if t.missing():  # reported as missing; nothing to review yet
            continue
        for lang in targets(languages):
            states[(id(t), lang)] = _state(lock, formers, t, lang)
        published = [lang for lang in targets(languages) if lang in languages.published]
        for flagged, state in ((stale, "stale"), (new, "new")):
            langs = tuple(lang for lang in published if states[(id(t), lang)] == state)
            if langs:
                flagged.append(Flagged(t, langs))
    obsolete = [" ".join(e) for e in sorted(lock) if e not in present]
    return Status(texts, stale, new, obsolete, states, languages)


def _names(langs, languages: Languages) -> str:
    return " and ".join(languages.get(lang).english_name for lang in langs)


def stale_message(f: Flagged) -> ContentError:
    t, languages = f.text, f.text.languages
    return ContentError(t.file, t.line, t.shown,
                        f"{_names(f.langs, languages)} translation may be stale: "
                        f"{languages.get(languages.default).english_name} changed since last review",
                        f"review it, then run: make translations-confirm FILE={t.file} KEY={t.shown}")


def new_message(f: Flagged) -> ContentError:
    t = f.text
    return ContentError(t.file, t.line, t.shown, f"{_names(f.langs, t.languages)} translation not reviewed yet: a new text",
                        f"review it, then run: make translations-confirm FILE={t.file} KEY={t.shown}")


# How many of a draft language's missing texts the check names (the rest: translations-status).
DRAFT_SHOWN = 5


def draft_languages(languages: Languages) -> tuple[str, ...]:
    """The declared languages not published yet (``draft: true``)."""
    return tuple(lang for lang in targets(languages) if lang not in languages.published)


def draft_gaps(st: Status, shown: int = DRAFT_SHOWN) -> list[str]:
    """Per draft language lacking texts: one warning line with the count, then the first
    ``shown`` texts (file:line: key path) and where the rest are listed. A warning even with
    --strict: a draft is not published, so its gaps never stop a build."""
    lines, languages = [], st.languages
    for lang in draft_languages(languages):
        missing = st.missing(lang)
        if not missing:
            continue
        n = len(missing)
        lines.append(f"warning: {lang} ({languages.get(lang).english_name}, draft): {n} text{'s' if n != 1 else ''} "
                     f"missing; until they are written, the preview shows the "
                     f"{languages.get(source(languages)).english_name} ones")
        lines += [f"    {t.file}:{t.line}: {t.shown}.{lang}" for t in missing[:shown]]
        if n > shown:
            lines.append(f"    ... and {n - shown} more: `make translations-status` lists every one")
    return lines


def draft_note(st: Status) -> str:
    """What the check's last line adds about the drafts: "" when none lacks a text."""
    gaps = [f"{lang} lacks {len(st.missing(lang))}" for lang in draft_languages(st.languages) if st.missing(lang)]
    return f" (draft: {', '.join(gaps)} texts: see above)" if gaps else ""


def _matches(t: Text, key: str | None) -> bool:
    if key is None:
        return True
    return any(name == key or name.startswith(key + ".") or name.startswith(key + "[")
               for name in (t.shown, t.key))


def confirm(content_dir: Path, languages: Languages, file: str | None = None, key: str | None = None,
            lang: str | None = None) -> dict:
    """Record the current source text of the chosen texts as reviewed; rewrite the lock.

    Without ``file``, every text; with ``file`` (``content/...``), that file's;
    with ``key`` too, the texts at or under that key path; with ``lang``, that
    language's translations only (the others keep their own review). Texts
    missing a published language are never recorded: there is no translation
    to review; a draft language is recorded where its text exists. Lock lines
    of texts that no longer exist are dropped for the files confirmed.
    Returns counts; raises ContentErrors if nothing matches.
    """
    content_dir = Path(content_dir)
    texts, formers = texts_and_formers(content_dir, languages)
    lock = read_lock(content_dir)
    chosen = [t for t in texts if (file is None or t.file == file) and _matches(t, key)]
    if not chosen:
        where = f"{file} has no text" + (f" at {key}" if key else "") if file else "no text found"
        raise ContentErrors([ContentError(file or f"{content_dir.name}", 0, "", where,
                                          "give FILE=content/... as printed by the build, and KEY=the key path")])
    langs = (lang,) if lang else targets(languages)
    counts = {"confirmed": 0, "stale": 0, "new": 0, "skipped": 0, "removed": 0}
    for t in chosen:
        h = t.source_hash()
        if t.missing():
            counts["skipped"] += 1
            continue
        states = []
        for target in langs:
            if _empty(t.value(target)):
                continue
            entry, before = _recorded(lock, formers, t, target)
            states.append("same" if before == h else "new" if before is None else "stale")
            if entry is not None and entry != (t.file, t.key, target):
                del lock[entry]  # a renamed article: its review moves to the new file name
            lock[(t.file, t.key, target)] = h
        if "stale" in states:
            counts["stale"] += 1
        elif "new" in states:
            counts["new"] += 1
        counts["confirmed"] += 1
    if key is None and lang is None:
        present = {(t.file, t.key, target) for t in texts for target in targets(languages)}
        for entry in [e for e in lock if e not in present and (file is None or e[0] == file)]:
            del lock[entry]
            counts["removed"] += 1
    (content_dir / LOCK_NAME).write_text(format_lock(lock), encoding="utf-8")
    return counts


def report(st: Status) -> str:
    """The status per language, for editors: counts, then each text to look at."""
    lines, languages = [], st.languages
    total, src = len(st.texts), source(languages)
    lines.append(f"{src} ({languages.get(src).english_name}, source): {total} texts, {len(st.missing(src))} missing")
    for t in st.missing(src):
        lines.append(f"  missing  {t.file}:{t.line}: {t.shown}")
    for lang in targets(languages):
        missing, stale, new = st.missing(lang), st.in_state(lang, "stale"), st.in_state(lang, "new")
        reviewed = len(st.in_state(lang, "reviewed"))
        draft = " (draft)" if lang not in languages.published else ""
        lines.append(f"{lang} ({languages.get(lang).english_name}){draft}: {total} texts, {reviewed} "
                     f"reviewed, {len(missing)} missing, {len(stale)} stale, {len(new)} new")
        for label, group in (("missing", missing), ("stale", stale), ("new", new)):
            for t in group:
                lines.append(f"  {label:<8} {t.file}:{t.line}: {t.shown}")
    if st.obsolete:
        lines.append(f"{len(st.obsolete)} lines of {LOCK_NAME} name texts that no longer exist "
                     f"(make translations-confirm removes them)")
    return "\n".join(lines)
