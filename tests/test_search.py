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
import re
import shutil
import subprocess
import sys
from pathlib import Path

import material
import pytest

from conftest import LANGS, ROOT, copy_repo
from helpcenter.a11ycheck import serve
from helpcenter.search import (SEPARATOR, layer_worker, published_docs, published_search, reader_index, split,
                               stop_words)
from helpcenter.errors import ContentErrors
from helpcenter.searchreport import format_report, result_ids, search_ranks, twin_gaps
from helpcenter.validate import load_content, read_questions

MINI = ROOT / "tests" / "fixtures" / "mini" / "content"
# The search fixture: mini's help center with two articles of its own
# (an address page, and a damaged-parcel page whose body repeats the address
# and moving words) and its readers' questions, each with a twin in the other
# language. Before the intent ranking and the misspelling look-up, 4 of 6 per
# language came first (docs/dev/search.md).
SEARCH_FIXTURE = ROOT / "tests" / "fixtures" / "search"


def _material_index(*docs):
    return json.dumps({"config": {"lang": ["fr"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
                                  "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
                       "docs": [{"location": loc, "title": title, "text": text} for loc, title, text in docs]})


def test_reader_index_has_one_entry_per_article_and_no_hub():
    raw = _material_index(
        ("", "Accueil", ""), ("#cards", "Cartes", "<p>Titre long alpha</p>"),
        ("alpha/", "Court", ""), ("alpha/#title", "Titre long alpha", "<p>Résumé.</p>"),
        ("alpha/#applies-when", "Cette page est pour vous si", "<p>vous lisez alpha</p>"),
        ("alpha/#steps", "Étapes", "<ol><li>Ouvrez d&#39;abord</li></ol>"),
        ("alpha/#related", "Voir aussi", "<ul><li>Bêta</li></ul>"),
        ("checklists/", "Listes", "<p>x</p>"), ("guide/", "Guide", ""), ("guide/other/", "Nœud", ""))
    pages = {"alpha/": {"title": "Titre long alpha", "short": "Court", "summary": "Le résumé.", "section": "Avant",
                        "terms": "combien de temps, délai", "applies": "vous lisez alpha"},
             "guide/": {"title": "Trouver la page", "summary": "Répondez.", "section": None}}
    index = json.loads(reader_index(raw, pages))
    assert index["docs"] == [
        {"location": "alpha/", "title": "Titre long alpha", "text": "Le résumé.", "short": "Court",
         "terms": "combien de temps, délai", "applies": "vous lisez alpha", "body": "Étapes Ouvrez d'abord",
         "tags": ["Avant"]},
        {"location": "guide/", "title": "Trouver la page", "text": "Répondez."},
    ]
    assert index["config"]["separator"] == SEPARATOR and index["config"]["lang"] == ["fr"]
    assert index["config"]["pipeline"] == ["stopWordFilter", "stemmer"]
    assert set(index["config"]["fields"]) == {"title", "short", "text", "terms", "applies", "body"}
    # what a page is for: the layer ranks a page holding the words there above one whose body mentions them
    assert index["config"]["intent"] == ["title", "short", "text", "terms", "applies"]


def _reader(*docs):
    return json.dumps({"config": {"lang": ["fr"], "separator": SEPARATOR,
                                  "fields": {"title": {"boost": 6.0}, "text": {"boost": 3.0}, "body": {"boost": 1.0}},
                                  "intent": ["title", "text"]}, "docs": list(docs)})


ALPHA = {"location": "a/", "title": "Annuler une commande", "text": "Avant l'envoi.",
         "body": "La commande, puis la commande. Écrire.", "tags": ["Avant"]}
GUIDE_DOC = {"location": "guide/", "title": "Guide", "text": "Une commande ?"}


def test_published_search_is_a_small_index_shards_by_first_two_folded_letters_and_one_fragment_per_page():
    files = published_search(_reader(ALPHA, GUIDE_DOC), frozenset({"la", "une", "puis"}))
    small = json.loads(files.pop("search_index.json"))
    version = small["config"]["shards"]["version"]
    assert re.fullmatch(r"[0-9a-f]{12}", version) and small["docs"] == []
    assert small["config"]["shards"] == {"version": version, "docs": 2, "keys": ["an", "av", "co", "ec", "en", "gu", "l"]}
    assert small["config"]["intent"] == ["title", "text"] and small["config"]["separator"] == SEPARATOR
    # per word: document gap, mask of fields (title 1, text 2, body 4), then positions
    # (count, gaps) in intent fields or the count in others; stop words keep their place
    assert files == {
        f"{version}/s/616e.json": '{"w":{"annuler":[0,1,1,0]}}',
        f"{version}/s/6176.json": '{"w":{"avant":[0,2,1,0]}}',
        f"{version}/s/636f.json": '{"w":{"commande":[0,5,1,2,2,1,2,1,1]}}',
        f"{version}/s/6563.json": '{"w":{"écrire":[0,4,1]}}',
        f"{version}/s/656e.json": '{"w":{"envoi":[0,2,1,2]}}',
        f"{version}/s/6775.json": '{"w":{"guide":[1,1,1,0]}}',
        f"{version}/s/6c.json": '{"w":{"l":[0,2,1,1]}}',
        f"{version}/d/0.json": '{"location":"a/","title":"Annuler une commande","text":"Avant l\'envoi.","tags":["Avant"]}',
        f"{version}/d/1.json": '{"location":"guide/","title":"Guide","text":"Une commande ?"}',
    }
    # what the pages show, read back; another text is another version
    everything = {**files, "search_index.json": json.dumps(small)}
    assert published_docs(everything.__getitem__) == [
        {"location": "a/", "title": "Annuler une commande", "text": "Avant l'envoi.", "tags": ["Avant"]}, GUIDE_DOC]
    other = json.loads(published_search(_reader(ALPHA, {**GUIDE_DOC, "text": "Autre."}), frozenset())["search_index.json"])
    assert other["config"]["shards"]["version"] != version


def test_a_big_shard_is_cut_by_the_next_letter_and_a_word_alone_never():
    words = {"co": [0, 1, 1, 0], "colis": [0, 1, 1, 0], "commande": [0, 1, 1, 0, 1, 2], "compte": [3, 4, 2]}
    assert split("co", words, 1000) == {"co": words}
    assert split("co", words, 50) == {"co": {"co": [0, 1, 1, 0]}, "col": {"colis": [0, 1, 1, 0]},
                                      "com": {"commande": [0, 1, 1, 0, 1, 2], "compte": [3, 4, 2]}}
    assert split("co", words, 1) == {"co": {"co": [0, 1, 1, 0]}, "col": {"colis": [0, 1, 1, 0]},
                                     "comm": {"commande": [0, 1, 1, 0, 1, 2]}, "comp": {"compte": [3, 4, 2]}}
    assert split("co", {"commande": [0] * 100}, 1) == {"co": {"commande": [0] * 100}}


def test_stop_words_are_lunrs_read_from_materials_files_less_the_negations(tmp_path):
    lunr = tmp_path / "assets/javascripts/lunr/min"
    lunr.mkdir(parents=True)
    (lunr / "lunr.fr.min.js").write_text('x.fr.stopWordFilter=x.generateStopWordFilter("au aux pas".split(" "))')
    (tmp_path / "assets/javascripts/workers").mkdir()
    (tmp_path / "assets/javascripts/workers/search.1a2b3c4d.min.js").write_text(
        'e.stopWordFilter=e.generateStopWordFilter(["a","not","the"]);')
    assert stop_words(tmp_path, "fr") == {"au", "aux"}
    assert stop_words(tmp_path, "en") == {"a", "the"}
    # a language with no lunr file of its own has lunr's, as the worker reads it
    assert stop_words(tmp_path, "de") == {"a", "the"}
    (tmp_path / "assets/javascripts/workers/search.1a2b3c4d.min.js").unlink()
    with pytest.raises(ValueError, match="no lunr stop word list for 'de'"):
        stop_words(tmp_path, "de")


NODE = shutil.which("node")
THEME_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


@pytest.mark.skipif(not NODE, reason="needs Node")
def test_the_worker_fetches_a_cut_shard_once_the_word_names_it(tmp_path):
    """Our worker run in Node (tests/search_worker.js) over shards cut to one word each:
    a word typed waits while it could be in several shards (``com``: ``comm``, ``comp``; not
    ``co``, which holds the word "co" alone),
    then fetches its own shard and its results' fragments, each once; a misspelt word
    also looks in its second letter's vowel neighbours ("cammande": ``comm``)."""
    reader = _reader({"location": "a/", "title": "Colis perdu", "text": "Un colis.", "tags": ["Après"]},
                     {"location": "b/", "title": "Annuler une commande", "text": "La commande.", "body": "colis"},
                     {"location": "c/", "title": "Votre compte", "text": "Le compte co-titulaire."})
    files = published_search(reader, frozenset({"la", "le", "un", "une", "votre"}), limit=1)
    version = json.loads(files["search_index.json"])["config"]["shards"]["version"]
    assert json.loads(files["search_index.json"])["config"]["shards"]["keys"] == [
        "an", "co", "col", "comm", "comp", "pe", "ti"]  # "co" holds the word "co" alone
    queries = ["c", "co", "com", "cammande", "comm", "colis", "perdu colis"]
    (tmp_path / "files.json").write_text(json.dumps(files), encoding="utf-8")
    (tmp_path / "queries.json").write_text(json.dumps(queries), encoding="utf-8")
    run = subprocess.run([NODE, str(ROOT / "tests" / "search_worker.js"),
                          str(ROOT / "docs/assets/javascripts/workers/search-layer.js"), str(THEME_JS),
                          str(tmp_path / "files.json"), str(tmp_path / "queries.json")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    rows = {row["query"]: row for row in json.loads(run.stdout)}
    shard = {key: f"{version}/s/{key.encode().hex()}.json" for key in ("col", "comm", "pe")}
    for query in ("c", "co", "com"):
        assert (rows[query]["fetched"], rows[query]["results"]) == ([], []), query
    assert rows["cammande"]["fetched"] == [shard["comm"], f"{version}/d/1.json"]
    assert rows["cammande"]["results"] == ["b/"]
    assert (rows["comm"]["fetched"], rows["comm"]["results"]) == ([], ["b/"])  # kept from before
    assert rows["comm"]["titles"] == ["Annuler une <mark>commande</mark>"]
    assert rows["colis"]["fetched"] == [shard["col"], f"{version}/d/0.json"]
    assert rows["colis"]["results"] == ["a/", "b/"]  # in the title first, then in the body only
    assert rows["perdu colis"]["fetched"] == [shard["pe"]]
    assert rows["perdu colis"]["titles"][0] == "<mark>Colis</mark> <mark>perdu</mark>"


def test_separator_splits_both_apostrophes():
    import re

    assert re.split(SEPARATOR, "auprès d'Alipay l’article") == ["auprès", "d", "Alipay", "l", "article"]


def test_layer_worker_names_materials_worker():
    assert (layer_worker("../assets/javascripts/workers/search.a7633da7.min.js")
            == "../assets/javascripts/workers/search-layer.js?w=search.a7633da7.min.js")
    with pytest.raises(ValueError):
        layer_worker("assets/javascripts/search.js")


def test_a_language_under_a_root_starts_search_from_its_own_copy():
    """English pages name the copy under /en/ (offline.py: the English offline copy runs it)."""
    material = "../../assets/javascripts/workers/search.a7633da7.min.js"
    assert layer_worker(material, "..") == "../assets/javascripts/workers/search-layer.js?w=search.a7633da7.min.js"
    assert layer_worker(material, ".") == "./assets/javascripts/workers/search-layer.js?w=search.a7633da7.min.js"
    assert layer_worker(material, "/en/") == "/en/assets/javascripts/workers/search-layer.js?w=search.a7633da7.min.js"


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


def test_a_query_fetches_only_the_shards_of_its_words_and_the_fragments_it_shows(mini_page):
    """A one-letter word waits; then the shard of its first two folded letters alone,
    and one fragment per result shown, each result one article."""
    asked = []
    mini_page.context.on("request", lambda request: asked.append(request.url))
    mini_page.locator("input.md-search__input").click()
    mini_page.keyboard.type("o")
    mini_page.wait_for_timeout(500)
    assert not [u for u in asked if "/search/" in u]
    mini_page.keyboard.type("rphéon")
    mini_page.wait_for_selector(".md-search-result__item")
    mini_page.wait_for_timeout(300)
    shards = {u.rsplit("/", 1)[1] for u in asked if re.search(r"/search/[0-9a-f]{12}/s/", u)}
    fragments = {u.rsplit("/", 1)[1] for u in asked if re.search(r"/search/[0-9a-f]{12}/d/", u)}
    assert shards == {"6f72.json"}  # "or"
    items = mini_page.locator(".md-search-result__item")
    hrefs = [items.nth(i).locator("a").first.get_attribute("href").split("?")[0] for i in range(items.count())]
    assert len(fragments) == len(hrefs) == len(set(hrefs)) >= 1
    assert items.first.locator("h1").inner_text() == "Titre alpha"
    assert items.first.locator(".md-tag").inner_text() == "Avant l'expédition"


def test_a_slip_in_the_second_letter_is_found_once_typing_stops(mini_page):
    """ "rasumé" is in the shard "ra", "résumé" in "re": a misspelt word also looks in the shards
    of its second letter swapped for another vowel, 250 ms after the last key."""
    mini_page.locator("input.md-search__input").click()
    mini_page.keyboard.type("rasumé")
    mini_page.wait_for_selector(".md-search-result__item", timeout=10_000)
    mini_page.wait_for_timeout(500)
    titles = mini_page.locator(".md-search-result__item h1").all_inner_texts()
    assert "Titre alpha" in titles


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


# --- the search fixture's readers' questions ---------------------------------

def _row(lang, twin, rank):
    return {"lang": lang, "query": f"{twin} {lang}", "expect": "alpha", "rank": rank, "first": "alpha", "twin": twin}


def test_twin_gaps_are_the_twins_whose_articles_rank_apart():
    rows = [_row("fr", "a", 1), _row("en", "a", 1), _row("fr", "b", 1), _row("en", "b", 3),
            _row("fr", "c", None), _row("en", "c", None), {**_row("fr", "", 2), "twin": ""}]
    assert twin_gaps(rows) == [(rows[2], rows[3])]
    report = format_report(rows, LANGS)
    assert "twins: 2 of 3 rank alike in every language\n  b: fr 1 (b fr), en 3 (b en)" in report
    assert "fr: 2 of 4 questions have their article first, 3 in the first three" in report


def test_a_question_list_naming_an_unknown_article_is_refused_with_its_line(tmp_path):
    questions = tmp_path / "fresh.yml"
    questions.write_text('fr:\n  - {query: "x", expect: alpha}\nen:\n  - {query: "y", expect: alpah}\n',
                         encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_questions(questions, {"alpha": None}, LANGS)
    assert "fresh.yml:4: en[0].expect: unknown article 'alpah'" in str(caught.value)
    assert [q.expect for q in read_questions(questions, {"alpha": None, "alpah": None}, LANGS)["en"]] == ["alpah"]


@pytest.fixture(scope="module")
def search_fixture(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("search-fixture") / "repo")
    shutil.rmtree(root / "content")
    shutil.copytree(MINI, root / "content")
    for article in (SEARCH_FIXTURE / "scenarios").glob("*.yml"):
        shutil.copy(article, root / "content" / "scenarios" / article.name)
    shutil.copy(SEARCH_FIXTURE / "search-queries.yml", root / "content" / "search-queries.yml")
    run = [sys.executable, "-m", "helpcenter", "--root", str(root)]
    for step in ([*run, "build-language", "fr", str(root / "fr")], [*run, "build-language", "en", str(root / "en")],
                 [*run, "merge", str(root / "site"), f"fr={root / 'fr'}", f"en={root / 'en'}"]):
        done = subprocess.run(step, capture_output=True, text=True, cwd=root)
        assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture(scope="module")
def fixture_rows(browser, search_fixture):
    queries = load_content(search_fixture / "content", "", LANGS).search_queries
    assert {lang: len(q) for lang, q in queries.items()} == {"fr": 6, "en": 6}
    with serve(search_fixture / "site") as url:
        rows = search_ranks(browser, url, queries, LANGS, width=390)  # a phone
    print("\n" + format_report(rows, LANGS))
    return rows


def test_each_fixture_question_finds_its_article_first(fixture_rows):
    """Typed key by key into the real search box: a page whose title, summary or
    "for you if" holds the words comes before one whose body repeats them, in
    either word order, misspelt by a letter, typed without accents."""
    misses = [r for r in fixture_rows if r["rank"] != 1]
    assert not misses, "\n" + format_report(misses, LANGS)


def test_every_language_finds_what_its_twin_finds(fixture_rows):
    assert {r["twin"] for r in fixture_rows} == {"address", "address-reversed", "address-misspelt", "damaged",
                                                "moved", "damaged-delivery"}
    gaps = twin_gaps(fixture_rows)
    assert not gaps, "\n".join(f"{a['twin']}: {a['lang']} {a['rank']}, {b['lang']} {b['rank']}" for a, b in gaps)


@pytest.mark.parametrize("lang, note, articles, root", [
    ("fr", "Sans JavaScript, cherchez ici :", "Tous les articles", "/"),
    ("en", "Without JavaScript, look here:", "All articles", "/en/")])
def test_without_javascript_the_search_box_says_where_else_to_look(browser, search_fixture, lang, note, articles, root):
    with serve(search_fixture / "site") as url:
        context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})  # a phone
        page = context.new_page()
        page.goto(url + root + "alpha/")
        page.locator("label.md-header__button[for=__search]").click()  # the dialog opens without JavaScript
        box = page.locator(".hc-search-no-script")
        assert box.is_visible() and box.locator("p").inner_text() == note
        links = box.locator("a")
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [root + "guide/", root]
        assert links.nth(1).inner_text() == articles
        assert not page.locator(".md-search-result__meta").is_visible()  # no "initialising" forever
        page.wait_for_timeout(600)  # the dialog's opening transition
        page.screenshot(path=str(search_fixture / f"no-script-{lang}.png"))
        context.close()


def test_search_report_runs_another_question_list_and_refuses_a_bad_one(search_fixture, tmp_path):
    report = [sys.executable, "-m", "helpcenter", "--root", str(search_fixture), "search-report", "site", "--queries"]
    done = subprocess.run([*report, str(SEARCH_FIXTURE / "search-queries.yml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fr: 6 of 6 questions have their article first, 6 in the first three" in done.stdout
    assert "twins: 6 of 6 rank alike in every language" in done.stdout
    bad = tmp_path / "fresh.yml"
    bad.write_text('fr:\n  - {query: "x", expect: alpah}\n', encoding="utf-8")
    done = subprocess.run([*report, str(bad)], capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "fresh.yml:1: en: missing the English entry" in done.stderr, done.stderr
