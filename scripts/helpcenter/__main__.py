"""Command line: ``python -m helpcenter COMMAND``.

    check     check content/ only; write nothing
    generate  check content/ and write the pages into docs/
    build     generate, build with MkDocs into a staging folder, check the
              result, and only then replace site/ (the last good site/ stays
              in place if anything fails)
    golden    rewrite tests/golden/ from the current content (after a
              deliberate change of the rendered output)

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
from .pipeline import generate
from .render import render_site
from .sitecheck import check_site
from .validate import load_content

ROOT = Path.cwd()


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def cmd_check(args) -> int:
    content = load_content(args.root / "content")
    print(f"content OK: {len(content.scenarios)} articles, {len(content.facts)} figures, {len(content.labels)} labels")
    return 0


def cmd_generate(args) -> int:
    _content, report = generate(args.root / "content", args.root / "docs")
    print(f"generated: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed")
    for rel in report.removed:
        print(f"  removed docs/{rel} (its source is gone)")
    return 0


def cmd_build(args) -> int:
    content, _report = generate(args.root / "content", args.root / "docs")
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
        guide_nodes = [n for n in content.guide["nodes"] if n != content.guide["start"]]
        problems = check_site(staging, content.scenarios, guide_nodes)
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
    golden = args.root / "tests" / "golden" / "pages"
    if golden.exists():
        shutil.rmtree(golden)
    for rel, text in render_site(content).items():
        path = golden / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"golden pages rewritten in {golden.relative_to(args.root)}; review the diff before committing")
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
    args = parser.parse_args(argv)
    command = {"check": cmd_check, "generate": cmd_generate, "build": cmd_build, "golden": cmd_golden}[args.command]
    try:
        return command(args)
    except ContentErrors as exc:
        return _fail(exc.report())


if __name__ == "__main__":
    sys.exit(main())
