"""No import cycle in scripts/helpcenter: the stages import downstream only.

Every import is counted, at module level or inside a function (a
function-level import is how a cycle hides)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "helpcenter"


def _modules(package: Path) -> dict[str, Path]:
    """Dotted name relative to the package (``"text"``, ``"render"``, ``"render.guide"``) -> file."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _graph(package: Path) -> dict[str, set[str]]:
    """Module -> the modules it imports. Importing ``render.guide`` from outside
    ``render`` runs ``render/__init__.py`` first: that is an edge too."""
    modules = _modules(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        # The package a relative import starts from: a subpackage's own name for its __init__.
        here = name.split(".") if path.name == "__init__.py" and name != "__init__" else name.split(".")[:-1]
        targets = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                base = here[:len(here) - (node.level - 1)]
                if node.module:  # from .x import y, from ..x import y
                    targets.append(base + node.module.split("."))
                else:  # from . import x: a module, or a name of the package's __init__
                    targets += [base + [a.name] if ".".join(base + [a.name]) in modules else base for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "helpcenter":
                targets.append(node.module.split(".")[1:])
        edges = set()
        for parts in targets:
            while parts and ".".join(parts) not in modules:  # from .x import y where y is a name
                parts = parts[:-1]
            edges.add(".".join(parts) or "__init__")
            for i in range(1, len(parts)):  # the packages it runs on the way, unless they are the importer's own
                if parts[:i] != here[:i]:
                    edges.add(".".join(parts[:i]))
        edges.discard(name)
        graph[name] = edges
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


def test_the_check_sees_the_modules_of_a_subpackage(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "text.py").write_text("from .pages.guide import f\n")
    (tmp_path / "pages" / "__init__.py").write_text("from .guide import f\n")
    (tmp_path / "pages" / "guide.py").write_text("from ..text import g\nfrom . import common\n")
    (tmp_path / "pages" / "common.py").write_text("import json\n")
    graph = _graph(tmp_path)
    assert graph == {"text": {"pages", "pages.guide"}, "pages": {"pages.guide"},
                     "pages.guide": {"text", "pages.common"}, "pages.common": set()}
    assert _cycle(graph) == ["pages", "pages.guide", "text", "pages"]


def test_the_render_package_is_covered():
    graph = _graph(PACKAGE)
    assert {"render", "render.articles", "render.guide", "render.checklists", "render.agents", "render.redirects",
            "render.nav", "render.common", "model"} <= set(graph)
    assert "render.guide" in graph["search"] and "render" in graph["search"]
    # The model is read by every stage and reads none of them: only the language table it
    # carries (locales.Languages), which reads no module of the package.
    assert graph["model"] == {"placeholders", "locales"}
    assert graph["locales"] == set()


def test_the_architecture_module_table_names_every_module():
    """docs/dev/architecture.md's module map (the README's short one: tests/test_readme.py)."""
    readme = (PACKAGE.parent.parent / "docs" / "dev" / "architecture.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip() for line in readme.splitlines() if line.startswith("| `scripts/")}
    named = " ".join(rows)
    missing = [p.relative_to(PACKAGE).as_posix() for p in sorted(PACKAGE.rglob("*.py"))
               if f"scripts/helpcenter/{p.relative_to(PACKAGE).as_posix()}`" not in named
               and f"`{p.relative_to(PACKAGE).as_posix()}`" not in named]
    assert missing == []
    gone = sorted(name for name in re.findall(r"`scripts/helpcenter/([\w/]+\.py)`", named)
                  if not (PACKAGE / name).is_file())
    assert gone == []
