"""MkDocs glue: generate the pages from content/, then give MkDocs their nav.

Thin on purpose: every rule lives in the helpcenter package. static-i18n
runs the whole build once per language, so each event here runs twice;
generation writes only changed bytes, so the second run writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from helpcenter import DEFAULT_LANGUAGE, LANGUAGES
from helpcenter.errors import ContentErrors
from helpcenter.output import hand_written_pages
from helpcenter.pipeline import generate
from helpcenter.render import descriptions, guide_meta, navigation

ROOT = Path(__file__).resolve().parent.parent
# The default language's 404 page, kept while the other languages build
# (each language build writes its 404 to the site root).
_DEFAULT_404: dict[str, bytes] = {}
# Meta descriptions of the generated pages of the language being built.
_DESCRIPTIONS: dict[str, str] = {}
# Front matter of the guide's pages (generated pages start with the
# generated marker, so they cannot carry front matter themselves).
_GUIDE_META: dict[str, dict] = {}


@event_priority(-200)  # after static-i18n (-100) has switched the build to its language
def on_config(config):
    lang = config.theme["language"]
    if lang not in LANGUAGES:
        raise Abort(f"mkdocs.yml: theme.language {lang!r} is not one of {', '.join(LANGUAGES)}")
    try:
        content, _report = generate(ROOT / "content", Path(config.docs_dir))
    except ContentErrors as exc:
        raise Abort("\n" + exc.report()) from None
    config.nav = navigation(content, lang, hand_written_pages(Path(config.docs_dir), [lang])[lang])
    config.site_name = content.site["site_name"][lang]
    config.site_description = content.site["home"]["intro"][lang]
    _DESCRIPTIONS.clear()
    _DESCRIPTIONS.update(descriptions(content, lang))
    _GUIDE_META.clear()
    _GUIDE_META.update(guide_meta(content, lang))
    return config


def on_page_markdown(markdown, page, config, files):
    """Each generated page describes itself (search engines, link previews)."""
    src = page.file.src_uri.split("/", 1)[-1]  # "fr/unpaid-order.md" -> "unpaid-order.md"
    if src in _DESCRIPTIONS:
        page.meta.setdefault("description", _DESCRIPTIONS[src])
    for key, value in _GUIDE_META.get(src, {}).items():
        page.meta.setdefault(key, value)
    return markdown


def on_serve(server, config, builder):
    server.watch(str(ROOT / "content"))
    return server


def on_template_context(context, template_name, config):
    """The 404 page is no translation of a page: its switcher goes to each language's home."""
    # static-i18n sets extra.alternate as an attribute, which templates read
    # before the mapping item: fix whichever is there.
    alternate = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if template_name == "404.html" and alternate:
        homes = {lang.locale: lang.link for lang in config.plugins["i18n"].config.languages}
        fixed = [{**alt, "link": homes.get(alt["lang"], alt["link"])} for alt in alternate]
        config.extra.alternate = fixed
        config.extra["alternate"] = fixed
    return context


@event_priority(-50)  # before static-i18n (-100) starts the next language's build
def on_post_build(config):
    """Keep /404.html in the default language; put the others at /<lang>/404.html."""
    lang = config.theme["language"]
    root_404 = Path(config.site_dir) / "404.html"
    if not root_404.exists():
        return
    if lang == DEFAULT_LANGUAGE:
        _DEFAULT_404[config.site_dir] = root_404.read_bytes()
    elif config.site_dir in _DEFAULT_404:
        target = Path(config.site_dir) / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        root_404.replace(target)
        root_404.write_bytes(_DEFAULT_404[config.site_dir])
