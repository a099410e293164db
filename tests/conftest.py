"""Shared fixtures: the repository, throw-away copies of it, built sites."""

from __future__ import annotations

import json
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
# The language table of the repository's mkdocs.yml, as the command line reads it once and
# passes down (helpcenter.locales.Languages); LANGUAGES: the codes it builds (drafts left out).
from helpcenter.locales import Languages  # noqa: E402

LANGS = Languages.read(ROOT / "mkdocs.yml")
LANGUAGES = LANGS.built
# Parts of the repository a build needs; everything else stays behind.
REPO_PARTS = ("content", "docs", "overrides", "scripts", "mkdocs.yml")


def pytest_configure(config):
    config.addinivalue_line("markers", "lighthouse: Lighthouse runs on the site served by nginx (minutes; "
                                       "`-m 'not lighthouse'` leaves them out)")


# `make test` hands each worker whole test files (``--dist loadfile``): a file's module-scoped
# fixtures (its builds) are made once. The tests of the files of SPREAD go to the workers one
# by one instead: each takes half a minute or more, or the file is long and its module fixtures
# are cheap (copies, a build without checks), and none depends on another, so that no worker is
# left alone on one long file.
SPREAD = frozenset({
    "tests/test_bad_input.py", "tests/test_editors.py", "tests/test_fuzz_content.py", "tests/test_reuse.py",
    "tests/test_parallel.py", "tests/test_build.py", "tests/test_checks_ahead.py", "tests/test_pages_browser.py",
})
# The files that took a minute or more of a worker (`make test`'s --durations, 2 cores), sent
# first, in this order, so that none of them starts last; then every other file, in order.
FIRST = ("tests/test_fuzz_content.py", "tests/test_editors.py",
         "tests/test_preview.py", "tests/test_reuse.py", "tests/test_pages_browser.py", "tests/test_trio.py",
         "tests/test_parallel.py", "tests/test_csp_browser.py", "tests/test_bad_input.py",
         "tests/test_checks_ahead.py")


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile``, but the tests of the files of SPREAD one by one, and the work in the
    order of the collection (FIRST first: pytest_collection_modifyitems), not by test count."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class FilesAndSpreadTests(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return nodeid if file in SPREAD else file

    config.option.loadscopereorder = False
    return FilesAndSpreadTests(config, log)


def pytest_collection_modifyitems(config, items):
    """The files of FIRST first, in its order; each file's tests in their own order."""
    rank = {file: n for n, file in enumerate(FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(FIRST)))


def _cpu_seconds() -> float:
    """CPU seconds spent so far by this process and every process under it, running or ended
    (what a shared machine's load does not change, unlike --durations' wall time)."""
    import resource

    own = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    stats = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(stat.parent.name)] = (int(fields[1]), sum(int(t) for t in fields[11:15]))
    below, ticks, todo = set(), 0, [os.getpid()]
    while todo:
        parent = todo.pop()
        for pid, (ppid, spent) in stats.items():
            if ppid == parent and pid not in below:
                below.add(pid)
                ticks += spent
                todo.append(pid)
    return own + ticks / os.sysconf("SC_CLK_TCK")


