"""Search, without the real content's wording.

The readers' index is a pure function of Material's index (tested on a
made-up one); its behaviour in the browser is tested on the small fixture
help center (tests/fixtures/mini), with words this test plants itself: a
word after an elision (both apostrophes), a plural, a word typed without
its accent, and a word the home page's cards repeat (hubs are no results).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import LANGS, ROOT, copy_repo
from helpcenter.a11ycheck import serve
from helpcenter.search import SEPARATOR, layer_worker, reader_index
from helpcenter.searchreport import result_ids

MINI = ROOT / "tests" / "fixtures" / "mini" / "content"


def _material_index(*docs):
    return json.dumps({"config": {"lang": ["fr"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
                                  "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
                       "docs": [{"location": loc, "title": title, "text": text} for loc, title, text in docs]})


def test_reader_index_has_one_entry_per_article_and_no_hub():
    raw = _material_index(
        ("", "Accueil", ""), ("#cards", "Cartes", "<p>Titre long alpha</p>"),
        ("alpha/", "Court", ""), ("alpha/#title", "Titre long alpha", "<p>Résumé.</p>"),
        ("alpha/#steps", "Étapes", "<ol><li>Ouvrez d&#39;abord</li></ol>"),
        ("alpha/#related", "Voir aussi", "<ul><li>Bêta</li></ul>"),
        ("checklists/", "Listes", "<p>x</p>"), ("guide/", "Guide", ""), ("guide/other/", "Nœud", ""))
    pages = {"alpha/": {"title": "Titre long alpha", "short": "Court", "summary": "Le résumé.", "section": "Avant",
                        "terms": "combien de temps, délai"},
             "guide/": {"title": "Trouver la page", "summary": "Répondez.", "section": None}}
    index = json.loads(reader_index(raw, pages))
    assert index["docs"] == [
        {"location": "alpha/", "title": "Titre long alpha", "text": "Le résumé.", "short": "Court",
         "terms": "combien de temps, délai", "body": "Étapes Ouvrez d'abord", "tags": ["Avant"]},
        {"location": "guide/", "title": "Trouver la page", "text": "Répondez."},
    ]
    assert index["config"]["separator"] == SEPARATOR and index["config"]["lang"] == ["fr"]
    assert index["config"]["pipeline"] == ["stopWordFilter", "stemmer"]
    assert set(index["config"]["fields"]) == {"title", "short", "text", "terms", "body"}


def test_separator_splits_both_apostrophes():
    import re

    assert re.split(SEPARATOR, "auprès d'Alipay l’article") == ["auprès", "d", "Alipay", "l", "article"]


def test_layer_worker_names_materials_worker():
    assert (layer_worker("../assets/javascripts/workers/search.a7633da7.min.js")
            == "../assets/javascripts/workers/search-layer.js?w=search.a7633da7.min.js")
    with pytest.raises(ValueError):
        layer_worker("assets/javascripts/search.js")


# --- in the browser, on the fixture help center ------------------------------

@pytest.fixture(scope="module")
def mini_url(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("search") / "repo")
    shutil.rmtree(root / "content")
    shutil.copytree(MINI, root / "content")
    alpha = root / "content" / "scenarios" / "alpha.yml"
    text = alpha.read_text(encoding="utf-8")
    text = text.replace('  - fr: "Remboursement sous {fact:delay}."',
                        '  - fr: "Remboursement sous {fact:delay}, auprès d\'Alizarine et de l’Orphéon."')
    text = text.replace('title:\n  fr: "Titre alpha"\n  en: "Alpha title"\n',
                        'title:\n  fr: "Titre alpha"\n  en: "Alpha title"\n'
                        'short_title:\n  fr: "Alpha"\n  en: "Alpha"\n')
    assert "Alizarine" in text and 'fr: "Alpha"' in text
    alpha.write_text(text, encoding="utf-8")
    # beta is found by a word it never uses: its editors' search terms
    beta = root / "content" / "scenarios" / "beta.yml"
    text = beta.read_text(encoding="utf-8")
    beta.write_text(text.replace("summary:", 'search_terms:\n  fr: "zénith, apogée"\n  en: "zenith, apex"\nsummary:', 1),
                    encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                            "-d", str(root / "site")], capture_output=True, text=True, env=env, cwd=root)
    assert build.returncode == 0, build.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture
def mini_page(browser, mini_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(mini_url + "/")
    yield page
    context.close()


@pytest.mark.parametrize("query", ["Alizarine", "alizarine", "orphéon", "orpheon", "Orphéons"])
def test_words_after_elisions_plurals_and_unaccented_words_are_found(mini_page, query):
    assert result_ids(mini_page, query, LANGS)[:1] == ["alpha"]


def test_hubs_are_no_results_and_an_article_shows_its_full_title_summary_and_section(mini_page):
    # "résumé" is in each article's summary, which the home page's cards repeat
    ids = result_ids(mini_page, "résumé", LANGS)
    assert sorted(ids) == ["alpha", "beta", "delta"]  # the articles; no home, no checklists
    first = mini_page.locator(".md-search-result__item").filter(has_text="Titre alpha").first
    assert first.locator("h1").inner_text() == "Titre alpha"  # not the menu's "Alpha"
    assert "Résumé alpha" in first.inner_text()  # the summary is the snippet
    assert first.locator(".md-tag").inner_text() == "Avant l'expédition"
    assert mini_page.locator(".md-search-result__more").count() == 0  # no "N more on this page"


@pytest.mark.parametrize("query", ["zénith", "zenith", "apogée"])
def test_an_article_is_found_by_its_search_terms_which_it_never_shows(mini_page, query):
    assert result_ids(mini_page, query, LANGS)[:1] == ["beta"]
    item = mini_page.locator(".md-search-result__item").first
    assert "zénith" not in item.inner_text().lower() and "zenith" not in item.inner_text().lower()


def test_a_word_found_in_two_forms_is_marked_once_and_no_inner_word_is_shown(mini_page):
    """The layer sends a word's stem and its exact form: a snippet marks the word once
    (two marks at one place broke the snippet's HTML), and Material's "not found"
    line, which would list stems and marked forms, is not shown."""
    # "résumé": its stem ("resum") and the word as typed ("resume", marked) both match each summary
    ids = result_ids(mini_page, "résumé", LANGS)
    assert "alpha" in ids
    item = mini_page.locator(".md-search-result__item").filter(has_text="Titre alpha").first
    html = item.inner_html()
    assert "<mark><mark" not in html and "&lt;" not in html and "mark<" not in html, html
    assert item.locator("mark").count() >= 1
    terms = item.locator(".md-search-result__terms")
    assert terms.count() == 0 or not terms.is_visible()
