"""MkDocs glue: generate the pages from content/, then give MkDocs their nav.

Thin on purpose: every rule lives in the helpcenter package. static-i18n
runs the whole build once per language, so each event here runs once per
language. The checked content comes from ``checked.checked_content``: what
`python -m helpcenter build` stored, if the content is still what it checked,
else checked here (once per build: the other languages find it stored).
State is kept per language, never by the order static-i18n nests its
builds in (helpcenter/i18nbuild.py says how).
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
from helpcenter.checked import checked_content, last_good
from helpcenter.errors import ContentErrors
from helpcenter.i18nbuild import begin, finished, i18n_building, sees_every_language
from helpcenter.jinjacache import THEME_TEMPLATES, theme_listed_once
from helpcenter.languages import (absolute_alternates, alternate_edits, config_edit, in_language_order, search_index_for, sitemap_for,
                                  with_config, with_edits, with_x_default)
from helpcenter.minify import minify_assets
from helpcenter.output import hand_written_pages
from helpcenter.parallel import LANGUAGE_ENV, render_only, wait_for_go, write_site_files
from helpcenter.preview import DirtyPreview, watch_hand_written, watch_with_inotify
from helpcenter.progress import PAGE_ENV, PAGE_MARK
from helpcenter.render import agents_export, navigation, page_meta, render_redirects, without_permalinks
from helpcenter.reuse import as_built
from helpcenter.search import layer_worker, reader_index, search_pages
from helpcenter.text import plain
from helpcenter.urls import language_root

# What each language's build carries from on_config to its later events, by language.
_STATES: dict = {}
# Where the guide lives, relative to a language root; the 404 page links it
# only if the language has it.
GUIDE_URL = "guide/"
# `mkdocs serve`: a content error is shown above the last good pages instead
# of stopping the preview (set by on_startup).
_PREVIEW = {"serving": False}
# `mkdocs serve --dirty` (`make serve`): what each language's dirty rebuild reuses.
_DIRTY = DirtyPreview()


def _folders(config) -> tuple[Path, Path]:
    """The help center's content folder and build cache: beside its mkdocs.yml."""
    root = Path(config.config_file_path).resolve().parent
    return root / "content", root / CACHE_FOLDER


def on_startup(command, dirty):
    _PREVIEW["serving"] = command == "serve"
    _DIRTY.start(command, dirty)
    if os.environ.get(LANGUAGE_ENV):  # one language of a parallel build (helpcenter/parallel.py)
        render_only(os.environ[LANGUAGE_ENV])
    wait_for_go()  # started ahead: MkDocs imported and configured while the Markdown is written


@event_priority(-200)  # after static-i18n (-100) has switched the build to its language
def on_config(config):
    lang = config.theme["language"]
    if lang not in LANGUAGES:
        raise Abort(f"mkdocs.yml: theme.language {lang!r} is not one of {', '.join(LANGUAGES)}")
    state = begin(config, _STATES, lang)
    content_dir, cache_dir = _folders(config)
    error = None
    try:
        content = checked_content(content_dir, Path(config.docs_dir), config.site_url, cache_dir)
    except ContentErrors as exc:
        # Preview: keep the last good pages (checked.py keeps the last content that passed),
        # and show the error on each of them.
        content = last_good(cache_dir) if _PREVIEW["serving"] else None
        if content is None:
            raise Abort("\n" + exc.report()) from None
        error = exc.report()
        if not i18n_building(config):  # once per build, not once per language
            print(error, file=sys.stderr, flush=True)
    # One language's own build sees the other languages' texts blanked (helpcenter/reuse.py).
    state.content = content = as_built(content)
    config.nav = navigation(content, lang, hand_written_pages(Path(config.docs_dir), [lang])[lang])
    config.site_name = content.site["site_name"][lang]
    config.site_description = content.site["home"]["intro"][lang]
    state.meta = page_meta(content, lang)
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
        "content_error": error,  # only ever set under `mkdocs serve`
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
    _DIRTY.page_rebuilt(config.theme["language"], page.url)
    for key, value in _STATES[config.theme["language"]].meta.get(src, {}).items():
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
    """Compile Material's templates once: kept for the process, and in .build/cache/jinja for the next ones."""
    env.bytecode_cache = THEME_TEMPLATES.on_disk(_folders(config)[1] / "jinja")  # and across processes
    return env


def on_serve(server, config, builder):
    """Rebuild when content/ changes; our own writes into docs/ trigger nothing
    (one rebuild and one reload per save)."""
    watch_with_inotify(server)  # a save is seen at once, not at the next poll
    server.watch(str(_folders(config)[0]))
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
        _STATES[config.theme["language"]].pages = [0, sum(1 for _ in files.documentation_pages())]
    _DIRTY.files(config, files, _STATES[config.theme["language"]].meta)
    return files


