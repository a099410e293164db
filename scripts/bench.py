"""Benchmark: our pipeline against plain MkDocs + Material + static-i18n, at 10, 100, 1000 articles.

    python scripts/bench.py [--sizes 10 100 1000] [--out bench-results]

For each size it synthesises realistic bilingual content (steps, labels,
figures, cross-links), then measures our stages one by one, our whole
`python -m helpcenter build`, and the same pages as plain Markdown built by
bare MkDocs with default settings (what a team would use without us).
Figures go to stdout and to <out>/results.md (not committed). The last line
is `ratio_vs_baseline_1000: <baseline wall time / our wall time>`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from helpcenter import LANGUAGES  # noqa: E402
from helpcenter.output import write_pages  # noqa: E402
from helpcenter.pipeline import read_site_url  # noqa: E402
from helpcenter.render import render_site  # noqa: E402
from helpcenter.sitecheck import check_site  # noqa: E402
from helpcenter.validate import load_content  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FR_WORDS = ("commande vendeur paiement remboursement délai colis annulation suivi message coupon "
            "protection litige compte livraison article adresse boutique").split()
EN_WORDS = ("order seller payment refund delay parcel cancellation tracking message coupon "
            "protection dispute account delivery item address store").split()


def _sentence(words, i, n):
    return " ".join(words[(i * 7 + k * 3) % len(words)] for k in range(n)).capitalize()


def _text(i, n, extra_fr="", extra_en=""):
    fr = (_sentence(FR_WORDS, i, n) + extra_fr + ".").replace('"', "")
    en = (_sentence(EN_WORDS, i, n) + extra_en + ".").replace('"', "")
    return f'{{fr: "{fr}", en: "{en}"}}'


def synthesise(repo: Path, size: int) -> None:
    """Replace repo/content/scenarios with ``size`` articles linked to their neighbours."""
    scenarios = repo / "content" / "scenarios"
    shutil.rmtree(scenarios)
    # The readers' questions name the real articles, which are gone.
    (repo / "content" / "search-queries.yml").unlink(missing_ok=True)
    scenarios.mkdir()
    sections = ["before-shipping", "after-shipping", "cancelled-for-you", "money-and-help"]
    ids = [f"case-{i:04d}" for i in range(size)]
    for i, sid in enumerate(ids):
        nxt, prev = ids[(i + 1) % size], ids[(i - 1) % size]
        lines = [
            f"id: {sid}", f"section: {sections[i % 4]}", f"order: {i}",
            f"title: {_text(i, 7)}", f"short_title: {_text(i, 3)}",
            f"summary: {_text(i + 1, 30, ' {fact:seller-response-window}', ' {fact:seller-response-window}')}",
            "applies_when:", f"  - {_text(i + 2, 12)}", f"  - {_text(i + 3, 10)}",
            "steps:",
        ]
        for k in range(5):
            lines += [f"  - id: step-{k}",
                      f"    text: {_text(i + k, 18, ' {ui:my-orders}', ' {ui:my-orders}')}"]
        lines += [f"    note: {_text(i, 14, ' {link:' + nxt + '}', ' {link:' + nxt + '}')}",
                  "after:", f"  - {_text(i + 4, 20, ' {fact:refund-start-delay}', ' {fact:refund-start-delay}')}",
                  f"  - {_text(i + 5, 16)}", f"  - {_text(i + 6, 16)}",
                  "details:", "  - id: more", f"    title: {_text(i, 4)}", "    paragraphs:",
                  f"      - {_text(i + 7, 40)}", f"      - {_text(i + 8, 35)}",
                  "not_your_case:",
                  f"  - scenario: {nxt}", f"    when: {_text(i + 9, 8)}",
                  f"  - scenario: {prev}", f"    when: {_text(i + 10, 8)}",
                  "related:", f"  - {ids[(i + 2) % size]}", f"  - {ids[(i + 3) % size]}",
                  f"agent_reply: {_text(i, 25, ' {url:' + sid + '}', ' {url:' + sid + '}')}",
                  "checked: 2026-11-01", "checklist:"] + [f"  - {_text(i + k, 9)}" for k in range(6)]
        (scenarios / f"{sid}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    synthesise_tree(repo, ids)


def synthesise_tree(repo: Path, ids: list[str]) -> None:
    """A decision tree reaching every article: questions of up to 8 answers, layered up to one start."""
    lines = ['title: {fr: "Guide", en: "Guide"}', 'intro: {fr: "Quelques questions.", en: "A few questions."}', "nodes:"]
    level = []
    for i, sid in enumerate(ids):
        lines += [f"  to-{sid}:", f"    outcome: {sid}", f"    verdict: {_text(i, 8)}"]
        level.append(f"to-{sid}")
    depth = 0
    while len(level) > 1 or depth == 0:
        depth += 1
        parents = []
        for k in range(0, len(level), 8):
            qid = f"q{depth}-{k // 8}"
            lines += [f"  {qid}:", f"    question: {_text(k, 6, ' ?', '?')}", "    answers:"]
            for j, child in enumerate(level[k:k + 8]):
                lines += [f"      - answer: {_text(k + j, 5)}", f"        next: {child}"]
            if len(level[k:k + 8]) == 1:  # a question needs two answers
                lines += [f"      - answer: {_text(k + 1, 5)}", f"        next: {level[k]}"]
            parents.append(qid)
        level = parents
    lines.insert(2, f"start: {level[0]}")
    (repo / "content" / "decision-tree.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def copy_repo(dest: Path) -> Path:
    for part in ("content", "docs", "overrides", "scripts", "mkdocs.yml"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    from helpcenter.output import is_generated

    for path in (dest / "docs").rglob("*"):
        if path.is_file() and (is_generated(path) or path.name == ".gitignore"):
            path.unlink()
    return dest


def run(cmd, cwd) -> tuple[float, float]:
    """Run ``cmd``; return (wall seconds, peak memory of the process in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{proc.stderr.read().decode()[-3000:]}")
    return wall, usage.ru_maxrss / 1024


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def search_sizes(site: Path) -> dict:
    """Bytes of the search index each language's pages load, and the entries it holds per language."""
    out = {}
    for lang in LANGUAGES:
        root = site if lang == LANGUAGES[0] else site / lang
        index = root / "search" / "search_index.json"
        if not index.exists():
            index = site / "search" / "search_index.json"
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        out[lang] = (index.stat().st_size, len(docs))
    return out


def baseline(workdir: Path, docs: Path) -> float:
    """The same pages as plain Markdown, built by bare MkDocs + Material + static-i18n, default settings."""
    base = workdir / "baseline"
    (base / "docs").mkdir(parents=True)
    for lang in LANGUAGES:
        shutil.copytree(docs / lang, base / "docs" / lang, ignore=shutil.ignore_patterns(".gitignore", "agents"))
    (base / "mkdocs.yml").write_text(
        "site_name: Baseline\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - locale: fr\n          default: true\n          name: Français\n"
        "        - locale: en\n          name: English\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - admonition\n", encoding="utf-8")
    wall, _mem = run([sys.executable, "-m", "mkdocs", "build", "-q"], base)
    return wall


def measure(size: int, workdir: Path) -> dict:
    repo = copy_repo(workdir / "repo")
    synthesise(repo, size)
    site_url = read_site_url(repo / "mkdocs.yml")
    r: dict = {"size": size}

    t = time.perf_counter()
    content = load_content(repo / "content")
    r["load_validate_s"] = time.perf_counter() - t
    content.site_url = site_url
    t = time.perf_counter()
    pages = render_site(content)
    r["render_s"] = time.perf_counter() - t
    t = time.perf_counter()
    write_pages(repo / "docs", pages)
    r["write_s"] = time.perf_counter() - t

    r["generate_cli_s"], r["generate_mb"] = run([sys.executable, "-m", "helpcenter", "generate"], repo)
    r["mkdocs_s"], r["mkdocs_mb"] = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"], repo)
    t = time.perf_counter()
    problems = check_site(repo / "site", sorted(pages), site_url)
    r["check_s"] = time.perf_counter() - t
    if problems:
        raise SystemExit(f"site check failed at size {size}: {problems[:3]}")
    t = time.perf_counter()
    from helpcenter import htmlcheck

    htmlcheck.finish(htmlcheck.start(repo / "site"), repo / "site")
    r["vnu_s"] = time.perf_counter() - t
    # Our pipeline: generate (its own process), mkdocs build, the structural site
    # check. The HTML checker (above) and axe (a fixed 16 pages, about 30 s) are
    # reported apart: the baseline validates nothing.
    r["pipeline_s"] = r["generate_cli_s"] + r["mkdocs_s"] + r["check_s"]
    r["pipeline_mb"] = r["generate_mb"]
    r["output_mb"] = dir_size(repo / "site") / 1e6
    r["search"] = search_sizes(repo / "site")
    article = next(iter(content.scenarios))
    r["article_html_kb"] = (repo / "site" / article / "index.html").stat().st_size / 1024
    print(f"size {size}: ours measured (pipeline {r['pipeline_s']:.1f} s, mkdocs {r['mkdocs_s']:.1f} s); "
          "building the baseline...", flush=True)
    r["baseline_s"] = baseline(workdir, repo / "docs")
    r["ours_stages_s"] = r["load_validate_s"] + r["render_s"] + r["write_s"] + r["check_s"]
    r["ratio"] = r["baseline_s"] / r["pipeline_s"]
    return r


def serve_latency(workdir: Path, trials: int = 5) -> list[float]:
    """Seconds from saving an edited article (real content) to `mkdocs serve` sending the new text."""
    import socket
    import urllib.request

    repo = copy_repo(workdir / "serve")
    subprocess.run([sys.executable, "-m", "helpcenter", "generate"], cwd=repo, env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=repo, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/shipped-order/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(token: str, limit: float = 60) -> float:
        start = time.perf_counter()
        while token not in page():
            if time.perf_counter() - start > limit:
                raise SystemExit(f"mkdocs serve did not show {token!r} within {limit} s")
            time.sleep(0.02)
        return time.perf_counter() - start

    source = repo / "content" / "scenarios" / "shipped-order.yml"
    original = source.read_text(encoding="utf-8")
    times = []
    try:
        wait_for("</html>", 120)
        time.sleep(1.5)  # let the first build settle
        for n in range(trials):
            token = f"Mesure{n}x"
            edited = original.replace("vous ne pouvez plus l'annuler", f"vous ne pouvez plus l'annuler ({token})", 1)
            assert edited != original, "the sentence to edit is gone from shipped-order.yml"
            start = time.perf_counter()
            source.write_text(edited, encoding="utf-8")
            wait_for(token)
            times.append(time.perf_counter() - start)
            time.sleep(1.5)
    finally:
        server.terminate()
        server.wait(10)
    return times


def reader_side(workdir: Path) -> dict:
    """What a reader downloads for an article of the real content: HTML, our CSS and JS (bytes, and gzipped)."""
    import gzip

    repo = copy_repo(workdir / "reader")
    run([sys.executable, "-m", "helpcenter", "generate"], repo)
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"], repo)
    site = repo / "site"

    def size(paths) -> tuple[float, float]:
        data = [p.read_bytes() for p in paths]
        return sum(map(len, data)) / 1024, sum(len(gzip.compress(d, 9)) for d in data) / 1024

    ours = ROOT / "docs" / "assets"
    return {"article_html": size([site / "shipped-order" / "index.html"]),
            "our_js": size(sorted(ours.glob("*.js"))), "our_css": size(sorted(ours.glob("*.css"))),
            "guide_js": size([ours / "guide.js"])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    parser.add_argument("--serve-trials", type=int, default=5, help="edits timed under `mkdocs serve` (0: skip)")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as tmp:
            r = measure(size, Path(tmp))
        rows.append(r)
        print(f"size {size}: load+validate {r['load_validate_s']:.2f}s, render {r['render_s']:.2f}s, "
              f"write {r['write_s']:.2f}s, mkdocs {r['mkdocs_s']:.1f}s ({r['mkdocs_mb']:.0f} MB), "
              f"check {r['check_s']:.2f}s, pipeline {r['pipeline_s']:.1f}s, baseline {r['baseline_s']:.1f}s, "
              f"ratio {r['ratio']:.2f}", flush=True)

    head = ("| articles | load+validate s | render s | write s | generate (CLI, own process) s | check s | our stages ms / article | our stages / mkdocs | mkdocs build s | "
            "peak MB | pipeline s | baseline s | ratio | HTML checker s | output MB | search index KB (fr / en) | article HTML KB |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        (fr_b, fr_n), (en_b, en_n) = r["search"]["fr"], r["search"]["en"]
        lines.append(
            f"| {r['size']} | {r['load_validate_s']:.2f} | {r['render_s']:.2f} | {r['write_s']:.2f} | "
            f"{r['generate_cli_s']:.2f} | "
            f"{r['check_s']:.2f} | {1000 * r['ours_stages_s'] / r['size']:.1f} | {100 * r['ours_stages_s'] / r['mkdocs_s']:.1f}% | {r['mkdocs_s']:.1f} | "
            f"{max(r['mkdocs_mb'], r['pipeline_mb']):.0f} | {r['pipeline_s']:.1f} | {r['baseline_s']:.1f} | "
            f"{r['ratio']:.2f} | {r['vnu_s']:.1f} | {r['output_mb']:.1f} | {fr_b / 1024:.0f} ({fr_n} entries) / "
            f"{en_b / 1024:.0f} ({en_n} entries) | {r['article_html_kb']:.0f} |")
    with tempfile.TemporaryDirectory(prefix="bench-real-") as tmp:
        reader = reader_side(Path(tmp))
        serve = serve_latency(Path(tmp), args.serve_trials) if args.serve_trials else []
    lines.append("")
    lines.append("Reader side, real content, one article page (KB, gzipped in brackets; our files are not minified): "
                 + ", ".join(f"{name.replace('_', ' ')} {raw:.1f} ({gz:.1f})" for name, (raw, gz) in reader.items()) + ".")
    if serve:
        ordered = sorted(serve)
        lines.append(f"`mkdocs serve`, real content: an article edit is served {ordered[len(ordered) // 2]:.2f} s after "
                     f"the file is saved (median of {len(serve)}; min {ordered[0]:.2f} s, max {ordered[-1]:.2f} s).")
    table = "\n".join(lines)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text("# Benchmark\n\n" + table + "\n", encoding="utf-8")
    print(table)
    by_size = {r["size"]: r for r in rows}
    if 1000 in by_size:
        print(f"ratio_vs_baseline_1000: {by_size[1000]['ratio']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
