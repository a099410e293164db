"""Command line: ``python -m helpcenter COMMAND``.

    check       check content/ only; write nothing
    serve       live preview of the help center (mkdocs serve), drafts included
    generate    check content/ and write the pages into docs/
    build       generate, build with MkDocs into a staging folder, check the
                result (pages, links, HTML validity, accessibility), and only
                then replace site/ (the last good site/ stays in place if
                anything fails); --no-publish stops after the check;
                --builder properdocs builds with ProperDocs instead of MkDocs
    build-language LANG DIR
                generate, then build one language into DIR (a job of its own:
                another process, another machine)
    merge SITE fr=DIR en=DIR
                one site in SITE (a new folder) from the build-language folders,
                byte for byte what `build` publishes; then check-site SITE
    check-site  run the site check on a built folder (default: site/)
    golden      rewrite tests/golden/pages/ from tests/fixtures/mini/content (after a
                deliberate change of the rendered output)
    translations status            missing, stale and new translations per language
    translations migrate           convert a lock of before per-language reviews
    translations export --lang L [--po F]   one language as a gettext PO file
    translations import --po F              a translated PO file back into content/
    translations confirm [--file F] [--key K] [--lang L]
                                   record the reviewed translations in
                                   content/translations.lock
    new-article ID [--section S]
                write content/scenarios/ID.yml with every field, texts marked TODO
    schemas [--check]
                write the JSON Schemas of the content files from schema.py
                (--check: only say whether the committed ones are up to date)
    search-report [SITE]
                type every question of content/search-queries.yml into the
                built site's search box (Chromium); print each expected
                article's rank (exit 1 unless every one is first)
    check-files FILE...
                check some content files alone: YAML, schema line, JSON Schema
                (what the pre-commit hook runs on changed files)

build, check and serve take --content DIR: the content folder of any help
center (its own languages, in the mkdocs.yml beside it: the help center is
DIR's parent folder). --root DIR (the folder holding mkdocs.yml and content/)
says the same for every command.

check and build warn about stale translations (French changed since the
last review); with --strict, stale and unreviewed translations are errors,
and so are the site check's warnings.

--strict (build, check-site) also fails on warnings.

The site check skips a check whose program is missing (Chromium for
accessibility, Java for HTML validity) and says so in one line; --strict, or
CI=true in the environment, makes a missing program an error. Override where
they are found with HELPCENTER_CHROMIUM and HELPCENTER_JAVA.
Exit status: 0 on success, 1 on a content or site problem, 2 on misuse.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import LANGUAGES, a11ycheck, csp, htmlcheck, locales, parallel, publish, reuse, tools
from .editor_schema import SCHEMA_DIR_IN_REPO, check_files, stale_schemas, write_schemas
from .errors import ContentErrors
from .scaffold import new_article
from .sitecheck import Problem
from .checked import prepare, still_as_prepared
from .pipeline import read_site_url
from .render import render_site
from . import translations
from .validate import load_content
from .progress import PAGE_ENV, Progress, parse_page_mark
from .verify import verify_site
from .cache import FOLDER as CACHE_FOLDER

ROOT = Path.cwd()


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def check_warnings(args, content) -> None:
    """What does not stop publishing, printed at each check and build: an
    article nothing links to yet, stale translations. With --strict, errors."""
    st = translations.status(args.root / "content")
    if args.strict:
        problems = list(content.warnings) + [translations.stale_message(t) for t in st.stale] \
            + [translations.new_message(t) for t in st.new]
        if problems:
            raise ContentErrors(problems)
        return
    for warning in content.warnings:
        print(warning, file=sys.stderr)
    for t in st.stale:
        print(translations.stale_message(t), file=sys.stderr)
    if st.stale:
        n = len(st.stale)
        print(f"{n} translation{'s' if n != 1 else ''} may be stale (warning; --strict makes it an error).", file=sys.stderr)
    if st.new:
        n = len(st.new)
        print(f"note: {n} text{'s' if n != 1 else ''} not reviewed yet: `make translations-status` lists them, "
              f"`make translations-confirm` records them after review.", file=sys.stderr)


def cmd_check(args) -> int:
    content = load_content(args.root / "content")
    check_warnings(args, content)
    print(f"content OK: {len(content.scenarios)} articles, {len(content.facts)} figures, {len(content.labels)} labels")
    return 0


def cmd_generate(args) -> int:
    _content, report = prepare(args.root / "content", args.root / "docs", read_site_url(args.root / "mkdocs.yml"),
                               args.root / CACHE_FOLDER)
    print(f"generated: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed")
    for rel in report.removed:
        print(f"  removed docs/{rel} (its source is gone)")
    return 0


# What builds the site from mkdocs.yml: MkDocs 1.6, or ProperDocs, its maintained
# continuation (docs/dev/stack-future.md). Same command line, same config.
BUILDERS = {"mkdocs": "pip install mkdocs==1.6.1", "properdocs": "pip install properdocs==1.6.7"}
BUILDER_ENV = "HELPCENTER_BUILDER"


def _builder_line(args, progress: Progress, line: str) -> None:
    """A line the builder printed: a page mark drawn as a bar, warnings and errors passed on."""
    mark = parse_page_mark(line)
    if mark:
        lang, done, total = mark
        progress.bar(f"{args.builder}: {lang} pages", done, total)
    elif line.strip() and not line.startswith("INFO"):
        # MkDocs' INFO lines are noise here; warnings and errors are the message.
        print(line, file=sys.stderr)


def _builder_command(args) -> list[str]:
    return [sys.executable, "-m", args.builder, "build", "--strict", "-f", str(args.root / "mkdocs.yml")]


def _builder_env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", PAGE_ENV: "1",
            locales.PREVIEW_ENV: "1" if locales.preview() else ""}


def _parts(staging: Path) -> dict[str, Path]:
    """Where each language of a parallel build is built, beside ``staging``."""
    return {lang: staging.parent / f"{staging.name}.{lang}" for lang in LANGUAGES}


def _start_builders(args, staging: Path) -> parallel.Builds | None:
    """With MkDocs, one process per language, started now: each imports MkDocs and reads
    its configuration while the content is checked and written, then waits for ``go()``
    (helpcenter/parallel.py). None for a serial build (``HELPCENTER_SERIAL=1``, ProperDocs)."""
    if not parallel.parallel_wanted(args.builder):
        return None
    return parallel.Builds(_builder_command(args), _builder_env(), _parts(staging).__getitem__, cwd=args.root)


def _run_builder(args, staging: Path, progress: Progress, content=None,
                 builds: parallel.Builds | None = None, meanwhile=None) -> int:
    """``mkdocs build --strict`` (or ProperDocs) into ``staging``; its warnings
    and errors passed on, its page marks drawn as one bar per language.
    Returns its exit status.

    With MkDocs, ``builds``: one process per language at the same time (told to go),
    merged into ``staging`` (helpcenter/parallel.py); each language's files that another
    language owns are dropped as soon as it is built, while the other builds. Without them (``HELPCENTER_SERIAL=1``)
    the languages are built one after the other in one process, as `mkdocs build` does.
    The hook finds the content checked by ``prepare`` in the build folder (checked.py).
    ``meanwhile()`` runs once, as the first language's build ends (a core is free then)."""
    if builds is not None:
        parts = _parts(staging)

        pending = [meanwhile] if meanwhile is not None else []

        def discard(lang: str, code: int) -> None:
            while pending:
                pending.pop()()
            if code == 0:
                try:
                    parallel.discard_unowned(parts[lang], lang)
                except OSError:  # never merged anyway (merge takes what each language owns)
                    pass

        codes = builds.wait(lambda _lang, line: _builder_line(args, progress, line), on_done=discard)
        failed = [code for code in codes.values() if code != 0]
        if failed:
            return failed[0]
        parallel.merge(parts, staging, content, content.site_url)
        return 0
    with subprocess.Popen(_builder_command(args) + ["-d", str(staging)], env=_builder_env(), cwd=args.root,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1) as build:
        for line in build.stdout:
            _builder_line(args, progress, line.rstrip("\n"))
    return build.returncode


