"""A built site summed up file by file, to compare two builds of the same fixture.

Each file's SHA-256, after what differs between two good builds of the same
content is set aside: the generator tag (the builder's name and version), the
build day in the sitemaps (``<lastmod>``), and a gzip header's time (the
sitemap's ``.gz`` is compared by its text).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
_LASTMOD = re.compile(rb"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>")


def normalised(rel: str, data: bytes) -> bytes:
    if rel.endswith(".gz"):
        data = gzip.decompress(data)
    return _LASTMOD.sub(b"<lastmod>DAY</lastmod>", _GENERATOR.sub(b"", data))


def manifest(site: Path) -> dict[str, str]:
    """``{path under the site: SHA-256 of its normalised bytes}`` of every file of ``site``."""
    site = Path(site)
    return {p.relative_to(site).as_posix(): hashlib.sha256(normalised(p.relative_to(site).as_posix(), p.read_bytes())).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def differences(expected: dict[str, str], site: Path) -> list[str]:
    """What ``site`` has that ``expected`` has not, and the reverse, and the files that differ."""
    got = manifest(site)
    return ([f"missing: {rel}" for rel in sorted(set(expected) - set(got))]
            + [f"unexpected: {rel}" for rel in sorted(set(got) - set(expected))]
            + [f"differs: {rel}" for rel in sorted(expected) if rel in got and got[rel] != expected[rel]])


def write(path: Path, site: Path) -> None:
    path.write_text(json.dumps(manifest(site), indent=1, sort_keys=True) + "\n", encoding="utf-8")
