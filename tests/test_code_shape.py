"""The package carries no module-level mutable state and no long function.

State lives in values passed down (a ``QrCodes`` per rendering, a ``Checker``'s
lists per content check), so two runs in one process (``mkdocs serve``, the
tests) cannot see each other's leftovers. The rule, as checked here on the
source with ``ast``:

- a module-level name may not be bound (``=``, ``+=``, annotated) to a dict,
  list or set display or comprehension, nor to a call of ``MUTABLE_CALLS``, nor
  to an instance of a class of the package that is not a frozen dataclass, nor
  to the result of a package function not annotated as returning a frozen class
  or an immutable type, nor to any other call unless it is in ``IMMUTABLE_CALLS``;
- no module-level statement changes an object (``X[k] = v``, ``Cls.attr = v``,
  ``X.append(...)``);
- no ``global`` statement, anywhere;
- a functools cache (``lru_cache``, ``cache``) only on the functions of
  ``CACHES``: each memoises a function of immutable arguments, and is named here
  so that a new one is a decision, not an accident;
- no function or method longer than ``MAX_LINES`` (from its ``def`` line to its last).

Tuples, frozensets, strings, numbers, compiled patterns, MappingProxyType and
frozen dataclasses are constants: fine.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "helpcenter"
MAX_LINES = 60

MUTABLE_CALLS = frozenset({"dict", "list", "set", "bytearray", "defaultdict", "OrderedDict", "Counter", "deque", "ChainMap"})
# Calls of the standard library known to return an immutable value.
IMMUTABLE_CALLS = frozenset({"re.compile", "frozenset", "tuple", "MappingProxyType", "types.MappingProxyType", "Path",
                             "str", "int", "float", "bool", "bytes", "datetime.datetime", "datetime.date",
                             "datetime.timedelta", "datetime.timezone",
                             # A module's logger: the logging registry's, configured by whoever runs us.
                             "logging.getLogger"})
IMMUTABLE_TYPES = frozenset({"str", "int", "float", "bool", "bytes", "tuple", "frozenset", "None"})
# file -> the functions that may carry a functools cache, and why that is no state of ours.
CACHES = {
    # One Jinja environment per process: it compiles our templates once. Its output
    # is a function of the templates alone; keep_compiled only adds where compiled
    # code is kept (a cache of the same function).
    "render/common.py": {"environment"},
    # The key of the package's own files: they do not change while a process runs.
    "checked.py": {"code_key"},
    # Pure functions of one string (a link, a path), called for every link of every page.
    "sitecheck.py": {"_plain_target", "_resolve_from"},
    # Babel's locale data of one locale name ("fr_FR"): parsed once, it never changes.
    "locales.py": {"babel_locale"},
}

# The lead engineer's files, being rewritten (item 4 of "Light to carry"): their
# offences are not checked yet. Empty this set as each one is done; a file listed
# here that no longer offends fails the test, so the list cannot rot.
PENDING = frozenset()


def _name(node: ast.expr) -> str:
    """``a.b.c`` of a Name/Attribute chain; "" for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _name(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def _is_frozen_dataclass(cls: ast.ClassDef) -> bool:
    for deco in cls.decorator_list:
        if isinstance(deco, ast.Call) and _name(deco.func).split(".")[-1] == "dataclass":
            if any(k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value is True
                   for k in deco.keywords):
                return True
    return False


def package_index(trees: dict[str, ast.Module]) -> tuple[dict[str, bool], dict[str, str]]:
    """Class name -> whether it is a frozen dataclass; function name -> its return annotation
    (source text), over every module-level class and function of ``trees``."""
    classes, functions = {}, {}
    for tree in trees.values():
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                classes[node.name] = _is_frozen_dataclass(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions[node.name] = ast.unparse(node.returns) if node.returns else ""
    return classes, functions


def _mutable_value(value: ast.expr, classes: dict[str, bool], functions: dict[str, str]) -> str:
    """Why ``value`` makes a mutable module-level object ("" if it does not)."""
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)):
        return f"a {type(value).__name__.lower().removesuffix('comp')} display"
    if not isinstance(value, ast.Call):
        return ""
    name = _name(value.func)
    last = name.split(".")[-1]
    if last in MUTABLE_CALLS:
        return f"a call of {name}"
    if last in classes:
        return "" if classes[last] else f"an instance of {last}, not a frozen dataclass"
    if last in functions:
        returns = functions[last].strip("'\"")
        ok = returns in IMMUTABLE_TYPES or classes.get(returns, False)
        return "" if ok else f"what {last}() returns ({returns or 'not annotated'})"
    return "" if name in IMMUTABLE_CALLS else f"a call of {name or ast.unparse(value.func)}, not known to be immutable"


def _module_statements(body: list[ast.stmt]):
    """The statements run at import: the module's, and those of its if/try/with blocks
    (not the ``if __name__ == "__main__":`` block: it runs the program, not an import)."""
    for node in body:
        if isinstance(node, ast.If) and ast.unparse(node.test) in ('__name__ == "__main__"', "__name__ == '__main__'"):
            continue
        yield node
        if isinstance(node, (ast.If, ast.With, ast.Try)):
            for block in (node.body, getattr(node, "orelse", []), getattr(node, "finalbody", [])):
                yield from _module_statements(block)
            for handler in getattr(node, "handlers", []):
                yield from _module_statements(handler.body)


