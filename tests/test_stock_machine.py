"""`make site` on a stock Debian 12: Debian's own python3 (3.11.2), venv and
make, and none of the programs the checks use.

A fresh copy of the repository (what a clone would hold) is built inside a
mount namespace where chromium, java, node, npm, zbarimg, pdftoppm and nginx
are masked (an empty, non-executable file mounted over each). The build must
publish every page and name each skipped check once; STRICT=1 must refuse.
Then the package is installed the way Python users do (`pip install .`) and
its `helpcenter` command runs.

Needs root (for the mount namespace) and Debian's /usr/bin/python3.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

MASKED = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "java", "node", "nodejs", "npm",
          "zbarimg", "pdftoppm", "pdfinfo", "nginx")
DEBIAN_PYTHON = "/usr/bin/python3"

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="masks programs with a mount namespace: needs root (CI runs as root)"),
    pytest.mark.skipif(not Path(DEBIAN_PYTHON).is_file() or not shutil.which("unshare"),
                       reason="needs Debian's /usr/bin/python3 and unshare (util-linux)"),
]


def fresh_clone(dest: Path) -> Path:
    """The files a clone of this repository would hold (tracked, and new files not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def in_stock_machine(script: str, cwd: Path, tmp: Path) -> subprocess.CompletedProcess:
    """Run ``script`` (sh) with the checks' programs masked and a plain environment."""
    blank = tmp / "masked"
    blank.write_bytes(b"")
    blank.chmod(0o644)
    plain_path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    targets = sorted({os.path.realpath(p) for name in MASKED
                      for p in [shutil.which(name, path=plain_path)] if p})
    mounts = "".join(f"mount --bind {shlex.quote(str(blank))} {shlex.quote(t)} && " for t in targets)
    env = {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run(["unshare", "--mount", "sh", "-c", mounts + script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def stock(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stock")
    repo = fresh_clone(tmp / "repo")
    lenient = in_stock_machine(
        "command -v chromium java npm nginx zbarimg pdftoppm; python3 --version; make site", repo, tmp)
    return tmp, repo, lenient


def test_make_site_publishes_every_page_and_names_each_skipped_check(stock):
    _tmp, repo, run = stock
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-4000:]
    assert "Python 3.11.2" in run.stdout  # Debian 12's own python3, not a newer one
    assert "Traceback" not in out
    skipped = [line for line in out.splitlines() if "skipped: " in line]
    assert len(skipped) == 2, skipped
    assert any("skipped: accessibility check" in line and "Chromium not found" in line
               and "apt-get install chromium" in line and "HELPCENTER_CHROMIUM" in line for line in skipped)
    assert any("skipped: HTML validity check" in line and "Java not found" in line
               and "apt-get install default-jre-headless" in line for line in skipped)
    assert "site built: site/" in run.stdout
    # Every generated page of both languages was published.
    for lang_root in ("", "en/"):
        assert (repo / "site" / lang_root / "index.html").is_file()
        assert (repo / "site" / lang_root / "404.html").is_file()
        articles = sorted(p.stem for p in (repo / "content" / "scenarios").glob("*.yml"))
        for article in articles:
            assert (repo / "site" / lang_root / article / "index.html").is_file(), (lang_root, article)
    # The site check's programs were masked: nothing came from npm.
    assert not (repo / "node_modules").exists()


def test_strict_refuses_and_names_the_missing_programs(stock):
    tmp, repo, _run = stock
    before = (repo / "site" / "index.html").stat().st_mtime_ns
    run = in_stock_machine("make site STRICT=1", repo, tmp)
    out = run.stdout + run.stderr
    assert run.returncode != 0
    assert "Traceback" not in out
    assert "Chromium not found" in out and "Java not found" in out
    assert "site/ was left as it was" in out
    assert (repo / "site" / "index.html").stat().st_mtime_ns == before


def test_ci_true_refuses_like_strict(stock):
    tmp, repo, _run = stock
    run = in_stock_machine("CI=true .venv/bin/python -m helpcenter check-site --no-browser", repo, tmp)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "java: not run (strict, or CI=true: a check may not be skipped): HTML validity check" in run.stderr


def test_pip_install_gives_a_working_helpcenter_command(stock):
    tmp, repo, _run = stock
    venv = tmp / "installed"
    run = in_stock_machine(
        f"python3 -m venv {venv} && {venv}/bin/pip install --quiet --require-hashes --no-deps -r requirements.lock"
        f" && {venv}/bin/pip install --quiet --no-deps . && cd {tmp} && {venv}/bin/helpcenter --help"
        f" && {venv}/bin/helpcenter --root {repo} check", repo, tmp)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("usage: helpcenter ")
    assert "content OK: " in run.stdout
