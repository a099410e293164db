"""`make serve`: the help center previewed as it will be published, rebuilt on each save.

Each save in content/ (or a hand-written page, an override, mkdocs.yml)
builds every language again, each in its own MkDocs run as ``make site``
does (``build.preview_site``), draft languages included, and the browser
reloads once. A content error is printed, and the pages show it above the
last good content (the plugin's preview mode) until the file is fixed.
MkDocs' own live-reload server serves the result.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .build import preview_site
from .cache import FOLDER as CACHE_FOLDER
from .preview import watch_hand_written, watch_with_inotify

# Where the preview is built and served from, under the build folder.
PREVIEW_DIR = "preview-site"


def serve(root: Path, dev_addr: str) -> int:
    """Serve ``root``'s help center on ``dev_addr`` ("127.0.0.1:8000") until interrupted."""
    host, _, port = dev_addr.rpartition(":")
    _say_what_the_server_does()
    site = Path(root) / CACHE_FOLDER / PREVIEW_DIR
    site.mkdir(parents=True, exist_ok=True)
    if _rebuilt(root, site) != 0 and not (site / "index.html").is_file():
        print("helpcenter serve: nothing to show yet: fix the content above, then run make serve again",
              file=sys.stderr)
        return 1
    server = LiveReloadServer(builder=lambda: _rebuilt(root, site), host=host or "127.0.0.1",
                              port=int(port), root=str(site))
    for watched in ("content", "overrides", "mkdocs.yml"):
        if (Path(root) / watched).exists():
            server.watch(str(Path(root) / watched))
    watch_hand_written(server, str(Path(root) / "docs"))
    watch_with_inotify(server)
    try:
        server.serve()
    finally:
        server.shutdown()
    return 0


def _rebuilt(root: Path, site: Path) -> int:
    print("INFO    -  Building the preview...", file=sys.stderr, flush=True)
    return preview_site(Path(root), site)


def _say_what_the_server_does() -> None:
    """The server's INFO lines ("Serving on ...", each reload) on stderr, as `mkdocs serve` prints them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs.livereload")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
