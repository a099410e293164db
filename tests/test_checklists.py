"""Printable checklists: content rules, rendered sheets, and real printing.

The printing tests print every sheet of the built site to PDF with headless
Chromium, in A4 and in US Letter, count the pages with pdfinfo, and decode
the QR code of the printed page with zbarimg (Debian's zbar-tools).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import segno

from conftest import CONTENT, LANGS, ROOT
from helpcenter.urls import article_url
from helpcenter.errors import ContentErrors
from helpcenter.pipeline import read_site_url
from helpcenter.render import navigation, render_site
from helpcenter.text import plain
from helpcenter.validate import load_content

MINI = Path(__file__).parent / "fixtures" / "mini" / "content"
IDS = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yml"))
SITE_URL = read_site_url(ROOT / "mkdocs.yml")
# The mini articles' checklists, added to a copy so other tests' line numbers stay put.
ALPHA_CHECKLIST = '''checked: 2026-03-01
checklist:
  - fr: "Ouvrez {ui:my-orders}."
    en: "Open {ui:my-orders}."
  - fr: "Attendez {fact:window}, puis voir {link:beta}."
    en: "Wait {fact:window}, then see {link:beta}."
'''
LABELS = {"window": ('"Délai de réponse"', '"Response time"'), "delay": ('"Début du remboursement"', '"Refund starts"')}


def _mini_with_checklist(tmp_path: Path, alpha_extra: str = ALPHA_CHECKLIST, labels=LABELS) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    alpha = content / "scenarios/alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8") + alpha_extra, encoding="utf-8")
    facts = content / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    for name, (fr, en) in labels.items():
        text = text.replace(f"{name}:\n", f"{name}:\n  label: {{fr: {fr}, en: {en}}}\n", 1)
    facts.write_text(text, encoding="utf-8")
    return content


def _errors(content: Path) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_content(content, "", LANGS)
    return caught.value.report()


# --- content rules ----------------------------------------------------------

def test_checklist_item_needs_both_languages(tmp_path):
    content = _mini_with_checklist(tmp_path, 'checked: 2026-03-01\nchecklist:\n  - fr: "Seul."\n')
    assert _errors(content) == (
        'content/scenarios/alpha.yml:35: checklist[0].en: missing the English text\n'
        '    write both languages: {fr: "...", en: "..."}\n'
        'Aborted with 1 content error.')


def test_checklist_placeholders_are_checked(tmp_path):
    content = _mini_with_checklist(tmp_path, ALPHA_CHECKLIST.replace("Open {ui:my-orders}", "Open {ui:my-order}"))
    assert _errors(content) == (
        "content/scenarios/alpha.yml:36: checklist[0].en: unknown label {ui:my-order}\n"
        "    did you mean 'my-orders'?\n"
        "Aborted with 1 content error.")


def test_checklist_longer_than_one_page_is_refused(tmp_path):
    items = "".join(f'  - {{fr: "Point {i}.", en: "Item {i}."}}\n' for i in range(11))
    content = _mini_with_checklist(tmp_path, f"checked: 2026-03-01\nchecklist:\n{items}")
    assert _errors(content) == (
        "content/scenarios/alpha.yml:34: checklist: expected at most 10 items, got 11\n"
        "    remove the items in excess\n"
        "Aborted with 1 content error.")


def test_checklist_needs_a_checked_date(tmp_path):
    content = _mini_with_checklist(tmp_path, ALPHA_CHECKLIST.replace("checked: 2026-03-01\n", ""))
    assert _errors(content) == (
        "content/scenarios/alpha.yml:33: checklist: an article with a checklist needs the date it was last checked"
        " (printed on the sheet)\n"
        "    add: checked: 2026-11-27\n"
        "Aborted with 1 content error.")


def test_figure_printed_on_a_sheet_needs_a_label(tmp_path):
    content = _mini_with_checklist(tmp_path, labels={"window": LABELS["window"]})
    assert _errors(content) == (
        "content/facts.yml:7: delay: missing the key 'label': the checklist of 'alpha' prints this figure under its name\n"
        '    add: label: {fr: "...", en: "..."}\n'
        "Aborted with 1 content error.")


def test_checklist_anchor_is_reserved(tmp_path):
    content = _mini_with_checklist(tmp_path)
    alpha = content / "scenarios/alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("  - id: second", "  - id: checklist"), encoding="utf-8")
    assert "steps[1].id: the id 'checklist' is reserved for a section of the page" in _errors(content)


# --- rendering --------------------------------------------------------------

@pytest.fixture
def mini_pages(tmp_path):
    content = load_content(_mini_with_checklist(tmp_path), "https://help.example.org/", LANGS)
    return render_site(content)


def test_article_links_its_sheet_instead_of_repeating_the_items(mini_pages):
    fr = mini_pages["fr/alpha.md"]
    assert "[Imprimer cette liste](checklists/alpha.md){ #checklist .md-button .hc-print-link }" in fr
    assert "hc-checklist" not in fr
    assert '<li markdown="span">Ouvrez **Mes commandes**.</li>' in mini_pages["fr/checklists/alpha.md"]
    assert "checklist" not in mini_pages["fr/beta.md"]  # beta has none: no section, no sheet
    assert "fr/checklists/beta.md" not in mini_pages


def test_sheet_prints_items_figures_date_and_address_per_language(mini_pages):
    fr, en = mini_pages["fr/checklists/alpha.md"], mini_pages["en/checklists/alpha.md"]
    # links lead out of the checklists/ folder
    assert '<li markdown="span">Attendez 72\u00a0heures, puis voir [Titre bêta](../beta.md).</li>' in fr
    assert "[Lire l'article](../alpha.md){ .md-button }" in fr
    # every figure the article quotes, named; the date is the oldest check (delay: 2026-02-01 < alpha 2026-03-01)
    assert "- Délai de réponse\u00a0: **72\u00a0heures**" in fr and "- Début du remboursement\u00a0: **7\u00a0à\u00a015\u00a0jours ouvrables**" in fr
    assert "- Response time: **72 hours**" in en
    assert "<p>Contenu vérifié le 15 janvier 2026. Ces délais" in fr
    assert "<p>Content checked on January 15, 2026. These delays" in en
    # the article's address in the sheet's language, printed and encoded
    assert 'data-qr-payload="https://help.example.org/alpha/"' in fr
    assert 'data-qr-payload="https://help.example.org/en/alpha/"' in en
    assert '<a href="https://help.example.org/en/alpha/">https://help.example.org/en/alpha/</a>' in en
    assert '<svg viewBox="0 0 37 37" class="hc-qr"><title>https://help.example.org/en/alpha/</title>' in en


def test_qr_code_is_the_segno_encoding_of_the_address(mini_pages):
    en = mini_pages["en/checklists/alpha.md"]
    from helpcenter.checklist import QR_MASK

    expected = segno.make("https://help.example.org/en/alpha/", error="m", mask=QR_MASK)
    assert expected.svg_inline(scale=1, border=4, omitsize=True, dark="#000",
                               title="https://help.example.org/en/alpha/", svgclass="hc-qr") in en


def test_index_lists_the_sheets_and_nav_shows_only_the_index(tmp_path, mini_pages):
    assert "- [Titre alpha](alpha.md)" in mini_pages["fr/checklists/index.md"]
    assert "beta" not in mini_pages["fr/checklists/index.md"]
    content = load_content(_mini_with_checklist(tmp_path / "again"), "", LANGS)
    assert navigation(content, "en")[-1] == {"Printable checklists": "checklists/index.md"}


def test_article_url_per_language():
    assert article_url("https://aide.example.com", LANGS, "fr", "a") == "https://aide.example.com/a/"
    assert article_url("https://aide.example.com/sub/", LANGS, "en", "a#steps") == "https://aide.example.com/sub/en/a/#steps"


# Every real article has a checklist: a rule over any content, in test_content_rules.py.


# --- the built site, printed --------------------------------------------------

SHEETS = [(sid, lang) for sid in IDS for lang in ("fr", "en")]


def _sheet_path(sid: str, lang: str) -> str:
    return f"/checklists/{sid}/" if lang == "fr" else f"/{lang}/checklists/{sid}/"


def _pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))


def _decode_qr(pdf: Path) -> list[str]:
    """Every QR payload zbarimg finds on the printed page (rasterized at 150 dpi)."""
    png = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(png)], check=True)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{png}.png"],
                         capture_output=True, text=True)
    return out.stdout.splitlines()


@pytest.fixture(scope="module")
def printed(browser, site_url, tmp_path_factory):
    """Every sheet printed by Chromium in A4 and Letter: {(sid, lang, format): pdf}."""
    out = tmp_path_factory.mktemp("pdf")
    context = browser.new_context()
    page = context.new_page()
    pdfs = {}
    for sid, lang in SHEETS:
        page.goto(site_url + _sheet_path(sid, lang))
        for paper in ("A4", "Letter"):
            pdf = out / f"{sid}-{lang}-{paper}.pdf"
            # Like a reader's Print: the paper size is theirs, no header or footer from the browser.
            page.pdf(path=str(pdf), format=paper, display_header_footer=False)
            pdfs[(sid, lang, paper)] = pdf
    context.close()
    return pdfs


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_sheet_prints_on_exactly_one_page(printed, paper):
    pages = {f"{lang}/{sid}": _pdf_pages(printed[(sid, lang, paper)]) for sid, lang in SHEETS}
    assert pages == {key: 1 for key in pages}


def test_printed_qr_code_decodes_to_the_article_in_its_language(printed):
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg is missing: install the Debian package zbar-tools (.ci/run does)")
    for sid, lang in SHEETS:
        assert _decode_qr(printed[(sid, lang, "A4")]) == [article_url(SITE_URL, LANGS, lang, sid)], f"{lang}/{sid}"


def test_printed_sheet_has_no_site_chrome(printed):
    for sid, lang in ((IDS[0], "fr"), (IDS[-1], "en")):
        text = subprocess.run(["pdftotext", "-layout", str(printed[(sid, lang, "Letter")]), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert article_url(SITE_URL, LANGS, lang, sid) in text
        for chrome in ("Centre d'aide", "Help center", "Rechercher", "Search", "Imprimer", "Print", "Accueil", "Home"):
            assert chrome not in text, f"{lang}/{sid}: {chrome!r} printed"


def test_sheet_page_declares_its_qr_payload(page_with_sw, site_url):
    page = page_with_sw
    for sid, lang in SHEETS:
        page.goto(site_url + _sheet_path(sid, lang))
        assert page.locator(".hc-sheet-footer").get_attribute("data-qr-payload") == article_url(SITE_URL, LANGS, lang, sid)
        assert page.locator("html").get_attribute("lang") == lang
    assert [u for u in page.requests_seen if not u.startswith(site_url)] == []


def test_print_button_opens_the_print_dialog(page, site_url):
    page.goto(f"{site_url}/en/checklists/{IDS[0]}/")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed") == 1


def test_article_links_its_sheet_and_index_lists_all(page, site_url):
    sid = IDS[-1]
    page.goto(f"{site_url}/en/{sid}/")
    assert page.locator("article .hc-checklist").count() == 0  # the items are on the sheet only
    real = load_content(CONTENT, "", LANGS)
    words = plain(real, real.site["strings"]["checklist-print-link"]["en"], "en")
    assert page.locator("a#checklist.hc-print-link").inner_text() == words
    page.locator("a.hc-print-link").click()
    page.wait_for_url(f"{site_url}/en/checklists/{sid}/")
    page.goto(f"{site_url}/checklists/")
    hrefs = page.eval_on_selector_all("article a[href]", "els => els.map(e => new URL(e.href).pathname)")
    assert sorted({h for h in hrefs if h.startswith("/checklists/") and h != "/checklists/"}) == \
        sorted(f"/checklists/{sid}/" for sid in IDS)
    nav = page.locator("nav.md-nav--primary").inner_text()
    assert "Listes à imprimer" in nav and "Liste à cocher" not in nav


def test_sheet_reads_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    real = load_content(CONTENT, "", LANGS).scenarios
    longest = max(IDS, key=lambda sid: (sum(len(i["fr"]) for i in real[sid].checklist), sid))
    page.goto(f"{site_url}/checklists/{longest}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_role("button", name="Imprimer").is_visible()
    context.close()
