"""Rendered Markdown: golden pages of the fixture help center, and the rules behind them.

The golden pages (tests/golden/pages/) are rendered from the small made-up
help center tests/fixtures/mini/content, never from the real content/: an
editor's edit changes no golden file. After a deliberate change of the
output, refresh them with `make golden` and review the diff. The real
content is held to rules instead (tests/test_content_rules.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGS
from helpcenter.pipeline import read_site_url
from helpcenter.render import navigation, page_meta, render_site
from helpcenter.validate import load_content

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "pages"
MINI = Path(__file__).parent / "fixtures" / "mini" / "content"


@pytest.fixture(scope="module")
def golden_pages():
    content = load_content(MINI, read_site_url(ROOT / "mkdocs.yml"), LANGS)  # as `make golden` and the build do
    return render_site(content)


@pytest.fixture(scope="module")
def mini():
    return load_content(MINI, "", LANGS)


def test_golden_pages_come_from_the_fixture():
    from helpcenter.__main__ import GOLDEN_CONTENT

    assert ROOT / GOLDEN_CONTENT == MINI
    ids = {p.stem for p in (MINI / "scenarios").glob("*.yml")}
    assert {p.stem for p in (GOLDEN / "fr").glob("*.md")} == ids | {"index"}


def test_golden_pages_cover_every_kind_of_page(golden_pages):
    """The fixture is small but has every kind of page and of article part."""
    fr = golden_pages["fr/delta.md"]
    for part in ("{ #steps }", "{ #checklist .md-button .hc-print-link }", "{ #more }", 'id="open-list"',
                 "(alpha.md#second)", 'class="admonition warning hc-warnings"'):
        assert part in fr, part
    for kind in ("fr/guide/index.md", "fr/guide/second.md", "fr/guide/to-alpha.md", "fr/checklists/index.md",
                 "fr/checklists/delta.md", "fr/agents/index.md"):
        assert kind in golden_pages, kind


def test_golden_page_list_matches(golden_pages):
    golden = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(golden_pages) == golden, "pages added or removed: run `make golden` and review"


@pytest.mark.parametrize("rel", sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")))
def test_golden_page(golden_pages, rel):
    expected = (GOLDEN / rel).read_text(encoding="utf-8")
    assert golden_pages[rel] == expected, f"{rel} differs from its golden file: run `make golden` and review the diff"


def test_first_line_is_the_generated_marker(mini):
    pages = render_site(mini)
    assert pages["fr/alpha.md"].splitlines()[0] == \
        "<!-- generated from content/scenarios/alpha.yml; edit that file, not this one -->"


def test_labels_figures_and_links_per_language(mini):
    pages = render_site(mini)
    fr, en = pages["fr/alpha.md"], pages["en/alpha.md"]
    assert "Ouvrez **Mes commandes**." in fr
    assert "Open **My Orders** (*Mes commandes*)." in en          # French label for French interfaces
    assert "Attendez 72\u00a0heures." in fr and "Wait 72 hours." in en
    assert "Remboursement sous 7\u00a0à\u00a015\u00a0jours ouvrables." in fr
    assert "Refund within 7 to 15 business days." in en
    assert "Voir [Titre bêta](beta.md)." in fr and "See [Beta title](beta.md)." in en   # the full title: one name per article
    assert '<li id="second" markdown="block">' in fr and '<li id="second" markdown="block">' in en


def test_shared_step_keeps_its_anchor_and_text(mini):
    beta = render_site(mini)["fr/beta.md"]
    assert '<li id="first" markdown="block">\nOuvrez **Mes commandes**.\n</li>' in beta
    assert "[Titre alpha](alpha.md#second)" in beta


def test_oldest_checked_date_is_shown(mini):
    pages = render_site(mini)
    assert "Délais vérifiés le 15 janvier 2026." in pages["fr/alpha.md"]
    assert "Figures checked on January 15, 2026." in pages["en/alpha.md"]
    assert "figures" not in pages["fr/beta.md"]  # beta quotes no figure


def test_figures_are_called_verified_only_when_every_one_was(mini, tmp_path):
    """facts.yml's verified: date (a check on the platform itself) replaces the
    line on the source only when every figure a page quotes has one."""
    import datetime
    from dataclasses import replace

    from helpcenter import checklist

    names = checklist.sheet_facts(mini, mini.scenarios["alpha"])
    assert names and checklist.verified_on(mini, names) is None
    verified = replace(mini, facts={n: replace(f, verified=datetime.date(2026, 4, 2)) for n, f in mini.facts.items()})
    pages = render_site(verified)
    assert "Délais vérifiés auprès de la plateforme le 2 avril 2026." in pages["fr/alpha.md"]
    assert "Figures verified with the platform on April 2, 2026." in pages["en/alpha.md"]
    assert "Content checked on March 10, 2026. Figures verified with the platform on April 2, 2026.</p>" in pages["en/checklists/delta.md"]
    assert "These delays are set by the platform" not in pages["en/alpha.md"]
    one_missing = replace(mini, facts={**verified.facts, names[0]: mini.facts[names[0]]})
    assert "Figures checked on January 15, 2026." in render_site(one_missing)["en/alpha.md"]


def test_navigation_is_translated(mini):
    assert navigation(mini, "fr") == [
        {"Accueil": "index.md"},
        {"Guide mini": "guide/index.md"},  # the guide's one name: its title
        {"Avant l'expédition": [{"Titre alpha": "alpha.md"}]},
        {"Après l'expédition": [{"Bêta": "beta.md"}]},
        {"Remboursement et recours": [{"Delta court": "delta.md"}]},
        {"Listes à imprimer": "checklists/index.md"},
    ]
    assert navigation(mini, "en")[0] == {"Home": "index.md"}
    assert navigation(mini, "en")[3] == {"After shipping": [{"Beta": "beta.md"}]}


def test_rendering_is_deterministic(mini):
    assert render_site(mini) == render_site(load_content(MINI, "", LANGS))


def test_languages_rendered_in_forked_processes_give_the_same_pages_and_keep_their_qr_codes(mini):
    """render_site(workers=2): English rendered in a child process (helpcenter/forked.py),
    the pages the same and in the same order; the QR codes the child made come back for
    the next build's cache (pipeline.save_qr_codes)."""
    from helpcenter import checklist

    serial = render_site(mini, workers=1)
    qr = checklist.QrCodes()
    shared = render_site(mini, workers=2, qr=qr)
    assert list(shared.items()) == list(serial.items())
    assert len(qr.used) == len([p for p in serial if "/checklists/" in p and not p.endswith("index.md")])  # one per sheet
    assert set(qr.known) == qr.used
    assert any(svg in serial["en/checklists/delta.md"] for svg in qr.known.values())


