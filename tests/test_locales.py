"""The language table (mkdocs.yml's helpcenter languages) is the one place languages are named."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from helpcenter import locales
from helpcenter.schema import Checker, Text
from helpcenter.load import parse

REPO = Path(__file__).resolve().parent.parent


def _table(*rows):
    return {"plugins": ["search", {"helpcenter": {"languages": list(rows)}}]}


FR = {"locale": "fr", "name": "Français", "default": True, "extra": {"helpcenter": {"locale": "fr_FR"}}}
EN = {"locale": "en", "name": "English", "extra": {"helpcenter": {"locale": "en_US", "platform_ui": False}}}
ES = {"locale": "es", "name": "Español", "extra": {"helpcenter": {"locale": "es_ES", "platform_ui": False}}}
DE = {"locale": "de", "name": "Deutsch", "extra": {"helpcenter": {"locale": "de_DE", "draft": True}}}


@pytest.fixture
def trio() -> locales.Languages:
    """French, English, Spanish and German (a draft): a table passed, no state set."""
    return locales.Languages.parse(_table(FR, EN, ES, DE))


def test_the_real_table_is_french_at_the_root_and_english():
    table = locales.read_table(REPO / "mkdocs.yml")
    assert [(lang.code, lang.root, lang.locale, lang.platform_ui, lang.draft) for lang in table] == [
        ("fr", "", "fr_FR", True, False), ("en", "en/", "en_US", False, False)]


def test_table_rows_and_their_derived_rules(trio):
    assert trio.built == ("fr", "en", "es")  # the draft only in preview
    assert trio.declared == ("fr", "en", "es", "de") and trio.published == ("fr", "en", "es")
    assert trio.default == "fr" and trio.root("fr") == "" and trio.root("es") == "es/"
    assert trio.get("es").english_name == "Spanish" and trio.get("de").root == "de/"
    assert [locales.french_typography(lang) for lang in trio.table] == [True, False, False, False]
    assert locales.quoted("Annuler", trio.get("fr")) == "«\u00a0Annuler\u00a0»"
    assert locales.quoted("Cancel", trio.get("es")) == "“Cancel”"
    assert locales.colon(trio.get("fr")) == "\u00a0:" and locales.colon(trio.get("en")) == ":"
    assert trio.example() == '{fr: "...", en: "...", es: "..."}' and trio.every_language == "every language"
    preview = trio.previewing()
    assert preview.built == ("fr", "en", "es", "de") and preview.published == trio.published
    assert trio.built == ("fr", "en", "es")  # a value: the preview is another one
    assert preview.previewing(False) == trio
    with pytest.raises(KeyError):
        trio.get("it")


def test_the_table_is_a_value_read_from_a_file(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - helpcenter:\n      languages:\n"
                                         "        - {locale: en, name: English, default: true}\n"
                                         "        - {locale: fr, name: Français}\n", encoding="utf-8")
    languages = locales.Languages.read(tmp_path / "mkdocs.yml", preview=True)
    assert (languages.built, languages.default, languages.preview) == (("en", "fr"), "en", True)
    assert languages.every_language == "both languages" and languages.example("1") == "{en: 1, fr: 1}"
    assert hash(languages) == hash(locales.Languages.read(tmp_path / "mkdocs.yml", preview=True))
    with pytest.raises(locales.TableError) as exc:
        locales.Languages.read(tmp_path / "none.yml")
    assert str(exc.value).startswith(f"{tmp_path / 'none.yml'}: cannot be read: ")


def test_a_missing_spanish_text_is_named_spanish_and_a_draft_may_miss_its_own(trio):
    doc = parse("x.yml", b'title: {fr: "Titre", en: "Title"}\n')
    errors = []
    assert Text().check(doc.data["title"], Checker(doc, errors, languages=trio), ("title",)) is None
    assert [(e.key, e.message) for e in errors] == [("title.es", "missing the Spanish text")]
    assert errors[0].hint == 'write every language: {fr: "...", en: "...", es: "..."}'
    doc = parse("x.yml", b'title: {fr: "Titre", en: "Title", es: "T\xc3\xadtulo"}\n')
    errors = []
    assert Text().check(doc.data["title"], Checker(doc, errors, languages=trio), ("title",)) == {
        "fr": "Titre", "en": "Title", "es": "Título"}
    assert errors == []


@pytest.mark.parametrize("rows, message", [
    ((), "mkdocs.yml: plugins: helpcenter: languages: is missing; it lists the help center's languages"),
    (({**FR, "default": False}, EN), "mkdocs.yml: helpcenter languages: exactly one language has default: true (and is not a draft)"),
    (({**FR, "extra": {"helpcenter": {"locale": "xx_QQ"}}},),
     "mkdocs.yml: helpcenter languages[0] (fr): extra: helpcenter: locale: 'xx_QQ' is not a locale Babel knows (examples: fr_FR, en_US, es_ES)"),
])
def test_a_bad_table_says_what_to_write(rows, message):
    with pytest.raises(locales.TableError) as exc:
        locales.parse_table(_table(*rows))
    assert str(exc.value) == message


# Where a language may be named: the table, and files that name languages on purpose.
_ALLOWED = {
    "scripts/helpcenter/locales.py",  # the table's reader (its docstring's example)
    "scripts/lighthouse.py",          # measures the real site's two languages by name
    "scripts/bench.py",               # its report table names the languages it measured
    "scripts/search_bench.py",        # measures the French search by name
}


def _codes() -> set[str]:
    return {lang.code for lang in locales.read_table(REPO / "mkdocs.yml")}


def test_no_language_code_is_written_in_the_code():
    """A language code as a Python string, ``lang == "fr"``, ``language-en``, ``/en/``
    in the generator, its templates, our theme overrides or the server config: each
    would be a second place to change when a language is added."""
    codes = _codes()
    found = []
    for path in sorted((REPO / "scripts").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if rel in _ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in codes:
                found.append(f"{rel}:{node.lineno}: {node.value!r}")
    alternatives = "|".join(sorted(codes))
    pattern = re.compile(rf"language-({alternatives})\b|lang\s*[!=]=\s*['\"]({alternatives})['\"]|/({alternatives})/")
    for folder in ("scripts/helpcenter/templates", "overrides", "deploy"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file():
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                    if pattern.search(line) and not line.lstrip().startswith(("#", "{#")):
                        found.append(f"{path.relative_to(REPO).as_posix()}:{number}: {line.strip()}")
    assert found == []
