"""Lighthouse 12 on every page type of the built site, in every published language, served by deploy/nginx.conf.

    .venv/bin/python scripts/lighthouse.py [--root .] [--jobs 2]

Serves ROOT/site with nginx and deploy/nginx.conf (as tests/test_nginx.py
does, on a free port of 127.0.0.1), runs Lighthouse (node_modules, pinned in
package.json; mobile, simulated throttling, headless Chromium, no network
beyond 127.0.0.1) once per page type and language, JOBS at a time, and
prints a table of the four category scores. A page whose performance is
below its target is run once more, alone (performance varies with the load
of the machine; the better run counts and the table says it took two).
Lighthouse measures the host's CPU (benchmarkIndex) and itself warns that
performance scores are too low when it is 1000 or less (a host busier or
weaker than the one its throttling is calibrated for): a performance score
measured so is printed with a "*" and is not held against its target.
Exit status 1 if a score is below its target; the table then names the
failing audits of that category. tests/test_lighthouse.py asserts the same.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = Path("node_modules/.bin/lighthouse")
from helpcenter import locales, tools  # noqa: E402

CHROMIUM = tools.find(tools.CHROMIUM) or "chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync --disable-quic")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.99, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
# The agents' desk is noindex on purpose: the SEO category scores exactly that.
EXEMPT = {"agents' desk": ("seo",)}
# Lighthouse's own threshold (core/gather/driver/environment.js): at or below it, it warns
# that the host CPU is slower than its throttling assumes and performance reads too low.
SLOW_HOST_BENCHMARK = 1000


def language_roots(root: Path) -> list[tuple[str, str]]:
    """(code, URL root) of each published language of the help center in ``root``:
    its language table (mkdocs.yml's i18n languages, helpcenter/locales.py)."""
    return [(lang.code, lang.root) for lang in locales.read_table(root / "mkdocs.yml") if not lang.draft]


def page_types(root: Path) -> list[tuple[str, str]]:
    """(page type, path under a language root) of one page of each type the site has."""
    site = root / "site"
    guide = yaml.safe_load((root / "content/decision-tree.yml").read_text(encoding="utf-8"))
    nodes = guide["nodes"]
    question = next(n for n, node in nodes.items() if "question" in node and n != guide["start"])
    outcome = next(n for n, node in nodes.items() if "outcome" in node)
    sheets = sorted(p.parent.name for p in (site / "checklists").glob("*/index.html"))
    article = sheets[0]  # an article with every part, its sheet included
    # The 404 page by its own address: served at a missing address it comes
    # with status 404, which the SEO category fails by definition.
    return [("home", ""), ("article", f"{article}/"), ("checklists index", "checklists/"),
            ("checklist sheet", f"checklists/{article}/"), ("guide first page", "guide/"),
            ("guide question", f"guide/{question}/"), ("guide outcome", f"guide/{outcome}/"),
            ("404", "404.html"), ("agents' desk", "agents/")]


@dataclass
class Result:
    page: str
    lang: str
    url: str
    scores: dict = field(default_factory=dict)
    failing: dict = field(default_factory=dict)  # category -> ids of its audits below 1
    runs: int = 0
    benchmark: float = 0.0  # Lighthouse's benchmarkIndex of the kept run
    error: str = ""

    def slow_host(self) -> bool:
        return 0 < self.benchmark <= SLOW_HOST_BENCHMARK

    def misses(self) -> list[str]:
        """The categories below their target (exemptions aside), or ["run"] if Lighthouse failed."""
        if self.error:
            return ["run"]
        return [c for c in self.below() if not (c == "performance" and self.slow_host())]

    def below(self) -> list[str]:
        """The categories below their target (exemptions aside), whatever the host."""
        return [c for c in CATEGORIES if c not in EXEMPT.get(self.page, ())
                and (self.scores.get(c) is None or self.scores[c] < TARGETS[c])]


def run_lighthouse(url: str, root: Path = ROOT) -> dict:
    """One Lighthouse run on ``url``: its JSON report (raises RuntimeError if it fails)."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": tmp}
        try:
            proc = subprocess.run(
                [str(root / LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                 f"--only-categories={','.join(CATEGORIES)}", "--disable-full-page-screenshot",
                 # Unscored, and what Lighthouse itself skips in headless runs (lr-mobile-config):
                 # it navigates away and back, seconds per run.
                 "--skip-audits=bf-cache", f"--chrome-flags={CHROME_FLAGS}"],
                capture_output=True, text=True, env=env, timeout=300)
        except subprocess.TimeoutExpired:
            _end_browsers_of(tmp)
            raise
        _end_browsers_of(tmp)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse {url}: exit {proc.returncode}: {proc.stderr.strip()[-800:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def _end_browsers_of(tmp: str) -> None:
    """End a Chromium that Lighthouse left behind (its profile is in our ``tmp``; it
    runs detached, so ending Lighthouse does not end it). Only those, by their id."""
    import signal

    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if f"--user-data-dir={tmp}".encode() in cmdline:
            try:
                os.kill(int(proc.name), signal.SIGKILL)
            except OSError:
                pass


def read_report(report: dict) -> tuple[dict, dict, float]:
    """The category scores, per category its scored audits below 1, the host's benchmarkIndex."""
    scores, failing = {}, {}
    for cid, cat in report["categories"].items():
        scores[cid] = cat["score"]
        failing[cid] = [ref["id"] for ref in cat["auditRefs"] if ref.get("weight")
                        and report["audits"][ref["id"]].get("score") is not None
                        and report["audits"][ref["id"]]["score"] < 1]
    if report.get("runtimeError"):
        failing["run"] = [report["runtimeError"].get("code", "runtime error")]
    return scores, failing, report.get("environment", {}).get("benchmarkIndex", 0.0)


def measure(base: str, pages: list[tuple[str, str]], jobs: int = 2, root: Path = ROOT,
            second_try: bool = True) -> list[Result]:
    """Lighthouse on each page type in each language, ``jobs`` at a time; a page below
    its performance target alone is measured once more, alone, and keeps its better run
    (``second_try=False``: not, where performance is printed but not judged)."""
    results = [Result(page, lang, f"{base}/{lang_root}{path}")
               for page, path in pages for lang, lang_root in language_roots(root)]

    def one(result: Result) -> None:
        try:
            scores, failing, benchmark = read_report(run_lighthouse(result.url, root))
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as err:
            result.error = str(err)
            return
        result.runs += 1
        if not result.scores or scores["performance"] > result.scores["performance"]:
            result.scores, result.failing, result.benchmark = scores, failing, benchmark

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, results))
    for result in results:
        if second_try and "performance" in result.below():
            one(result)
    return results


