"""One build at a time, and a build stopped at any point loses nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli
from helpcenter import publish


def _site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_a_build_stopped_between_the_two_renames_gets_its_site_back(tmp_path):
    # site/ was renamed away, the new one not yet renamed in: the process was killed.
    _site(tmp_path / ".site-old-abc" / "site", "last good")
    _site(tmp_path / ".site-new-def", "half built")
    done = publish.recover(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "last good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert done[0] == "site/ put back from .site-old-abc/ (a build was stopped while publishing)"
    assert sorted(done[1:]) == ["removed .site-new-def/, left by a build that was stopped",
                                "removed .site-old-abc/, left by a build that was stopped"]


def test_leftovers_beside_a_whole_site_are_removed_and_the_site_kept(tmp_path):
    _site(tmp_path / "site", "current")
    _site(tmp_path / ".site-new-x", "stopped while building")
    _site(tmp_path / ".site-old-y" / "site", "older")
    publish.recover(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "current"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_in_replaces_the_site_whole(tmp_path):
    _site(tmp_path / "site", "old")
    publish.swap_in(_site(tmp_path / ".site-new-1", "new"), tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_lock_refuses_a_second_holder_and_names_the_first(tmp_path):
    with publish.build_lock(tmp_path):
        holder = subprocess.run(
            [sys.executable, "-c", "import sys; from pathlib import Path; from helpcenter import publish\n"
             "try:\n    publish.build_lock(Path(sys.argv[1])).__enter__()\nexcept publish.Busy as b:\n"
             "    print(b); sys.exit(3)", str(tmp_path)], capture_output=True, text=True)
        assert holder.returncode == 3
        assert holder.stdout.strip() == f"pid {os.getpid()}"
    with publish.build_lock(tmp_path):  # released: taken again at once
        pass


# What these tests look at is site/ and the folders beside it, not the checks: the checks that
# need a browser and Java are skipped (with their line; CI="" lets them be).
WITHOUT_CHECKS = {"NO_MKDOCS_2_WARNING": "1", "CI": "",
                  "HELPCENTER_CHROMIUM": "/nonexistent/chromium", "HELPCENTER_JAVA": "/nonexistent/java"}


@pytest.fixture
def repo_built(mini_build, tmp_path, monkeypatch):
    """A copy of the fixture help center as its first build left it (site/ published)."""
    for name, value in WITHOUT_CHECKS.items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "repo"
    shutil.copytree(mini_build, root, symlinks=True)
    return root


def test_a_second_build_while_one_runs_stops_at_once(repo_built):
    root = repo_built
    before = (root / "site" / "index.html").read_bytes()
    with publish.build_lock(root):  # as a running build holds it
        start = time.monotonic()
        second = run_cli(root, "build")
        took = time.monotonic() - start
    assert second.returncode == 1
    assert second.stderr == (f"another build is running in {root} (pid {os.getpid()}): wait for it to finish, "
                             "then run this one again; site/ was left as it was.\n")
    assert took < 20  # it did not build first
    assert (root / "site" / "index.html").read_bytes() == before


def _files(site: Path) -> dict:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


# Killed when the build says it reached a stage (its progress lines on stderr), not after
# some seconds: the same point on a loaded machine as on an idle one.
@pytest.mark.parametrize("stage", ["mkdocs: building", "checking the site"])
def test_a_build_killed_midway_leaves_the_site_whole_and_the_next_one_cleans_up(repo_built, stage):
    root = repo_built
    # An edit, so that the build killed would have published other bytes.
    alpha = root / "content" / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace('"Titre alpha"', '"Titre alpha changé"'),
                     encoding="utf-8")
    before = _files(root / "site")
    build = subprocess.Popen([sys.executable, "-m", "helpcenter", "--root", str(root), "build"], cwd=root,
                             env=os.environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    said = []
    for line in build.stderr:
        said.append(line)
        if stage in line:
            os.killpg(build.pid, signal.SIGKILL)
            break
    build.wait()
    build.stderr.close()
    assert stage in said[-1], "".join(said)  # killed there, not finished
    assert _files(root / "site") == before
    again = run_cli(root, "build")
    assert again.returncode == 0, again.stderr
    assert not list(root.glob(".site-new-*")) and not list(root.glob(".site-old-*"))
    assert "Titre alpha changé" in (root / "site" / "alpha" / "index.html").read_text(encoding="utf-8")
