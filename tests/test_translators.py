"""Translators' PO files: out and back in, byte for byte; an imported language is complete."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po

from helpcenter import locales, translations, translators
from helpcenter.validate import load_content

TRIO = Path(__file__).parent / "fixtures" / "trio"


# The fixture's own language table (French, English, Spanish), passed to each call.
LANGS = locales.Languages.parse({"plugins": [{"helpcenter": {
    "languages": yaml.safe_load((TRIO / "languages.yml").read_text(encoding="utf-8"))}}]})


@pytest.fixture
def trio(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TRIO / "content", content)
    return content


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_po_file_carries_source_context_reference_notes_and_review_state(trio):
    translations.confirm(trio, LANGS, lang="es", file="content/scenarios/alpha.yml", key="title")
    po = translators.export_po(trio, "es", LANGS).decode("utf-8")
    assert '"Language: es_ES\\n"' in po
    assert ('#. The menu at the top of every page of the platform.\n'
            '#: content/labels.yml:2\n'
            '#, fuzzy\n'
            'msgctxt "content/labels.yml my-orders"\n'
            'msgid "Mes commandes"\n'
            'msgstr "ES My Orders"\n') in po
    assert ('#: content/scenarios/alpha.yml:4\n'
            'msgctxt "content/scenarios/alpha.yml title"\n'
            'msgid "Titre alpha"\n'
            'msgstr "ES Alpha title"\n') in po  # reviewed: not fuzzy
    catalog = read_po(io.BytesIO(po.encode("utf-8")))
    texts = [t for t in translations.localized_texts(trio, LANGS) if isinstance(t.value("fr"), str)]
    assert len([m for m in catalog if m.id]) == len(texts)  # one entry each: equal texts are kept apart


def test_export_then_import_changes_no_byte(trio):
    translations.confirm(trio, LANGS, lang="es", file="content/labels.yml")  # some reviewed, some not
    before = _files(trio)
    for lang in ("en", "es"):
        counts = translators.import_po(trio, translators.export_po(trio, lang, LANGS), LANGS)
        assert (counts["texts"], counts["reviewed"], counts["unknown"]) == (0, 0, [])
    assert _files(trio) == before


def test_an_imported_language_is_complete_and_its_files_untouched_elsewhere(trio):
    po = translators.export_po(trio, "es", LANGS)
    original = _files(trio)
    # The Spanish texts removed from every file: block lines and {fr: ..., en: ..., es: ...} entries.
    for path in trio.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'^ *es: .*\n', "", text, flags=re.M)
        text = re.sub(r', es: "[^"]*"\}', "}", text)
        path.write_text(text, encoding="utf-8")
    months = trio / "site.yml"  # month names are a list: not in the PO file, edited in the YAML
    months.write_text(months.read_text(encoding="utf-8").replace(
        "  en: [January", "  es: [January, February, March, April, May, June, July, August, September, "
        "October, November, December]\n  en: [January"), encoding="utf-8")
    counts = translators.import_po(trio, po, LANGS)
    assert counts["language"] == "es" and counts["texts"] > 100
    assert load_content(trio, "", LANGS).site["site_name"]["es"] == "ES Help center: cancelling an order"
    changed = {name for name, data in _files(trio).items() if original.get(name) != data}
    # Each file is the original again, but for the month line moved above English.
    assert changed == {"site.yml"}


def test_an_unfuzzied_translation_is_recorded_as_reviewed_in_its_language_only(trio):
    catalog = read_po(io.BytesIO(translators.export_po(trio, "es", LANGS)))
    for message in catalog:
        if message.context == "content/labels.yml my-orders":
            message.flags.discard("fuzzy")
            message.string = "Mis pedidos"
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    counts = translators.import_po(trio, out.getvalue(), LANGS)
    assert (counts["texts"], counts["reviewed"]) == (1, 1)
    lock = (trio / translations.LOCK_NAME).read_text(encoding="utf-8").splitlines()
    assert [line.rsplit(" ", 1)[0] for line in lock if not line.startswith("#")] == ["content/labels.yml my-orders es"]
    labels = (trio / "labels.yml").read_text(encoding="utf-8")
    assert '  es: "Mis pedidos"\n' in labels and labels.count("Mis pedidos") == 1


def test_export_composes_each_file_once_not_once_per_text(trio, monkeypatch):
    """The export's cost: it composed a file's YAML once per text in it (512 times for 16 files
    of the real content, 7.7 s CPU); once per file, the same PO file."""
    before = translators.export_po(trio, "es", LANGS)
    composed = []
    real = yaml.compose
    monkeypatch.setattr(translators.yaml, "compose", lambda text, Loader: composed.append(text) or real(text, Loader))
    assert translators.export_po(trio, "es", LANGS) == before
    files = {t.file for t in translations.localized_texts(trio, LANGS) if isinstance(t.value("fr"), str)}
    assert len(composed) == len(files) < len([t for t in translations.localized_texts(trio, LANGS)])
