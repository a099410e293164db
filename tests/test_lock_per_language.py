"""Each language's review is its own; the lock of before per-language reviews converts without losing one."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter import locales, translations
from helpcenter.errors import ContentErrors

TRIO = {"plugins": [{"helpcenter": {"languages": [
    {"locale": "fr", "name": "Français", "default": True, "extra": {"helpcenter": {"locale": "fr_FR"}}},
    {"locale": "en", "name": "English", "extra": {"helpcenter": {"locale": "en_US"}}},
    {"locale": "es", "name": "Español", "extra": {"helpcenter": {"locale": "es_ES"}}}]}}]}
LABELS = ('my-orders:\n  fr: "Mes commandes"\n  en: "My Orders"\n  es: "Mis pedidos"\n'
          'cancel:\n  fr: "Annuler"\n  en: "Cancel"\n  es: "Cancelar"\n')


# The table the lock is read with: passed to each call, as the command line does.
LANGS = locales.Languages.parse(TRIO)


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "labels.yml").write_text(LABELS, encoding="utf-8")
    return folder


def _states(folder: Path) -> list[str]:
    return translations.report(translations.status(folder, LANGS)).splitlines()


def test_confirming_english_leaves_spanish_unreviewed(content):
    assert translations.confirm(content, LANGS, lang="en")["confirmed"] == 2
    assert _states(content) == [
        "fr (French, source): 2 texts, 0 missing",
        "en (English): 2 texts, 2 reviewed, 0 missing, 0 stale, 0 new",
        "es (Spanish): 2 texts, 0 reviewed, 0 missing, 0 stale, 2 new",
        "  new      content/labels.yml:3: my-orders",
        "  new      content/labels.yml:7: cancel",
    ]
    st = translations.status(content, LANGS)
    assert [translations.new_message(f).message for f in st.new] == ["Spanish translation not reviewed yet: a new text"] * 2
    # The French changes: both languages' reviews go stale, each on its own line.
    (content / "labels.yml").write_text(LABELS.replace("Annuler", "Annuler la commande"), encoding="utf-8")
    translations.confirm(content, LANGS, lang="es", file="content/labels.yml", key="my-orders")
    st = translations.status(content, LANGS)
    assert [(f.text.shown, f.langs) for f in st.stale] == [("cancel", ("en",))]
    assert [(f.text.shown, f.langs) for f in st.new] == [("cancel", ("es",))]


def test_a_lock_of_before_is_refused_once_then_migrated_with_every_review(content):
    (content / translations.LOCK_NAME).write_text(
        "# old\ncontent/labels.yml cancel 0123456789ab\n"
        f"content/labels.yml my-orders {translations.source_hash('Mes commandes')}\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as exc:
        translations.status(content, LANGS)
    assert exc.value.report() == ("content/translations.lock:2: 2 lines of the lock of before per-language reviews "
                                  "(FILE KEY HASH)\n    run: make translations-migrate (it keeps every review)\n"
                                  "Aborted with 1 content error.")
    assert translations.migrate_lock(content, LANGS) == 2
    lines = (content / translations.LOCK_NAME).read_text(encoding="utf-8").splitlines()[3:]
    assert lines == ["content/labels.yml cancel en 0123456789ab", "content/labels.yml cancel es 0123456789ab",
                     f"content/labels.yml my-orders en {translations.source_hash('Mes commandes')}",
                     f"content/labels.yml my-orders es {translations.source_hash('Mes commandes')}"]
    st = translations.status(content, LANGS)
    assert [(f.text.shown, f.langs) for f in st.stale] == [("cancel", ("en", "es"))] and st.new == []
    assert translations.migrate_lock(content, LANGS) == 0  # twice is once
