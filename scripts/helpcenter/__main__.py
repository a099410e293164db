"""Command line: ``python -m helpcenter COMMAND`` (``helpcenter --help`` lists the commands).

Each command parses its arguments and calls one function of the stage modules
(the build pipeline is ``build.py``). Exit status: 0 ok, 1 content or site
errors, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import MappingProxyType

from . import build, locales, translations
from .editor_schema import SCHEMA_DIR_IN_REPO, check_files, stale_schemas, write_schemas
from .errors import ContentErrors
from .scaffold import new_article
from .checked import prepare
from .pipeline import read_site_url
from .render import render_site
from .validate import load_content, read_questions
from .cache import FOLDER as CACHE_FOLDER



def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def check_warnings(args, content) -> translations.Status:
    """What does not stop publishing, printed at each check and build: an
    article nothing links to yet, stale translations (with --strict, errors),
    the texts a draft language lacks (a preview lists each; warnings even with --strict).
    Returns the translation status."""
    st = translations.status(args.root / "content", args.languages)
    if not args.preview:
        for line in translations.draft_gaps(st):
            print(line, file=sys.stderr)
    if args.strict:
        problems = list(content.warnings) + [translations.stale_message(t) for t in st.stale] \
            + [translations.new_message(t) for t in st.new]
        if problems:
            raise ContentErrors(problems)
        return st
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
    return st


def cmd_check(args) -> int:
    content = load_content(args.root / "content", "", args.languages)
    st = check_warnings(args, content)
    note = "" if args.preview else translations.draft_note(st)
    print(f"content OK: {len(content.scenarios)} articles, {len(content.facts)} figures, {len(content.labels)} labels{note}")
    return 0


def cmd_generate(args) -> int:
    _content, report, _key = prepare(args.root / "content", args.root / "docs", read_site_url(args.root / "mkdocs.yml"),
                               args.languages, args.root / CACHE_FOLDER)
    print(f"generated: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed")
    for rel in report.removed:
        print(f"  removed docs/{rel} (its source is gone)")
    return 0


def _options(args) -> build.Options:
    return build.Options(root=args.root, site_dir=args.site_dir, builder=args.builder, strict=args.strict,
                         preview=args.preview, publish=not args.no_publish, languages=args.languages)


def cmd_build(args) -> int:
    problem = build.builder_problem(args.builder)
    if problem:
        return _fail(problem)
    return build.build_site(_options(args), warnings=lambda content: check_warnings(args, content))


def cmd_build_language(args) -> int:
    """One language of the site into a folder: a job of its own (another process,
    another machine); ``merge`` puts the folders together."""
    built = args.languages.built
    if args.lang not in built:
        print(f"build-language: {args.lang!r} is not one of {', '.join(built)}", file=sys.stderr)
        return 2
    out = (args.root / args.out).resolve()
    if build.build_language(args.root, args.lang, out, args.languages, args.builder) != 0:
        return _fail(f"{args.builder} build of {args.lang} failed")
    print(f"{args.lang} built into {args.out} (merge it: python -m helpcenter merge SITE "
          + " ".join(f"{lang}=DIR" for lang in built) + ")")
    return 0


def cmd_merge(args) -> int:
    """The site from one ``build-language`` folder per language."""
    parts = {}
    for item in args.parts:
        lang, sep, folder = item.partition("=")
        if not sep or lang not in args.languages.built:
            print(f"merge: {item!r}: write LANG=FOLDER, LANG one of {', '.join(args.languages.built)}", file=sys.stderr)
            return 2
        parts[lang] = (args.root / folder).resolve()
    dest = (args.root / args.site).resolve()
    if dest.exists() and any(dest.iterdir()):
        return _fail(f"merge: {args.site}/ is not empty: merge into a new folder")
    try:
        build.merge_site(args.root, parts, dest, args.languages)
    except (ValueError, OSError) as exc:
        return _fail(f"merge: {exc}")
    print(f"merged {', '.join(sorted(parts))} into {args.site}/ (check it: python -m helpcenter check-site {args.site})")
    return 0


def cmd_serve(args) -> int:
    """Live preview of the help center: every language rebuilt on each save, drafts included."""
    from .serve import serve

    try:
        return serve(args.root, args.dev_addr)
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
                         f"(the helpcenter plugin reads {home / 'content'})")
    if root is not None and root.resolve() != home:
        raise ValueError(f"--content {content} is not the content of --root {root.resolve()}: give one of them")
    return home


def cmd_check_site(args) -> int:
    site_dir = (args.root / args.site).resolve()
    if not (site_dir / "index.html").is_file():
        return _fail(f"{args.site}/ holds no built site: run `make site` first")
    content = load_content(args.root / "content", read_site_url(args.root / "mkdocs.yml"), args.languages)
    options = build.Options(root=args.root, strict=args.strict, browser=not args.no_browser, languages=args.languages)
    report = build.check(options, site_dir, sorted(render_site(content)), content)
    if report.failed(args.strict):
        return _fail(report.summary())
    print(report.summary())
    return 0


# The small made-up help center the golden pages are rendered from: an
# editor's edit of content/ never changes a golden file.
GOLDEN_CONTENT = Path("tests") / "fixtures" / "mini" / "content"


def cmd_golden(args) -> int:
    content = load_content(args.root / GOLDEN_CONTENT, read_site_url(args.root / "mkdocs.yml"), args.languages)
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
    content_dir, languages = args.root / "content", args.languages
    targets = translations.targets(languages)
    if args.action == "status":
        print(translations.report(translations.status(content_dir, languages)))
        return 0
    if args.action == "export":
        from .translators import export_po

        if args.lang not in targets:
            print(f"translations export: LANG is one of {', '.join(targets)}", file=sys.stderr)
            return 2
        out = Path(args.po) if args.po else args.root / "translations" / f"{args.lang}.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(export_po(content_dir, args.lang, languages))
        print(f"wrote {out}: every text of content/ in {languages.get(args.lang).english_name} (gettext PO; "
              f"unreviewed translations marked fuzzy)")
        return 0
    if args.action == "import":
        from .translators import import_po

        if not args.po:
            print("translations import: give the PO file: make translations-import FILE=translations/xx.po", file=sys.stderr)
            return 2
        counts = import_po(content_dir, Path(args.po).read_bytes(), languages, args.po)
        print(f"{args.po}: {counts['texts']} {counts['language']} texts written in {counts['files']} files, "
              f"{counts['reviewed']} newly recorded as reviewed in {translations.LOCK_NAME}")
        for context in counts["unknown"]:
            print(f"  skipped: {context}: no such text in content/ (exported from another version?)", file=sys.stderr)
        return 0
    if args.action == "migrate":
        n = translations.migrate_lock(content_dir, languages)
        print(f"{translations.LOCK_NAME}: {n} lines of the former format converted, one per language "
              f"({', '.join(targets)}: each keeps its review)")
        return 0
    if args.lang and args.lang not in targets:
        print(f"translations confirm: --lang {args.lang!r} is not a translated language "
              f"({', '.join(targets)})", file=sys.stderr)
        return 2
    if args.key and not args.file:
        print("translations confirm: --key needs --file (the file the key is in)", file=sys.stderr)
        return 2
    counts = translations.confirm(content_dir, languages, args.file, args.key, args.lang)
    print(f"{translations.LOCK_NAME}: {counts['confirmed']} texts confirmed ({counts['stale']} were stale, "
          f"{counts['new']} new), {counts['skipped']} skipped (a language is missing), "
          f"{counts['removed']} obsolete lines removed")
    return 0


def cmd_new_article(args) -> int:
    languages = args.languages
    path = new_article(args.root / "content", args.id, languages, args.section)
    rel = path.relative_to(args.root).as_posix()
    names = [languages.get(lang).english_name for lang in languages.published]
    print(f"created {rel}: replace every TODO, {names[0]} first, then {', '.join(names[1:]) or 'nothing else'} (guide: EDITING.md)")
    print("then preview it: make serve, and open "
          + " and ".join(f"http://127.0.0.1:8000/{languages.root(lang)}{args.id}/" for lang in languages.published))
    return 0


def cmd_schemas(args) -> int:
    directory = args.root / SCHEMA_DIR_IN_REPO
    if args.check:
        stale = stale_schemas(args.languages, directory)
        for name in stale:
            print(f"{SCHEMA_DIR_IN_REPO}/{name}: out of date with scripts/helpcenter/schema.py", file=sys.stderr)
        return _fail("run: make schemas, and commit the result") if stale else 0
    changed = write_schemas(args.languages, directory)
    print(f"schemas: {len(changed)} written in {SCHEMA_DIR_IN_REPO}/" + "".join(f"\n  {n}" for n in changed))
    return 0


def cmd_check_files(args) -> int:
    errors = check_files(args.root, args.files, args.languages)
    if errors:
        raise ContentErrors(errors)
    print(f"{len(args.files)} file(s) OK")
    return 0


def cmd_search_report(args) -> int:
    from .searchreport import format_report, run_report

    site_dir = (args.root / args.site).resolve()
    if not (site_dir / "index.html").is_file():
        return _fail(f"{args.site}/ holds no built site: run `make site` first")
    content = load_content(args.root / "content", "", args.languages)
    queries = (read_questions(args.queries, content.scenarios, args.languages) if args.queries
               else content.search_queries)
    if not queries:
        return _fail(f"{args.queries or 'content/search-queries.yml'} holds no question")
    rows = run_report(site_dir, queries, args.languages)
    print(format_report(rows, args.languages))
    return 0 if all(r["rank"] == 1 for r in rows) else 1


DESCRIPTION = "Check, build, preview and translate a help center written in YAML (content/ beside mkdocs.yml)."
EPILOG = """exit status: 0 ok, 1 content or site errors, 2 usage.

