"""MkDocs glue: generate the pages from content/, then give MkDocs their nav.

Thin on purpose: every rule lives in the helpcenter package. static-i18n
runs the whole build once per language, so each event here runs twice;
generation runs once per build, and writes only changed bytes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import get_relative_url

from helpcenter import LANGUAGES, default_language
from helpcenter.cache import FOLDER as CACHE_FOLDER
from helpcenter.errors import ContentErrors
from helpcenter.jinjacache import THEME_TEMPLATES
from helpcenter.languages import (absolute_alternates, search_index_for, sitemap_for, with_base, with_config,
                                  with_x_default)
from helpcenter.minify import minify_assets
from helpcenter.output import hand_written_pages
from helpcenter.parallel import LANGUAGE_ENV, render_only, write_site_files
from helpcenter.pipeline import PREPARED_ENV, generate, load_prepared
from helpcenter.preview import keep_last_good, last_good, watch_hand_written
from helpcenter.progress import PAGE_ENV, PAGE_MARK
from helpcenter.render import agents_export, navigation, page_meta, render_redirects, without_permalinks
from helpcenter.search import layer_worker, reader_index, search_pages
from helpcenter.text import plain
from helpcenter.urls import language_root

ROOT = Path(__file__).resolve().parent.parent
# The default language's 404 page, kept while the other languages build
# (each language build writes its 404 to the site root).
_DEFAULT_404: dict[str, str] = {}
# What the language being built needs after on_config: the config it was
# generated for, the content, page meta.
_BUILD: dict = {}
# Languages whose build is running, innermost last: static-i18n nests the
# other languages' builds inside the default language's post_build.
_BUILDING: list[str] = []
# Where the guide lives, relative to a language root; the 404 page links it
# only if the language has it.
GUIDE_URL = "guide/"
# `mkdocs serve`: a content error is shown above the last good pages instead
# of stopping the preview (set by on_startup; the error of the last rebuild).
_PREVIEW = {"serving": False, "error": None}


def on_startup(command, dirty):
    _PREVIEW["serving"] = command == "serve"
    if os.environ.get(LANGUAGE_ENV):  # one language of a parallel build (helpcenter/parallel.py)
        render_only(os.environ[LANGUAGE_ENV])


@event_priority(-200)  # after static-i18n (-100) has switched the build to its language
def on_config(config):
    lang = config.theme["language"]
    if lang not in LANGUAGES:
        raise Abort(f"mkdocs.yml: theme.language {lang!r} is not one of {', '.join(LANGUAGES)}")
    # static-i18n runs the other languages' builds with the same config object:
    # generate once per build, not once per language. `mkdocs serve` loads a
    # new config for each rebuild, so an edit is always generated.
    if _BUILD.get("config") is not config:
        prepared = os.environ.get(PREPARED_ENV)
        try:
            if prepared:  # `python -m helpcenter build` has generated already
                content = load_prepared(Path(prepared))
            else:
                content, _report = generate(ROOT / "content", Path(config.docs_dir), config.site_url,
                                            ROOT / CACHE_FOLDER)
                if _PREVIEW["serving"]:
                    keep_last_good(content, ROOT / CACHE_FOLDER)
            _PREVIEW["error"] = None
        except ContentErrors as exc:
            # Preview: keep the last good pages (of this preview, or of the last one), and show
            # the error on each of them.
            good = _BUILD.get("content") or (last_good(ROOT / CACHE_FOLDER) if _PREVIEW["serving"] else None)
            if not (_PREVIEW["serving"] and good is not None):
                raise Abort("\n" + exc.report()) from None
            _PREVIEW["error"] = exc.report()
            print(exc.report(), file=sys.stderr, flush=True)
            content = good
        _BUILD.update(config=config, content=content)
    content = _BUILD["content"]
    config.nav = navigation(content, lang, hand_written_pages(Path(config.docs_dir), [lang])[lang])
    config.site_name = content.site["site_name"][lang]
    config.site_description = content.site["home"]["intro"][lang]
    _BUILD["meta"] = page_meta(content, lang)
    # What our theme overrides (overrides/*.html) print, in this language only.
    site_path = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    # Material's inline __md_scope script then reads the same on every page: one CSP hash (csp.py).
    config.extra["scope"] = site_path
    config.extra["helpcenter"] = {
        "lang": lang,
        "default_language": default_language(),
        "home": site_path + language_root(lang),
        "guide": None,
        "guide_name": plain(content, content.guide.title[lang], lang) if content.guide else None,  # the guide's one name
        "site_short_name": (content.site.get("site_short_name") or {}).get(lang),
        "strings": {name: text[lang] for name, text in content.site["strings"].items()},
        "content_error": _PREVIEW["error"],  # only ever set under `mkdocs serve`
    }
    return config


@event_priority(-200)  # after static-i18n (-100) has kept this language's pages only
def on_nav(nav, config, files):
    """The 404 page links the guide only where the guide exists."""
    extra = config.extra["helpcenter"]
    guide = language_root(extra["lang"]) + GUIDE_URL
    has_guide = any(f.url == guide for f in files.documentation_pages())
    extra["guide"] = extra["home"] + GUIDE_URL if has_guide else None
    return nav


def on_page_markdown(markdown, page, config, files):
    """Meta of generated pages (their first line is the generated marker, so
    they cannot carry front matter): description, search exclusion, hidden parts."""
    src = page.file.src_uri.split("/", 1)[-1]  # "fr/unpaid-order.md" -> "unpaid-order.md"
    for key, value in _BUILD["meta"].get(src, {}).items():
        page.meta.setdefault(key, value)
    return markdown


def on_page_content(html, page, config, files):
    """A page that hides its table of contents has none: Material would still
    print a label for the missing toc toggle, which is invalid HTML. A guide
    page's headings have no permalink (see render.without_permalinks)."""
    if "toc" in (page.meta.get("hide") or []):
        page.toc = TableOfContents([])
    if page.meta.get("hc_guide"):
        html = without_permalinks(html)
    return html


