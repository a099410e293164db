"""Addresses of pages: one rule for every absolute link the site prints."""

from __future__ import annotations

from .locales import Languages


def page_url(site_url: str, languages: Languages, lang: str, path: str = "", anchor: str = "") -> str:
    """Absolute URL of ``path`` (``"shipped-order/"``) in ``lang``, from mkdocs.yml's site_url."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return f"{base}{languages.root(lang)}{path}" + (f"#{anchor}" if anchor else "")


def article_url(site_url: str, languages: Languages, lang: str, ref: str) -> str:
    """``"shipped-order#contact"`` -> ``https://.../en/shipped-order/#contact``."""
    article, _, anchor = ref.partition("#")
    return page_url(site_url, languages, lang, f"{article}/", anchor)
