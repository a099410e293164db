"""One error type for everything an editor can get wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """A problem in a content file, located by file, line and key path.

    ``hint`` is an example of the right form; it is printed on its own
    indented line so that the first line stays greppable.
    """

    file: str
    line: int
    key: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        head = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        return head + (f"\n    {self.hint}" if self.hint else "")


class ContentErrors(Exception):
    """Raised when content cannot be published; carries every problem found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.errors)
        lines = [str(e) for e in self.errors]
        lines.append(f"Aborted with {n} content error{'s' if n != 1 else ''}.")
        return "\n".join(lines)


def format_key(path: tuple) -> str:
    """``("steps", 2, "text", "en")`` -> ``steps[2].text.en``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def listing(names, limit: int = 12) -> str:
    """``a, b, c`` for a hint; a long list is cut (an editor reads it, at any site size)."""
    names = list(names)
    if len(names) <= limit:
        return ", ".join(names)
    return ", ".join(names[:limit]) + f"... ({len(names) - limit} more)"
