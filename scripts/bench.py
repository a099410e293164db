"""Benchmark: our pipeline against plain MkDocs + Material + static-i18n, at 10, 100, 1000 articles.

    python scripts/bench.py [--sizes 10 100 1000] [--out bench-results]
    BENCH_SIZES=10,100 make bench        # the quick look (1000 takes many minutes)

For each size it synthesises realistic bilingual content (steps, labels,
figures, cross-links), then measures our stages one by one, our whole
`python -m helpcenter build` (generate, MkDocs, the structural site check;
Chromium and Java left out and the HTML checker timed apart), and the same
Markdown built by bare MkDocs + Material + static-i18n twice: with default
settings, and tuned (``navigation.prune``, one folder per section). On the
real content it weighs an article page, times `make site` after a one-sentence
edit against a bare build, and times `make serve` showing an edit.
Figures go to stdout and to <out>/results.md (not committed). The last lines:
``ratio_vs_baseline_100``, ``ratio_vs_baseline_1000``, ``ratio_vs_tuned_100``,
``ratio_vs_tuned_1000`` (bare time / ours), ``make_site_vs_bare_real``,
``edit_to_preview_median_s``, then peak memory and article weight at the
largest size. Then the search bench (scripts/search_bench.py: one
query on a phone, ours against Pagefind on the same pages, at 100, 1,000 and 10,000
articles; ``--search-sizes`` or BENCH_SEARCH_SIZES) adds its
``search_payload_gz_per_query_*`` and ``search_first_results_ms_*`` lines;
``BENCH_ONLY=search`` runs it alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from helpcenter.locales import Languages  # noqa: E402
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


# CPU seconds (user + system) of the last command ``run`` or ``ours`` waited for, its
# whole process tree: unlike wall time, barely moved by other work on a shared machine.
LAST_CPU = {"s": 0.0}


def run(cmd, cwd, env=None) -> tuple[float, float]:
    """Run ``cmd``; return (wall seconds, its peak memory in MB); its CPU seconds in ``LAST_CPU``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    LAST_CPU["s"] = usage.ru_utime + usage.ru_stime
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{err.decode()[-3000:]}")
    return wall, usage.ru_maxrss / 1024


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def search_sizes(site: Path, languages: Languages) -> dict:
    """Bytes of each language's whole published search (its small index, every shard and
    fragment: what a reader could fetch, not what one query fetches; the search bench
    measures that) and the documents it holds."""
    out = {}
    for lang in languages.built:
        folder = site / languages.root(lang) / "search"
        index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
        out[lang] = (dir_size(folder), index["config"]["shards"]["docs"])
    return out


# Bare MkDocs + Material + static-i18n as a team would set it up without us.
BARE_YML = ("site_name: Baseline\ntheme:\n  name: material\n{features}"
            "plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      languages:\n"
            "        - locale: fr\n          default: true\n          name: Français\n"
            "        - locale: en\n          name: English\n"
            "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - admonition\n")
_MD_LINK = re.compile(r"\]\(([^)\s#:]+\.md)(#[^)\s]*)?\)")


def _foldered(rel: str, section_of: dict[str, str]) -> str:
    """docs path of a page in the tuned layout: an article moves into its section's folder."""
    lang, _, rest = rel.partition("/")
    stem = rest[:-3] if rest.endswith(".md") else None
    return f"{lang}/{section_of[stem]}/{rest}" if stem in section_of else rel


