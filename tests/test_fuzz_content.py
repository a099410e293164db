"""Property-based test (Hypothesis): any mutation of the content ends in a clear error or a good build.

Mutations of the real content/ and of the fixture help center
(tests/fixtures/mini/content), one file at a time: keys deleted, duplicated,
renamed, retyped, reordered; values replaced by any text; YAML syntax
inserted; unicode edge cases (right-to-left and zero-width marks, combining
characters, NUL, lone surrogates, line separators, very long lines); files
cut short. For each, ``helpcenter check`` (run in this process, fast) must
exit 0 (then the pages are rendered too) or 1 with a message naming a
content file, never with a traceback. A few failing mutations go through a
real ``helpcenter build``, which must leave the published site/ untouched.

``make test`` runs a few hundred cases (300 on the fixture, 30 on the real
content), the same ones at every run
(``derandomize``): a commit that passes passes again, and a change is never
blocked by a bug unrelated to it that a new random draw happened to find.
``make fuzz`` runs thousands of new ones at each run (``HYPOTHESIS_PROFILE=fuzz``,
``FUZZ_EXAMPLES=N``); what it finds becomes a fixed case of
tests/test_content_errors.py (as ``fact-too-large`` did) once fixed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, LANGS, MINI, ROOT
from helpcenter.__main__ import main
from helpcenter.render import render_site
from helpcenter.validate import load_content

_COMMON = dict(deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                      HealthCheck.data_too_large])
settings.register_profile("default", max_examples=300, derandomize=True, **_COMMON)
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")), **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)
# The real content's cases: a tenth of the fixture's in `make test` (each renders the whole real
# site when it passes, ten times the fixture's cost; the fixture has every optional part, and the
# same mutations), a third in `make fuzz`.
REAL_EXAMPLES = max(10, settings.default.max_examples // (10 if PROFILE == "default" else 3))

SITE_URL = "https://aide.example.com/"
# Characters that have broken text handling elsewhere: bidi controls, zero-width
# characters, combining marks, NUL and other controls, line and paragraph
# separators, a byte-order mark, lone surrogates (not encodable: invalid UTF-8),
# characters outside the BMP.
EDGE_CHARS = ["\u200f", "\u200e", "\u202e", "\u2066", "\u200b", "\u200d", "\u2060", "\ufeff", "\u0301" * 30,
              "e\u0301", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ud800", "\udfff", "\U0001f600",
              "\ufffe", "\r", "\t", "\\", "\u00a0", "\u3000"]
# What YAML or our placeholders read as syntax.
SYNTAX = [": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ", "!x ", "---\n", "...\n",
          "%YAML 1.1\n", "#", "'", '"', "|\n", ">\n", "? ", ",", "<<: *a\n", "@", "`", "{ui:", "{fact:", "{link:",
          "{url:", "{ui:nope}", "{fact:nope}", "{link:nope}", "{{", "{%", "<b>", "<script>", "[x](javascript:1)",
          "\n  - ", "\nkey: value\n", "\n    deep: [[[[[[[[", "~", "null", "0x1F", "2024-02-31", "1e999", ".inf"]
RETYPED = [None, 0, -1, 10**30, 1.5, float("inf"), True, False, "", " ", "x", [], {}, ["a"], {"fr": "x"},
           {"fr": "x", "en": "y"}, [{"id": "x"}], "2024-02-31", "TODO"]


def _files(content: Path) -> list[str]:
    return sorted(p.relative_to(content).as_posix() for p in content.rglob("*")
                  if p.is_file() and p.suffix in (".yml", ".lock"))


def _paths(data, prefix=()):
    """Every key path of a loaded YAML document (the root excluded)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield prefix + (key,)
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield prefix + (i,)
            yield from _paths(value, prefix + (i,))


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def structural(draw, text: str) -> str:
    """A key or an item deleted, renamed, retyped, reordered or given any text; dumped back to YAML."""
    data = yaml.safe_load(text)
    paths = list(_paths(data))
    assume(paths)
    path = draw(st.sampled_from(paths))
    parent, last = _parent(data, path), path[-1]
    kind = draw(st.sampled_from(["delete", "rename", "retype", "text", "reorder"]))
    if kind == "delete":
        del parent[last]
    elif kind == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from([f"{last}x", str(last).upper(), "", "fr", "en", "id", "1"]))] = parent.pop(last)
    elif kind == "retype":
        parent[last] = draw(st.sampled_from(RETYPED))
    elif kind == "text":
        parent[last] = draw(st.text(st.characters(codec="utf-8"), max_size=80)
                            | st.lists(st.sampled_from(EDGE_CHARS + SYNTAX + ["a", " "]), max_size=12).map("".join))
    else:  # reorder the keys or items of the value
        value = parent[last]
        if isinstance(value, dict):
            keys = draw(st.permutations(list(value)))
            parent[last] = {k: value[k] for k in keys}
        elif isinstance(value, list):
            parent[last] = draw(st.permutations(value))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def textual(draw, text: str) -> bytes:
    """Syntax or edge characters inserted anywhere, a line duplicated, a very long line, the file cut short."""
    kind = draw(st.sampled_from(["insert", "insert", "duplicate line", "long line", "cut"]))
    if kind == "cut":
        raw = text.encode("utf-8")
        return raw[:draw(st.integers(0, len(raw)))]
    if kind == "duplicate line":  # a duplicate key, or a repeated list item
        lines = text.splitlines(keepends=True)
        i = draw(st.integers(0, len(lines) - 1))
        text = "".join(lines[:i + 1] + lines[i:])
    elif kind == "long line":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["x", "é", "\u200b", "a "])) * draw(st.sampled_from([5_000, 100_000, 300_000])) + text[at:]
    else:
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(EDGE_CHARS + SYNTAX)) + text[at:]
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate is invalid UTF-8, as a broken editor writes it


