"""Stage 1: read YAML files safely, keeping the line of every key.

Only plain YAML is accepted: mappings, lists, strings, numbers, booleans,
dates. Tags that build objects (``!!python/object``), anchors and aliases
(the "billion laughs" bomb), duplicate keys, files that are not UTF-8, and
what passes a limit (``MAX_BYTES`` a file, ``MAX_DEPTH`` levels of nesting,
``MAX_TEXT_CHARS`` a text, ``MAX_FILES`` articles) are refused with a
ContentError naming the file, never a traceback.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import ContentError, ContentErrors, format_key
from .paths import inside, link_error

MAX_BYTES = 256 * 1024  # the longest real article is under 10 KB
# The decision guide's file: the one that grows with the articles it reaches
# (about 400 bytes an outcome: 1000 articles make 380 KB). Its limit allows
# about 10,000, wherever it is read (build, translation lock, pre-commit).
GUIDE_FILE = "decision-tree.yml"
GUIDE_MAX_BYTES = 4 * 1024 * 1024


# Levels of nesting a content file may have: the deepest real value (a guide
# answer's text) is 6 levels down. Deeper input is a mistake or an attack, and
# the YAML reader is recursive: past about 1,000 levels Python itself gives up.
MAX_DEPTH = 24
# The longest text one value may hold: the longest real one is under 300
# characters; a text of a page or more is a paste gone wrong.
MAX_TEXT_CHARS = 5_000
# Article files in content/scenarios/: the benchmark builds 1,000; past this
# the build would take hours. Counted before any is read.
MAX_FILES = 5_000


# The characters that can change _too_deep's count: every other one is text.
_NESTING_CHARS = re.compile(r"""["'\[{\]}#]""")


def _too_deep(text: str) -> int | None:
    """The first line whose nesting (indentation plus open brackets) passes MAX_DEPTH, if any.

    A bracket or a quote opens something only where a value starts (after
    ": ", "- ", or at the start of the line) or inside brackets; elsewhere it
    is text ("Voir [ici]", "l'annulation"). Only brackets, quotes and "#" are
    looked at (a file is read once per build: this is most of its parsing).
    """
    flow = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        indent = (len(line) - len(stripped)) // 2
        quote = None
        for m in _NESTING_CHARS.finditer(stripped):
            char, i = m.group(), m.start()
            if quote:
                quote = None if char == quote else quote
                continue
            at_value = flow > 0 or i == 0 or stripped[max(0, i - 2):i] in (": ", "- ")
            if char in "\"'" and at_value:
                quote = char
            elif char in "[{" and at_value:
                flow += 1
                if indent + flow > MAX_DEPTH:
                    return number
            elif char in "]}" and flow:
                flow -= 1
            elif char == "#" and (i == 0 or stripped[i - 1] == " "):
                break
        if indent + flow > MAX_DEPTH:
            return number
    return None


def max_bytes(path: str) -> int:
    """The size limit of the file ``path``."""
    return GUIDE_MAX_BYTES if Path(path).name == GUIDE_FILE else MAX_BYTES

# Tags the safe resolver gives to plain scalars; anything else was written
# explicitly by the editor (``!!python/...``, ``!custom``) and is refused.
_PLAIN_TAGS = frozenset({
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
})


@dataclass
class Document:
    """A loaded file: its data and the 1-based line of each key path."""

    path: str
    data: object
    lines: dict = field(default_factory=dict)

    def line(self, key_path: tuple) -> int:
        """Line of ``key_path``, or of its closest parent that has one."""
        path = tuple(key_path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _error(path: str, line: int, key: str, message: str, hint: str = "") -> ContentErrors:
    return ContentErrors([ContentError(path, line, key, message, hint)])


class _Refused(Exception):
    def __init__(self, line: int, key: str, message: str, hint: str = ""):
        self.line, self.key, self.message, self.hint = line, key, message, hint


class _Loader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):
    """libyaml's parser when present (about 10x faster); the same safe resolver either way."""


# Characters outside YAML's printable set (YAML 1.1, 5.1), which libyaml refuses
# with a message that names no line.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

