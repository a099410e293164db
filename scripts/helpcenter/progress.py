"""What a long command says while it works: one line per stage, and a bar
where a stage takes more than a few seconds.

Everything goes to stderr, so stdout keeps only the results a script reads.
On a terminal a bar redraws itself on one line; elsewhere (CI logs, pipes)
it prints its start and its end only, so a log stays short.
"""

from __future__ import annotations

import sys
import time

# The plugin prints this prefix, then "LANG DONE TOTAL", once per page built,
# when its `progress` option is set (`helpcenter build`'s runs set it).
PAGE_MARK = "helpcenter-progress:"


class Progress:
    def __init__(self, stream=None, width: int = 24):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.width = width
        self.start = time.perf_counter()
        self._bar_open = False
        self._logged: dict = {}  # (label, total) -> last state logged, when not a terminal

    def _elapsed(self) -> str:
        return f"{time.perf_counter() - self.start:5.1f} s"

    def _close_bar(self) -> None:
        if self._bar_open:
            self.stream.write("\n")
            self._bar_open = False

    def step(self, message: str) -> None:
        """One stage done or started: one line."""
        self._close_bar()
        self.stream.write(f"[{self._elapsed()}] {message}\n")
        self.stream.flush()

    def bar(self, label: str, done: int, total: int) -> None:
        """``done`` of ``total`` for the stage ``label``."""
        if total <= 0:
            return
        if not self.tty:
            # A log gets the first and the last state only.
            key = (label, total)
            if key not in self._logged or (done == total and self._logged[key] != total):
                self._logged[key] = done
                self.step(f"{label}: {done}/{total}")
            return
        filled = round(self.width * done / total)
        self.stream.write(f"\r[{self._elapsed()}] {label} [{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{done}/{total}")
        self._bar_open = True
        if done >= total:
            self._close_bar()
        self.stream.flush()


def parse_page_mark(line: str) -> tuple[str, int, int] | None:
    """``helpcenter-progress: en 12 40`` -> ("en", 12, 40); anything else -> None."""
    if not line.startswith(PAGE_MARK):
        return None
    parts = line[len(PAGE_MARK):].split()
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return parts[0], int(parts[1]), int(parts[2])