def cmd_build(args) -> int:
    if args.builder not in BUILDERS:  # from the environment: argparse checks only the command line
        print(f"{BUILDER_ENV}={args.builder!r}: the builder is one of {', '.join(sorted(BUILDERS))}", file=sys.stderr)
        return 2
    if importlib.util.find_spec(args.builder) is None:
        return _fail(f"{args.builder} is not installed in this Python ({sys.executable}): "
                     f"{BUILDERS[args.builder]}, or build with --builder mkdocs")
    if args.preview and args.site_dir == "site":  # a preview never replaces the published site
        args.site_dir = "site-preview"
    site_dir = (args.root / args.site_dir).resolve()
    try:
        with publish.build_lock(site_dir.parent):
            progress = Progress()
            for line in publish.recover(site_dir):
                progress.step(line)
            return _build_locked(args, site_dir, progress)
    except publish.Busy as busy:
        return _fail(f"another build is running in {site_dir.parent} ({busy}): wait for it to finish, "
                     f"then run this one again; {args.site_dir}/ was left as it was.")


def _build_locked(args, site_dir: Path, progress: Progress) -> int:
    """Generate, build into a staging folder, check, publish: the build, with the lock held.

    The language builds start first (``_start_builders``): they import and configure
    MkDocs while the content is checked, rendered and written, then build."""
    strict_tools = args.strict or tools.strict_by_environment()
    staging = Path(tempfile.mkdtemp(prefix=publish.STAGING_PREFIX, dir=site_dir.parent))
    builds, started, html_ahead = _start_builders(args, staging), None, None
    try:
        content, written = prepare(args.root / "content", args.root / "docs", read_site_url(args.root / "mkdocs.yml"),
                                   args.root / CACHE_FOLDER)
        keys: dict = {}
        reused = _reuse_languages(args, builds, site_dir, staging, content, keys) if builds is not None else []
        if builds is not None:
            builds.go()
        check_warnings(args, content)
        progress.step(f"content checked: {len(content.scenarios)} articles; {len(written.pages)} pages generated "
                      f"({len(written.written)} files written)")
        started = _browser_ahead(args, written, staging, reused)
        html_ahead = _html_checker_ahead(written, site_dir.parent)
        building = [lang for lang in LANGUAGES if lang not in reused]
        progress.step(f"{args.builder}: building {', '.join(building)}"
                      + "".join(f"; {lang} reused (its inputs are unchanged since the last build)" for lang in reused))

        def language_keys() -> None:
            if builds is not None and not keys:
                keys.update(reuse.keys(args.root, args.root / "docs", content))

        returncode = _run_builder(args, staging, progress, content, builds, meanwhile=language_keys)
        if returncode != 0:
            return _fail(f"{args.builder} build failed (exit {returncode}); {args.site_dir}/ was left as it was.")
        progress.step(f"{args.builder}: built; checking the site")
        report = _verify(args, staging, written.pages, strict_tools, progress, content, started, html_ahead)
        if report.failed(args.strict):
            return _fail(f"{report.summary()}; {args.site_dir}/ was left as it was.")
        print(report.summary())
        if args.no_publish:
            print(f"checked; not published ({args.site_dir}/ was left as it was)")
            return 0
        language_keys()
        _publish(args, staging, site_dir, content, keys)
        print(f"site built: {args.site_dir}/ ({report.pages} HTML pages, {len(content.scenarios)} articles in "
              f"{len(LANGUAGES)} languages)")
        return 0
    finally:
        if builds is not None:
            builds.close()
        if started is not None:
            started.close()
        if html_ahead is not None:
            html_ahead.close()
        shutil.rmtree(staging, ignore_errors=True)
        for part in _parts(staging).values():
            shutil.rmtree(part, ignore_errors=True)


