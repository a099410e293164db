"""A draft language's texts shown in the default language, marked where the theme prints
them as plain strings (languages.with_fallbacks_marked), and the texts it knows to be such
(languages.fallback_texts). The whole preview of the trio fixture is checked by the Nu
checker in tests/test_trio.py; here, the exact markup."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from conftest import LANGS
from helpcenter.languages import fallback_texts, with_fallbacks_marked
from helpcenter.schema import Fallback
from helpcenter.validate import load_content

MINI = Path(__file__).parent / "fixtures" / "mini" / "content"

TEXTS = frozenset({"Titre alpha", "Centre d'aide", "Avant l'expédition"})


def test_title_header_menu_and_toc_strings_get_the_default_language():
    page = ('<title>Titre alpha - Centre d&#39;aide</title>'
            '<span class="md-ellipsis">\n    Titre alpha\n  </span>'
            '<a href="x/" class="md-nav__link">Titre alpha</a>'
            '<label class="md-nav__title" for="__drawer">\n  <a href="." class="md-logo" aria-label="Centre">'
            '<svg viewBox="0 0 1 1"><path d="M0"/></svg>\n  </a>\n  Centre d\'aide\n</label>'
            '<label class="md-nav__title" for="__nav_3"><span class="md-icon"></span>Avant l\'expédition</label>'
            '<p>Titre beta</p><span class="md-ellipsis">Inhaltsverzeichnis</span>')
    assert with_fallbacks_marked(page, TEXTS, "fr") == (
        '<title lang="fr">Titre alpha - Centre d&#39;aide</title>'
        '<span class="md-ellipsis" lang="fr">\n    Titre alpha\n  </span>'
        '<a href="x/" class="md-nav__link" lang="fr">Titre alpha</a>'
        '<label class="md-nav__title" for="__drawer">\n  <a href="." class="md-logo" aria-label="Centre">'
        '<svg viewBox="0 0 1 1"><path d="M0"/></svg>\n  </a>\n  <span lang="fr">Centre d\'aide</span>\n</label>'
        '<label class="md-nav__title" for="__nav_3"><span class="md-icon"></span><span lang="fr">Avant l\'expédition</span></label>'
        '<p>Titre beta</p><span class="md-ellipsis">Inhaltsverzeichnis</span>')


def test_a_marked_text_holding_elements_has_each_run_of_words_apart():
    # vnu.jar 26.1 counts the words of a span that come before a child element as the page's.
    page = '<p><span lang="fr">Cliquez sur <strong lang="fr">Oui</strong> puis <em>Fermer</em>.</span></p>'
    assert with_fallbacks_marked(page, TEXTS, "fr") == (
        '<p><span lang="fr"><span>Cliquez sur </span><strong lang="fr">Oui</strong><span> puis </span>'
        '<em lang="fr">Fermer</em><span>.</span></span></p>')


def test_already_marked_elements_scripts_and_pages_without_fallbacks_are_left_alone():
    page = '<p lang="de">Titre alpha</p><script>Titre alpha</script><textarea>Titre alpha</textarea>'
    assert with_fallbacks_marked(page, TEXTS, "fr") == page
    published = '<title>Titre alpha - Centre d&#39;aide</title><p><span lang="fr">a <b>b</b></span></p>'
    assert with_fallbacks_marked(published, frozenset(), "fr") == published


def test_the_fallback_texts_are_the_plain_words_of_the_draft_languages_missing_texts():
    mini = load_content(MINI, "", LANGS)
    assert fallback_texts(mini, "en") == frozenset()  # a published language has none
    strings = dict(mini.site["strings"])
    strings["home-link"] = {**strings["home-link"], "de": Fallback("Accueil\u00a0 du centre")}
    draft = dataclasses.replace(mini, site={**mini.site, "strings": strings})
    assert fallback_texts(draft, "de") == frozenset({"Accueil du centre"})
    assert fallback_texts(draft, "en") == frozenset()
