"""Each language built by its own MkDocs run, in its own process, then merged.

A run of one language (``build.run_language``) sees that language's pages
only (``i18n.language_files``) and writes them at their address: the
default language's run everything outside the other languages' folders (its
pages, the shared assets, ``/404.html``, ``/search/``, ``agents/``), another
language's run its folder (``/en/``, its 404 page and search index included).
``merge`` puts the parts together; ``finish.site`` then writes what needs
them all.

Past one machine: each language is one job (``python -m helpcenter
build-language LANG DIR``, e.g. one job of a CI matrix per language), and
one step merges the folders (``python -m helpcenter merge SITE fr=DIR en=DIR``).
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from .locales import Languages

# Written after the merge (finish.site), never taken from a part.
SITE_FILES = ("_redirects", "_headers")


def owned(site: Path, lang: str, languages: Languages) -> list[Path]:
    """What a ``lang`` build wrote that belongs to ``lang``: the default language owns
    everything outside the other languages' folders; another language its folder."""
    if lang != languages.default:
        return [site / lang]
    others = set(languages.built) - {lang}
    return [p for p in sorted(site.iterdir()) if p.name not in others and p.name not in SITE_FILES]


def discard_unowned(part: Path, lang: str, languages: Languages) -> None:
    """Remove from ``lang``'s build what another language's build owns (never merged from
    this one): done as soon as that build ends, not after the merge."""
    keep = set(owned(Path(part), lang, languages))
    for path in sorted(Path(part).iterdir()):
        if path not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def merge(parts: dict[str, Path], dest: Path, languages: Languages) -> None:
    """One site in ``dest`` (empty or absent) from one run per language built (``parts``:
    language -> folder, moved, not copied); ``finish.site`` completes it."""
    missing = [lang for lang in languages.built if lang not in parts]
    if missing:
        raise ValueError(f"no build of {', '.join(missing)} to merge")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for lang in languages.built:
        for path in owned(Path(parts[lang]), lang, languages):
            target = dest / path.relative_to(parts[lang])
            if target.is_dir():
                shutil.rmtree(target)
            os.replace(path, target)


class Builds:
    """One process per language, started ahead: each imports MkDocs, its theme and
    plugins and reads its configuration, then waits (``wait_for_go``) until ``go()``
    says the Markdown is written; ``close()`` stops what still runs.

    ``command + [lang, folders[lang]]`` runs once per language of ``folders`` (``build.worker_command``)."""

    def __init__(self, command: list[str], folders: dict[str, Path], cwd=None):
        self.procs, self.went, self.skipped = {}, False, set()
        self.langs = tuple(folders)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        for lang in self.langs:
            self.procs[lang] = subprocess.Popen(
                command + [lang, str(folders[lang])], env=env, cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)

    def _tell(self, word: str) -> None:
        for proc in self.procs.values():
            if proc.stdin is not None and not proc.stdin.closed:
                try:
                    proc.stdin.write(word + "\n")
                    proc.stdin.close()
                except OSError:  # it stopped already: its exit status says why
                    pass

    def skip(self, lang: str) -> None:
        """``lang`` is not built (its last build is reused: helpcenter/reuse.py): its process,
        still importing or waiting for the word, is stopped now and counts as built."""
        proc = self.procs.pop(lang)
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:  # the pipe to a killed process: nothing left to flush
                    pass
        self.skipped.add(lang)

    def go(self) -> None:
        """The Markdown is written: build."""
        self.went = True
        self._tell(GO)

    def close(self) -> None:
        """Stop what still runs (the content did not pass, or the build failed): a process
        never told to go reads "cancel" once imported and ends, having built nothing; one
        building is terminated."""
        self._tell("cancel")
        for proc in self.procs.values():
            if proc.poll() is None and self.went:
                proc.terminate()
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None and not proc.stdout.closed:
                proc.stdout.close()

    def wait(self, on_line, on_done=None) -> dict[str, int]:
        """Pass on each line they print (``on_line(lang, line)``); ``on_done(lang, status)``
        runs as each one ends, while the others still build. Returns each exit status.

        ``on_done`` runs in the calling thread: the threads here only read lines (work with
        large buffers done in another thread grew the process by a glibc arena of its own:
        26 MB at 1000 articles)."""
        lock, ended = threading.Lock(), queue.Queue()
        codes = {}

        def pump(lang, proc):
            try:
                for line in proc.stdout:
                    with lock:
                        on_line(lang, line.rstrip("\n"))
            finally:
                codes[lang] = proc.wait()
                ended.put(lang)

        threads = [threading.Thread(target=pump, args=item, daemon=True) for item in self.procs.items()]
        for t in threads:
            t.start()
        for _ in threads:
            lang = ended.get()
            if on_done is not None:
                on_done(lang, codes[lang])
        for t in threads:
            t.join()
        return {lang: 0 if lang in self.skipped else codes.get(lang, 1) for lang in self.langs}


GO = "go"


def wait_for_go(stdin=None) -> None:
    """In a run started ahead (``Builds``): its imports and configuration done, wait
    until the driver has written the Markdown; any other word (or none) ends it."""
    word = (stdin or sys.stdin).readline().strip()
    if word != GO:
        raise SystemExit(3)