def on_env(env, config, files):
    """Compile Material's templates once per process, not once per language and rebuild."""
    env.bytecode_cache = THEME_TEMPLATES
    return env


def on_serve(server, config, builder):
    """Rebuild when content/ changes; our own writes into docs/ trigger nothing
    (one rebuild and one reload per save)."""
    server.watch(str(ROOT / "content"))
    watch_hand_written(server, config.docs_dir)
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


_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


@event_priority(-200)  # after static-i18n (-100) has kept this language's pages only
def on_files(files, config):
    """Count this language's pages, for the progress bar of ``make site``."""
    if os.environ.get(PAGE_ENV):
        _BUILD["pages"] = [0, sum(1 for _ in files.documentation_pages())]
    return files


def _report_page(config) -> None:
    """One line per page built, which `python -m helpcenter build` turns into a bar."""
    count = _BUILD.get("pages")
    if count and os.environ.get(PAGE_ENV):
        count[0] += 1
        print(f"{PAGE_MARK} {config.theme['language']} {count[0]} {count[1]}", file=sys.stderr, flush=True)


def on_post_page(output, page, config):
    """Material's JavaScript finds search and sitemap from ``base``: the page's language root.

    A page outside the menu (the agents' desk) gets no toc toggle from
    Material, though its table of contents has a label for one: add it, so
    the label points at a real control (valid HTML, same look).
    Search runs in our worker layer; hreflang alternates are absolute.
    """
    _report_page(config)
    if _TOC_LABEL in output and 'id="__toc"' not in output:
        output = output.replace(_TOC_LABEL, _TOC_TOGGLE + _TOC_LABEL, 1)
    output = _with_layer_worker(output)
    output = absolute_alternates(output, _site_root(config) + page.url)
    lang = config.theme["language"]
    if lang == default_language():
        return output
    return with_base(output, get_relative_url(language_root(lang), page.url))


def _site_root(config) -> str:
    """site_url with one trailing slash: where absolute addresses start."""
    return (config.site_url or "/").rstrip("/") + "/"


def _with_layer_worker(output: str) -> str:
    """Material's search runs in our worker (helpcenter/search.py says why)."""
    return with_config(output, lambda c: {**c, "search": layer_worker(c["search"])})


def on_post_template(output, template_name, config):
    """Keep the default language's 404 (the other languages' builds overwrite /404.html).

    The 404 page is served at any depth: its base is an absolute path.
    """
    if template_name != "404.html":
        return output
    output = _with_layer_worker(output)
    output = absolute_alternates(output, _site_root(config) + language_root(config.theme["language"]) + "404.html")
    if config.theme["language"] == default_language():
        _DEFAULT_404[config.site_dir] = output
        return output
    return with_base(output, config.extra["helpcenter"]["home"])


def on_pre_build(config):
    _BUILDING.append(config.theme["language"])


@event_priority(-150)  # after static-i18n (-100): it merges every language's search entries, then returns here
def on_post_build(config):
    """Give each language its own search index, sitemap and 404 page; write
    the redirects of former ids, the agents' export, and (last) the hosts'
    ``_redirects`` and ``_headers``.

    static-i18n builds the other languages from inside the default
    language's post_build, so this runs for them first, and for the default
    language last, once the root files hold every language.
    """
    lang = _BUILDING.pop()
    site = Path(config.site_dir)
    root = site / language_root(lang)
    content = _BUILD["content"]
    extra = render_redirects(content, lang)
    if lang == default_language():
        extra["agents/articles.json"] = agents_export(content)
    for rel, text in extra.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    index = site / "search" / "search_index.json"
    if index.exists():
        own = search_index_for(index.read_text(encoding="utf-8"), lang)
        own = reader_index(own, search_pages(content, lang))
        (root / "search").mkdir(parents=True, exist_ok=True)
        (root / "search" / "search_index.json").write_text(own, encoding="utf-8")
    if lang == default_language():
        if config.site_dir in _DEFAULT_404:
            (site / "404.html").write_text(_DEFAULT_404[config.site_dir], encoding="utf-8")
        sitemap = site / "sitemap.xml"
        if sitemap.exists():
            sitemap.write_text(with_x_default(sitemap.read_text(encoding="utf-8"), default_language()), encoding="utf-8")
        minify_assets(Path(config.docs_dir), site)  # after every language's build has copied them
        # Last of all, once every language's files are there: what Netlify and Cloudflare Pages
        # read (a build of one language leaves them to the merge).
        if not os.environ.get(LANGUAGE_ENV):
            write_site_files(site, content, config.site_url)
        return
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        root_url = (config.site_url or "/").rstrip("/") + "/" + language_root(lang)
        own = with_x_default(sitemap_for(sitemap.read_text(encoding="utf-8"), root_url), default_language())
        (root / "sitemap.xml").write_text(own, encoding="utf-8")
    if (site / "404.html").exists():
        (site / "404.html").replace(root / "404.html")