def _collector():
    """The running coverage collector of this process (``make test``), or None."""
    try:
        import coverage
    except ImportError:
        return None
    cov = coverage.Coverage.current()
    return getattr(cov, "_collector", None) if cov else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test that drives Chromium runs with coverage paused in this process: its Python is
    Playwright's (coverage measures scripts/helpcenter only, yet its tracer sees every call,
    about a tenth more CPU for these tests), and the builds and servers it starts are other
    processes, measured as always. Only the test's body: its fixtures (a site built in this
    process, a server) are measured."""
    collector = _collector() if "browser" in item.fixturenames else None
    if collector is None or not hasattr(collector, "pause"):
        return (yield)
    collector.pause()
    try:
        return (yield)
    finally:
        collector.resume()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """HELPCENTER_TEST_CPU=FILE: one line per test, ``CPU-seconds wall-seconds started worker
    nodeid`` (its setup, call and teardown: a module's fixtures count for its first test;
    ``started``: the Unix time it started, to see what ran beside it), appended to FILE."""
    import time

    record = os.environ.get("HELPCENTER_TEST_CPU")
    if not record:
        return (yield)
    start, started = _cpu_seconds(), time.time()
    result = yield
    total, wall = _cpu_seconds() - start, time.time() - started
    worker = os.environ.get("PYTEST_XDIST_WORKER", "-")
    with open(record, "a", encoding="utf-8") as out:
        out.write(f"{total:.2f} {wall:.2f} {started:.2f} {worker} {item.nodeid}\n")
    return result


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


def built_once(tmp_path_factory, config, name: str, build) -> Path:
    """The folder ``build(folder)`` fills, filled once for the whole test session: with
    pytest-xdist, the first worker to ask builds it in the session's shared temporary folder
    while the others wait for it (a file lock), then all read the same folder, which no test
    changes (a test that changes a build works on a copy). ``build`` returns None, or what the
    failed build said: every test asking for it then fails with those words, built once too."""
    import fcntl

    shared = tmp_path_factory.getbasetemp()
    if hasattr(config, "workerinput"):  # an xdist worker: the session's folder is above its own
        shared = shared.parent         # (not PYTEST_XDIST_WORKER: a pytest a test starts inherits it)
    folder, done, failed = shared / name, shared / f"{name}.done", shared / f"{name}.failed"
    with open(shared / f"{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists() and not failed.exists():
            folder.mkdir()
            try:
                error = build(folder)
            except Exception:  # noqa: BLE001 - told to every test that asks, as a failed build is
                import traceback

                error = traceback.format_exc()
            (done if error is None else failed).write_text(error or "", encoding="utf-8")
    if failed.exists():
        pytest.fail(f"building {name} failed:\n" + failed.read_text(encoding="utf-8"), pytrace=False)
    return folder


@pytest.fixture
def repo(tmp_path) -> Path:
    """A private copy of the repository that a test may break."""
    return copy_repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, pytestconfig) -> Path:
    """The real content (CONTENT), built once for the session by ``python -m helpcenter build``
    (or the site HELPCENTER_TEST_SITE names, already built from CONTENT by the caller)."""
    if os.environ.get("HELPCENTER_TEST_SITE"):
        return Path(os.environ["HELPCENTER_TEST_SITE"])

    def build(folder: Path) -> str | None:
        root = copy_repo(folder / "repo")
        result = run_cli(root, "build")
        (folder / "build.stdout").write_text(result.stdout, encoding="utf-8")
        return None if result.returncode == 0 else result.stdout + result.stderr

    return built_once(tmp_path_factory, pytestconfig, "built", build) / "repo" / "site"


def site_check_summary(built_site: Path) -> str:
    """The line the build of ``built_site`` ended its site check with (every check run)."""
    said = (built_site.parent.parent / "build.stdout").read_text(encoding="utf-8")
    return next(line for line in said.splitlines() if line.startswith("site check: "))


MINI = Path(__file__).parent / "fixtures" / "mini" / "content"


def fixture_repo(dest: Path) -> Path:
    """A buildable copy of the repository whose content/ is the fixture help center
    (tests/fixtures/mini/content): made-up words that no editor changes."""
    root = copy_repo(dest)
    shutil.rmtree(root / "content")
    shutil.copytree(MINI, root / "content")
    return root


@pytest.fixture(scope="session")
def mini_build(tmp_path_factory, pytestconfig) -> Path:
    """The fixture help center built once for the session; the repository copy's root.
    Tests that change it work on a copy (its site/ is shared)."""
    def build(folder: Path) -> str | None:
        root = fixture_repo(folder / "repo")
        result = run_cli(root, "build")
        return None if result.returncode == 0 else result.stdout + result.stderr

    return built_once(tmp_path_factory, pytestconfig, "mini-built", build) / "repo"


def fill_scaffold(scaffold: str, texts: list[tuple[str, str]], step_id: str, neighbour: str) -> str:
    """A `new-article` scaffold filled as EDITING.md says: each TODO text, French then English
    (``texts`` in order), then the step's id, the neighbouring article and the day checked."""
    import re
    pairs, lines, pending = iter(texts), [], None
    for line in scaffold.splitlines(keepends=True):
        if re.search(r'^\s*(- )?fr: "TODO', line):
            pending = next(pairs)
            line = re.sub(r'"TODO[^"]*"', json.dumps(pending[0], ensure_ascii=False), line)
        elif re.search(r'^\s*en: "TODO', line):
            line = re.sub(r'"TODO[^"]*"', json.dumps(pending[1], ensure_ascii=False), line)
        lines.append(line)
    text = "".join(lines).replace("  - id: TODO", f"  - id: {step_id}")
    text = text.replace("  - scenario: TODO", f"  - scenario: {neighbour}")
    return text.replace("checked: TODO", "checked: 2026-11-29")  # the day the editor checked the article