def table(results: list[Result]) -> str:
    """A Markdown table: one row per page and language, the four scores, what fails."""
    head = "| page | lang | " + " | ".join(CATEGORIES) + " | runs | host CPU | below target (failing audits) |"
    lines = [head, "|" + "---|" * (len(CATEGORIES) + 5)]
    for r in results:
        cells = []
        for c in CATEGORIES:
            score = r.scores.get(c)
            text = "-" if score is None else f"{score:.2f}"
            if c == "performance" and r.slow_host() and c in r.below():
                text += "*"
            cells.append(text + (" (exempt)" if c in EXEMPT.get(r.page, ()) else ""))
        misses = r.misses()
        why = r.error[:200] if r.error else "; ".join(f"{c}: {', '.join(r.failing.get(c, [])) or '?'}" for c in misses)
        lines.append(f"| {r.page} | {r.lang} | " + " | ".join(cells) + f" | {r.runs} | {r.benchmark:.0f} | {why or 'none'} |")
    return "\n".join(lines)


def serve(site: Path, port: int, tmp: Path) -> subprocess.Popen:
    """nginx with deploy/nginx.conf serving ``site`` on 127.0.0.1:``port`` (the tests' wrapper)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import start_nginx

    try:
        return start_nginx(site, port, tmp)
    except RuntimeError as exc:
        raise SystemExit(str(exc)) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (its site/ is measured)")
    parser.add_argument("--jobs", type=int, default=2, help="Lighthouse runs at a time (default 2)")
    parser.add_argument("--port", type=int, default=0, help="nginx's port (default: a free one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / "site/index.html").exists():
        print(f"{root / 'site'} holds no built site: run `make site` first", file=sys.stderr)
        return 2
    if not (ROOT / LIGHTHOUSE).exists():
        print("Lighthouse is not installed: run `npm ci --ignore-scripts` (make does)", file=sys.stderr)
        return 2
    port = args.port
    if not port:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="lighthouse-nginx-") as tmp:
        server = serve(root / "site", port, Path(tmp))
        try:
            start = time.monotonic()
            results = measure(f"http://127.0.0.1:{port}", page_types(root), args.jobs, root)
            wall = time.monotonic() - start
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(table(results))
    print(f"\n{len(results)} pages, {sum(r.runs for r in results)} Lighthouse runs, {args.jobs} at a time, "
          f"{wall:.0f} s; targets: " + ", ".join(f"{c} {t:.2f}" for c, t in TARGETS.items())
          + "; the agents' desk is exempt from SEO (noindex)")
    if any(r.slow_host() and "performance" in r.below() for r in results):
        print(f"* measured while Lighthouse found the host CPU too slow (benchmarkIndex <= {SLOW_HOST_BENCHMARK}):"
              " not held against the target; measure again on a quieter machine")
    return 1 if any(r.misses() for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
