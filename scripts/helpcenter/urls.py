"""Addresses of pages: one rule for every absolute link the site prints."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from .locales import Languages


def page_url(site_url: str, languages: Languages, lang: str, path: str = "", anchor: str = "") -> str:
    """Absolute URL of ``path`` (``"shipped-order/"``) in ``lang``, from mkdocs.yml's site_url."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return f"{base}{languages.root(lang)}{path}" + (f"#{anchor}" if anchor else "")


def article_url(site_url: str, languages: Languages, lang: str, ref: str) -> str:
    """``"shipped-order#contact"`` -> ``https://.../en/shipped-order/#contact``."""
    article, _, anchor = ref.partition("#")
    return page_url(site_url, languages, lang, f"{article}/", anchor)


def feedback_link(address: str, answer: str, lang: str, page: str, title: str, words: dict[str, str]) -> str:
    """Where the Yes or No (``answer``) of "Did this answer your question?" leads, for the
    page at the absolute address ``page``: a message ready to send (``mailto:``, RFC 6068:
    subject and body), or the editors' form with ``answer``, ``lang``, ``page`` and
    ``title`` added to its query. ``words``: the subject, the question and the answer shown."""
    if address.startswith("mailto:"):
        subject = f"{words['subject']} – {title}"
        body = f"{words['question']} {words['answer']}\r\n{title}\r\n{page}\r\n"
        return f"{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    query = urlencode({"answer": answer, "lang": lang, "page": page, "title": title}, quote_via=quote)
    return address + ("&" if "?" in address else "?") + query