def mutation(content: Path):
    """(file relative to content/, its new bytes)."""
    @st.composite
    def strategy(draw):
        rel = draw(st.sampled_from(_files(content)))
        text = (content / rel).read_text(encoding="utf-8")
        if draw(st.booleans()):
            return rel, draw(structural(text)).encode("utf-8")
        return rel, draw(textual(text))
    return strategy()


def check_in_process(root: Path) -> tuple[int, str]:
    """``helpcenter --root ROOT check`` in this process: (exit status, what it printed).
    Any exception but the content errors it reports escapes: a traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--root", str(root), "check"])
    if status == 0:  # the checked content is also rendered, as the build would
        content = load_content(root / "content", SITE_URL, LANGS)
        render_site(content)
    return status, out.getvalue() + err.getvalue()


_NAMED = re.compile(r"^content/([^\s:]+)(?::\d+)?: ", re.M)


def assert_clear_outcome(root: Path, status: int, said: str) -> None:
    assert "Traceback" not in said, said
    assert status in (0, 1), (status, said)
    if status == 1:
        named = _NAMED.findall(said)
        assert named, f"no content file named in:\n{said}"
        assert all((root / "content" / rel).exists() or rel.endswith(".yml") for rel in named), said


def _fuzz(root: Path, rel: str, raw: bytes) -> tuple[int, str]:
    path = root / "content" / rel
    original = path.read_bytes()
    try:
        path.write_bytes(raw)
        status, said = check_in_process(root)
    finally:
        path.write_bytes(original)
    assert_clear_outcome(root, status, said)
    event(f"exit {status}")  # pytest --hypothesis-show-statistics: how many mutations fail, how many build
    return status, said


def _checkable_root(tmp_path_factory, name: str, content: Path) -> Path:
    """A folder `helpcenter check` can read: ``content`` and the language table (mkdocs.yml)."""
    root = tmp_path_factory.mktemp(name)
    shutil.copytree(content, root / "content")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="module")
def real_root(tmp_path_factory) -> Path:
    return _checkable_root(tmp_path_factory, "fuzz-real", CONTENT)


@pytest.fixture(scope="module")
def mini_root(tmp_path_factory) -> Path:
    return _checkable_root(tmp_path_factory, "fuzz-mini", MINI)


def test_the_unmutated_content_passes(real_root, mini_root):
    for root in (real_root, mini_root):
        assert check_in_process(root)[0] == 0


@given(data=st.data())
def test_any_mutation_of_the_fixture_content_is_a_clear_error_or_a_success(mini_root, data):
    rel, raw = data.draw(mutation(MINI))
    _fuzz(mini_root, rel, raw)


@settings(max_examples=REAL_EXAMPLES)
@given(data=st.data())
def test_any_mutation_of_the_real_content_is_a_clear_error_or_a_success(real_root, data):
    rel, raw = data.draw(mutation(CONTENT))
    _fuzz(real_root, rel, raw)


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_failing_build_leaves_site_untouched(mini_build, tmp_path):
    """Failing mutations through a real ``helpcenter build``: exit 1, the file named,
    no traceback, site/ byte for byte as it was, no staging folder left."""
    root = shutil.copytree(mini_build, tmp_path / "repo", symlinks=True)
    before = _tree_digest(root / "site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cases = [("site.yml", b"site_name: [unclosed\n"), ("facts.yml", "a: \x00".encode()),
             ("scenarios/delta.yml", "\ud800".encode("utf-8", "surrogatepass")),
             ("labels.yml", b"- just\n- a list\n"),
             ("decision-tree.yml", b"x: " + b"[" * 5000)]
    failing = 0
    for rel, raw in cases:
        original = (root / "content" / rel).read_bytes()
        (root / "content" / rel).write_bytes(raw)
        try:
            result = subprocess.run([sys.executable, "-m", "helpcenter", "--root", str(root), "build"],
                                    capture_output=True, text=True, env=env, cwd=root)
        finally:
            (root / "content" / rel).write_bytes(original)
        said = result.stdout + result.stderr
        assert result.returncode == 1, said
        assert f"content/{rel}" in said and "Traceback" not in said, said
        assert _tree_digest(root / "site") == before, rel
        assert not list(root.glob(".site-new-*")), rel
        failing += 1
    assert failing == len(cases)