@pytest.fixture(scope="module")
def mini_nginx(mini_build, tmp_path_factory) -> str:
    """The fixture help center's built site served by nginx (deploy/nginx.conf): its address."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = start_nginx(mini_build / "site", port, tmp_path_factory.mktemp("nginx-mini"))
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


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
    """The built site served over HTTP on 127.0.0.1 (a static server, like production; a page
    closed mid-request is no error: the site check's own server, ``a11ycheck.serve``)."""
    from helpcenter.a11ycheck import serve

    with serve(built_site) as url:
        yield url


def read_once(tmp_path_factory, config, name: str, read) -> dict:
    """What ``read()`` returned (plain data: a walk's record), read once for the session: with
    pytest-xdist a file's tests go to the workers one by one, and the first worker to ask reads
    while the others wait for its record (built_once), instead of each walking again."""
    def record(folder):
        (folder / "record.json").write_text(json.dumps(read()), encoding="utf-8")

    return json.loads((built_once(tmp_path_factory, config, name, record) / "record.json").read_text(encoding="utf-8"))


# `visible(element)` in a page, for the walks that read many facts in one `evaluate`: what
# Playwright's `:visible` and `is_visible()` mean (its documentation: a non-empty box, and not
# `visibility: hidden`; not visible under `display: none`), with an element that has no box
# of its own (`display: contents`) seen through what it holds.
VISIBLE_JS = """
const hasArea = rect => rect.width > 0 && rect.height > 0;
const textArea = node => { const range = document.createRange(); range.selectNode(node);
                           return hasArea(range.getBoundingClientRect()); };
const visible = element => {
  const style = getComputedStyle(element);
  if (style.display === "contents")
    return [...element.childNodes].some(node => node.nodeType === Node.ELEMENT_NODE ? visible(node)
                                                : node.nodeType === Node.TEXT_NODE && textArea(node));
  return element.checkVisibility() && style.visibility === "visible" && hasArea(element.getBoundingClientRect());
};
"""


class Browser:
    """Playwright's browser, whose new contexts block service workers unless a test asks for
    them (``service_workers="allow"``: the offline tests, and those of requests and of the
    CSP). Each fresh context's first page would install the offline copy (sw.js) and fetch
    its language's home, guide and search, up to a megabyte: about 0.3 CPU-s and half a
    second per context, for tests that never look at it."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("service_workers", "block")
        return self._browser.new_context(**options)

    def new_page(self, **options):
        options.setdefault("service_workers", "block")
        return self._browser.new_page(**options)

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser); its
    contexts block service workers unless asked (``Browser``)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM:
        pytest.fail("Chromium is missing: " + tools.Missing(tools.CHROMIUM).line() + " (make test installs it as root)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield Browser(b)
        b.close()


def _watched_page(browser, **options):
    context = browser.new_context(**options)
    pg = context.new_page()
    pg.requests_seen = []
    pg.on("request", lambda r: pg.requests_seen.append(r.url))
    return context, pg


@pytest.fixture
def page(browser):
    """A page of a fresh context (service workers blocked); ``page.requests_seen``: its requests."""
    context, pg = _watched_page(browser)
    yield pg
    context.close()


@pytest.fixture
def page_with_sw(browser):
    """The same, its pages installing the offline copy as a reader's do."""
    context, pg = _watched_page(browser, service_workers="allow")
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
