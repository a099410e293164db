"""No import cycle in scripts/helpcenter: the stages import downstream only.

Every import is counted, at module level or inside a function (a
function-level import is how a cycle hides)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "helpcenter"


def _graph(package: Path) -> dict[str, set[str]]:
    modules = {p.stem for p in package.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in sorted(package.glob("*.py")):
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:  # from .x import y
                    edges.add(node.module.split(".")[0])
                else:  # from . import x: a module, or a name of the package's __init__
                    edges |= {a.name if a.name in modules else "__init__" for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpcenter"):
                parts = node.module.split(".")
                edges.add(parts[1] if len(parts) > 1 else "__init__")
        edges.discard(path.stem)
        graph[path.stem] = edges
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name):
        state[name] = 1
        stack.append(name)
        for other in sorted(graph.get(name, ())):
            if state.get(other) == 1:
                return stack[stack.index(other):] + [other]
            if other not in state:
                found = visit(other)
                if found:
                    return found
        state[name] = 2
        stack.pop()
        return None

    for name in sorted(graph):
        if name not in state:
            found = visit(name)
            if found:
                return found
    return None


def test_no_import_cycle():
    assert _cycle(_graph(PACKAGE)) is None


def test_the_check_finds_a_cycle_hidden_in_a_function(tmp_path):
    (tmp_path / "a.py").write_text("from .b import x\n")
    (tmp_path / "b.py").write_text("def f():\n    from .a import y\n")
    assert _cycle(_graph(tmp_path)) == ["a", "b", "a"]


def test_the_readme_module_table_names_every_module():
    readme = (PACKAGE.parent.parent / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip() for line in readme.splitlines() if line.startswith("| `scripts/")}
    named = " ".join(rows)
    missing = [p.name for p in sorted(PACKAGE.glob("*.py")) if f"scripts/helpcenter/{p.name}`" not in named
               and f"`{p.name}`" not in named]
    assert missing == []
