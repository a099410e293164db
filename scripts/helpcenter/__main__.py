"""Command line: ``python -m helpcenter COMMAND``.

    check     check content/ only; write nothing
    generate  check content/ and write the pages into docs/
    build     generate, build with MkDocs into a staging folder, check the
              result, and only then replace site/ (the last good site/ stays
              in place if anything fails)
    golden    rewrite tests/golden/ from the current content (after a
              deliberate change of the rendered output)
    translations status            missing, stale and new translations per language
    translations confirm [--file F] [--key K]
                                   record the reviewed translations in
                                   content/translations.lock

check and build warn about stale translations (French changed since the
last review); with --strict, stale and unreviewed translations are errors.

Exit status: 0 on success, 1 on a content or site problem, 2 on misuse.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import ContentErrors
from .pipeline import generate, read_site_url
from .render import render_site
from .sitecheck import check_site
from . import translations
from .validate import load_content

ROOT = Path.cwd()


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def check_translations(args) -> None:
    """Stale translations: warnings, or ContentErrors with --strict."""
    st = translations.status(args.root / "content")
    if args.strict:
        problems = [translations.stale_message(t) for t in st.stale] + [translations.new_message(t) for t in st.new]
        if problems:
            raise ContentErrors(problems)
        return
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
    check_translations(args)
    print(f"content OK: {len(content.scenarios)} articles, {len(content.facts)} figures, {len(content.labels)} labels")
    return 0


def cmd_generate(args) -> int:
    _content, report = generate(args.root / "content", args.root / "docs", read_site_url(args.root / "mkdocs.yml"))
    print(f"generated: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed")
    for rel in report.removed:
        print(f"  removed docs/{rel} (its source is gone)")
    return 0


def cmd_build(args) -> int:
    content, report = generate(args.root / "content", args.root / "docs", read_site_url(args.root / "mkdocs.yml"))
    check_translations(args)
    site_dir = (args.root / args.site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        build = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(args.root / "mkdocs.yml"),
             "-d", str(staging)],
            env=env, cwd=args.root, capture_output=True, text=True,
        )
        # MkDocs' INFO lines are noise here; warnings and errors are the message.
        for line in (build.stdout + build.stderr).splitlines():
            if line.strip() and not line.startswith("INFO"):
                print(line, file=sys.stderr)
        if build.returncode != 0:
            return _fail(f"mkdocs build failed (exit {build.returncode}); {args.site_dir}/ was left as it was.")
        problems = check_site(staging, report.pages)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            return _fail(f"site check: {len(problems)} problem(s); {args.site_dir}/ was left as it was.")
        old = None
        if site_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
            os.replace(site_dir, old / "site")
        os.replace(staging, site_dir)
        if old:
            shutil.rmtree(old, ignore_errors=True)
        pages = sum(1 for _ in site_dir.rglob("*.html"))
        print(f"site built: {args.site_dir}/ ({pages} HTML pages, {len(content.scenarios)} articles in 2 languages)")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def cmd_golden(args) -> int:
    content = load_content(args.root / "content")
    content.site_url = read_site_url(args.root / "mkdocs.yml")
    golden = args.root / "tests" / "golden" / "pages"
    if golden.exists():
        shutil.rmtree(golden)
    for rel, text in render_site(content).items():
        path = golden / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"golden pages rewritten in {golden.relative_to(args.root)}; review the diff before committing")
    return 0


def cmd_translations(args) -> int:
    content_dir = args.root / "content"
    if args.action == "status":
        print(translations.report(translations.status(content_dir)))
        return 0
    if args.key and not args.file:
        print("translations confirm: --key needs --file (the file the key is in)", file=sys.stderr)
        return 2
    counts = translations.confirm(content_dir, args.file, args.key)
    print(f"{translations.LOCK_NAME}: {counts['confirmed']} texts confirmed ({counts['stale']} were stale, "
          f"{counts['new']} new), {counts['skipped']} skipped (a language is missing), "
          f"{counts['removed']} obsolete lines removed")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpcenter", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check content/ only")
    sub.add_parser("generate", help="write the pages into docs/")
    build = sub.add_parser("build", help="generate, build, check, publish to site/")
    build.add_argument("--site-dir", default="site")
    for p in (check, build):
        p.add_argument("--strict", action="store_true", help="stale or unreviewed translations are errors")
    sub.add_parser("golden", help="rewrite tests/golden/ from the content")
    tr = sub.add_parser("translations", help="translation status, or confirm reviewed translations")
    tr.add_argument("action", choices=("status", "confirm"))
    tr.add_argument("--file", help="confirm only this file (content/...)")
    tr.add_argument("--key", help="confirm only the texts at or under this key path (with --file)")
    args = parser.parse_args(argv)
    command = {"check": cmd_check, "generate": cmd_generate, "build": cmd_build, "golden": cmd_golden,
               "translations": cmd_translations}[args.command]
    try:
        return command(args)
    except ContentErrors as exc:
        return _fail(exc.report())


if __name__ == "__main__":
    sys.exit(main())
