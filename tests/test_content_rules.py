"""Rules that hold for ANY good content, checked on the real content/.

No test here names an article, quotes a sentence or a line number of
content/: an editor who changes a sentence, renames or adds an article the
way EDITING.md says keeps every one of them green. Exact output is pinned
elsewhere, on the fixture help center (tests/fixtures/mini): golden pages in
test_render.py, golden error reports in test_bad_input.py.

The content read is CONTENT (conftest.py): content/, or the copy named by
HELPCENTER_TEST_CONTENT, which test_editors.py sets to run these same rules
on a copy of content/ edited as an editor would.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import CONTENT, ROOT, run_cli
from helpcenter import LANGUAGES, a11ycheck
from helpcenter.guide import follow, is_question, path_to
from helpcenter.pipeline import read_site_url
from helpcenter.render import render_site
from helpcenter.text import plain
from helpcenter.validate import links_between_articles, load_content


def _bare(text: str) -> str:
    """Text without Markdown emphasis, escapes or typographic spaces, to find a sentence in a page."""
    return re.sub(r"\s+", " ", re.sub(r"[*_\\]", "", text.replace("\u00a0", " ").replace("\u202f", " ")))


@pytest.fixture(scope="module")
def content():
    """The content, loaded and checked: a content error fails every rule here with its report."""
    loaded = load_content(CONTENT)
    loaded.site_url = read_site_url(ROOT / "mkdocs.yml")
    return loaded


@pytest.fixture(scope="module")
def pages(content):
    return render_site(content)


def test_content_is_checked_clean(tmp_path):
    """`helpcenter check` accepts the content; the only words it may add are
    warnings and notes that do not stop publishing (EDITING.md)."""
    from conftest import copy_repo

    root = copy_repo(tmp_path / "repo")
    result = run_cli(root, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"content OK: {len(list((CONTENT / 'scenarios').glob('*.yml')))} articles")


def test_every_article_has_every_page_in_both_languages(content, pages):
    for lang in LANGUAGES:
        for page in ("index.md", "guide/index.md", "agents/index.md", "checklists/index.md"):
            assert f"{lang}/{page}" in pages
        for sid in content.scenarios:
            assert f"{lang}/{sid}.md" in pages, f"{lang}/{sid}"
            assert f"{lang}/checklists/{sid}.md" in pages, f"{lang}/checklists/{sid}"


def test_every_article_has_a_checklist(content):
    """Every situation has its printable sheet (the scaffold writes the field,
    marked TODO, so a new article cannot miss it)."""
    assert [sid for sid, a in content.scenarios.items() if not a["checklist"]] == []


def test_every_article_is_reachable_from_the_guide_or_another_article(content):
    inbound = links_between_articles(content)
    outcomes = {node["outcome"] for node in content.guide["nodes"].values() if not is_question(node)}
    assert [sid for sid in content.scenarios if not inbound[sid] and sid not in outcomes] == []


def test_every_outcome_is_reached_by_its_answers_in_both_languages(content, pages):
    """The smart-answers pattern, over whatever guide exists: the answers on
    the path to each outcome, clicked in order, lead there in each language;
    its page shows its verdict and opens its article."""
    nodes = content.guide["nodes"]
    outcomes = [nid for nid, node in nodes.items() if not is_question(node)]
    assert outcomes, "the guide has no outcome"
    for nid in outcomes:
        for lang in LANGUAGES:
            answers = [plain(content, nodes[q]["answers"][i]["answer"][lang], lang) for q, i in path_to(content.guide, nid)]
            assert follow(content.guide, answers, lang, lambda t: plain(content, t, lang)) == nid, f"{lang}: {answers}"
            page = pages[f"{lang}/guide/{nid}.md"]
            verdict = _bare(plain(content, nodes[nid]["verdict"][lang], lang))
            assert verdict[:40] in _bare(page), f"{lang}/guide/{nid}: verdict"
            assert f"](../{nodes[nid]['outcome']}.md){{ .md-button .md-button--primary .hc-open }}" in page


def _built_path(md: str) -> str:
    """Where MkDocs puts a French page: fr/a.md -> a/index.html, fr/a/index.md -> a/index.html."""
    rel = md.removeprefix("fr/").removesuffix(".md")
    rel = rel.removesuffix("index").rstrip("/")
    return f"{rel}/index.html" if rel else "index.html"


def test_every_page_type_of_the_site_check_exists(content, pages):
    """The site check's accessibility pass finds one page of each type in this content."""
    built = {"404.html"} | {_built_path(rel) for rel in pages if rel.startswith("fr/")}
    for kind, path in a11ycheck.page_types_for(content):
        assert path in built, f"{kind}: {path}"


def test_the_built_site_holds_every_article_in_both_languages(built_site, content):
    for sid in content.scenarios:
        for lang in LANGUAGES:
            prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
            html = (built_site / f"{prefix}{sid}/index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html
            assert (built_site / f"{prefix}checklists/{sid}/index.html").is_file()
    export = json.loads((built_site / "agents/articles.json").read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in export["articles"]) == sorted(content.scenarios)
