"""Readers' questions in the real search box of the built real site.

Every question of content/search-queries.yml is typed, key by key, into the
search box of each language's home page in headless Chromium; the article
the editors named must come first. The report (question, expected article,
rank, first result) is printed; ``python -m helpcenter search-report``
prints the same outside the tests.
"""

from __future__ import annotations

from conftest import LANGS, LANGUAGES, ROOT
from helpcenter.searchreport import format_report, search_ranks
from helpcenter.validate import load_content

# Questions whose article does not come first yet, and why (docs/dev/search.md).
# Strict both ways: a new miss fails, and so does a question listed here that
# now finds its article first (remove it from the list).
KNOWN_MISSES: set[tuple[str, str]] = {
    # Second, after "Le vendeur me demande d'annuler", whose title holds all three
    # words; this page has them as one phrase in its search terms. The intent
    # ranking (docs/dev/search.md) sees both pages' titles, summaries and terms
    # hold every word, side by side; word order does not count (both orders must
    # find a page). Since the intent ranking (issue 28), a held-out question.
    ("fr", "demande d'annulation au vendeur"),
}


def test_every_reader_question_finds_its_article_first(browser, site_url):
    queries = load_content(ROOT / "content", "", LANGS).search_queries
    assert all(len(queries[lang]) >= 25 for lang in LANGUAGES)
    rows = search_ranks(browser, site_url, queries, LANGS)
    print("\n" + format_report(rows, LANGS))
    new_misses = [r for r in rows if r["rank"] != 1 and (r["lang"], r["query"]) not in KNOWN_MISSES]
    assert not new_misses, "\n" + format_report(new_misses, LANGS)
    now_first = [r for r in rows if r["rank"] == 1 and (r["lang"], r["query"]) in KNOWN_MISSES]
    assert not now_first, "now first, remove from KNOWN_MISSES:\n" + format_report(now_first, LANGS)
    assert {(r["lang"], r["query"]) for r in rows} >= KNOWN_MISSES  # no stale entry