def _publish(args, staging: Path, site_dir: Path, content, keys: dict) -> None:
    """``staging`` becomes ``site_dir``, and the record of its languages' keys is written
    (helpcenter/reuse.py): never while a publish is half done, and only if the content is
    still what this build checked (an editor may save while it runs)."""
    reuse.forget(args.root / CACHE_FOLDER, site_dir)
    publish.swap_in(staging, site_dir)
    if keys and still_as_prepared(args.root / "content", content.site_url):
        reuse.record(args.root / CACHE_FOLDER, site_dir, keys)


def _reuse_languages(args, builds: parallel.Builds, site_dir: Path, staging: Path, content, keys: dict) -> list[str]:
    """The languages not built again: their published build has the key they have now, and
    is linked into their part of this build; their builder is stopped (helpcenter/reuse.py).
    ``keys`` gets every language's key when there is a record to compare them with."""
    if not reuse.recorded(args.root / CACHE_FOLDER, site_dir):
        return []
    keys.update(reuse.keys(args.root, args.root / "docs", content))
    reused = reuse.reusable(args.root / CACHE_FOLDER, site_dir, keys)
    parts = _parts(staging)
    for lang in list(reused):
        try:
            reuse.link_tree(site_dir / lang, parts[lang] / lang)
        except OSError:  # built after all
            shutil.rmtree(parts[lang], ignore_errors=True)
            reused.remove(lang)
            continue
        builds.skip(lang)
    return reused


