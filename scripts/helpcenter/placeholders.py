"""The placeholders of editors' texts, parsed in one place: ``{ui:NAME}``,
``{fact:NAME}``, ``{link:ID}`` / ``{link:ID#ANCHOR}``, ``{url:ID}``.

Every module that reads them (validate, text, guide, model) goes through
these functions; none has a pattern of its own."""

from __future__ import annotations

import re
from typing import Callable, Iterator

PLACEHOLDER = re.compile(r"\{([a-z]+):([^{}]*)\}")
PLACEHOLDER_KINDS = ("ui", "fact", "link", "url")


def parse(text: str) -> Iterator[tuple[str, str]]:
    """``(kind, name)`` of each placeholder in ``text``, in order (unknown kinds too)."""
    for m in PLACEHOLDER.finditer(text):
        yield m.group(1), m.group(2)


def names_in(text: str, kind: str) -> list[str]:
    """The names of the ``kind`` placeholders in ``text``, in order: ``names_in(t, "fact")``."""
    return [name for k, name in parse(text) if k == kind]


def without(text: str, by: str = "") -> str:
    """``text`` with each placeholder replaced by ``by`` (what is left must hold no brace)."""
    return PLACEHOLDER.sub(by, text)


def pieces(text: str) -> Iterator[tuple[str, str | None, str | None, int]]:
    """``text`` cut at its placeholders: ``(words before, kind, name, start of the words)``,
    then ``(the words after the last one, None, None, start)``."""
    last = 0
    for m in PLACEHOLDER.finditer(text):
        yield text[last:m.start()], m.group(1), m.group(2), last
        last = m.end()
    yield text[last:], None, None, last


def fill(text: str, value_of: Callable[[str, str], str]) -> str:
    """``text`` with each placeholder replaced by ``value_of(kind, name)``."""
    return PLACEHOLDER.sub(lambda m: value_of(m.group(1), m.group(2)), text)
