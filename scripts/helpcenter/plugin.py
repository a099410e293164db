"""The MkDocs plugin ``helpcenter``: one MkDocs run builds one language of a help center.

Events only, state on ``self``: the rules live in the stage modules (``i18n``
for the pages of a language and their twins, ``render`` for the nav and the
pages' meta, ``languages`` for the edits of a built page, ``finish`` for what
needs every language). Any help center that installs this package names it in
its mkdocs.yml::

    plugins:
      - search
      - helpcenter:
          languages: [...]     # THE language table (locales.Languages)

A run builds ``language`` (default: the default language); ``build.py`` starts
one run per language and merges them. The run's content is the checked model
of ``content/`` beside mkdocs.yml (``checked.checked_content``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import TableOfContents

from . import finish, i18n, locales, offline
from .cache import FOLDER as CACHE_FOLDER
from .checked import checked_content, last_good
from .errors import ContentErrors
from .jinjacache import theme_listed_once, theme_templates
from .languages import fallback_texts, page_edits, with_fallbacks_marked
from .memory import packed, unpacked
from .output import hand_written_pages
from .progress import PAGE_MARK
from .render import navigation, page_meta, without_permalinks
from .reuse import as_built
from .text import plain

# Where the guide lives, relative to a language root; the 404 page links it
# only if the language has it.
GUIDE_URL = "guide/"


class HelpCenterConfig(Config):
    languages = c.Type(list)                       # the language table (locales.Languages.parse reads it)
    language = c.Optional(c.Type(str))             # the language this run builds; unset: the default one
    preview = c.Type(bool, default=False)          # draft languages built, content errors shown in the page
    progress = c.Type(bool, default=False)         # one line per page built, for `helpcenter build`'s bar


class HelpCenterPlugin(BasePlugin[HelpCenterConfig]):
    def __init__(self):
        self.serving = False
        self.lang = None
        self.languages: locales.Languages | None = None  # this run's table (on_config), drafts in a preview
        self.content = None
        self.meta: dict = {}
        self.twins: i18n.Twins | None = None
        self.pages = [0, 0]
        self.fallbacks: frozenset[str] = frozenset()  # a draft language's texts shown in the default one

    def _folders(self, config) -> tuple[Path, Path]:
        """The help center's content folder and build cache: beside its mkdocs.yml."""
        root = Path(config.config_file_path).resolve().parent
        return root / "content", root / CACHE_FOLDER

    def on_startup(self, command, dirty):
        self.serving = command == "serve"

    @event_priority(-100)  # after the search plugin read the theme's language of mkdocs.yml
    def on_config(self, config):
        try:
            languages = locales.Languages.parse({"plugins": [{"helpcenter": dict(self.config)}]},
                                                preview=self.config.preview or self.serving)
        except locales.TableError as exc:
            raise PluginError(str(exc)) from None
        self.languages = languages
        self.lang = lang = self.config.language or languages.default
        if lang not in languages.built:
            raise Abort(f"mkdocs.yml: the language {lang!r} is not one of {', '.join(languages.built)}")
        config.theme["language"] = lang
        config.extra["alternate"] = i18n.homes(config.site_url, languages)
        content_dir, cache_dir = self._folders(config)
        content, error = self._content(config, content_dir, cache_dir)
        self.content = content = as_built(content, lang)
        docs = Path(config.docs_dir)
        config.nav = i18n.in_folder(navigation(content, lang, hand_written_pages(docs, [lang])[lang]), lang)
        config.site_name = content.site["site_name"][lang]
        config.site_description = content.site["home"]["intro"][lang]
        self.meta = page_meta(content, lang)
        self.fallbacks = fallback_texts(content, lang) if lang not in languages.published else frozenset()
        self.twins = i18n.Twins.of(docs, languages)
        # What our theme overrides (overrides/*.html) print, in this language only.
        site_path = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        # Material's inline __md_scope script then reads the same on every page: one CSP hash (csp.py).
        config.extra["scope"] = site_path
        config.extra["helpcenter"] = {
            "lang": lang,
            "default_language": languages.default,
            "home": site_path + languages.root(lang),
            "guide": None,
            "guide_name": plain(content, content.guide.title[lang], lang) if content.guide else None,
            "site_short_name": (content.site.get("site_short_name") or {}).get(lang),
            "strings": {name: text[lang] for name, text in content.site["strings"].items()},
            "content_error": error,  # only ever set in a preview
            # The language's offline copy (offline.py); a preview writes no worker.
            "worker": None if (self.config.preview or self.serving) else site_path + languages.root(lang) + offline.WORKER,
        }
        config.theme.static_templates.add(offline.OFFLINE_PAGE)
        return config

    def _content(self, config, content_dir: Path, cache_dir: Path):
        """The checked model, and the error report a preview shows above the last good pages."""
        try:
            return checked_content(content_dir, Path(config.docs_dir), config.site_url, self.languages, cache_dir), None
        except ContentErrors as exc:
            content = last_good(cache_dir, self.languages) if (self.serving or self.config.preview) else None
            if content is None:
                raise Abort("\n" + exc.report()) from None
            if self.lang == self.languages.default:  # once per preview, not once per language
                print(exc.report(), file=sys.stderr, flush=True)
            return content, exc.report()

    def on_pre_build(self, config):
        theme_listed_once(config.theme, self._folders(config)[1] / "jinja")  # and across processes

    @event_priority(-100)
    def on_files(self, files, config):
        """This language's pages at their address, the shared assets; nothing of the other languages."""
        files = i18n.language_files(files, config, self.lang, self.languages)
        self.pages = [0, sum(1 for _ in files.documentation_pages())]
        return files

    @event_priority(-100)
    def on_nav(self, nav, config, files):
        """The language's home is the nav's home; the 404 page links the guide only where it exists."""
        nav.homepage = i18n.home_page(files, self.lang) or nav.homepage
        extra = config.extra["helpcenter"]
        guide = self.languages.root(self.lang) + GUIDE_URL
        has_guide = any(f.url == guide for f in files.documentation_pages())
        extra["guide"] = extra["home"] + GUIDE_URL if has_guide else None
        return nav

    def on_env(self, env, config, files):
        """Compile Material's templates once: kept in .build/cache/jinja for the next runs."""
        env.bytecode_cache = theme_templates(self._folders(config)[1] / "jinja")
        return env

    def on_page_markdown(self, markdown, page, config, files):
        """Meta of generated pages (their first line is the generated marker, so
        they cannot carry front matter): description, search exclusion, hidden parts."""
        for key, value in self.meta.get(i18n.in_language(page.file.src_uri), {}).items():
            page.meta.setdefault(key, value)
        return markdown

    @event_priority(-100)  # last: other plugins see the HTML
    def on_page_content(self, html, page, config, files):
        """A page that hides its table of contents has none (Material would print a label
        for a missing toggle: invalid HTML); a guide page's headings have no permalink.

        Every page is converted before the first is written: until then its Markdown is
        not read again and its HTML waits packed (``memory.packed``: a language's 3,150
        pages weigh 37 MB of HTML at a thousand articles, 3 MB packed)."""
        if "toc" in (page.meta.get("hide") or []):
            page.toc = TableOfContents([])
        if page.meta.get("hc_guide"):
            html = without_permalinks(html)
        page.markdown = None
        return packed(html)

    @event_priority(100)  # first: the search plugin and the templates read the HTML
    def on_page_context(self, context, page, config, nav):
        """The page's HTML unpacked for its turn; the language menu goes to the same page in
        each language (its home where it has none)."""
        page.content = unpacked(page.content)
        config.extra["alternate"] = self.twins.alternates(page.file, page.url, config.site_url)
        return context

    def on_template_context(self, context, template_name, config):
        """The 404 page is no translation of a page: its menu goes to each language's home."""
        if template_name in ("404.html", offline.OFFLINE_PAGE):
            config.extra["alternate"] = i18n.homes(config.site_url, self.languages)
        if template_name == offline.OFFLINE_PAGE:  # shown at any address: absolute links, as the 404 page
            context.update(offline.absolute_links(context, config))
        return context

    def on_post_template(self, output, template_name, config):
        """No sitemap from a run: ``finish`` writes every language's from docs/ (an empty
        output makes MkDocs write nothing). A draft language's 404 and offline pages have
        its missing texts marked, as its pages (``on_post_page``)."""
        if template_name == "sitemap.xml":
            return ""
        return with_fallbacks_marked(output, self.fallbacks, self.languages.default)

    def on_post_page(self, output, page, config):
        """Material's JavaScript finds search from ``base``, the language root; search runs
        in our worker; hreflang alternates are absolute (``languages.page_edits``). On a draft
        language's page, its texts shown in the default language and printed by the theme as
        plain strings (title, header, menu, table of contents) are marked as written in it."""
        if self.config.progress:
            self.pages[0] += 1
            print(f"{PAGE_MARK} {self.lang} {self.pages[0]} {self.pages[1]}", file=sys.stderr, flush=True)
        page.content = None  # written: not read again
        output = page_edits(output, page.url, self.lang, config.site_url, self.languages)
        return with_fallbacks_marked(output, self.fallbacks, self.languages.default)

    @event_priority(-100)  # after the search plugin wrote the run's index
    def on_post_build(self, config):
        """The run's 404 page and search index, made the language's own (``finish``)."""
        finish.language_outputs(Path(config.site_dir), self.lang, self.content, config.site_url)

    def on_serve(self, server, config, builder):
        server.watch(str(self._folders(config)[0]))
        return server