def state_offences(tree: ast.Module, classes: dict[str, bool], functions: dict[str, str]) -> list[tuple[int, str, str]]:
    """(line, name, why) of each module-level mutable binding or mutation of ``tree``."""
    out = []
    for node in _module_statements(tree.body):
        targets, value = [], None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
            targets, value = [node.target], node.value
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute):
            out.append((node.lineno, ast.unparse(node.value.func), "a call that may change an object at import"))
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)):
                out.append((node.lineno, ast.unparse(target), "an object changed at import"))
                continue
            why = _mutable_value(value, classes, functions)
            if why:
                out.append((node.lineno, ast.unparse(target), why))
    return out


def global_offences(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, names) of each ``global`` statement of ``tree``."""
    return [(n.lineno, ", ".join(n.names)) for n in ast.walk(tree) if isinstance(n, ast.Global)]


def long_functions(tree: ast.Module, max_lines: int = MAX_LINES) -> list[tuple[int, str, int]]:
    """(line, name, length) of each function or method of ``tree`` longer than ``max_lines``."""
    return [(n.lineno, n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > max_lines]


def cache_offences(tree: ast.Module, allowed: set[str]) -> list[tuple[int, str]]:
    """(line, name) of each function with a functools cache that ``allowed`` does not name."""
    out = []
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for deco in n.decorator_list:
                name = _name(deco.func if isinstance(deco, ast.Call) else deco).split(".")[-1]
                if name in ("lru_cache", "cache") and n.name not in allowed:
                    out.append((n.lineno, n.name))
    return out


def offences(rel: str, tree: ast.Module, classes: dict[str, bool], functions: dict[str, str]) -> list[str]:
    """Every offence of one file, as ``file:line:name:what``."""
    return ([f"{rel}:{line}:{name}: module-level mutable state: {why}" for line, name, why in state_offences(tree, classes, functions)]
            + [f"{rel}:{line}:{names}: global statement" for line, names in global_offences(tree)]
            + [f"{rel}:{line}:{name}:{length}: function longer than {MAX_LINES} lines" for line, name, length in long_functions(tree)]
            + [f"{rel}:{line}:{name}: functools cache not in CACHES" for line, name in cache_offences(tree, CACHES.get(rel, set()))])


def _trees() -> dict[str, ast.Module]:
    return {path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"), str(path))
            for path in sorted(PACKAGE.rglob("*.py"))}


@pytest.fixture(scope="module")
def found() -> dict[str, list[str]]:
    trees = _trees()
    classes, functions = package_index(trees)
    return {rel: offences(rel, tree, classes, functions) for rel, tree in trees.items()}


def test_no_module_level_state_no_global_no_long_function(found):
    problems = [p for rel, ps in found.items() if rel not in PENDING for p in ps]
    assert problems == [], "\n".join(problems)


def test_every_pending_file_still_offends_and_exists(found):
    """A file done (or gone) leaves PENDING: the exclusion never outlives its reason."""
    assert sorted(rel for rel in PENDING if not found.get(rel)) == []


def test_every_cache_named_exists():
    trees = _trees()
    cached = {rel: {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.decorator_list}
              for rel, tree in trees.items()}
    assert {rel: names - cached.get(rel, set()) for rel, names in CACHES.items() if names - cached.get(rel, set())} == {}


PLANTED = '''
import re
from dataclasses import dataclass

OK = (1, 2)
PATTERN = re.compile("x")
NAMES = frozenset({"a"})
SEEN = {}
ITEMS: list = []
BY_KEY = dict()


@dataclass(frozen=True)
class Frozen:
    x: int


class Loose:
    pass


FINE = Frozen(1)
LOOSE = Loose()
Loose.attr = 2
NAMES_TOO = {n for n in "ab"}


def make() -> Loose:
    return Loose()


MADE = make()
if True:
    HIDDEN = []


if __name__ == "__main__":
    SEEN.clear()


def counter():
    global SEEN
    return 1
'''


def test_the_detector_finds_planted_offences():
    tree = ast.parse(PLANTED + "\n\ndef long():\n" + "    x = 1\n" * 60)
    classes, functions = package_index({"planted.py": tree})
    assert [(name, why) for _line, name, why in state_offences(tree, classes, functions)] == [
        ("SEEN", "a dict display"), ("ITEMS", "a list display"), ("BY_KEY", "a call of dict"),
        ("LOOSE", "an instance of Loose, not a frozen dataclass"), ("Loose.attr", "an object changed at import"),
        ("NAMES_TOO", "a set display"), ("MADE", "what make() returns (Loose)"), ("HIDDEN", "a list display")]
    assert global_offences(tree) == [(PLANTED.splitlines().index("    global SEEN") + 1, "SEEN")]
    assert long_functions(tree) == [(len(PLANTED.splitlines()) + 3, "long", 61)]
    assert long_functions(ast.parse("def short():\n" + "    x = 1\n" * 59)) == []
    cached = ast.parse("from functools import lru_cache\n@lru_cache(maxsize=1)\ndef f():\n    return 1\n")
    assert cache_offences(cached, set()) == [(3, "f")] and cache_offences(cached, {"f"}) == []