def bare_docs(docs: Path, dest: Path, languages: Languages, section_of: dict[str, str] | None = None) -> None:
    """The generated Markdown (agents' desk left out) copied into ``dest``; with
    ``section_of`` (article id -> section), each article in its section's folder
    and every link between pages rewritten to match."""
    for lang in languages.built:
        for src in sorted((docs / lang).rglob("*")):
            rel = src.relative_to(docs).as_posix()
            if not src.is_file() or src.name == ".gitignore" or rel.startswith(f"{lang}/agents"):
                continue
            if section_of is None:
                target = rel
                data = src.read_bytes()
            else:
                target = _foldered(rel, section_of)
                text = src.read_text(encoding="utf-8")
                if src.suffix == ".md":
                    def relink(m, rel=rel, target=target):
                        old = posixpath.normpath(posixpath.join(posixpath.dirname(rel), m.group(1)))
                        new = posixpath.relpath(_foldered(old, section_of), posixpath.dirname(target) or ".")
                        return f"]({new}{m.group(2) or ''})"
                    text = _MD_LINK.sub(relink, text)
                data = text.encode("utf-8")
            (dest / target).parent.mkdir(parents=True, exist_ok=True)
            (dest / target).write_bytes(data)


def baseline(workdir: Path, docs: Path, languages: Languages, section_of: dict[str, str] | None = None,
             name: str = "baseline") -> float:
    """The same pages as plain Markdown, built by bare MkDocs + Material + static-i18n:
    default settings, or (``section_of`` given) tuned: ``navigation.prune`` and the
    articles in one folder per section."""
    base = workdir / name
    bare_docs(docs, base / "docs", languages, section_of)
    features = "  features:\n    - navigation.prune\n" if section_of is not None else ""
    (base / "mkdocs.yml").write_text(BARE_YML.format(features=features), encoding="utf-8")
    wall, _mem = run([sys.executable, "-m", "mkdocs", "build", "-q"], base)
    return wall


# Our whole pipeline as `make site` runs it, minus the two checks that need
# Chromium and Java (timed apart below: the bare builds check nothing).
NO_BROWSER_NO_JAVA = {**ENV, "HELPCENTER_CHROMIUM": "/nonexistent/chromium", "HELPCENTER_JAVA": "/nonexistent/java",
                      "CI": ""}


class PeakOfTree:
    """The largest peak resident memory (VmHWM) of any process in the tree under
    ``pid``, sampled every 200 ms (a peak never goes down: late samples are exact)."""

    def __init__(self, pid: int):
        import threading

        self.root, self.kb, self._done = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        parents = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(stat.parent.name)] = int(fields[1])
        tree, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += [child for child, parent in parents.items() if parent == pid]
        return tree

    def _watch(self) -> None:
        while not self._done.wait(0.2):
            for pid in self._tree():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                m = re.search(r"VmHWM:\s+(\d+) kB", status)
                if m:
                    self.kb = max(self.kb, int(m.group(1)))

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

_STEP = re.compile(r"^\[\s*([0-9.]+) s\] (.*)$")


