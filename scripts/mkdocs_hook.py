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
from helpcenter.render import agents_export, navigation, page_meta, render_redirects

ROOT = Path(__file__).resolve().parent.parent
# The default language's 404 page, kept while the other languages build
# (each language build writes its 404 to the site root).
_DEFAULT_404: dict[str, bytes] = {}
# What the language being built needs after on_config: page meta, redirects.
_BUILD: dict = {}


@event_priority(-200)  # after static-i18n (-100) has switched the build to its language
def on_config(config):
    lang = config.theme["language"]
    if lang not in LANGUAGES:
        raise Abort(f"mkdocs.yml: theme.language {lang!r} is not one of {', '.join(LANGUAGES)}")
    try:
        content, _report = generate(ROOT / "content", Path(config.docs_dir), config.site_url)
    except ContentErrors as exc:
        raise Abort("\n" + exc.report()) from None
    config.nav = navigation(content, lang, hand_written_pages(Path(config.docs_dir), [lang])[lang])
    config.site_name = content.site["site_name"][lang]
    config.site_description = content.site["home"]["intro"][lang]
    _BUILD.update(content=content, meta=page_meta(content, lang))
    return config


def on_page_markdown(markdown, page, config, files):
    """Meta of generated pages (their first line is the generated marker, so
    they cannot carry front matter): description, search exclusion, hidden parts."""
    src = page.file.src_uri.split("/", 1)[-1]  # "fr/unpaid-order.md" -> "unpaid-order.md"
    for key, value in _BUILD["meta"].get(src, {}).items():
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
    """Redirects and the agents' export; /404.html in the default language, others at /<lang>/404.html."""
    lang = config.theme["language"]
    content = _BUILD["content"]
    extra = render_redirects(content, lang)
    if lang == DEFAULT_LANGUAGE:
        extra["agents/articles.json"] = agents_export(content)
    for rel, text in extra.items():
        target = Path(config.site_dir) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
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
