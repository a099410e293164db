"""The README a newcomer reads stays short and true to the code.

- It is under 15,000 bytes: the history and the details live in docs/dev/.
- Its module map lists every module of scripts/helpcenter/ (render/ too) and
  the hook files mkdocs.yml names (none: the plugin is a module of the package),
  each exactly once, in stage order.
  An ``__init__.py`` is a module of the map when it holds anything beyond
  its docstring (render's does: ``render_site``); one that holds only its
  docstring is left out (the package's: the language table is a value passed
  down, ``locales.Languages``, not a name of the package).
- Every file it links (docs/dev/ pages, the screenshot, EDITING.md) exists,
  and every docs/dev/ page is linked from it.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SCRIPTS = ROOT / "scripts"
PACKAGE = SCRIPTS / "helpcenter"
DEV = ROOT / "docs" / "dev"

MAX_BYTES = 15_000
# The stages in the order a build runs them (docs/dev/architecture.md), then the tools.
STAGES = ("load", "model", "validate", "render", "build", "finish", "site check", "publish", "tools")
ROW = re.compile(r"^\| ([a-z ]+) \| `([\w/]+\.py)` \| [^|]+ \|$")


def section(text: str, title: str) -> str:
    """The body of the ``## title`` section of ``text``."""
    head = f"\n## {title}\n"
    assert head in text, f"README.md has no '## {title}' section"
    return text.split(head, 1)[1].split("\n## ", 1)[0]


def module_rows(text: str) -> list[tuple[str, str]]:
    """(stage, module path under scripts/) of each row of the module map, in order.
    A table line that is not a well-formed row is an error, never skipped."""
    rows = []
    lines = [line for line in section(text, "Module map").splitlines() if line.startswith("|")]
    assert lines[:2] == ["| stage | module | what it does |", "|---|---|---|"], lines[:2]
    for line in lines[2:]:
        match = ROW.match(line)
        assert match, f"not a module map row (| stage | `path.py` | words |): {line!r}"
        rows.append((match.group(1), match.group(2)))
    return rows


def has_code(path: Path) -> bool:
    """True if the module holds anything beyond its docstring."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return any(not (isinstance(node, ast.ImportFrom) and node.module == "__future__") for node in body)


def hook_files(mkdocs_yml: Path) -> set[str]:
    """The hook files mkdocs.yml names, as paths under scripts/."""
    class Loader(yaml.SafeLoader):  # MkDocs' own tags (!ENV...) read as nothing
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    hooks = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=Loader).get("hooks") or []
    assert all(h.startswith("scripts/") for h in hooks), hooks
    return {h.removeprefix("scripts/") for h in hooks}


def code_modules(package: Path, mkdocs_yml: Path) -> set[str]:
    """Every module the map must list, as paths under scripts/."""
    found = {f"{package.name}/{p.relative_to(package).as_posix()}" for p in package.rglob("*.py")
             if p.name != "__init__.py" or has_code(p)}
    return found | hook_files(mkdocs_yml)


def map_problems(rows: list[tuple[str, str]], modules: set[str]) -> list[str]:
    """What is wrong with the module map ``rows`` for the code's ``modules``."""
    problems = [f"unknown stage {stage!r} for {path} (one of {', '.join(STAGES)})"
                for stage, path in rows if stage not in STAGES]
    listed = Counter(path for _stage, path in rows)
    problems += [f"listed {n} times: {path}" for path, n in sorted(listed.items()) if n > 1]
    problems += [f"missing from the map: {path}" for path in sorted(modules - set(listed))]
    problems += [f"in the map, not in the code: {path}" for path in sorted(set(listed) - modules)]
    order = [STAGES.index(stage) for stage, _path in rows if stage in STAGES]
    problems += [f"out of stage order: {rows[i + 1][1]} ({rows[i + 1][0]}) after {rows[i][1]} ({rows[i][0]})"
                 for i in range(len(order) - 1) if order[i + 1] < order[i]]
    return problems


def test_the_readme_is_under_15000_bytes():
    size = README.stat().st_size
    assert size < MAX_BYTES, f"README.md is {size} bytes: move details into docs/dev/"


def test_the_module_map_lists_every_module_once_in_stage_order():
    rows = module_rows(README.read_text(encoding="utf-8"))
    assert map_problems(rows, code_modules(PACKAGE, ROOT / "mkdocs.yml")) == []


