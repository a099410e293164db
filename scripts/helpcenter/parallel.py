"""Build each language in its own process (or on its own machine), then merge.

static-i18n builds the languages one after the other in one process, and
each language's build walks every page of the site (the sitemap, the
alternates and the switcher need them all). A language build here does all
of that, but converts and writes only its own language's pages: the other
languages' pages keep their place in the menu, the sitemap and the
alternates, and are never rendered. Each build then holds, byte for byte,
what the serial build writes for its language:

- the default language's build: everything outside the other languages'
  folders (its pages, the shared assets, ``/sitemap.xml``, ``/404.html``,
  ``/search/``, ``agents/``);
- another language's build: its folder (``/en/``).

``merge`` puts the parts together and writes last what needs the whole
site: the hosts' ``_redirects`` and ``_headers`` (``write_site_files``, which
the serial build's hook calls too). ``tests/test_parallel.py`` compares a
merged site with a serial one.

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
import zlib
from pathlib import Path

from . import LANGUAGES, csp, default_language
from .hosting import hosting_files

# The language a build renders; set in the builder's environment. Unset: every language.
LANGUAGE_ENV = "HELPCENTER_LANGUAGE"
# Files that need every language's pages: written after the merge.
SITE_FILES = ("_redirects", "_headers")


def page_language(src_uri: str) -> str:
    """``"en/unpaid-order.md"`` -> ``"en"`` (static-i18n's folder layout)."""
    return src_uri.split("/", 1)[0]


def render_only(lang: str, build_module=None) -> None:
    """Make MkDocs convert and write the pages of ``lang`` only.

    Wraps MkDocs 1.6's ``_populate_page`` and ``_build_page`` (module
    functions that ``build()`` looks up on each call, and that static-i18n's
    nested language builds use too): a page of another language is skipped;
    everything else (files, nav, sitemap, alternates, theme templates, the
    events of our hook) runs as in a serial build. A page written lets go of
    its Markdown once converted, and its HTML once written (memory at a thousand articles).
    """
    if build_module is None:
        from mkdocs.commands import build as build_module
    if getattr(build_module, "_helpcenter_only", None) is not None:
        build_module._helpcenter_only = lang
        return
    populate, build_page = build_module._populate_page, build_module._build_page

    # The largest page of the language (the agents' desk: 7.2 M characters at a thousand
    # articles) is converted first, before the others' converted pages are held: its
    # conversion's own peak (about 80 MB then) comes on a lighter process.
    early = {"files": None, "page": None}

    def _populate_page(page, config, files, dirty=False):
        if page_language(page.file.src_uri) != build_module._helpcenter_only:
            return
        if early["files"] is not files:  # the language's first page in this build
            early["files"], early["page"] = files, largest_page(files, build_module._helpcenter_only)
            if early["page"] is not None:
                _convert(early["page"], config, files, dirty)
        if page is not early["page"]:
            _convert(page, config, files, dirty)

    def _convert(page, config, files, dirty):
        populate(page, config, files, dirty)
        # Converted: the templates and the events after this read the HTML, never the
        # Markdown again; every page is converted before the first is written, so each
        # one's Markdown held until then was the largest part of a language build's peak.
        page.markdown = None
        # Its HTML waits packed for its turn to be written (37 MB for a language's
        # 3,150 pages at a thousand articles, 3 MB packed): nothing reads it meanwhile.
        page.content = packed(page.content)

    def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        if page_language(page.file.src_uri) == build_module._helpcenter_only:
            page.content = unpacked(page.content)
            build_page(page, config, doc_files, nav, env, dirty, excluded)
            # Written: its Markdown and HTML are not read again (anchors are
            # checked from the ids kept apart), and a thousand of them weigh.
            page.markdown = page.content = None

    build_module._helpcenter_only = lang
    build_module._populate_page = _populate_page
    build_module._build_page = _build_page


def largest_page(files, lang: str):
    """The page of ``lang`` whose Markdown source is the largest; None if it has none."""
    largest, largest_size = None, -1
    for file in files.documentation_pages():
        if page_language(file.src_uri) == lang and file.page is not None and file.abs_src_path:
            try:
                size = os.path.getsize(file.abs_src_path)
            except OSError:
                continue
            if size > largest_size:
                largest, largest_size = file.page, size
    return largest


class Packed(bytes):
    """A page's HTML, compressed while it waits to be written (``render_only``)."""


def packed(html: str | None):
    return html if html is None else Packed(zlib.compress(html.encode("utf-8"), 1))


def unpacked(content):
    return zlib.decompress(content).decode("utf-8") if isinstance(content, Packed) else content


def owned(site: Path, lang: str) -> list[Path]:
    """What a ``lang`` build wrote that belongs to ``lang``: the default language owns
    everything outside the other languages' folders; another language its folder."""
    if lang != default_language():
        return [site / lang]
    others = set(LANGUAGES) - {lang}
    return [p for p in sorted(site.iterdir()) if p.name not in others and p.name not in SITE_FILES]


def discard_unowned(part: Path, lang: str) -> None:
    """Remove from ``lang``'s build what another language's build owns (never merged from
    this one): done as soon as that build ends, not after the merge."""
    keep = set(owned(Path(part), lang))
    for path in sorted(Path(part).iterdir()):
        if path not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def write_site_files(site: Path, content, site_url: str | None) -> None:
    """What needs every language's files, written last: the hosts' ``_redirects`` and ``_headers``."""
    site = Path(site)
    paths = ["/" + p.relative_to(site).as_posix() for p in sorted(site.rglob("*"))
             if p.is_file() and p.relative_to(site).as_posix() not in SITE_FILES]
    for name, text in hosting_files(content, paths, site_url, csp.headers(site)).items():
        (site / name).write_text(text, encoding="utf-8")


def merge(parts: dict[str, Path], dest: Path, content, site_url: str | None) -> None:
    """One site in ``dest`` (empty or absent) from one build per language (``parts``:
    language -> folder, moved, not copied), then the files that need them all."""
    missing = [lang for lang in LANGUAGES if lang not in parts]
    if missing:
        raise ValueError(f"no build of {', '.join(missing)} to merge")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        for path in owned(Path(parts[lang]), lang):
            target = dest / path.relative_to(parts[lang])
            if target.is_dir():
                shutil.rmtree(target)
            os.replace(path, target)
    write_site_files(dest, content, site_url)


class Builds:
    """One builder process per language, started ahead: each imports MkDocs, its theme and
    plugins and reads its configuration, then waits (``GO_ENV``, ``wait_for_go``) until
    ``go()`` says the Markdown is written; ``close()`` stops what still runs.

    ``command + ["-d", folder_of(lang)]`` runs once per language with ``LANGUAGE_ENV``
    set (the command line is the caller's: a flag for every language's build goes there)."""

    def __init__(self, command: list[str], env: dict, folder_of, cwd=None):
        self.procs, self.went, self.skipped = {}, False, set()
        for lang in LANGUAGES:
            self.procs[lang] = subprocess.Popen(
                command + ["-d", str(folder_of(lang))], env={**env, LANGUAGE_ENV: lang, GO_ENV: "1"}, cwd=cwd,
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
        return {lang: 0 if lang in self.skipped else codes.get(lang, 1) for lang in LANGUAGES}


# Set in a language build's environment by ``Builds``: wait for the word on stdin before building.
GO_ENV = "HELPCENTER_WAIT_FOR_GO"
GO = "go"


def wait_for_go(environ=os.environ, stdin=None) -> None:
    """In a language build started ahead (``Builds``): its imports and configuration done,
    wait until the driver has written the Markdown; any other word (or none) ends it."""
    if not environ.get(GO_ENV):
        return
    word = (stdin or sys.stdin).readline().strip()
    if word != GO:
        raise SystemExit(3)


def parallel_wanted(builder: str, environ=os.environ) -> bool:
    """One process per language: with MkDocs (whose build functions ``render_only``
    knows), several languages, and not turned off (``HELPCENTER_SERIAL=1``)."""
    return builder == "mkdocs" and len(LANGUAGES) > 1 and environ.get("HELPCENTER_SERIAL", "") in ("", "0")
