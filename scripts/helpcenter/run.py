"""The process of one language's run: ``python -m helpcenter.run --root R [--builder B]
[--preview] [--progress] [--wait] LANG OUT`` (``parallel.Builds`` starts one per language).

ProperDocs answers the ``mkdocs.*`` imports of Material and of our plugin once its
``replacement`` module is imported: that comes first, before anything imports MkDocs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpcenter.run")
    parser.add_argument("--root", type=Path, required=True, help="the help center's folder")
    parser.add_argument("--builder", choices=("mkdocs", "properdocs"), default="mkdocs", help="what runs the build")
    parser.add_argument("--preview", action="store_true", help="draft languages too; content errors in the page")
    parser.add_argument("--progress", action="store_true", help="one line per page built")
    parser.add_argument("--wait", action="store_true", help="wait for 'go' on stdin once configured")
    parser.add_argument("lang", help="the language to build")
    parser.add_argument("out", type=Path, help="the folder to build it into")
    args = parser.parse_args(argv)
    if args.builder == "properdocs":
        import properdocs.replacement  # noqa: F401  (mkdocs.* imports answered by ProperDocs)
    from . import parallel
    from .build import run_language

    return run_language(args.root, args.lang, args.out, args.builder, args.preview, args.progress,
                        wait=parallel.wait_for_go if args.wait else None)


if __name__ == "__main__":
    sys.exit(main())