The site check skips a check whose program is missing (Chromium for accessibility,
Java for HTML validity) and says so in one line; --strict, or CI=true in the
environment, makes a missing program an error. HELPCENTER_CHROMIUM and
HELPCENTER_JAVA say where they are."""
BUILDER_ENV = "HELPCENTER_BUILDER"


def _package_version() -> str:
    try:
        return version("helpcenter")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def _search_report_parser(sub) -> None:
    report = sub.add_parser("search-report", help="type every question of content/search-queries.yml into the "
                                                 "built site's search box (Chromium); the expected article's rank")
    report.add_argument("site", nargs="?", default="site", help="the built site (default site/)")
    report.add_argument("--queries", type=Path, metavar="FILE",
                        help="another list of questions shaped like content/search-queries.yml "
                             "(an evaluation list, e.g. search-eval/fresh.yml)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="helpcenter", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"helpcenter {_package_version()}")
    parser.add_argument("--root", type=Path, default=None, metavar="DIR",
                        help="the help center's folder, holding mkdocs.yml and content/ (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="check content/ only; write nothing")
    serve = sub.add_parser("serve", help="live preview, every language rebuilt on each save, drafts included")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address and port (default 127.0.0.1:8000)")
    generate = sub.add_parser("generate", help="check content/ and write the pages into docs/")
    site = sub.add_parser("build", help="generate, build each language, check the site, then publish it to site/ "
                                        "(the last good site/ stays if anything fails)")
    site.add_argument("--site-dir", default="site", metavar="DIR",
                      help="where the site is published (default site/; with --preview, site-preview/)")
    site.add_argument("--no-publish", action="store_true", help="build and check everything, leave site/ as it is")
    site.add_argument("--builder", choices=sorted(build.BUILDERS), default=os.environ.get(BUILDER_ENV) or "mkdocs",
                      help=f"what builds each language from mkdocs.yml (default: ${BUILDER_ENV}, else mkdocs)")
    one = sub.add_parser("build-language", help="generate, then build one language into a folder (a job of its own)")
    one.add_argument("lang", help="the language's code, e.g. en")
    one.add_argument("out", help="the folder to build it into")
    one.add_argument("--builder", choices=sorted(build.BUILDERS), default="mkdocs",
                     help="what builds the language from mkdocs.yml (default mkdocs)")
    merge = sub.add_parser("merge", help="one site from the build-language folders, finished as build publishes it")
    merge.add_argument("site", help="the new folder of the site")
    merge.add_argument("parts", nargs="+", metavar="LANG=FOLDER", help="each language's build-language folder")
    check_site = sub.add_parser("check-site", help="run the site check on a built folder")
    check_site.add_argument("site", nargs="?", default="site", help="the built site (default site/)")
    check_site.add_argument("--no-browser", action="store_true",
                            help="leave out the accessibility check in Chromium (a quick look)")
    build_cmd = site
    for command in (check, build_cmd, serve):
        command.add_argument("--content", type=Path, metavar="DIR",
                             help="the content folder of the help center to use (its mkdocs.yml beside it)")
    for command in (check, build_cmd, check_site):
        command.add_argument("--strict", action="store_true",
                             help="fail on warnings too (stale or unreviewed translations, HTML warnings)")
    for command in (check, generate, build_cmd, one):
        command.add_argument("--preview", action="store_true",
                             help="the draft languages too, their missing texts listed (build: into site-preview/)")
    sub.add_parser("golden", help="rewrite tests/golden/pages/ from the fixture tests/fixtures/mini/content")
    tr = sub.add_parser("translations", help="translation status; confirm, export or import translations")
    tr.add_argument("action", choices=("status", "confirm", "migrate", "export", "import"),
                    help="status: missing, stale and new per language; confirm: record reviewed translations; "
                         "export/import: gettext PO files for translators; migrate: convert an old lock")
    tr.add_argument("--po", help="export: the PO file to write (default translations/LANG.po); import: the PO file to read")
    tr.add_argument("--lang", help="export: the language; confirm: only this language's translations")
    tr.add_argument("--file", help="confirm only this file (content/...)")
    tr.add_argument("--key", help="confirm only the texts at or under this key path (with --file)")
    new = sub.add_parser("new-article", help="scaffold content/scenarios/ID.yml, every text marked TODO")
    new.add_argument("id", help="the new article's id, e.g. lost-parcel")
    new.add_argument("--section", help="its section (an id from content/site.yml)")
    schemas = sub.add_parser("schemas", help="write the JSON Schemas of the content files from schema.py")
    schemas.add_argument("--check", action="store_true", help="only say whether the committed ones are up to date")
    _search_report_parser(sub)
    files = sub.add_parser("check-files", help="check content files alone: YAML, schema line, JSON Schema")
    files.add_argument("files", nargs="+", metavar="FILE", help="content files (what the pre-commit hook passes)")
    return parser


COMMANDS = MappingProxyType({"check": cmd_check, "serve": cmd_serve, "generate": cmd_generate, "build": cmd_build,
            "check-site": cmd_check_site, "golden": cmd_golden, "build-language": cmd_build_language,
            "merge": cmd_merge, "translations": cmd_translations, "new-article": cmd_new_article,
            "schemas": cmd_schemas, "check-files": cmd_check_files, "search-report": cmd_search_report})


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        args.root = help_center_of(args.content, args.root) if getattr(args, "content", None) else (args.root or Path.cwd())
    except ValueError as exc:
        print(f"helpcenter: {exc}", file=sys.stderr)
        return 2
    args.preview = getattr(args, "preview", False) or args.command == "serve"  # a preview shows the drafts
    try:  # the language table, mkdocs.yml's helpcenter languages: read once, passed to each command
        args.languages = locales.Languages.read(args.root / "mkdocs.yml", preview=args.preview)
    except locales.TableError as exc:
        return _fail(str(exc))
    try:
        return COMMANDS[args.command](args)
    except ContentErrors as exc:
        return _fail(exc.report())


if __name__ == "__main__":
    sys.exit(main())