_SYNTAX_HINTS = (
    ("mapping values are not allowed", 'put text that contains ": " inside double quotes: text: "Note : ..."'),
    ("could not find expected ':'", 'each line needs "key: value"; put long text inside double quotes'),
    ("found unexpected end of stream", "a quote is opened and never closed"),
    ("expected <block end>", "check the indentation: keys of one mapping start in the same column"),
    ("did not find expected key", "check the indentation: keys of one mapping start in the same column"),
    ("found undefined tag", "remove the !tag: plain values need none"),
    ("did not find expected '-' indicator", 'check the indentation: this line starts further left than the key '
     'above it; every key of one list item starts in the column of the first key after its "- "'),
)

# A text in quotes followed by more text on its line: a quote inside it
# ended it early. Group 2 is the key, group 3 what follows the closing quote.
_KEY = r"^(\s*(?:-\s+)?)([\w-]+):\s*"
_DOUBLE_QUOTED_THEN_MORE = re.compile(_KEY + r'"(?:[^"\\]|\\.)*"\s*([^\s#].*)$')
_SINGLE_QUOTED_THEN_MORE = re.compile(_KEY + r"'(?:[^']|'')*'\s*([^\s#].*)$")
_KEY_LINE = re.compile(_KEY)


def _quote_inside(path: str, line_number: int, source: str) -> ContentError | None:
    """The mistake on a line where a quote ends a text early, with advice for that key."""
    double = _DOUBLE_QUOTED_THEN_MORE.match(source)
    if double:
        key = double.group(2)
        return ContentError(path, line_number, "", "YAML syntax error: a double quote inside the text ends it early",
                            f'inside a text, write quotation marks as « » or “ ”, or as \\": {key}: "Il a dit « oui »"')
    single = _SINGLE_QUOTED_THEN_MORE.match(source)
    if single:
        key = single.group(2)
        return ContentError(path, line_number, "", "YAML syntax error: an apostrophe inside a text in single quotes ends it early",
                            f'put the text in double quotes, where apostrophes are safe: {key}: "l\'annulation"')
    return None


def _unclosed_quote_line(text: str, before: int) -> int | None:
    """First line up to ``before`` whose double quotes do not pair up."""
    for number, line in enumerate(text.splitlines()[:before], start=1):
        if line.lstrip().startswith("#"):
            continue
        if line.replace('\\"', "").count('"') % 2 == 1:
            return number
    return None


