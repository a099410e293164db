"""Command line: ``python -m helpcenter COMMAND``.

    check     check content/ only; write nothing
    generate  check content/ and write the pages into docs/
    build     generate, build with MkDocs into a staging folder, check the
              result, and only then replace site/ (the last good site/ stays
              in place if anything fails)
    golden    rewrite tests/golden/ from the current content (after a
              deliberate change of the rendered output)
    new-article ID [--section S]
              write content/scenarios/ID.yml with every field, texts marked TODO
    schemas [--check]
              write the JSON Schemas of the content files from schema.py
              (--check: only say whether the committed ones are up to date)
    check-files FILE...
              check some content files alone: YAML, schema line, JSON Schema
              (what the pre-commit hook runs on changed files)

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

from .editor_schema import SCHEMA_DIR_IN_REPO, check_files, stale_schemas, write_schemas
from .errors import ContentErrors
from .scaffold import new_article
from .pipeline import generate, read_site_url
from .render import render_site
from .sitecheck import check_site
from .validate import load_content

ROOT = Path.cwd()


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _warn(content) -> None:
    """Warnings do not stop publishing; they are printed at each check and build."""
    for warning in content.warnings:
        print(warning, file=sys.stderr)


def cmd_check(args) -> int:
    content = load_content(args.root / "content")
    _warn(content)
    print(f"content OK: {len(content.scenarios)} articles, {len(content.facts)} figures, {len(content.labels)} labels")
    return 0


def cmd_generate(args) -> int:
    _content, report = generate(args.root / "content", args.root / "docs", read_site_url(args.root / "mkdocs.yml"))
    print(f"generated: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed")
    for rel in report.removed:
        print(f"  removed docs/{rel} (its source is gone)")
    return 0


def cmd_build(args) -> int:
    content, _report = generate(args.root / "content", args.root / "docs", read_site_url(args.root / "mkdocs.yml"))
    _warn(content)
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
        problems = check_site(staging, content.scenarios)
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


def cmd_new_article(args) -> int:
    path = new_article(args.root / "content", args.id, args.section)
    rel = path.relative_to(args.root).as_posix()
    print(f"created {rel}: replace every TODO, French first, then English (guide: EDITING.md)")
    print(f"then preview it: make serve, and open http://127.0.0.1:8000/{args.id}/ and /en/{args.id}/")
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpcenter", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check content/ only")
    sub.add_parser("generate", help="write the pages into docs/")
    build = sub.add_parser("build", help="generate, build, check, publish to site/")
    build.add_argument("--site-dir", default="site")
    sub.add_parser("golden", help="rewrite tests/golden/ from the content")
    new = sub.add_parser("new-article", help="scaffold content/scenarios/ID.yml")
    new.add_argument("id", help="the new article's id, e.g. lost-parcel")
    new.add_argument("--section", help="its section (an id from content/site.yml)")
    schemas = sub.add_parser("schemas", help="write the JSON Schemas of the content files")
    schemas.add_argument("--check", action="store_true", help="only check they are up to date")
    files = sub.add_parser("check-files", help="check content files alone against their JSON Schema")
    files.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    command = {"check": cmd_check, "generate": cmd_generate, "build": cmd_build, "golden": cmd_golden,
               "new-article": cmd_new_article, "schemas": cmd_schemas, "check-files": cmd_check_files}[args.command]
    try:
        return command(args)
    except ContentErrors as exc:
        return _fail(exc.report())


if __name__ == "__main__":
    sys.exit(main())
