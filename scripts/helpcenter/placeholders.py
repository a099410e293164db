"""The placeholders of editors' texts, parsed in one place: ``{ui:NAME}``,
``{fact:NAME}``, ``{link:ID}`` / ``{link:ID#ANCHOR}``, ``{url:ID}``."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{([a-z]+):([^{}]*)\}")
PLACEHOLDER_KINDS = ("ui", "fact", "link", "url")


def facts_used(content, value) -> list[str]:
    """Names of the figures quoted anywhere inside ``value``, in order of first use."""
    names: list[str] = []

    def walk(v):
        if isinstance(v, str):
            for kind, name in PLACEHOLDER.findall(v):
                if kind == "fact" and name not in names:
                    names.append(name)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(value)
    return names
