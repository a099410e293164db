"""A page's HTML, compressed while it waits to be written (the plugin's ``on_page_content``).

MkDocs converts every page of a run before it writes the first: at a thousand
articles a language's pages hold 37 MB of HTML meanwhile, 3 MB packed.
"""

from __future__ import annotations

import zlib


class Packed(bytes):
    """HTML packed by ``packed``."""


def packed(html: str | None):
    return html if html is None else Packed(zlib.compress(html.encode("utf-8"), 1))


def unpacked(content):
    return zlib.decompress(content).decode("utf-8") if isinstance(content, Packed) else content