def test_support_block_only_where_an_address_is_set(mini):
    import copy

    assert "hc-support" not in render_site(mini)["fr/alpha.md"]  # no address: no block
    with_support = copy.deepcopy(mini)
    with_support.site["support"] = {"fr": "https://aide.shop.fr/contact", "en": "mailto:help@shop.fr"}
    pages = render_site(with_support)
    assert "[Contacter le service client](https://aide.shop.fr/contact){ .hc-support-link }" in pages["fr/alpha.md"]
    assert "[Contact customer service](mailto:help@shop.fr){ .hc-support-link }" in pages["en/alpha.md"]
    # the last block of the article, before the date figures were checked
    assert pages["fr/alpha.md"].index("hc-support") > pages["fr/alpha.md"].index("{ #not-your-case }")


def test_support_and_feedback_end_every_guide_outcome_where_set(mini):
    """An outcome of the guide is an answer page too: the same two blocks as an article."""
    import copy

    from helpcenter.guide import is_question

    outcomes = [nid for nid, node in mini.guide.nodes.items() if not is_question(node)]
    with_support = copy.deepcopy(mini)
    with_support.site["support"] = {"fr": "https://aide.shop.fr/contact", "en": "mailto:help@shop.fr"}
    for content, support in ((mini, 0), (with_support, 1)):
        pages = render_site(content)
        for nid in outcomes:
            for lang, prefix in (("fr", "fr"), ("en", "en")):
                page = pages[f"{prefix}/guide/{nid}.md"]
                node = page[page.index(f'id="{nid}"'):]
                node = node[:node.index("hc-node hc-node--") if "hc-node hc-node--" in node else len(node)]
                assert node.count('<div class="hc-feedback">') == 1, (nid, lang)  # the fixture sets feedback
                assert node.count('class="hc-support"') == support, (nid, lang)
    no_feedback = copy.deepcopy(mini)
    no_feedback.site["feedback"] = {"fr": "https://avis.aide-mini.fr/f"}  # English: none
    pages = render_site(no_feedback)
    assert "hc-feedback" in pages["fr/alpha.md"] and "hc-feedback" not in pages["en/alpha.md"]


def test_real_content_shows_feedback_only_where_editors_set_an_address():
    """A rule for any content: the block is there in a language exactly when feedback: gives it an address."""
    real = load_content(ROOT / "content", "", LANGS)
    pages = render_site(real)
    for lang in ("fr", "en"):
        wanted = bool((real.site.get("feedback") or {}).get(lang))
        prefix = lang
        for sid in real.scenarios:
            assert ('<div class="hc-feedback">' in pages[f"{prefix}/{sid}.md"]) == wanted, (lang, sid)


def test_links_and_sheets_name_an_article_by_its_full_title(mini):
    pages = render_site(mini)
    assert "[Titre bêta](beta.md)" in pages["fr/alpha.md"]
    assert "[Bêta](" not in pages["fr/alpha.md"]
    # the tab and the header read page.meta.title; the menu alone keeps the short title (test above)
    assert page_meta(mini, "fr")["beta.md"]["title"] == "Titre bêta"
    assert page_meta(mini, "en")["beta.md"]["title"] == "Beta title"
