"""Shared fixtures: the repository, throw-away copies of it, built sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The content the tests of the real help center read: content/, or another
# copy of it (HELPCENTER_TEST_CONTENT=/path/to/content), as the editors' tests
# do to run the rules on edited content. Golden files never come from it.
CONTENT = Path(os.environ.get("HELPCENTER_TEST_CONTENT") or ROOT / "content").resolve()
# Parts of the repository a build needs; everything else stays behind.
REPO_PARTS = ("content", "docs", "overrides", "scripts", "mkdocs.yml")


def pytest_configure(config):
    config.addinivalue_line("markers", "lighthouse: Lighthouse runs on the site served by nginx (minutes; "
                                       "`-m 'not lighthouse'` leaves them out)")


def copy_repo(dest: Path) -> Path:
    """A copy of the repository's buildable parts in ``dest``, generated pages excluded."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in REPO_PARTS:
        src = CONTENT if part == "content" else ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, dest / part)
    # Start from the hand-written docs only, as a fresh clone would.
    from helpcenter.output import is_generated

    for path in (dest / "docs").rglob("*"):
        if path.is_file() and (is_generated(path) or path.name == ".gitignore"):
            path.unlink()
    # A fresh clone has no docs/<lang>/ until the first generation: make the
    # folders a hand-written page goes into exist, as after any build.
    from helpcenter import LANGUAGES

    for lang in LANGUAGES:
        (dest / "docs" / lang).mkdir(parents=True, exist_ok=True)
    return dest


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line of ``path`` containing ``needle``: content and
    fixtures grow, so tests name a line by what it holds, not by its number."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def run_content_rules(content: Path, site: Path, *tests: str) -> subprocess.CompletedProcess:
    """The rules that hold for any good content (tests/test_content_rules.py, and ``tests``),
    run by pytest on ``content`` and its already built ``site`` instead of content/."""
    env = {**os.environ, "HELPCENTER_TEST_CONTENT": str(content), "HELPCENTER_TEST_SITE": str(site)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_content_rules.py", *tests],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def messages(stderr: str) -> str:
    """What a command said on stderr, less its progress lines (``[  1.2 s] ...``)."""
    import re

    return "".join(line for line in stderr.splitlines(keepends=True) if not re.match(r"\[ *\d+\.\d s\] ", line))


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m helpcenter --root ROOT ARGS`` as an editor would run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "helpcenter", "--root", str(root), *args],
                          capture_output=True, text=True, env=env, cwd=root)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A private copy of the repository that a test may break."""
    return copy_repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content (CONTENT), built once for the session by ``python -m helpcenter build``
    (or the site HELPCENTER_TEST_SITE names, already built from CONTENT by the caller)."""
    if os.environ.get("HELPCENTER_TEST_SITE"):
        return Path(os.environ["HELPCENTER_TEST_SITE"])
    root = copy_repo(tmp_path_factory.mktemp("built") / "repo")
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


MINI = Path(__file__).parent / "fixtures" / "mini" / "content"


def fixture_repo(dest: Path) -> Path:
    """A buildable copy of the repository whose content/ is the fixture help center
    (tests/fixtures/mini/content): made-up words that no editor changes."""
    root = copy_repo(dest)
    shutil.rmtree(root / "content")
    shutil.copytree(MINI, root / "content")
    return root


@pytest.fixture(scope="session")
def mini_build(tmp_path_factory) -> Path:
    """The fixture help center built once for the session; the repository copy's root.
    Tests that change it work on a copy (its site/ is shared)."""
    root = fixture_repo(tmp_path_factory.mktemp("mini-built") / "repo")
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture
def site(mini_build, tmp_path) -> Path:
    """A copy of the fixture help center's built site, for a test to break."""
    copy = tmp_path / "site"
    shutil.copytree(mini_build / "site", copy)
    return copy


from helpcenter import tools  # noqa: E402
from helpcenter.a11ycheck import CHROMIUM_ARGS  # noqa: E402,F401  (tests launch Chromium as the check does)

CHROMIUM = tools.find(tools.CHROMIUM)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over HTTP on 127.0.0.1 (a static server, like production)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM:
        pytest.fail("Chromium is missing: " + tools.Missing(tools.CHROMIUM).line() + " (make test installs it as root)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.requests_seen = []
    pg.on("request", lambda r: pg.requests_seen.append(r.url))
    yield pg
    context.close()


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(site: Path, port: int, tmp: Path) -> str:
    """deploy/nginx.conf as shipped, listening on 127.0.0.1:port and serving ``site``.

    Wrapped in the few lines a test needs (no daemon, pid and logs in ``tmp``).
    """
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "listen 80;" in server and "root /srv/helpcenter/site;" in server
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/helpcenter/site;", f"root {site};")
    temp_paths = " ".join(f"{kind}_temp_path {tmp}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, workers would run as nobody, who cannot read pytest's private tmp.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}daemon off;\nworker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
            f"events {{ worker_connections 64; }}\n"
            f"http {{\ninclude /etc/nginx/mime.types;\ndefault_type application/octet-stream;\n"
            f"access_log {tmp}/access.log;\n{temp_paths}\n{server}\n}}\n")


def start_nginx(site: Path, port: int, tmp: Path) -> subprocess.Popen:
    """nginx with deploy/nginx.conf serving ``site`` on 127.0.0.1:``port``, once it answers
    (the tests' fixture and scripts/lighthouse.py). RuntimeError with nginx's words if it does not."""
    import socket
    import time

    conf = tmp / "nginx.conf"
    conf.write_text(nginx_config(Path(site).resolve(), port, tmp), encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp), "-e", str(tmp / "error.log")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log = (tmp / "error.log").read_text() if (tmp / "error.log").exists() else ""
                raise RuntimeError(f"nginx did not start: {proc.communicate()[0].decode()}{log}") from None
            time.sleep(0.05)


@pytest.fixture(scope="session")
def nginx_url(built_site, tmp_path_factory):
    """The built site served by nginx with deploy/nginx.conf, on a free port of 127.0.0.1."""
    import socket

    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: install the Debian package nginx (.ci/run does)")
    tmp = tmp_path_factory.mktemp("nginx")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        proc = start_nginx(built_site, port, tmp)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)
