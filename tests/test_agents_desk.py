"""The agents' desk as support staff use it (title, order, filter) and the step a desk link points to, in Chromium."""

from __future__ import annotations

import yaml

from conftest import ROOT

STRINGS = yaml.safe_load((ROOT / "content/site.yml").read_text(encoding="utf-8"))["strings"]
IDS = [p.stem for p in (ROOT / "content/scenarios").glob("*.yml")]
DESKS = (("fr", "/agents/"), ("en", "/en/agents/"))
ITEMS = ".hc-desk__item"
# An article's item is a <section> whose heading holds the id; a guide point's is an <li id>.
KEY = "e => e.id || e.querySelector('h3[id]').id"
VISIBLE = f"els => els.filter(e => e.offsetParent !== null).map({KEY})"


def _open(page, site_url, path):
    page.goto(site_url + path)
    return page.locator(".hc-desk-filter__field")


def test_desk_is_titled_as_the_desk_in_both_languages(page, site_url):
    for lang, path in DESKS:
        page.goto(site_url + path)
        title = STRINGS["agents-title"][lang]
        assert page.title().startswith(f"{title} - "), page.title()
        heading = page.locator("h1").inner_text().replace("\u00a0", " ").rstrip("¶")
        assert heading == title
        assert "Index" not in page.title()


def test_desk_lists_articles_first_and_guide_points_after(page, site_url):
    for lang, path in DESKS:
        page.goto(site_url + path)
        ids = page.eval_on_selector_all("article h2[id], article .hc-desk__item", f"els => els.map({KEY})")
        assert ids[0] == "articles", ids
        guide = ids.index("guide")
        articles = [i for i in ids[1:guide] if "--" not in i]
        assert sorted(articles) == sorted(IDS)
        assert ids[guide + 1:] and all(i.startswith("guide--") for i in ids[guide + 1:]), ids[guide:]


def test_filter_narrows_the_list_and_clears(page, site_url):
    field = _open(page, site_url, "/agents/")
    everything = page.eval_on_selector_all(ITEMS, VISIBLE)
    assert len(everything) > len(IDS)  # articles and guide points
    # Accents and case do not matter: "securite" finds "sécurité".
    field.fill("SECURITE paiement")
    shown = page.eval_on_selector_all(ITEMS, VISIBLE)
    assert "payment-security" in shown and 0 < len(shown) < len(everything)
    for text in page.eval_on_selector_all(ITEMS, "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)"):
        folded = text.lower().replace("é", "e")
        assert "securite" in folded and "paiement" in folded
    assert page.locator(".hc-desk-filter__none").inner_text() == ""
    # Words of a reply find its article.
    field.fill("72 heures")
    shown = page.eval_on_selector_all(ITEMS, VISIBLE)
    assert "paid-awaiting-shipment" in shown and len(shown) < len(everything)
    field.fill("zzqx")
    assert page.eval_on_selector_all(ITEMS, VISIBLE) == []
    assert page.locator("#articles").is_hidden() and page.locator("#guide").is_hidden()
    assert page.locator(".hc-desk-filter__none").inner_text() == STRINGS["agents-filter-none"]["fr"]
    field.fill("")
    assert page.eval_on_selector_all(ITEMS, VISIBLE) == everything
    assert page.locator(".hc-desk-filter__none").inner_text() == ""


def test_filter_finds_guide_points_and_opens_matching_steps(page, site_url):
    field = _open(page, site_url, "/en/agents/")
    field.fill("guide/paid/")  # a guide point's address
    shown = page.eval_on_selector_all(ITEMS, VISIBLE)
    assert shown == ["guide--paid"], shown
    field.fill("paid-awaiting-shipment/#request")  # a step's address: its article, steps opened
    assert page.eval_on_selector_all(ITEMS, VISIBLE)[0] == "paid-awaiting-shipment"
    assert page.locator("#paid-awaiting-shipment + .hc-desk details").evaluate("d => d.open")


def test_without_javascript_the_desk_is_the_full_list_and_no_box(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for _, path in DESKS:
        page.goto(site_url + path)
        assert page.locator(".hc-desk-filter").is_hidden()
        assert page.locator(".hc-desk-filter__field").is_hidden()
        shown = page.eval_on_selector_all(ITEMS, VISIBLE)
        assert set(IDS) <= set(shown) and len(shown) == page.locator(ITEMS).count()
    context.close()


def test_step_a_link_points_to_is_highlighted(page, site_url):
    def look(selector):
        return page.locator(selector).evaluate(
            "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.boxShadow]; }")

    for root in ("", "/en"):
        page.goto(f"{site_url}{root}/paid-awaiting-shipment/#request")
        assert page.evaluate("location.hash") == "#request"
        assert page.locator("ol.hc-steps li#request").evaluate("e => e.matches(':target')")
        target, other = look("ol.hc-steps li#request"), look("ol.hc-steps li#sign-in")
        assert target != other
        assert target[0] not in ("rgba(0, 0, 0, 0)", "transparent") and target[1] != "none"