def ours(repo: Path, env=NO_BROWSER_NO_JAVA) -> dict:
    """`python -m helpcenter build` in ``repo``: wall time, peak memory, and the
    seconds of its stages read from its progress lines."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "helpcenter", "build"], cwd=repo, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = PeakOfTree(proc.pid)
    steps = []
    for line in proc.stderr:
        m = _STEP.match(line.strip())
        if m:
            steps.append((float(m.group(1)), m.group(2)))
    _pid, status, usage = os.wait4(proc.pid, 0)
    status = os.waitstatus_to_exitcode(status)
    proc.returncode = status
    LAST_CPU["s"] = usage.ru_utime + usage.ru_stime  # its children's, once reaped, included
    peak.stop()
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"our build failed in {repo}: {steps[-5:]}")

    def at(prefix: str) -> float:
        return next((t for t, msg in steps if msg.startswith(prefix)), float("nan"))

    built = next((t for t, msg in steps if "built; checking" in msg), float("nan"))
    return {"wall": wall, "mb": peak.kb / 1024, "generated": at("content checked"), "built": built}


def measure(size: int, workdir: Path) -> dict:
    repo = copy_repo(workdir / "repo")
    synthesise(repo, size)
    site_url = read_site_url(repo / "mkdocs.yml")
    languages = Languages.read(repo / "mkdocs.yml")  # the table, read once, passed down
    r: dict = {"size": size}

    t = time.perf_counter()
    content = load_content(repo / "content", site_url, languages)
    r["load_validate_s"] = time.perf_counter() - t
    t = time.perf_counter()
    pages = render_site(content)
    r["render_s"] = time.perf_counter() - t
    t = time.perf_counter()
    write_pages(repo / "docs", pages)
    r["write_s"] = time.perf_counter() - t

    run_ = ours(repo)
    r["pipeline_s"], r["pipeline_mb"], r["pipeline_cpu"] = run_["wall"], run_["mb"], LAST_CPU["s"]
    r["generate_s"], r["mkdocs_s"] = run_["generated"], run_["built"] - run_["generated"]
    site = repo / "site"
    t = time.perf_counter()
    problems = check_site(site, languages, sorted(pages), site_url)
    r["check_s"] = time.perf_counter() - t
    if problems:
        raise SystemExit(f"site check failed at size {size}: {problems[:3]}")
    t = time.perf_counter()
    from helpcenter import htmlcheck

    if os.environ.get("BENCH_VNU", "1") != "0":
        htmlcheck.finish(htmlcheck.start(site), site)
        r["vnu_s"] = time.perf_counter() - t
    else:
        r["vnu_s"] = float("nan")
    r["output_mb"] = dir_size(site) / 1e6
    r["search"] = search_sizes(site, languages)
    article = next(iter(content.scenarios))
    html = (site / article / "index.html").read_bytes()
    r["article_html_kb"], r["article_html_gz"] = len(html) / 1024, gz(html)
    print(f"size {size}: ours {r['pipeline_s']:.1f} s (mkdocs {r['mkdocs_s']:.1f} s, peak {r['pipeline_mb']:.0f} MB, "
          f"HTML checker {r['vnu_s']:.1f} s, article {r['article_html_gz']} bytes gzipped, load {os.getloadavg()[0]:.1f}); "
          "building the bare baselines...", flush=True)
    section_of = {sid: a.section for sid, a in content.scenarios.items()}
    r["tuned_s"] = baseline(workdir, repo / "docs", languages, section_of, name="tuned")
    r["tuned_cpu"] = LAST_CPU["s"]
    print(f"size {size}: bare tuned {r['tuned_s']:.1f} s, CPU {r['tuned_cpu']:.1f} s (ours: CPU {r['pipeline_cpu']:.1f} s) (load {os.getloadavg()[0]:.1f}); building the default one...",
          flush=True)
    r["baseline_s"] = baseline(workdir, repo / "docs", languages)
    r["baseline_cpu"] = LAST_CPU["s"]
    r["ours_stages_s"] = r["load_validate_s"] + r["render_s"] + r["write_s"] + r["check_s"]
    r["ratio"] = r["baseline_s"] / r["pipeline_s"]
    r["ratio_tuned"] = r["tuned_s"] / r["pipeline_s"]
    return r



# The article the real-content measures use: this one while the content has it (the
# figures stay comparable from run to run), else the first article file with steps.
MEASURED_ARTICLE = "shipped-order"
_FIRST_STEP_FR = re.compile(r'^(\s+fr:\s*"?)(\S+)( )', re.M)


def measured_article(repo: Path) -> tuple[str, Path]:
    """The real content's article the bench edits and weighs: its id and its file."""
    scenarios = repo / "content" / "scenarios"
    files = [scenarios / f"{MEASURED_ARTICLE}.yml"] + sorted(scenarios.glob("*.yml"))
    for path in files:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if re.search(r"^steps:", text, re.M):
            return path.stem, path
    raise SystemExit(f"no article with steps in {scenarios}: the bench edits an article's first step")


