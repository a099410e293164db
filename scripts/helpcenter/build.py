"""Stage 4: the whole build: content checked and written, one MkDocs run per language,
the runs merged and finished, the result checked, then published.

    prepare (checked.py)  content/ -> model -> docs/<lang>/*.md
    run_language          one language: MkDocs with the helpcenter plugin, in its own process
    merge                 each language's part into one folder (parallel.owned)
    finish.site           what needs the model or every language
    verify_site           pages, links, HTML validity, accessibility
    publish.swap_in       the checked folder becomes site/

The command line (``build``, ``build-language``, ``merge``, ``check-site``),
the bench and the tests call these functions; nothing here parses arguments
or reads the environment except ``run_language``'s entry point below.
"""

from __future__ import annotations

import importlib
import logging
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from . import a11ycheck, csp, finish, htmlcheck, parallel, publish, reuse, tools
from .cache import FOLDER as CACHE_FOLDER
from .checked import last_good, prepare, still_as_prepared
from .errors import ContentErrors
from .locales import Languages, TableError
from .pipeline import read_site_url
from .progress import Progress, parse_page_mark
from .sitecheck import Problem
from .verify import verify_site

# What builds the site from mkdocs.yml: MkDocs 1.6, or ProperDocs, its maintained
# continuation (docs/dev/stack-future.md). Same configuration, same plugin.
BUILDERS = MappingProxyType({"mkdocs": "pip install mkdocs==1.6.1", "properdocs": "pip install properdocs==1.6.7"})


@dataclass
class Options:
    """What a build is asked for (the command line's ``build``, the bench, the tests).

    ``languages``: the language table, as the command line read it; by default the one
    of ``root``'s mkdocs.yml (raises locales.TableError if it is unusable). Either way
    its drafts are built when ``preview`` is."""
    root: Path
    site_dir: str = "site"
    builder: str = "mkdocs"
    strict: bool = False
    preview: bool = False
    publish: bool = True
    browser: bool = True
    languages: Languages | None = None

    def __post_init__(self):
        table = self.languages or Languages.read(Path(self.root) / "mkdocs.yml")
        self.languages = table.previewing(self.preview)


# --- one language: one MkDocs run ---------------------------------------------------------


class _Lines(logging.Handler):
    """MkDocs' warnings and errors, one line each on stderr, as its command line prints them."""

    def emit(self, record):
        print(f"{record.levelname:<7} -  {record.getMessage()}", file=sys.stderr, flush=True)