def _content_lines(lines: list[str], before: int):
    """(index, indentation) of the lines above index ``before`` that hold YAML, nearest first."""
    for i in range(before - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            yield i, len(lines[i]) - len(lines[i].lstrip(" "))


def _key_column(line: str) -> int:
    """The column (0-based) where a line's key starts: after its "- " for a list item."""
    match = _KEY_LINE.match(line)
    return len(match.group(1)) if match else len(line) - len(line.lstrip(" "))


def _misindented(lines: list[str], problem: int, column: int) -> tuple[int, int, int] | None:
    """The line a YAML parser blames too late: the key above line ``problem`` (0-based), at its
    own column, when the key at ``column`` on ``problem`` is where the mapping's keys belong
    (one step right of the key that opens it) and the key above is not. YAML reads the first
    key of a mapping as its column, so a first key one space off is reported on the next line.
    Returns (line index, its key column, the right column), or None."""
    above = next(_content_lines(lines, problem), None)
    if above is None or _KEY_LINE.match(lines[above[0]]) is None or lines[above[0]].rstrip().endswith(":"):
        return None
    own = _key_column(lines[above[0]])
    if own == column:
        return None
    parent = next(((i, ind) for i, ind in _content_lines(lines, above[0]) if ind < own), None)
    if parent is None or not lines[parent[0]].rstrip().endswith(":"):
        return None
    steps = [ind for i, ind in _content_lines(lines, len(lines)) if ind > 0 and i not in (above[0], problem)]
    right = _key_column(lines[parent[0]]) + (min(steps) if steps else 2)
    return (above[0], own, right) if column == right else None


def _right_of_a_value(lines: list[str], index: int) -> bool:
    """Line ``index`` holds a key indented further than the key above it, which has a value:
    YAML reads it as more of that value ("mapping values are not allowed")."""
    if index >= len(lines) or _KEY_LINE.match(lines[index]) is None:
        return False
    above = next(_content_lines(lines, index), None)
    return (above is not None and _KEY_LINE.match(lines[above[0]]) is not None
            and not lines[above[0]].rstrip().endswith(":")
            and len(lines[index]) - len(lines[index].lstrip(" ")) > _key_column(lines[above[0]]))


def _syntax_error(path: str, exc: yaml.YAMLError, text: str = "") -> ContentError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else 1
    quote_line = _unclosed_quote_line(text, line)
    source_lines = text.splitlines()
    off = _misindented(source_lines, mark.line, mark.column) if mark and mark.line < len(source_lines) else None
    if off is not None and quote_line is None:
        index, own, right = off
        return ContentError(path, index + 1, "", f"YAML syntax error: this key starts in column {own + 1}, "
                            f"the keys beside it in column {right + 1}",
                            f"check the indentation: indent this line by {right} space{'s' if right != 1 else ''}, as the key below it")
    if quote_line is not None:
        key = _KEY_LINE.match(source_lines[quote_line - 1])
        example = f'{key.group(2)}: "..."' if key else '"..."'
        return ContentError(path, quote_line, "", "YAML syntax error: a double quote opened on this line is never closed",
                            f"end the text with a double quote: {example}")
    if mark and mark.line < len(source_lines):
        inside = _quote_inside(path, line, source_lines[mark.line])
        if inside:
            return inside
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    hint = ""
    for needle, advice in _SYNTAX_HINTS:
        if needle in problem or needle in str(exc):
            hint = advice
            break
    if mark and "mapping values are not allowed" in problem and _right_of_a_value(source_lines, mark.line):
        hint = ("check the indentation: this line starts further right than the key above it, "
                "which has its value; start it in that key's column")
    column = f" (column {mark.column + 1})" if mark else ""
    if mark and mark.line < len(source_lines) and "\t" in source_lines[mark.line][: mark.column + 1]:
        return ContentError(path, line, "", f"YAML syntax error: a tab character{column}",
                            "indent with spaces, never with tabs")
    return ContentError(path, line, "", f"YAML syntax error: {problem}{column}", hint)


def _to_data(node, loader: _Loader, path: tuple, lines: dict, seen: set):
    # An alias (*name) makes the composer hand back a node it already gave:
    # refuse it before it can expand (the "billion laughs" bomb).
    if id(node) in seen:
        raise _Refused(lines.get(path) or lines.get(path[:-1], 1), "",
                       "anchors and aliases (& and *) are not allowed",
                       "write the text out in full where it is needed")
    seen.add(id(node))
    lines.setdefault(path, node.start_mark.line + 1)
    if len(path) > MAX_DEPTH:
        raise _Refused(node.start_mark.line + 1, format_key(path[:3]) + "...",
                       f"nested more than {MAX_DEPTH} levels deep",
                       "a content value is a text, a list or a few keys: check the brackets and the indentation")
    if isinstance(node, ScalarNode) and len(node.value) > MAX_TEXT_CHARS:
        raise _Refused(node.start_mark.line + 1, format_key(path),
                       f"a text of {len(node.value):,} characters; the limit is {MAX_TEXT_CHARS:,}",
                       "split it (several steps, or a step and its details), or remove what was pasted by mistake")
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(
            node.start_mark.line + 1,
            format_key(path),
            f"the YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed",
            "remove the tag and write a plain value",
        )
    if isinstance(node, MappingNode):
        out = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node.start_mark.line + 1, format_key(path), "a key must be a plain word")
            if key_node.tag == "tag:yaml.org,2002:merge":  # checked first: it has no constructor
                raise _Refused(key_node.start_mark.line + 1, format_key(path), "merge keys (<<) are not allowed",
                               "write the keys out in full")
            key = loader.construct_object(key_node)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise _Refused(key_node.start_mark.line + 1, format_key(path), f"the key {key_node.value!r} must be a word")
            key = str(key)
            if key in out:
                raise _Refused(
                    key_node.start_mark.line + 1,
                    format_key(path + (key,)),
                    f"duplicate key (first written on line {lines[path + (key,)]})",
                    "keep one of the two and delete the other",
                )
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _to_data(value_node, loader, path + (key,), lines, seen)
        return out
    if isinstance(node, SequenceNode):
        return [_to_data(item, loader, path + (i,), lines, seen) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError) as exc:  # e.g. the date 2024-02-31
        raise _Refused(node.start_mark.line + 1, format_key(path), f"{node.value!r} cannot be read: {exc}") from None


