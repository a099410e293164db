"""The decision guide: one test per outcome, giving the answers that reach it.

Like GOV.UK smart answers: each outcome is reached from the start by the
answers a reader would click, in both languages, and its page says a key
phrase and links to the right article. Adding an outcome without a test here
fails test_every_outcome_is_tested.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpcenter.diagram import layout
from helpcenter.guide import follow, is_question, path_to
from helpcenter.render import guide_meta, navigation, render_diagram, render_site
from helpcenter.text import plain
from helpcenter.validate import load_content

ROOT = Path(__file__).resolve().parent.parent
WANT = "I want to cancel it", "Je veux l'annuler"
PAID = "Yes, I have paid", "Oui, j'ai payé"
VERIFIED = "Yes, the payment is verified", "Oui, le paiement est vérifié"
CANCELLED = "It was cancelled without my asking", "Elle a été annulée sans que je le demande"
COUPON = "I have a question about a coupon or a refund", "J'ai une question sur un coupon ou un remboursement"

# outcome node: (answers (en, fr) from the start, article, key phrase of the English verdict)
OUTCOMES = {
    "not-paid": ([WANT, ("No, not yet", "Non, pas encore")], "unpaid-order", "you cancel the order yourself"),
    "payment-not-verified": ([WANT, PAID, ("No, it is still being verified", "Non, il est encore en cours de vérification")],
                             "unpaid-order", "you can still cancel the order yourself"),
    "paid-not-shipped": ([WANT, PAID, VERIFIED, ("No, it is waiting to be shipped", "Non, elle attend son expédition")],
                         "paid-awaiting-shipment", "who has 72 hours to answer"),
    "seller-cannot-ship": ([WANT, PAID, VERIFIED, ("No, and the seller tells me they cannot send it",
                                                   "Non, et le vendeur me dit qu'il ne pourra pas l'envoyer")],
                           "cancelled-by-seller", "with the reason **other reasons**"),
    "already-shipped": ([WANT, PAID, VERIFIED, ("Yes, it has been shipped", "Oui, elle est expédiée")],
                        "shipped-order", "a cancellation request is no longer possible"),
    "seller-did-not-ship": ([CANCELLED, ("The seller did not ship it in time", "Le vendeur ne l'a pas expédiée à temps")],
                            "cancelled-by-seller", "your money comes back without you doing anything"),
    "payment-security-message": ([CANCELLED, ("A message mentions payment security, or asks me to prove my identity",
                                              "Un message parle de la sécurité du paiement, ou me demande de prouver mon identité")],
                                "payment-security", "to protect your payment"),
    "reused-promo-code": ([COUPON, ("My order was cancelled because of a promo code",
                                    "Ma commande a été annulée à cause d'un code promo")],
                          "payment-security", "A promo code can be used only once"),
    "shipment-cancelled-message": ([("I received the “shipment cancelled” message", "J'ai reçu le message «\u00a0envoi annulé\u00a0»")],
                                   "shipment-cancelled", "choose between a new shipment and a refund"),
    "coupon-back": ([COUPON, ("Will I get my coupon back?", "Mon coupon me sera-t-il rendu ?")],
                    "coupons-refunds", "only if every product bought with it is cancelled"),
    "refund-timing": ([COUPON, ("When and where will I be refunded?", "Quand et où serai-je remboursé ?")],
                      "coupons-refunds", "within 7 to 15 business days after the seller's approval"),
    "order-late": ([("It is late, or something worries me", "Elle tarde, ou quelque chose m'inquiète")],
                   "buyer-protection", "then open a dispute"),
}


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


@pytest.fixture(scope="module")
def pages(content):
    return render_site(content)


def test_every_outcome_is_tested(content):
    outcomes = {nid for nid, node in content.guide["nodes"].items() if not is_question(node)}
    assert outcomes == set(OUTCOMES)


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_answers_lead_to_the_outcome(content, pages, outcome):
    answers, article, phrase = OUTCOMES[outcome]
    for lang, column in (("en", 0), ("fr", 1)):
        texts = [a[column] for a in answers]
        reached = follow(content.guide, texts, lang, lambda t: plain(content, t, lang))
        assert reached == outcome, f"{lang}: {texts} lead to {reached!r}"
    assert content.guide["nodes"][outcome]["outcome"] == article
    en = pages[f"en/guide/{outcome}.md"]
    assert phrase in en
    for lang in ("fr", "en"):
        assert f"](../{article}.md){{ .md-button .md-button--primary .hc-open }}" in pages[f"{lang}/guide/{outcome}.md"]


def test_the_other_path_to_a_shared_outcome(content):
    # Two questions lead to the promo-code outcome and to the "shipment cancelled" one.
    assert follow(content.guide, [CANCELLED[0], "I had used a promo code that was already used"], "en") == "reused-promo-code"
    assert follow(content.guide, [CANCELLED[1], "Le colis était déjà en route : j'ai reçu le message «\u00a0envoi annulé\u00a0»"],
                  "fr", lambda t: plain(content, t, "fr")) == "shipment-cancelled-message"


def test_a_wrong_answer_names_the_question(content):
    with pytest.raises(KeyError, match="'paid' has no answer 'Maybe'"):
        follow(content.guide, [WANT[0], "Maybe"], "en")


def test_each_guide_page_shows_only_its_node(content, pages):
    guide = content.guide
    for lang in ("fr", "en"):
        for nid in guide["nodes"]:
            page = pages[f"{lang}/guide/{'index' if nid == guide['start'] else nid}.md"]
            shown = re.findall(r'<section [^>]*data-node="([^"]+)"(?![^>]* hidden)[^>]*>', page)
            assert shown == [nid]
            # the nodes one click away, for the script; never the whole guide (pages stay small)
            held = re.findall(r'<section [^>]*data-node="([^"]+)"', page)
            near = {nid, guide["start"], guide["parent"][nid]} - {None}
            if "answers" in guide["nodes"][nid]:
                near |= {a["next"] for a in guide["nodes"][nid]["answers"]}
            assert set(held) == near


def test_back_goes_to_the_question_before(content, pages):
    page = pages["en/guide/paid-not-shipped.md"]
    section = page.split('data-node="paid-not-shipped"')[1].split("</section>")[0]
    assert '[Back](shipped.md){ .hc-back data-next="shipped" }' in section
    assert '[Start over](index.md){ .hc-restart data-next="what-happened" }' in section
    assert path_to(content.guide, "paid-not-shipped") == [("what-happened", 0), ("paid", 1),
                                                          ("payment-verified", 1), ("shipped", 0)]


def test_articles_link_back_to_the_question_that_leads_to_them(pages):
    assert "[Not sure? Answer the guide's questions](guide/shipped.md)" in pages["en/paid-awaiting-shipment.md"]
    assert "[Vous hésitez\u00a0? Répondez aux questions du guide](guide/why-cancelled.md)" in pages["fr/cancelled-by-seller.md"]
    # An article no path reaches (reference only) sends readers to the start.
    assert "(guide/index.md)" in pages["fr/contact-seller.md"]


def test_guide_is_second_in_the_menu(content):
    assert navigation(content, "fr")[:2] == [{"Accueil": "index.md"}, {"Trouver la bonne page": "guide/index.md"}]
    assert navigation(content, "en")[1] == {"Find the right page": "guide/index.md"}


def test_page_titles_and_search(content):
    meta = guide_meta(content, "en")
    assert meta["guide/index.md"]["title"] == "Find the page for your order"
    assert "search" not in meta["guide/index.md"]
    assert meta["guide/shipped.md"] == {"title": "Has the seller shipped the order?", "hide": ["toc"],
                                        "search": {"exclude": True},
                                        "description": "Answer a few questions: the guide takes you to the page for your situation."}
    # an outcome is titled by its article, with the one name the article has everywhere
    assert guide_meta(content, "fr")["guide/already-shipped.md"]["title"] == "Annuler une commande déjà expédiée"


def test_diagram_in_both_languages(content, pages):
    for lang, title in (("fr", "Voir tout le guide en un schéma"), ("en", "See the whole guide as a diagram")):
        svg = render_diagram(content, lang)
        assert f'<title id="hc-diagram-title-{lang}">{title}</title>' in svg
        assert f'aria-labelledby="hc-diagram-title-{lang} hc-diagram-desc-{lang}"' in svg
        hrefs = re.findall(r'<a href="([^"]+)"', svg)
        assert sorted(hrefs) == sorted(["./"] + [f"{n}/" for n in content.guide["nodes"] if n != "what-happened"])
        assert svg in pages[f"{lang}/guide/index.md"]
        assert "<svg" not in pages[f"{lang}/guide/shipped.md"]
    # Texts are wrapped into lines and escaped; the answers label the arrows.
    en = render_diagram(content, "en")
    assert re.search(r'>Has the seller shipped</tspan><tspan x="[\d.]+" dy="16">the order\?</tspan>', en)
    assert '<text x="' in en and ">Not shipped</text>" in en
    assert ">“shipment cancelled”</text>" in en


def test_diagram_boxes_never_overlap(content):
    guide = content.guide
    labels = {n: n for n in guide["nodes"]}
    answers = {(n, i): "x" for n, node in guide["nodes"].items() if is_question(node) for i in range(len(node["answers"]))}
    d = layout(guide, labels, answers, {n: n for n in guide["nodes"]})
    boxes = d["nodes"]
    for a in boxes:
        assert 0 <= a["x"] and a["x"] + a["w"] <= d["width"] and 0 <= a["y"] and a["y"] + a["h"] <= d["height"]
        for b in boxes:
            if a is not b:
                apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or \
                        a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
                assert apart, f"{a['id']} overlaps {b['id']}"
    # Every arrow points right: a node's column is after all the questions that lead to it.
    x = {b["id"]: b["x"] for b in boxes}
    for nid, node in guide["nodes"].items():
        for answer in node.get("answers", []):
            assert x[answer["next"]] > x[nid]


def test_script_is_small_and_speaks_no_language():
    script = (ROOT / "docs" / "assets" / "guide.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)
    assert len("\n".join(l.strip() for l in code.splitlines() if l.strip()).encode()) < 5 * 1024  # comments aside
    strings = set(re.findall(r'"([^"]*)"', code))
    # Only selectors, attribute and event names: no word a reader would see.
    assert strings <= {"use strict", ".hc-guide", ".hc-live", "section[data-node]", "data-node", "a[data-next]",
                       "section[data-node]:not([hidden])", "data-title", ".hc-heading", "", "click", "data-next",
                       "hc-back", "popstate", "#", ".headerlink", "href", "a[href]", "a[hreflang]",
                       "aria-busy", "true", "text/html", "/"}, strings