def test_the_map_covers_the_package_and_render_and_the_plugin():
    modules = code_modules(PACKAGE, ROOT / "mkdocs.yml")
    assert {"helpcenter/load.py", "helpcenter/__main__.py", "helpcenter/render/__init__.py",
            "helpcenter/render/guide.py", "helpcenter/plugin.py"} <= modules
    assert "helpcenter/__init__.py" not in modules  # its docstring only
    assert hook_files(ROOT / "mkdocs.yml") == set()  # no hook: the plugin helpcenter
    assert not any("__pycache__" in m or not m.endswith(".py") for m in modules)


def test_map_problems_names_each_mistake(tmp_path):
    package = tmp_path / "helpcenter"
    (package / "render").mkdir(parents=True)
    (package / "__init__.py").write_text('"""Only a docstring."""\nfrom __future__ import annotations\n')
    (package / "load.py").write_text("")
    (package / "publish.py").write_text("")
    (package / "render" / "__init__.py").write_text('"""Doc."""\nfrom .a import f\n')
    (package / "render" / "a.py").write_text("")
    (tmp_path / "mkdocs.yml").write_text("site_url: !ENV X\nhooks:\n  - scripts/hook.py\n")
    modules = code_modules(package, tmp_path / "mkdocs.yml")
    assert modules == {"helpcenter/load.py", "helpcenter/publish.py", "helpcenter/render/__init__.py",
                       "helpcenter/render/a.py", "hook.py"}
    good = [("load", "helpcenter/load.py"), ("render", "helpcenter/render/__init__.py"),
            ("render", "helpcenter/render/a.py"), ("build", "hook.py"), ("publish", "helpcenter/publish.py")]
    assert map_problems(good, modules) == []
    bad = [("load", "helpcenter/load.py"), ("publish", "helpcenter/publish.py"), ("render", "helpcenter/render/a.py"),
           ("render", "helpcenter/render/a.py"), ("build", "helpcenter/gone.py"), ("merge", "hook.py")]
    assert map_problems(bad, modules) == [
        "unknown stage 'merge' for hook.py (one of load, model, validate, render, build, finish, site check, publish, tools)",
        "listed 2 times: helpcenter/render/a.py",
        "missing from the map: helpcenter/render/__init__.py",
        "in the map, not in the code: helpcenter/gone.py",
        "out of stage order: helpcenter/render/a.py (render) after helpcenter/publish.py (publish)",
    ]


def test_module_rows_refuses_a_malformed_row():
    text = "# T\n\n## Module map\n\n| stage | module | what it does |\n|---|---|---|\n| load | load.py | no backticks |\n"
    try:
        module_rows(text)
    except AssertionError as refused:
        assert "not a module map row" in str(refused)
    else:
        raise AssertionError("a row without a backticked path was accepted")


def _relative_links(text: str) -> list[str]:
    """The targets of the Markdown links and images of ``text`` that are files of this repository
    (code blocks and `code` spans are not links)."""
    prose = re.sub(r"`[^`]*`", "", re.sub(r"^```.*?^```", "", text, flags=re.S | re.M))
    targets = re.findall(r"\]\(([^)\s]+)\)", prose)
    return [t.split("#", 1)[0] for t in targets if not re.match(r"[a-z]+:", t) and not t.startswith("#")]


def test_every_file_the_readme_links_exists():
    links = _relative_links(README.read_text(encoding="utf-8"))
    assert any(link.startswith("docs/dev/") and link.endswith(".md") for link in links)
    missing = sorted({link for link in links if not (ROOT / link).is_file()})
    assert missing == []


def test_every_docs_dev_page_is_linked_from_the_readme():
    links = set(_relative_links(README.read_text(encoding="utf-8")))
    pages = {p.relative_to(ROOT).as_posix() for p in DEV.glob("*.md")}
    assert pages, "docs/dev/ has no page"
    assert sorted(pages - links) == []


def test_the_dev_pages_link_only_files_that_exist():
    missing = sorted(f"{page.name}: {link}" for page in DEV.glob("*.md")
                     for link in _relative_links(page.read_text(encoding="utf-8"))
                     if link and not (page.parent / link).exists())
    assert missing == []