def run_language(root: Path, lang: str, out: Path, builder: str = "mkdocs", preview: bool = False,
                 progress: bool = False, wait=None) -> int:
    """Build ``lang`` of the help center at ``root`` into ``out`` with ``builder``, in this
    process. ``wait()``, if given, runs once the builder is imported and configured (a run
    started ahead waits there for the Markdown). Returns 0, or 1 with the reason printed."""
    config_module = importlib.import_module(f"{builder}.config")
    build_module = importlib.import_module(f"{builder}.commands.build")
    exceptions = importlib.import_module(f"{builder}.exceptions")
    logger = logging.getLogger(builder)
    handler = _Lines(logging.WARNING)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        config = config_module.load_config(config_file=str(Path(root) / "mkdocs.yml"), site_dir=str(out), strict=True)
        plugin = config.plugins["helpcenter"]
        plugin.config.language, plugin.config.preview, plugin.config.progress = lang, preview, progress
        if wait is not None:
            wait()
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build_module.build(config)
        finally:
            config.plugins.on_shutdown()
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        print(f"{builder} build of {lang}: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        logger.removeHandler(handler)
    return 0


def worker_command(root: Path, builder: str, preview: bool, progress: bool = True) -> list[str]:
    """The command of one language's run in a process of its own (helpcenter/run.py)."""
    return [sys.executable, "-m", "helpcenter.run", "--root", str(root), "--builder", builder,
            *(["--preview"] if preview else []), *(["--progress"] if progress else []), "--wait"]


# --- the whole site -----------------------------------------------------------------------


def _parts(staging: Path, languages: Languages) -> dict[str, Path]:
    """Where each language is built, beside ``staging``."""
    return {lang: staging.parent / f"{staging.name}.{lang}" for lang in languages.built}


def builder_problem(builder: str) -> str | None:
    """Why ``builder`` cannot build here, or None."""
    if builder not in BUILDERS:
        return f"the builder is one of {', '.join(sorted(BUILDERS))}, not {builder!r}"
    if importlib.util.find_spec(builder) is None:
        return (f"{builder} is not installed in this Python ({sys.executable}): "
                f"{BUILDERS[builder]}, or build with --builder mkdocs")
    return None


def build_site(options: Options, warnings=None) -> int:
    """Generate, build into a staging folder, check, publish (unless ``options.publish`` is
    false): the build, one at a time per site folder. ``warnings(content)`` reports what
    does not stop a build (the command line's stale translations); it may raise ContentErrors.
    Returns the exit status, its reason printed."""
    if options.preview and options.site_dir == "site":  # a preview never replaces the published site
        options.site_dir = "site-preview"
    site_dir = (options.root / options.site_dir).resolve()
    try:
        with publish.build_lock(site_dir.parent):
            progress = Progress()
            for line in publish.recover(site_dir):
                progress.step(line)
            return _build_locked(options, site_dir, progress, warnings)
    except publish.Busy as busy:
        return _fail(f"another build is running in {site_dir.parent} ({busy}): wait for it to finish, "
                     f"then run this one again; {options.site_dir}/ was left as it was.")


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


class _Build:
    """One build's moving parts, closed whatever happens (``_build_locked``)."""

    def __init__(self, options: Options, site_dir: Path, progress: bool = True):
        self.options, self.site_dir = options, site_dir
        self.staging = Path(tempfile.mkdtemp(prefix=publish.STAGING_PREFIX, dir=site_dir.parent))
        self.parts = _parts(self.staging, options.languages)
        root = options.root
        self.builds = parallel.Builds(worker_command(root, options.builder, options.preview, progress), self.parts, cwd=root)
        self.browser: a11ycheck.BrowserStarted | None = None
        self.html: htmlcheck.CheckerAhead | None = None

    def close(self) -> None:
        for part in (self.builds, self.browser, self.html):
            if part is not None:
                part.close()
        shutil.rmtree(self.staging, ignore_errors=True)
        for part in self.parts.values():
            shutil.rmtree(part, ignore_errors=True)


def _build_locked(options: Options, site_dir: Path, progress: Progress, warnings) -> int:
    """The build, with the lock held. The language runs start first: they import and
    configure MkDocs while the content is checked, rendered and written, then build."""
    root = options.root
    build = _Build(options, site_dir)
    try:
        content, written, prepared = prepare(root / "content", root / "docs", read_site_url(root / "mkdocs.yml"),
                                             options.languages, root / CACHE_FOLDER)
        if warnings is not None:
            warnings(content)
        site_key = _site_key(options, content)
        if site_key is not None and reuse.unchanged(root / CACHE_FOLDER, site_dir, site_key):
            print(f"nothing changed since the last build: {options.site_dir}/ left as it was published")
            return 0
        keys: dict = {}
        reused = _reuse_languages(options, build, content, keys)
        build.builds.go()
        progress.step(f"content checked: {len(content.scenarios)} articles; {len(written.pages)} pages generated "
                      f"({len(written.written)} files written)")
        build.browser = _browser_ahead(options, written, build.staging, reused)
        build.html = _html_checker_ahead(written, site_dir.parent)
        building = [lang for lang in options.languages.built if lang not in reused]
        progress.step(f"{options.builder}: building {', '.join(building)}"
                      + "".join(f"; {lang} reused (its inputs are unchanged since the last build)" for lang in reused))

        def language_keys() -> None:
            if not keys:
                keys.update(reuse.keys(root, root / "docs", content))

        code = _run_languages(options, build, progress, content, meanwhile=language_keys)
        if code != 0:
            return _fail(f"{options.builder} build failed (exit {code}); {options.site_dir}/ was left as it was.")
        progress.step(f"{options.builder}: built; checking the site")
        report = check(options, build.staging, written.pages, content, progress, build.browser, build.html)
        if report.failed(options.strict):
            return _fail(f"{report.summary()}; {options.site_dir}/ was left as it was.")
        print(report.summary())
        if not options.publish:
            print(f"checked; not published ({options.site_dir}/ was left as it was)")
            return 0
        language_keys()
        _publish(options, build.staging, site_dir, content, (keys, site_key), prepared)
        print(f"site built: {options.site_dir}/ ({report.pages} HTML pages, {len(content.scenarios)} articles in "
              f"{len(options.languages.built)} languages)")
        return 0
    finally:
        build.close()


def _run_languages(options: Options, build: _Build, progress: Progress, content, meanwhile=None,
                   hosting: bool = True) -> int:
    """Every language's run at once (told to go), each one's lines passed on and its page
    marks drawn as a bar; merged and finished into the staging folder. ``meanwhile()``
    runs once, as the first run ends (a core is free then). Returns the first failure's status."""
    pending = [meanwhile] if meanwhile is not None else []

    def done(lang: str, code: int) -> None:
        while pending:
            pending.pop()()
        if code == 0:
            try:
                parallel.discard_unowned(build.parts[lang], lang, options.languages)
            except OSError:  # never merged anyway (merge takes what each language owns)
                pass

    codes = build.builds.wait(lambda _lang, line: _builder_line(options.builder, progress, line), on_done=done)
    failed = [code for code in codes.values() if code != 0]
    if failed:
        return failed[0]
    parallel.merge(build.parts, build.staging, options.languages)
    finish.site(build.staging, content, options.root / "docs", content.site_url, hosting=hosting)
    return 0


def _builder_line(builder: str, progress: Progress, line: str) -> None:
    """A line a run printed: a page mark drawn as a bar, warnings and errors passed on."""
    mark = parse_page_mark(line)
    if mark:
        lang, done, total = mark
        progress.bar(f"{builder}: {lang} pages", done, total)
    elif line.strip() and not line.startswith("INFO"):
        print(line, file=sys.stderr)


def _publish(options: Options, staging: Path, site_dir: Path, content, keys: tuple, prepared: str) -> None:
    """``staging`` becomes ``site_dir``, and the record of its languages' keys and the whole
    site's (``keys``) is written (helpcenter/reuse.py): never while a publish is half done,
    and only if the content is still what this build checked (an editor may save while it runs)."""
    cache = options.root / CACHE_FOLDER
    langs, site = keys
    reuse.forget(cache, site_dir)
    publish.swap_in(staging, site_dir)
    if (langs or site) and still_as_prepared(options.root / "content", content.site_url, options.languages, prepared):
        reuse.record(cache, site_dir, langs, site)


def _site_key(options: Options, content) -> str | None:
    """The whole build's key (``reuse.site_key``: the content, every input, how the site is
    checked); None for a build that publishes nothing (it checks: it always runs)."""
    if not options.publish:
        return None
    root = options.root
    strict = options.strict or tools.strict_by_environment()
    checks = (options.builder, strict, options.browser, tools.find(tools.CHROMIUM), tools.find(tools.JAVA),
              str(tools.vnu_jar()))
    return reuse.site_key(root, root / "docs", content, checks)


def _reuse_languages(options: Options, build: _Build, content, keys: dict) -> list[str]:
    """The languages not built again: their published build has the key they have now, and
    is linked into their part of this build; their run is stopped (helpcenter/reuse.py).
    ``keys`` gets every language's key when there is a record to compare them with."""
    cache, site_dir = options.root / CACHE_FOLDER, build.site_dir
    if not reuse.recorded(cache, site_dir):
        return []
    keys.update(reuse.keys(options.root, options.root / "docs", content))
    reused = reuse.reusable(cache, site_dir, keys)
    for lang in list(reused):
        try:
            reuse.link_tree(site_dir / lang, build.parts[lang] / lang)
        except OSError:  # built after all
            shutil.rmtree(build.parts[lang], ignore_errors=True)
            reused.remove(lang)
            continue
        build.builds.skip(lang)
    return reused


def _browser_ahead(options: Options, written, staging: Path, reused=()) -> a11ycheck.BrowserStarted | None:
    """Chromium started now, while MkDocs builds, for the accessibility check: when the
    check will run and generation changed a page (nothing changed: every page type's
    result is reused and no browser is needed), and no language is ``reused`` (then
    mostly words changed, and a page whose words alone changed keeps its result:
    ``a11ycheck.page_shape``; the check starts Chromium itself if a page's markup changed)."""
    if not options.browser or not written.written or reused or not tools.find(tools.CHROMIUM):
        return None
    return a11ycheck.BrowserStarted(site_dir=staging)


def _html_checker_ahead(written, folder: Path) -> htmlcheck.CheckerAhead | None:
    """The HTML checker's Java started now, while MkDocs builds, when generation changed a
    page. Its pipes are in ``folder`` (beside site/), named like a staging folder: the
    next build removes them if this one is killed (publish.recover)."""
    if not written.written or not tools.find(tools.JAVA) or tools.vnu_jar() is None:
        return None
    return htmlcheck.CheckerAhead(folder=folder, prefix=publish.STAGING_PREFIX)


def check(options: Options, site_dir: Path, generated: list[str], content=None, progress: Progress | None = None,
          started: a11ycheck.BrowserStarted | None = None, html_ahead: htmlcheck.CheckerAhead | None = None):
    """The whole site check on ``site_dir``; its problems printed one a line on stderr.

    ``generated``: the docs/ paths of the generated pages, which must all be built."""
    progress = progress or Progress()
    root = options.root
    report = verify_site(site_dir, options.languages, generated, read_site_url(root / "mkdocs.yml"),
                         browser=options.browser, strict_tools=options.strict or tools.strict_by_environment(),
                         page_types=a11ycheck.page_types_for(content) if content else a11ycheck.PAGE_TYPES,
                         say=progress.step, progress=lambda done, total: progress.bar("accessibility: pages", done, total),
                         cache_dir=root / CACHE_FOLDER, started=started, html_ahead=html_ahead)
    report.problems += nginx_policy_problems(root, site_dir)
    for p in report.problems:
        print(p, file=sys.stderr)
    return report


def nginx_policy_problems(root: Path, site_dir: Path) -> list[Problem]:
    """deploy/nginx.conf is written by hand: its Content-Security-Policy must be the one
    the build computed from the pages (site/_headers), or nginx would block their scripts."""
    conf = root / "deploy" / "nginx.conf"
    built = csp.published_policy(site_dir)
    if not conf.is_file() or built is None:
        return []
    return [Problem("deploy/nginx.conf", message) for message in csp.nginx_problems(conf.read_text(encoding="utf-8"), built)]


def build_language(root: Path, lang: str, out: Path, languages: Languages, builder: str = "mkdocs") -> int:
    """One language of the site into ``out``, as a job of its own (another machine, a CI
    matrix): generate, then run (drafts too if ``languages.preview``); ``merge_site`` puts
    the folders together."""
    prepare(root / "content", root / "docs", read_site_url(root / "mkdocs.yml"), languages, root / CACHE_FOLDER)
    code = run_language(root, lang, out, builder, languages.preview)
    if code == 0:
        parallel.discard_unowned(out, lang, languages)
    return code


def merge_site(root: Path, parts: dict[str, Path], dest: Path, languages: Languages) -> None:
    """One site in ``dest`` (empty or absent) from one ``build_language`` folder per language,
    finished: byte for byte what ``build_site`` publishes. Raises ValueError, OSError, ContentErrors."""
    from .validate import load_content

    site_url = read_site_url(root / "mkdocs.yml")
    content = load_content(root / "content", site_url, languages)
    parallel.merge(parts, dest, languages)
    finish.site(dest, content, root / "docs", site_url)


def preview_site(root: Path, dest: Path) -> int:
    """The preview (``make serve``): every language, drafts included, built, merged and
    finished into ``dest`` (replaced whole once built; unchecked). A content error is
    printed, and the pages show it above the last good content; with no last good
    content, ``dest`` is left as it was. Returns the exit status. The language table is
    read again from mkdocs.yml at each call (the preview rebuilds when it changes)."""
    try:
        options = Options(root=root, preview=True)
    except TableError as exc:
        print(exc, file=sys.stderr, flush=True)
        return 1
    build = _Build(options, Path(dest), progress=False)
    try:
        try:
            content = prepare(root / "content", root / "docs", read_site_url(root / "mkdocs.yml"),
                              build.options.languages, root / CACHE_FOLDER)[0]
        except ContentErrors as exc:
            print(exc.report(), file=sys.stderr, flush=True)
            content = last_good(root / CACHE_FOLDER, build.options.languages)
            if content is None:
                return 1
        build.builds.go()
        if _run_languages(build.options, build, Progress(), content, hosting=False) != 0:
            return 1
        publish.swap_in(build.staging, Path(dest))
        return 0
    finally:
        build.close()