def parse(path: str, raw: bytes) -> Document:
    """Parse the bytes of one file; raise ContentErrors for anything unsafe or broken."""
    limit = max_bytes(path)
    if len(raw) > limit:
        raise _error(path, 0, "", f"file is {len(raw):,} bytes; the limit is {limit:,}",
                           "split the text or remove what was pasted by mistake")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(path, line, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                           "save the file as UTF-8 in your editor") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise _error(path, 1, "", "the file is empty", "see EDITING.md for the fields a file must hold")
    bad = _NOT_PRINTABLE.search(text)  # YAML refuses control characters (NUL...)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        raise _error(path, line, "", f"the character U+{ord(bad.group()):04X} is not allowed in YAML",
                     "delete it: it was probably pasted by mistake")
    deep = _too_deep(text)
    if deep is not None:
        raise _error(path, deep, "", f"nested more than {MAX_DEPTH} levels deep",
                     "a content value is a text, a list or a few keys: check the brackets and the indentation")
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise _error(path, 1, "", "the file is empty", "see EDITING.md for the fields a file must hold")
        lines: dict = {}
        data = _to_data(root, loader, (), lines, set())
    except _Refused as exc:
        raise _error(path, exc.line, exc.key, exc.message, exc.hint) from None
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            line = exc.problem_mark.line + 1 if exc.problem_mark else 1
            raise _error(path, line, "", "the file holds more than one YAML document (---)",
                               "remove the second '---' line") from None
        raise ContentErrors([_syntax_error(path, exc, text)]) from None
    except yaml.constructor.ConstructorError as exc:
        raise ContentErrors([_syntax_error(path, exc, text)]) from None
    except yaml.YAMLError as exc:
        raise ContentErrors([_syntax_error(path, exc, text)]) from None
    except RecursionError:  # nesting that _too_deep did not see (e.g. inside a quoted key)
        raise _error(path, 1, "", "nested too deeply to be read",
                     "a content value is a text, a list or a few keys: check the brackets and the indentation") from None
    finally:
        loader.dispose()
    return Document(path, data, lines)


def too_many_files(shown_as: str, count: int) -> ContentErrors | None:
    """The error for a folder of ``count`` content files, if that passes MAX_FILES."""
    if count <= MAX_FILES:
        return None
    return _error(shown_as, 0, "", f"{count:,} files; the limit is {MAX_FILES:,}",
                  "remove the files that are not articles (copies, exports), or split the help center")


def load_file(root: Path, relative: str, shown_as: str | None = None) -> Document:
    """Read and parse ``root/relative``; errors name it ``shown_as`` (default: ``relative``).

    The size is checked before reading (a 100 MB file is refused at once, in
    no memory), and only a regular file is read: a device or a pipe (a
    symlink to /dev/zero) could never end.
    """
    import stat

    name = shown_as or relative
    path = root / relative
    limit = max_bytes(name)
    if not inside(path, root):
        raise ContentErrors([link_error(name, Path(os.readlink(path)) if path.is_symlink() else path.resolve(),
                                        Path(name).parts[0] if shown_as else root.name)])
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _error(name, 0, "", "not a regular file (a folder, a device or a pipe)",
                         "a content file is a plain .yml text file: remove this one")
        if info.st_size > limit:
            raise _error(name, 0, "", f"file is {info.st_size:,} bytes; the limit is {limit:,}",
                         "split the text or remove what was pasted by mistake")
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)  # a file growing meanwhile is still cut at the limit
    except OSError as exc:
        hint = ("the file is missing: restore it from git (git checkout -- FILE), it is not optional"
                if isinstance(exc, FileNotFoundError) else "check the file's permissions")
        raise _error(name, 0, "", f"cannot be read: {exc.strerror}", hint.replace("FILE", name)) from None
    return parse(name, raw)
