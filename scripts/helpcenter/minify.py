"""Our JavaScript and CSS, minified as they are published.

The files under ``docs/assets/`` stay readable (comments, names, layout);
the copies MkDocs writes into the site lose comments and spaces, with
rjsmin and rcssmin (pinned in the lock; they keep every name and every
string as written: no renaming, no rewriting). Material's own files are
minified already and are left alone.
"""

from __future__ import annotations

from pathlib import Path

from types import MappingProxyType

import rcssmin
import rjsmin

MINIFIERS = MappingProxyType({".js": lambda text: rjsmin.jsmin(text, keep_bang_comments=True),
                              ".css": lambda text: rcssmin.cssmin(text, keep_bang_comments=True)})


def minified(text: str, suffix: str) -> str:
    """``text`` of a ``suffix`` file (".js" or ".css") minified, ending with one newline."""
    return MINIFIERS[suffix](text).strip() + "\n"


def minify_assets(docs_dir: Path, site_dir: Path, folder: str = "assets") -> list[str]:
    """Minify in ``site_dir`` the copies of the .js and .css files under ``docs_dir/folder``
    (ours, written by hand). Returns their paths under the site, in order."""
    done = []
    for src in sorted((Path(docs_dir) / folder).rglob("*")):
        if src.suffix not in MINIFIERS or not src.is_file():
            continue
        rel = src.relative_to(docs_dir).as_posix()
        out = Path(site_dir) / rel
        if out.is_file():
            out.write_text(minified(src.read_text(encoding="utf-8"), src.suffix), encoding="utf-8")
            done.append(rel)
    return done
