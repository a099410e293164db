"""Readers' questions in the real search box of the built real site.

Every question of content/search-queries.yml is typed, key by key, into the
search box of each language's home page in headless Chromium; the article
the editors named must come first. The report (question, expected article,
rank, first result) is printed; ``python -m helpcenter search-report``
prints the same outside the tests.
"""

from __future__ import annotations

from conftest import ROOT
from helpcenter import LANGUAGES
from helpcenter.searchreport import format_report, search_ranks
from helpcenter.validate import load_content


def test_every_reader_question_finds_its_article_first(browser, site_url):
    queries = load_content(ROOT / "content").search_queries
    assert all(len(queries[lang]) >= 25 for lang in LANGUAGES)
    rows = search_ranks(browser, site_url, queries)
    print("\n" + format_report(rows))
    missed = [r for r in rows if r["rank"] != 1]
    assert not missed, "\n" + format_report(missed)
