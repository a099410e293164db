"""Rendered Markdown: golden pages for the real content, and the rules behind them.

After a deliberate change of the output, refresh the golden pages with
`make golden` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter.pipeline import read_site_url
from helpcenter.render import navigation, page_meta, render_site
from helpcenter.validate import load_content

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "pages"
MINI = Path(__file__).parent / "fixtures" / "mini" / "content"


@pytest.fixture(scope="module")
def real_pages():
    content = load_content(ROOT / "content")
    content.site_url = read_site_url(ROOT / "mkdocs.yml")  # as `make golden` and the build do
    return render_site(content)


@pytest.fixture(scope="module")
def mini():
    return load_content(MINI)


def test_golden_page_list_matches(real_pages):
    golden = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(real_pages) == golden, "pages added or removed: run `make golden` and review"


@pytest.mark.parametrize("rel", sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")))
def test_golden_page(real_pages, rel):
    expected = (GOLDEN / rel).read_text(encoding="utf-8")
    assert real_pages[rel] == expected, f"{rel} differs from its golden file: run `make golden` and review the diff"


def test_every_article_in_both_languages(real_pages):
    ids = [p.stem for p in (ROOT / "content" / "scenarios").glob("*.yml")]
    for lang in ("fr", "en"):
        assert f"{lang}/index.md" in real_pages
        for sid in ids:
            assert f"{lang}/{sid}.md" in real_pages


def test_first_line_is_the_generated_marker(mini):
    pages = render_site(mini)
    assert pages["fr/alpha.md"].splitlines()[0] == \
        "<!-- generated from content/scenarios/alpha.yml; edit that file, not this one -->"


def test_labels_figures_and_links_per_language(mini):
    pages = render_site(mini)
    fr, en = pages["fr/alpha.md"], pages["en/alpha.md"]
    assert "Ouvrez **Mes commandes**." in fr
    assert "Open **My Orders** (*Mes commandes*)." in en          # French label for French interfaces
    assert "Attendez 72 heures." in fr and "Wait 72 hours." in en
    assert "Remboursement sous 7 à 15 jours ouvrables." in fr
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


def test_navigation_is_translated(mini):
    assert navigation(mini, "fr") == [
        {"Accueil": "index.md"},
        {"Trouver la bonne page": "guide/index.md"},
        {"Avant l'expédition": [{"Titre alpha": "alpha.md"}]},
        {"Après l'expédition": [{"Bêta": "beta.md"}]},
    ]
    assert navigation(mini, "en")[0] == {"Home": "index.md"}
    assert navigation(mini, "en")[3] == {"After shipping": [{"Beta": "beta.md"}]}


def test_rendering_is_deterministic(mini):
    assert render_site(mini) == render_site(load_content(MINI))


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


def test_links_and_sheets_name_an_article_by_its_full_title(mini):
    pages = render_site(mini)
    assert "[Titre bêta](beta.md)" in pages["fr/alpha.md"]
    assert "[Bêta](" not in pages["fr/alpha.md"]
    # the tab and the header read page.meta.title; the menu alone keeps the short title (test above)
    assert page_meta(mini, "fr")["beta.md"]["title"] == "Titre bêta"
    assert page_meta(mini, "en")["beta.md"]["title"] == "Beta title"