def _browser_ahead(args, written, staging: Path | None = None, reused=()) -> a11ycheck.BrowserStarted | None:
    """Chromium started now, while MkDocs builds, for the accessibility check: when the
    check will run and generation changed a page (nothing changed: every page type's
    result is reused and no browser is needed), and no language is ``reused``. A reused
    language means that only the other language's content changed since the last build:
    mostly words, and a page whose words alone changed keeps its result
    (``a11ycheck.page_shape``); the check starts Chromium itself if a page's markup changed."""
    if (getattr(args, "no_browser", False) or not written.written or reused
            or not tools.find(tools.CHROMIUM)):
        return None
    return a11ycheck.BrowserStarted(site_dir=staging)


def _html_checker_ahead(written, folder: Path) -> htmlcheck.CheckerAhead | None:
    """The HTML checker's Java started now, while MkDocs builds, when generation changed a
    page (nothing changed: every page's result is reused and no Java is needed). Its pipes
    are in ``folder`` (beside site/), named like a staging folder: the next build removes
    them if this one is killed (publish.recover)."""
    if not written.written or not tools.find(tools.JAVA) or tools.vnu_jar() is None:
        return None
    return htmlcheck.CheckerAhead(folder=folder, prefix=publish.STAGING_PREFIX)


def cmd_build_language(args) -> int:
    """One language of the site into a folder: a job of its own (another process,
    another machine); ``merge`` puts the folders together (helpcenter/parallel.py)."""
    if args.lang not in LANGUAGES:
        print(f"build-language: {args.lang!r} is not one of {', '.join(LANGUAGES)}", file=sys.stderr)
        return 2
    prepare(args.root / "content", args.root / "docs", read_site_url(args.root / "mkdocs.yml"), args.root / CACHE_FOLDER)
    out = (args.root / args.out).resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", parallel.LANGUAGE_ENV: args.lang}
    build = subprocess.run(_builder_command(args) + ["-d", str(out)], env=env, cwd=args.root,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in build.stdout.splitlines():
        _builder_line(args, Progress(), line)
    if build.returncode != 0:
        return _fail(f"{args.builder} build of {args.lang} failed (exit {build.returncode})")
    print(f"{args.lang} built into {args.out} (merge it: python -m helpcenter merge SITE "
          + " ".join(f"{lang}=DIR" for lang in LANGUAGES) + ")")
    return 0


def cmd_merge(args) -> int:
    """The site from one ``build-language`` folder per language."""
    parts = {}
    for item in args.parts:
        lang, sep, folder = item.partition("=")
        if not sep or lang not in LANGUAGES:
            print(f"merge: {item!r}: write LANG=FOLDER, LANG one of {', '.join(LANGUAGES)}", file=sys.stderr)
            return 2
        parts[lang] = (args.root / folder).resolve()
    dest = (args.root / args.site).resolve()
    if dest.exists() and any(dest.iterdir()):
        return _fail(f"merge: {args.site}/ is not empty: merge into a new folder")
    site_url = read_site_url(args.root / "mkdocs.yml")
    content = load_content(args.root / "content", site_url)
    try:
        parallel.merge(parts, dest, content, site_url)
    except (ValueError, OSError) as exc:
        return _fail(f"merge: {exc}")
    print(f"merged {', '.join(sorted(parts))} into {args.site}/ (check it: python -m helpcenter check-site {args.site})")
    return 0


def _verify(args, site_dir: Path, generated: list[str], strict_tools: bool, progress: Progress | None = None,
            content=None, started: a11ycheck.BrowserStarted | None = None,
            html_ahead: htmlcheck.CheckerAhead | None = None):
    """The whole site check on ``site_dir``; its problems printed one a line on stderr.

    ``generated``: the docs/ paths of the generated pages, which must all be built.
    """
    progress = progress or Progress()
    report = verify_site(site_dir, generated, read_site_url(args.root / "mkdocs.yml"),
                         browser=not getattr(args, "no_browser", False), strict_tools=strict_tools,
                         page_types=a11ycheck.page_types_for(content) if content else a11ycheck.PAGE_TYPES,
                         say=progress.step, progress=lambda done, total: progress.bar("accessibility: pages", done, total),
                         cache_dir=args.root / CACHE_FOLDER, started=started, html_ahead=html_ahead)
    report.problems += nginx_policy_problems(args.root, site_dir)
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


def cmd_serve(args) -> int:
    """`mkdocs serve` for this help center: rebuilt on each save, draft languages built too."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(args.root / "mkdocs.yml"), "--dev-addr", args.dev_addr]
    try:
        return subprocess.call(command, env=env, cwd=args.root)
    except KeyboardInterrupt:
        return 0


def help_center_of(content: Path, root: Path | None) -> Path:
    """The help center a content folder belongs to: the folder holding it and its mkdocs.yml.
    Raises ValueError with the one line to print."""
    content = content.resolve()
    if not content.is_dir():
        raise ValueError(f"--content {content}: no such folder")
    home = content.parent
    if not (home / "mkdocs.yml").is_file():
        raise ValueError(f"--content {content}: no mkdocs.yml beside it in {home}; a help center is a folder "
                         f"holding mkdocs.yml and its content/ folder")
    if content.name != "content":
        raise ValueError(f"--content {content}: the content folder is named content/, beside mkdocs.yml "
                         f"(the MkDocs hook reads {home / 'content'})")
    if root is not None and root.resolve() != home:
        raise ValueError(f"--content {content} is not the content of --root {root.resolve()}: give one of them")
    return home


def cmd_check_site(args) -> int:
    site_dir = (args.root / args.site).resolve()
    if not (site_dir / "index.html").is_file():
        return _fail(f"{args.site}/ holds no built site: run `make site` first")
    content = load_content(args.root / "content", read_site_url(args.root / "mkdocs.yml"))
    report = _verify(args, site_dir, sorted(render_site(content)), args.strict or tools.strict_by_environment(),
                     content=content)
    if report.failed(args.strict):
        return _fail(report.summary())
    print(report.summary())
    return 0


# The small made-up help center the golden pages are rendered from: an
# editor's edit of content/ never changes a golden file.
GOLDEN_CONTENT = Path("tests") / "fixtures" / "mini" / "content"


def cmd_golden(args) -> int:
    content = load_content(args.root / GOLDEN_CONTENT, read_site_url(args.root / "mkdocs.yml"))
    golden = args.root / "tests" / "golden" / "pages"
    if golden.exists():
        shutil.rmtree(golden)
    for rel, text in render_site(content).items():
        path = golden / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"golden pages rendered from {GOLDEN_CONTENT.as_posix()} into {golden.relative_to(args.root)}; "
          "review the diff before committing")
    return 0


def cmd_translations(args) -> int:
    content_dir = args.root / "content"
    if args.action == "status":
        print(translations.report(translations.status(content_dir)))
        return 0
    if args.action == "export":
        from .translators import export_po

        if args.lang not in translations.targets():
            print(f"translations export: LANG is one of {', '.join(translations.targets())}", file=sys.stderr)
            return 2
        out = Path(args.po) if args.po else args.root / "translations" / f"{args.lang}.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(export_po(content_dir, args.lang))
        print(f"wrote {out}: every text of content/ in {translations.english_name(args.lang)} (gettext PO; "
              f"unreviewed translations marked fuzzy)")
        return 0
    if args.action == "import":
        from .translators import import_po

        if not args.po:
            print("translations import: give the PO file: make translations-import FILE=translations/xx.po", file=sys.stderr)
            return 2
        counts = import_po(content_dir, Path(args.po).read_bytes(), args.po)
        print(f"{args.po}: {counts['texts']} {counts['language']} texts written in {counts['files']} files, "
              f"{counts['reviewed']} newly recorded as reviewed in {translations.LOCK_NAME}")
        for context in counts["unknown"]:
            print(f"  skipped: {context}: no such text in content/ (exported from another version?)", file=sys.stderr)
        return 0
    if args.action == "migrate":
        n = translations.migrate_lock(content_dir)
        print(f"{translations.LOCK_NAME}: {n} lines of the former format converted, one per language "
              f"({', '.join(translations.targets())}: each keeps its review)")
        return 0
    if args.lang and args.lang not in translations.targets():
        print(f"translations confirm: --lang {args.lang!r} is not a translated language "
              f"({', '.join(translations.targets())})", file=sys.stderr)
        return 2
    if args.key and not args.file:
        print("translations confirm: --key needs --file (the file the key is in)", file=sys.stderr)
        return 2
    counts = translations.confirm(content_dir, args.file, args.key, args.lang)
    print(f"{translations.LOCK_NAME}: {counts['confirmed']} texts confirmed ({counts['stale']} were stale, "
          f"{counts['new']} new), {counts['skipped']} skipped (a language is missing), "
          f"{counts['removed']} obsolete lines removed")
    return 0


def cmd_new_article(args) -> int:
    path = new_article(args.root / "content", args.id, args.section)
    rel = path.relative_to(args.root).as_posix()
    names = [lang.english_name for lang in locales.published()]
    print(f"created {rel}: replace every TODO, {names[0]} first, then {', '.join(names[1:]) or 'nothing else'} (guide: EDITING.md)")
    print("then preview it: make serve, and open "
          + " and ".join(f"http://127.0.0.1:8000/{lang.root}{args.id}/" for lang in locales.published()))
    return 0


def cmd_schemas(args) -> int:
    directory = args.root / SCHEMA_DIR_IN_REPO
    if args.check:
        stale = stale_schemas(directory)
        for name in stale:
            print(f"{SCHEMA_DIR_IN_REPO}/{name}: out of date with scripts/helpcenter/schema.py", file=sys.stderr)
        return _fail("run: make schemas, and commit the result") if stale else 0
    changed = write_schemas(directory)
    print(f"schemas: {len(changed)} written in {SCHEMA_DIR_IN_REPO}/" + "".join(f"\n  {n}" for n in changed))
    return 0


def cmd_check_files(args) -> int:
    errors = check_files(args.root, args.files)
    if errors:
        raise ContentErrors(errors)
    print(f"{len(args.files)} file(s) OK")
    return 0


def cmd_search_report(args) -> int:
    from .searchreport import format_report, run_report

    site_dir = (args.root / args.site).resolve()
    if not (site_dir / "index.html").is_file():
        return _fail(f"{args.site}/ holds no built site: run `make site` first")
    content = load_content(args.root / "content")
    if not content.search_queries:
        return _fail("content/search-queries.yml holds no question")
    rows = run_report(site_dir, content.search_queries)
    print(format_report(rows))
    return 0 if all(r["rank"] == 1 for r in rows) else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="helpcenter", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None,
                        help="the help center's folder, holding mkdocs.yml and content/ (default: current folder)")
    parser.add_argument("--preview", action="store_true",
                        help="build the draft languages too, their missing texts listed (build: into site-preview/)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check content/ only")
    serve = sub.add_parser("serve", help="live preview (mkdocs serve), rebuilt on each save; draft languages too")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address and port (default 127.0.0.1:8000)")
    sub.add_parser("generate", help="write the pages into docs/")
    build = sub.add_parser("build", help="generate, build, check, publish to site/")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--no-publish", action="store_true", help="check everything, leave site/ as it is")
    build.add_argument("--builder", choices=sorted(BUILDERS), default=os.environ.get(BUILDER_ENV) or "mkdocs",
                       help=f"what builds the site from mkdocs.yml (default: ${BUILDER_ENV}, else mkdocs)")
    one = sub.add_parser("build-language", help="build one language into a folder (a job of its own)")
    one.add_argument("lang")
    one.add_argument("out")
    one.add_argument("--builder", choices=["mkdocs"], default="mkdocs")
    merge = sub.add_parser("merge", help="one site from the build-language folders")
    merge.add_argument("site")
    merge.add_argument("parts", nargs="+", metavar="LANG=FOLDER")
    check_site = sub.add_parser("check-site", help="check a built site (default: site/)")
    check_site.add_argument("site", nargs="?", default="site")
    for command in (check, build, serve):
        command.add_argument("--content", type=Path, metavar="DIR",
                             help="the content folder of the help center to use (its mkdocs.yml beside it)")
    for command in (check, build, check_site):
        command.add_argument("--strict", action="store_true",
                             help="fail on warnings too (stale or unreviewed translations, HTML warnings)")
    check_site.add_argument("--no-browser", action="store_true",
                            help="leave out the accessibility check in Chromium (a quick look)")
    sub.add_parser("golden", help="rewrite tests/golden/pages/ from the fixture tests/fixtures/mini/content")
    tr = sub.add_parser("translations", help="translation status, or confirm reviewed translations")
    tr.add_argument("action", choices=("status", "confirm", "migrate", "export", "import"))
    tr.add_argument("--po", help="export: the PO file to write (default translations/LANG.po); import: the PO file to read")
    tr.add_argument("--lang", help="confirm only this language's translations (the others keep their review)")
    tr.add_argument("--file", help="confirm only this file (content/...)")
    tr.add_argument("--key", help="confirm only the texts at or under this key path (with --file)")
    new = sub.add_parser("new-article", help="scaffold content/scenarios/ID.yml")
    new.add_argument("id", help="the new article's id, e.g. lost-parcel")
    new.add_argument("--section", help="its section (an id from content/site.yml)")
    schemas = sub.add_parser("schemas", help="write the JSON Schemas of the content files")
    schemas.add_argument("--check", action="store_true", help="only check they are up to date")
    report = sub.add_parser("search-report", help="rank of each reader question's article, in Chromium")
    report.add_argument("site", nargs="?", default="site")
    files = sub.add_parser("check-files", help="check content files alone against their JSON Schema")
    files.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    try:
        args.root = help_center_of(args.content, args.root) if getattr(args, "content", None) else (args.root or ROOT)
    except ValueError as exc:
        print(f"helpcenter: {exc}", file=sys.stderr)
        return 2
    try:  # the language table: mkdocs.yml's i18n languages (locales.py)
        locales.use_file(args.root / "mkdocs.yml", preview=args.preview)
    except locales.TableError as exc:
        return _fail(str(exc))
    command = {"check": cmd_check, "serve": cmd_serve, "generate": cmd_generate, "build": cmd_build, "check-site": cmd_check_site,
               "golden": cmd_golden, "build-language": cmd_build_language, "merge": cmd_merge, "translations": cmd_translations, "new-article": cmd_new_article,
               "schemas": cmd_schemas, "check-files": cmd_check_files,
               "search-report": cmd_search_report}[args.command]
    try:
        return command(args)
    except ContentErrors as exc:
        return _fail(exc.report())


if __name__ == "__main__":
    sys.exit(main())