def on_build_error(error):
    """A build that stopped half way leaves pages unwritten: the next preview build rebuilds all."""
    _DIRTY.failed()


def _report_page(config) -> None:
    """One line per page built, which `python -m helpcenter build` turns into a bar."""
    count = _STATES[config.theme["language"]].pages
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
    lang = config.theme["language"]
    base = None if lang == default_language() else get_relative_url(language_root(lang), page.url)
    # Every change found first and made in one copy of the page (the agents' desk weighs megabytes).
    edits = alternate_edits(output, _site_root(config) + page.url)
    edits.append(config_edit(output, _reader_config(base)))
    if _TOC_LABEL in output and 'id="__toc"' not in output:
        at = output.index(_TOC_LABEL)
        edits.append((at, at, _TOC_TOGGLE))
    return with_edits(output, edits)


def _site_root(config) -> str:
    """site_url with one trailing slash: where absolute addresses start."""
    return (config.site_url or "/").rstrip("/") + "/"


def _reader_config(base: str | None):
    """The change to Material's ``__config`` of every page: search runs in our worker
    (helpcenter/search.py says why), and ``base`` (unless None) is the language's root."""
    return lambda c: {**c, "search": layer_worker(c["search"]), **({"base": base} if base is not None else {})}


def on_post_template(output, template_name, config):
    """Each language's 404 page and sitemap, written at its own root as the template
    is built (an empty output makes MkDocs write nothing at the site root): the
    root's 404 is the default language's, the root's sitemap the one listing
    every language (helpcenter/i18nbuild.py).

    The 404 page is served at any depth: its base is an absolute path.
    """
    lang = config.theme["language"]
    if template_name == "404.html":
        default = lang == default_language()
        output = with_config(output, _reader_config(None if default else config.extra["helpcenter"]["home"]))
        output = absolute_alternates(output, _site_root(config) + language_root(lang) + "404.html")
        if default:
            return output
        _write(Path(config.site_dir) / language_root(lang) / "404.html", output)
        return ""
    if template_name == "sitemap.xml":
        output = in_language_order(output, _site_root(config))
        if lang != default_language():
            own = sitemap_for(output, _site_root(config) + language_root(lang))
            _write(Path(config.site_dir) / language_root(lang) / "sitemap.xml", with_x_default(own, default_language()))
        return with_x_default(output, default_language()) if sees_every_language(config) else ""
    return output


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def on_pre_build(config):
    if not i18n_building(config):  # the outer build: static-i18n gathers every language's search entries anew
        i18n = config.plugins.get("i18n")
        if i18n is not None and hasattr(i18n, "search_entries"):
            # its plugin lives as long as `mkdocs serve`, and never empties this list itself:
            # each rebuild added every entry again, and deduplicating them grew with each save
            i18n.search_entries.clear()
    theme_listed_once(config.theme, _folders(config)[1] / "jinja")  # and across processes
    _DIRTY.build_starts(config.theme["language"])


@event_priority(-150)  # after static-i18n (-100): it merges every language's search entries, then returns here
def on_post_build(config):
    """Give each language its own search index; write the redirects of former
    ids, and once every language is built, the agents' export, the minified
    assets and (last) the hosts' ``_redirects`` and ``_headers``.

    Which languages are finishing is read from static-i18n's state, not
    from the order of its builds (helpcenter/i18nbuild.py).
    """
    langs, whole_site = finished(config, _STATES)
    site = Path(config.site_dir)
    for lang in langs:
        content = _STATES[lang].content
        for rel, text in render_redirects(content, lang).items():
            _write(site / rel, text)
        if lang != default_language():  # the default language's index is the root one, merged last
            _own_search_index(site, lang, content)
        _STATES[lang].done = True
    if not whole_site:
        return
    content = next(state.content for state in _STATES.values())
    _own_search_index(site, default_language(), content)
    _write(site / "agents/articles.json", agents_export(content))
    minify_assets(Path(config.docs_dir), site)  # after every language's build has copied them
    # Last of all, once every language's files are there: what Netlify and Cloudflare Pages
    # read (a build of one language leaves them to the merge; `mkdocs serve`'s own server
    # reads neither, and the CSP hashes read every page: a quarter of a preview rebuild).
    if not os.environ.get(LANGUAGE_ENV) and not _PREVIEW["serving"]:
        write_site_files(site, content, config.site_url)


def _own_search_index(site: Path, lang: str, content) -> None:
    """``lang``'s search index from the one its build (or static-i18n's merge) wrote at the root."""
    index = site / "search" / "search_index.json"
    if index.exists():
        own = reader_index(search_index_for(index.read_text(encoding="utf-8"), lang), search_pages(content, lang))
        own = _DIRTY.search_index(lang, language_root(lang), own)
        _write(site / language_root(lang) / "search" / "search_index.json", own)
