"""Compiled theme templates, kept for the life of the process.

MkDocs builds a new Jinja environment for each build, and static-i18n runs
one build per language: Material's 90-odd templates were compiled again
each time (half a second per language, and on every `mkdocs serve`
rebuild). Jinja checks each template's source checksum before reusing its
code, so an edited override is compiled afresh.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


THEME_TEMPLATES = MemoryBytecodeCache()
