"""The search report: every reader question of content/search-queries.yml,
typed into the built site's real search box in headless Chromium, with the
rank of the article that must come first.

Used by ``python -m helpcenter search-report [SITE]``, and by the search tests on
the fixture help center's questions (tests/test_search.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from . import tools
from .a11ycheck import CHROMIUM_ARGS, serve
from .locales import Languages

# The result list is settled when it has not changed for this long (ms):
# Material answers each key press, the last answer wins.
_SETTLED_MS = 400
_RESULTS = ".md-search-result__item > .md-search-result__link:first-child"


def result_ids(page, query: str, languages: Languages) -> list[str]:
    """The pages listed for ``query``, best first, as ids (``"unpaid-order"``,
    ``"guide"``; ``""`` for a language's home), typed key by key into the
    search box of the page already open."""
    box = page.locator("input.md-search__input")
    opener = page.locator("label.md-header__button[for=__search]")
    # a phone: the header's search button opens the box (once: then the dialog covers it)
    if opener.is_visible() and not page.locator("#__search").is_checked():
        opener.click()
    box.click()
    box.fill("")
    box.press("Backspace")  # Material reads the box on key up
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.type(query, delay=5)
    page.wait_for_function(
        """([selector, settled]) => {
            const now = [...document.querySelectorAll(selector)].map(a => a.href).join(' ')
              + '|' + (document.querySelector('.md-search-result__meta') || {}).textContent;
            if (window.__searchReportLast !== now) {
                window.__searchReportLast = now; window.__searchReportSince = Date.now(); return false; }
            return Date.now() - window.__searchReportSince > settled;
        }""", arg=[_RESULTS, _SETTLED_MS], polling=100)
    hrefs = page.eval_on_selector_all(_RESULTS, "els => els.map(a => a.href)")
    return [page_id(href, languages) for href in hrefs]


def page_id(href: str, languages: Languages) -> str:
    """``http://host/en/unpaid-order/?h=x#steps`` -> ``unpaid-order``."""
    parts = [p for p in urlsplit(href).path.split("/") if p]
    if parts and parts[0] in languages.built:
        parts = parts[1:]
    return parts[-1] if parts else ""


def search_ranks(browser, base_url: str, queries: dict[str, list[dict]], languages: Languages,
                 width: int = 1366) -> list[dict]:
    """One row per question: lang, query, expect, rank (1-based, None if absent), first."""
    rows = []
    for lang in languages.built:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{base_url}/{languages.root(lang)}")
        for item in queries.get(lang, []):
            ids = result_ids(page, item.query, languages)
            rank = ids.index(item.expect) + 1 if item.expect in ids else None
            rows.append({"lang": lang, "query": item.query, "expect": item.expect, "rank": rank,
                         "first": ids[0] if ids else None, "results": len(ids), "twin": item.twin})
        context.close()
    return rows


def twin_gaps(rows: list[dict]) -> list[tuple[dict, dict]]:
    """The twin questions (one ``twin`` name in two languages) whose expected
    articles do not rank alike: an English reader must find what a French one finds."""
    by_twin: dict[str, list[dict]] = {}
    for r in rows:
        if r.get("twin"):
            by_twin.setdefault(r["twin"], []).append(r)
    return [(a, b) for pair in by_twin.values() for a, b in zip(pair, pair[1:]) if a["rank"] != b["rank"]]


def _shown(first: str | None) -> str:
    return "(no result)" if first is None else (first or "(home)")


def format_report(rows: list[dict], languages: Languages) -> str:
    """A table a person reads, then one summary line per language."""
    lines = [f"{'lang':4}  {'rank':>4}  {'query':42}  {'expected':24}  first result"]
    for r in rows:
        rank = str(r["rank"]) if r["rank"] else "-"
        lines.append(f"{r['lang']:4}  {rank:>4}  {r['query'][:42]:42}  {r['expect']:24}  {_shown(r['first'])}")
    for lang in languages.built:
        mine = [r for r in rows if r["lang"] == lang]
        if mine:
            first = sum(1 for r in mine if r["rank"] == 1)
            top3 = sum(1 for r in mine if r["rank"] and r["rank"] <= 3)
            lines.append(f"{lang}: {first} of {len(mine)} questions have their article first, {top3} in the first three")
    twins = len({r["twin"] for r in rows if r.get("twin")})
    if twins:
        gaps = twin_gaps(rows)
        lines.append(f"twins: {twins - len(gaps)} of {twins} rank alike in every language")
        lines += [f"  {a['twin']}: {a['lang']} {a['rank'] or '-'} ({a['query']}), {b['lang']} {b['rank'] or '-'} ({b['query']})"
                  for a, b in gaps]
    return "\n".join(lines)


def run_report(site_dir: Path, queries: dict[str, list[dict]], languages: Languages,
               executable: str | None = None) -> list[dict]:
    """Serve ``site_dir`` on 127.0.0.1 and run every question in Chromium (the one ``tools`` finds)."""
    from playwright.sync_api import sync_playwright

    executable = executable or tools.find(tools.CHROMIUM)
    if not executable:
        raise SystemExit(tools.Missing(tools.CHROMIUM).line().replace("skipped: ", "cannot run: ", 1))

    with serve(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            return search_ranks(browser, base, queries, languages)
        finally:
            browser.close()
