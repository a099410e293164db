""""Did this answer your question?" in headless Chromium, on the fixture help center served
by nginx with deploy/nginx.conf (its Content-Security-Policy in force): the fixture sends
French answers to a form and English ones to a mailbox (tests/fixtures/mini/content/site.yml).

Under every article and every guide outcome, two links that carry the page's address
and title; no script and no request to another host; a click on the form's link is a
plain navigation with the answer filled in.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import LANGS, MINI, ROOT as REPO
from helpcenter.guide import is_question
from helpcenter.pipeline import read_site_url
from helpcenter.render import guide_titles
from helpcenter.text import plain
from helpcenter.validate import load_content

CONTENT = load_content(MINI, read_site_url(REPO / "mkdocs.yml"), LANGS)  # as the build reads it
WORDS = CONTENT.site["strings"]
FEEDBACK = CONTENT.site["feedback"]
ROOT = {"fr": "/", "en": "/en/"}
OUTCOMES = [nid for nid, node in CONTENT.guide.nodes.items() if not is_question(node)]
SHOWN = ".hc-node[data-node]:not([hidden])"


def _pages(lang: str):
    """(address under the site, block selector, absolute address in the link, plain title) of every answer page."""
    site = CONTENT.site_url.rstrip("/") + ROOT[lang]
    for sid, article in sorted(CONTENT.scenarios.items()):
        yield f"{ROOT[lang]}{sid}/", "article", f"{site}{sid}/", plain(CONTENT, article.title[lang], lang)
    titles = guide_titles(CONTENT, lang)
    for nid in OUTCOMES:
        yield f"{ROOT[lang]}guide/{nid}/", SHOWN, f"{site}guide/{nid}/#{nid}", titles[nid]


def _expected(lang: str, answer: str, address: str, title: str) -> dict:
    """What the link must carry, read back from the href."""
    words = {name: plain(CONTENT, WORDS[f"feedback-{name}"][lang], lang) for name in ("subject", "question", answer)}
    if FEEDBACK[lang].startswith("mailto:"):
        return {"to": FEEDBACK[lang], "subject": f"{words['subject']} – {title}",
                "body": f"{words['question']} {words[answer]}\r\n{title}\r\n{address}\r\n"}
    own = urlsplit(FEEDBACK[lang])
    return {"form": f"{own.scheme}://{own.netloc}{own.path}", **parse_qs(own.query), "answer": [answer], "lang": [lang],
            "page": [address], "title": [title]}


def _read(href: str) -> dict:
    if href.startswith("mailto:"):
        to, query = href.split("?", 1)
        fields = dict(part.split("=", 1) for part in query.split("&"))
        return {"to": to, **{k: unquote(v) for k, v in fields.items()}}
    parts = urlsplit(href)
    return {"form": f"{parts.scheme}://{parts.netloc}{parts.path}", **parse_qs(parts.query)}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_answer_page_asks_and_links_with_its_address_and_title(mini_nginx, page_with_sw, lang):
    page = page_with_sw
    kind = "feedback-by-mail" if FEEDBACK[lang].startswith("mailto:") else "feedback-by-form"
    for path, scope, address, title in _pages(lang):
        page.goto(mini_nginx + path)
        block = page.locator(f"{scope} .hc-feedback")
        assert block.count() == 1, path
        assert block.is_visible(), path
        assert block.locator(".hc-feedback__question").inner_text() == WORDS["feedback-question"][lang]
        assert block.locator(".hc-feedback__note").inner_text() == WORDS[kind][lang]
        for answer in ("yes", "no"):
            link = block.locator(f"a.hc-feedback__{answer}")
            assert link.inner_text() == WORDS[f"feedback-{answer}"][lang]
            assert _read(link.get_attribute("href")) == _expected(lang, answer, address, title), (path, answer)
            assert link.bounding_box()["height"] >= 44
    assert all(urlsplit(u).netloc == urlsplit(mini_nginx).netloc or u.startswith("data:") for u in page.requests_seen)


def test_the_forms_link_is_a_plain_navigation_with_the_answer(mini_nginx, page):
    """The policy lets a reader follow a link to another host (a navigation, not a request of the
    page's own): the form receives the answer, the page and its title."""
    form = urlsplit(FEEDBACK["fr"])
    asked = []
    page.route(f"{form.scheme}://{form.netloc}/**", lambda route: (asked.append(route.request.url),
                                                                  route.fulfill(status=200, body="merci", content_type="text/plain")))
    sid = sorted(CONTENT.scenarios)[0]
    page.goto(f"{mini_nginx}/{sid}/")
    page.locator("article a.hc-feedback__no").click()
    page.wait_for_url(f"{form.scheme}://{form.netloc}/**")
    assert len(asked) == 1
    assert parse_qs(urlsplit(asked[0]).query)["answer"] == ["no"]
    assert parse_qs(urlsplit(asked[0]).query)["page"] == [f"{CONTENT.site_url.rstrip('/')}/{sid}/"]