def with_word(text: str, word: str) -> str:
    """An article file whose first step says ``word`` after its first French word: an
    editor's change of one sentence (words only), whatever the sentence says."""
    steps = text.index("\nsteps:")
    found = _FIRST_STEP_FR.search(text, steps)
    if found is None:
        raise SystemExit("the first step's French text is not on its `fr:` line: the bench cannot edit it")
    return text[:found.end(2)] + f" {word}" + text[found.end(2):]


def serve_latency(workdir: Path, trials: int = 5) -> list[float]:
    """Seconds from saving an edited article (real content) to `make serve` sending the new text."""
    import socket
    import urllib.request

    repo = copy_repo(workdir / "serve")
    subprocess.run([sys.executable, "-m", "helpcenter", "generate"], cwd=repo, env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(workdir / "serve.log", "w")  # noqa: SIM115 - closed with the server
    server = subprocess.Popen([sys.executable, "-m", "helpcenter", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=repo, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    article, source = measured_article(repo)
    url = f"http://127.0.0.1:{port}/{article}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(token: str, limit: float = 300) -> float:
        start = time.perf_counter()
        while token not in page():
            if time.perf_counter() - start > limit:
                raise SystemExit(f"make serve did not show {token!r} within {limit} s")
            time.sleep(0.02)
        return time.perf_counter() - start

    original = source.read_text(encoding="utf-8")
    times = []
    try:
        wait_for("</html>", 600)
        time.sleep(1.5)  # let the first build settle
        for n in range(trials):
            token = f"Mesure{n}x"
            edited = with_word(original, token)
            start = time.perf_counter()
            source.write_text(edited, encoding="utf-8")
            wait_for(token)
            times.append(time.perf_counter() - start)
            time.sleep(1.5)
    finally:
        server.terminate()
        server.wait(10)
        log.close()
        if os.environ.get("BENCH_SERVE_LOG"):  # where the time went: MkDocs' own lines, with times
            shutil.copy(workdir / "serve.log", os.environ["BENCH_SERVE_LOG"])
    return times


def reader_side(workdir: Path) -> dict:
    """What a reader downloads for an article of the real content: HTML, our CSS and JS
    as published (bytes, and gzipped)."""
    repo = copy_repo(workdir / "reader")
    ours(repo)
    site = repo / "site"

    def size(paths) -> tuple[float, float]:
        data = [p.read_bytes() for p in paths]
        return sum(map(len, data)) / 1024, sum(map(gz, data)) / 1024

    names = sorted(p.name for p in (ROOT / "docs" / "assets").iterdir() if p.suffix in (".js", ".css"))
    published = site / "assets"
    return {"article_html": size([site / measured_article(repo)[0] / "index.html"]),
            "our_js": size([published / n for n in names if n.endswith(".js")]),
            "our_css": size([published / n for n in names if n.endswith(".css")]),
            "guide_js": size([published / "guide.js"])}


def make_site_vs_bare(workdir: Path) -> dict:
    """`make site` (every check: pages and links, HTML validity, accessibility) on the real
    content right after an editor changed one sentence of one article, the site built
    before; against a bare MkDocs build (default settings) of the same generated pages."""
    repo = copy_repo(workdir / "editor")
    env = {k: v for k, v in ENV.items() if k not in ("HELPCENTER_CHROMIUM", "HELPCENTER_JAVA")}
    run([sys.executable, "-m", "helpcenter", "build"], repo, env)  # installed and built before
    _article, source = measured_article(repo)
    source.write_text(with_word(source.read_text(encoding="utf-8"), "vraiment"), encoding="utf-8")
    make_site, _mb = run([sys.executable, "-m", "helpcenter", "build"], repo, env)
    # Java's included (waited for by the build). A Chromium's would be only in part: its
    # renderers outlive the browser process that started them and are never waited for
    # (the same build: about 10 s of CPU counted from /proc, 6.5 s by this count); after a words-only edit
    # the build starts no Chromium (a11ycheck.page_shape).
    make_site_cpu = LAST_CPU["s"]
    bare = baseline(workdir, repo / "docs", Languages.read(repo / "mkdocs.yml"), name="bare-real")
    return {"make_site_s": make_site, "bare_s": bare, "ratio": make_site / bare,
            "make_site_cpu": make_site_cpu, "bare_cpu": LAST_CPU["s"]}


def _sizes(argv_sizes) -> list[int]:
    """--sizes, else BENCH_SIZES (``10,100``: the quick look), else 10 100 1000."""
    if argv_sizes:
        return argv_sizes
    env = os.environ.get("BENCH_SIZES", "").replace(",", " ").split()
    return [int(n) for n in env] or [10, 100, 1000]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--search-sizes", type=int, nargs="+", help="the search bench's (scripts/search_bench.py)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    parser.add_argument("--serve-trials", type=int, default=5, help="edits timed under `make serve` (0: skip)")
    args = parser.parse_args()
    only = os.environ.get("BENCH_ONLY", "")
    if only not in ("", "search"):
        raise SystemExit(f"BENCH_ONLY={only}: only BENCH_ONLY=search (the search bench alone) is known")
    table = "" if only else build_bench(args)
    import search_bench  # here: it imports this module

    lines = search_bench.run(search_bench._sizes(args.search_sizes), args.out)
    if table:
        (args.out / "results.md").write_text("# Benchmark\n\n" + table + "\n" + "\n".join(lines) + "\n",
                                             encoding="utf-8")
    print("\n".join(lines))
    return 0


def build_bench(args) -> str:
    """The build figures at each size and on the real content; printed, and returned as
    the Markdown of <out>/results.md."""
    rows = []
    load = os.getloadavg()
    for size in _sizes(args.sizes):
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as tmp:
            r = measure(size, Path(tmp))
        rows.append(r)
        print(f"size {size}: ours {r['pipeline_s']:.1f}s ({r['pipeline_mb']:.0f} MB), tuned bare {r['tuned_s']:.1f}s, "
              f"default bare {r['baseline_s']:.1f}s: ratios {r['ratio_tuned']:.2f} / {r['ratio']:.2f}", flush=True)
    lines = size_table(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text("# Benchmark\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="bench-real-") as tmp:
        reader = _attempt(lambda: reader_side(Path(tmp)), {})
        editor = _attempt(lambda: make_site_vs_bare(Path(tmp)), None)
        serve = _attempt(lambda: serve_latency(Path(tmp), args.serve_trials), []) if args.serve_trials else []
    load_after = os.getloadavg()
    median = sorted(serve)[len(serve) // 2] if serve else None
    lines += [""] + real_content_lines(reader, editor, serve, (load[0], load_after[0], os.cpu_count()))
    table = "\n".join(lines + [""] + last_lines({r["size"]: r for r in rows}, editor, median))
    (args.out / "results.md").write_text("# Benchmark\n\n" + table + "\n", encoding="utf-8")
    print(table, flush=True)
    return table


def size_table(rows: list[dict]) -> list[str]:
    """The Markdown table of the measures of each size (``measure``'s rows)."""
    head = ("| articles | load+validate s | render s | write s | check s | generate (CLI) s | mkdocs build s | "
            "ours (`helpcenter build`) s | peak MB per process | bare tuned s | bare default s | tuned / ours | "
            "default / ours | HTML checker s | output MB | published search KB (fr / en) | "
            "article HTML KB (gzip) | CPU s: ours / tuned / default |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        (fr_b, fr_n), (en_b, en_n) = r["search"]["fr"], r["search"]["en"]
        lines.append(
            f"| {r['size']} | {r['load_validate_s']:.2f} | {r['render_s']:.2f} | {r['write_s']:.2f} | "
            f"{r['check_s']:.2f} | {r['generate_s']:.1f} | {r['mkdocs_s']:.1f} | {r['pipeline_s']:.1f} | "
            f"{r['pipeline_mb']:.0f} | {r['tuned_s']:.1f} | {r['baseline_s']:.1f} | {r['ratio_tuned']:.2f} | "
            f"{r['ratio']:.2f} | {r['vnu_s']:.1f} | {r['output_mb']:.1f} | {fr_b / 1024:.0f} ({fr_n} entries) / "
            f"{en_b / 1024:.0f} ({en_n} entries) | "
            f"{r['article_html_kb']:.1f} ({r['article_html_gz'] / 1024:.1f}) | "
            f"{r['pipeline_cpu']:.1f} / {r['tuned_cpu']:.1f} / {r['baseline_cpu']:.1f} |")
    return lines


def _attempt(what, default):
    """One measure of the real content; on a loaded machine a step may time out: said, not fatal."""
    try:
        return what()
    except (SystemExit, Exception) as exc:  # noqa: BLE001 - reported in the results
        print(f"not measured: {exc}", file=sys.stderr, flush=True)
        return default


def real_content_lines(reader: dict, editor: dict | None, serve: list[float], machine: tuple) -> list[str]:
    """The sentences of the real content's measures; ``machine``: the load at the start
    and at the end (1-minute averages), and the number of cores."""
    lines = ["Reader side, real content, one article page (KB, gzipped in brackets; our JS and CSS as published): "
             + ", ".join(f"{name.replace('_', ' ')} {raw:.1f} ({gz:.1f})" for name, (raw, gz) in reader.items()) + "."]
    if editor:
        lines.append(f"`make site` on the real content after a one-sentence edit, every check: {editor['make_site_s']:.1f} s; "
                     f"bare MkDocs (default settings) of the same pages: {editor['bare_s']:.1f} s "
                     f"(CPU: {editor['make_site_cpu']:.1f} s and {editor['bare_cpu']:.1f} s).")
    if serve:
        ordered = sorted(serve)
        median = ordered[len(ordered) // 2]
        lines.append(f"`make serve`, real content: an article edit is served {median:.2f} s after "
                     f"the file is saved (median of {len(serve)}; min {ordered[0]:.2f} s, max {ordered[-1]:.2f} s).")
    start, end, cores = machine
    lines.append(f"Machine load (1-minute average) at the start {start:.1f}, at the end {end:.1f}, "
                 f"on {cores} cores.")
    return lines


def last_lines(by_size: dict[int, dict], editor: dict | None, median: float | None) -> list[str]:
    """The ``name: value`` lines that end the results (what the README quotes)."""
    def ratio(size: int, key: str) -> str:
        return f"{by_size[size][key]:.2f}" if size in by_size else "not measured"

    biggest = by_size[max(by_size)] if by_size else None
    last = [f"cpu_ratio_vs_tuned_{n}: {by_size[n]['tuned_cpu'] / by_size[n]['pipeline_cpu']:.2f}" for n in sorted(by_size)]
    last += [f"ratio_vs_baseline_100: {ratio(100, 'ratio')}", f"ratio_vs_baseline_1000: {ratio(1000, 'ratio')}",
             f"ratio_vs_tuned_100: {ratio(100, 'ratio_tuned')}", f"ratio_vs_tuned_1000: {ratio(1000, 'ratio_tuned')}",
             f"make_site_vs_bare_real: {editor['ratio']:.2f}" if editor else "make_site_vs_bare_real: not measured",
             f"make_site_cpu_vs_bare_real: {editor['make_site_cpu'] / editor['bare_cpu']:.2f}" if editor
             else "make_site_cpu_vs_bare_real: not measured",
             f"edit_to_preview_median_s: {median:.2f}" if median is not None else "edit_to_preview_median_s: not measured"]
    if biggest:
        n = biggest["size"]
        last += [f"peak_mb_per_process_{n}: {biggest['pipeline_mb']:.0f}",
                 f"article_html_gzip_bytes_{n}: {biggest['article_html_gz']}"]
    return last


if __name__ == "__main__":
    sys.exit(main())
