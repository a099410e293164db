"""The search bench: what one query costs a phone, ours against Pagefind, on the same built pages.

    python scripts/search_bench.py [--sizes 100 1000 10000] [--out bench-results]
    BENCH_ONLY=search BENCH_SEARCH_SIZES=100 make bench     # the quick look (a few minutes)

`make bench` runs it after the build figures (scripts/bench.py). For each size N:

1. **The pages.** ``bench.synthesise`` writes N bilingual articles, and our pipeline builds
   them as `make site` does (``python -m helpcenter build``: both languages, finished,
   with the structural check; Chromium's and Java's checks left out, as ``bench.ours``
   runs it). The queries are French: both tools keep one index per language, so only
   the French pages count. Up to ``BUILT_UP_TO`` (1,000) articles the pipeline builds
   them all. 10,000 it does not, in a bench: the content loader refuses more than 5,000
   article files (``load.MAX_FILES``), and with that limit raised in a copy of the code
   (``lift_limits``) a French-only build of 10,000 (``build-language fr``: 31,000 pages:
   articles, checklists, guide nodes, agents' desk) had not finished after 40 minutes on
   a shared 2-core machine (``BENCH_SEARCH_BUILT_UP_TO=10000`` still builds it). So a
   larger size is copies of the 1,000-article build (``replicate``): each French article
   page again under new ids (``case-1007``, ``case-2007``...: the synthetic text only
   ever repeats a 17-word vocabulary, so copies are as alike as the synthesised articles
   are), and the French index the build reads given the copies' entries, the very
   entries our pipeline made for the originals, before the pipeline publishes it as it
   publishes any (``patch_replication``, in the bench's copy of the code). Both tools
   then search the same 10,000 French article pages; what is not copied (guide nodes,
   checklists) is in neither tool's results.
2. **Pagefind** runs on a copy of those pages (hard links), in which each article page's
   ``<article>`` says ``data-pagefind-body`` (``mark_body``; our published pages never
   carry it): the French ones (the English pages are not marked, so not indexed), so
   Pagefind indexes the articles and nothing else; it reads the language of each page
   from ``<html lang>``. A small page of the bench's own (``BENCH_PAGE``,
   ``BENCH_JS``) uses Pagefind's JavaScript API as a site would: ``pagefind.js`` imported
   when the box gets the focus, then as the reader types ``search(query)`` and ``data()``
   of the first ``SHOWN`` results (one per article: title and snippet), listed. One search
   at a time: Pagefind cannot cancel one, and searching every key in turn queued a search
   per key behind the first (at 10,000 articles the answer then came 40 s after the last
   key); keys typed during a search wait, and only the latest is searched next. No fixed
   debounce (Pagefind's own UI waits 300 ms), which would add its delay to every answer.
3. **In Chromium** (the one the site check uses), for each tool and each query of
   ``QUERIES``: a new context (empty cache, service workers blocked: a first visit), a
   phone's viewport (390 px), the CPU throttled 4x by the DevTools protocol
   (``Emulation.setCPUThrottlingRate``), the page opened (ours: an article page; Pagefind:
   its page), the search box focused (ours: through the header's search button, as on a
   phone) and the query typed key by key, ``TYPING_MS`` apart. The clock runs from the last
   key press (its ``keydown`` event's time) to the first time the result list shows the
   answer to the whole query (``first_results_ms``): read by a MutationObserver from the
   list's first result (Material's result links carry the query in ``?h=``; the bench page
   marks its list with the query it answers), once the list has not changed for
   ``SETTLED_MS``.
4. **The payload** of a query is every file the browser fetched from the page's load
   until the results settled but those the page's HTML names itself (the page, its
   styles, scripts and icon: what any reader downloads, searching or not; ``counted``):
   so what the page fetched for search before the focus (a worker, an index, a language
   file) counts, and so does everything from the focus on, each file gzipped by the bench
   at level 9 (``bench.gz``) from the bytes the server sent (the static file). Nothing is
   assumed about either engine: the requests the browser made are what counts, whatever
   they are.

The figures are the medians over ``QUERIES`` (``median``), printed as
``search_payload_gz_per_query_N_{ours,pagefind}`` and ``search_first_results_ms_N_{...}``
and written to <out>/search.md with each tool's payload split into code (JavaScript,
WebAssembly), index and result fragments, and what each size cost.

5. **Capped**: Chromium 156 refuses ``Emulation.setCPUThrottlingRate`` for workers
   ("Operation is only supported for pages, not workers"): the 4x slows each page's main
   thread, while both engines search in a web worker (Material's search worker; Pagefind's
   ``pagefind-worker.js``) at the machine's full speed. So every query runs a second time
   with no DevTools throttling and the whole browser (every Chromium process: the page,
   the worker, the network service) in a cgroup that lets them together use a quarter of
   one core (``cpu_cgroup``: cgroup v2's ``cpu.max``, or v1's CFS quota): a CPU four
   times slower for the worker too, and stricter than that when two threads want the CPU
   at once. Printed as ``search_first_results_capped_ms_N_{ours,pagefind}``; it needs
   root and a cgroup cpu controller, and the line says "skipped" and why without them.

Limits, said: wall-clock times on a machine shared
with other work are loose: the load is printed beside them. The synthetic articles repeat
a vocabulary of 17 words per language: every word is on nearly every page, which makes
Pagefind's chunk of a word as large as it gets, and flatters gzip for both.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402
from helpcenter.a11ycheck import serve  # noqa: E402

# From the synthetic vocabulary (bench.FR_WORDS): two single words and one pair.
QUERIES = ("remboursement", "colis", "protection livraison")
LANG = "fr"
SIZES = (100, 1000, 10000)
TYPING_MS = 120          # between two key presses: a quick typist on a phone
THROTTLE = 4             # Emulation.setCPUThrottlingRate
# The capped run: the whole browser (every process and thread: page, search worker, network)
# in a cgroup that lets them together use a quarter of one core, in slices of 10 ms.
CAP_PERIOD_US, CAP_QUOTA_US = 10_000, 10_000 // THROTTLE
CAP_GROUP = "helpcenter-search-bench"
VIEWPORT = {"width": 390, "height": 844}
SETTLED_MS = 1500        # the result list unchanged this long: the answer is complete
RESULTS_TIMEOUT_MS = 180_000
SHOWN = 10               # Pagefind results whose data() the bench page loads and lists
ARTICLE_PAGES = "case-*/index.html"   # bench.synthesise's article ids, at the French root
BENCH_DIR = "pagefind-bench"
# The largest size built by our pipeline: a real 10,000-article build takes far longer
# than the rest of the bench (module docstring); larger sizes are copies of this one.
BUILT_UP_TO = 1000

# How each tool's page is searched: where, the button that opens the box (a phone's), the
# box, and the result links (the first is the one watched).
TOOLS = {
    "ours": {"path": "/case-0000/", "opener": "label.md-header__button[for=__search]",
             "box": "input.md-search__input",
             "results": ".md-search-result__item > .md-search-result__link:first-child"},
    "pagefind": {"path": f"/{BENCH_DIR}/", "opener": None, "box": "#q", "results": "#results a"},
}

BENCH_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagefind</title></head>
<body><input id="q" type="search" aria-label="Search" autocomplete="off">
<ol id="results"></ol>
<script src="bench.js"></script></body></html>
"""

# Pagefind's JavaScript API as a site would use it: loaded on focus, searched as the reader
# types, one search at a time (a search cannot be cancelled: keys typed meanwhile wait, and
# only the latest of them is searched next), the first results' data() fetched and listed
# unless a newer query is waiting.
BENCH_JS = """(function () {
  "use strict";
  var box = document.getElementById("q"), list = document.getElementById("results");
  var engine = null, running = false, waiting = null;
  function load() {
    if (!engine) engine = import("/pagefind/pagefind.js").then(function (pf) {
      return pf.init().then(function () { return pf; });
    });
    return engine;
  }
  function item(data) {
    var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
    a.href = data.url; a.textContent = data.meta.title; p.innerHTML = data.excerpt;
    li.append(a, p);
    return li;
  }
  function ask(query) {
    waiting = query;
    if (running) return;
    running = true;
    waiting = null;
    load().then(function (pf) { return pf.search(query); }).then(function (found) {
      if (waiting !== null || !found) return null;
      return Promise.all(found.results.slice(0, %d).map(function (r) { return r.data(); }));
    }).then(function (items) {
      if (waiting !== null || !items) return;
      list.dataset.query = query;
      list.replaceChildren.apply(list, items.map(item));
    }).finally(function () {
      running = false;
      if (waiting !== null) ask(waiting);
    });
  }
  box.addEventListener("focus", load);
  box.addEventListener("input", function () { ask(box.value); });
})();
""" % SHOWN

# In every page before its scripts: the key presses' times, and each change of the result
# list's first link (with the query it answers) and of its length.
WATCH_JS = """(selector) => {
  const bench = window.__bench = {keys: [], shown: []};
  document.addEventListener("keydown", (e) => bench.keys.push(e.timeStamp), true);
  new MutationObserver(() => {
    const links = document.querySelectorAll(selector), first = links[0];
    const holder = first && first.closest("[data-query]");
    const now = first ? (holder ? holder.dataset.query + " " : "") + first.getAttribute("href") : "";
    const last = bench.shown[bench.shown.length - 1];
    if (!last || last[1] !== now || last[2] !== links.length) bench.shown.push([performance.now(), now, links.length]);
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

SETTLED_JS = """([words, settled]) => {
  const shown = window.__bench.shown, last = shown[shown.length - 1];
  if (!last || !last[2]) return false;
  const text = decodeURIComponent(last[1].replace(/\\+/g, " ")).toLowerCase();
  return words.every((w) => text.includes(w)) && performance.now() - last[0] > settled;
}"""


def median(values: list[float | None]) -> float | None:
    """The median, a missing value (None: no result in time) counted as the slowest."""
    if not values:
        return None
    ordered = sorted(values, key=lambda v: (v is None, v or 0))
    if len(ordered) % 2:
        return ordered[len(ordered) // 2]
    a, b = ordered[len(ordered) // 2 - 1], ordered[len(ordered) // 2]
    return None if a is None or b is None else (a + b) / 2


def answers(snapshot: str, query: str) -> bool:
    """Whether a result list's snapshot (its query marker or first link) answers ``query``:
    every word of the query is in it (``?h=protection+livraison``)."""
    text = unquote(snapshot.replace("+", " ")).lower()
    return all(word in text for word in query.lower().split())


def first_results_ms(keys: list[float], shown: list[list], query: str) -> float | None:
    """Milliseconds from the last key press to the first time the list showed the answer
    to the whole query (None: never). ``shown``: [time, snapshot, links] at each change."""
    if not keys:
        return None
    last_key = max(keys)
    for t, snapshot, links in shown:
        if t >= last_key and links and answers(snapshot, query):
            return t - last_key
    return None


def page_refs(html: str, page_url: str) -> set[str]:
    """The absolute URLs a page's HTML names itself (scripts, styles, icons, images)."""
    return {urljoin(page_url, unquote(m.group(1)).replace("&amp;", "&"))
            for m in re.finditer(r'\b(?:src|href)="([^"#]+)', html)}


def counted(requests: list[dict], refs: set[str]) -> list[dict]:
    """The requests a query costs: every one the page made but those its HTML names
    itself (the page, its styles and scripts, its icon: a reader's, search or not), from
    the page's load (a worker and the index it fetched before the focus) to the results."""
    return [r for r in requests if r["url"].startswith("http") and r["type"] != "document"
            and r["url"] not in refs and r["url"].split("?")[0] not in refs]


def served_file(site: Path, url: str) -> Path | None:
    """The static file a URL of the site's server sends, if there is one."""
    path = unquote(urlsplit(url).path)
    if path.endswith("/"):
        path += "index.html"
    file = site / path.lstrip("/")
    return file if file.is_file() else None


def part(url: str) -> str:
    """What a fetched file is for a search: code, index or result fragment."""
    path = urlsplit(url).path
    if path.endswith(".pf_fragment") or re.search(r"/search/[0-9a-f]+/d/\d+\.json$", path):
        return "fragments"  # Pagefind's, and ours (one per result: search.published_search)
    if path.endswith((".js", ".pagefind", ".wasm")):
        return "code"
    if path.endswith((".json", ".pf_index", ".pf_meta")):
        return "index"
    return "other"


def payload(requests: list[dict], site: Path) -> list[dict]:
    """Each counted request with its file's bytes, raw and gzipped (0 when no file: a 404)."""
    out = []
    for r in requests:
        file = served_file(site, r["url"])
        data = file.read_bytes() if file else b""
        out.append({**r, "raw": len(data), "gz": bench.gz(data) if data else 0, "part": part(r["url"])})
    return out


def mark_body(html: str) -> str:
    """An article page whose ``<article>`` tells Pagefind it is the page's body."""
    marked, n = re.subn(r"<article\b", "<article data-pagefind-body", html, count=1)
    if not n:
        raise SystemExit("search bench: an article page without <article>: Pagefind would index nothing")
    return marked


def built_up_to() -> int:
    """The largest size our pipeline builds for the bench (BENCH_SEARCH_BUILT_UP_TO, else
    BUILT_UP_TO); a larger one is copies of that build (``replicate``)."""
    return int(os.environ.get("BENCH_SEARCH_BUILT_UP_TO") or BUILT_UP_TO)


def _sizes(argv_sizes) -> list[int]:
    """--sizes, else BENCH_SEARCH_SIZES (``100``: the quick look), else 100 1000 10000."""
    if argv_sizes:
        return argv_sizes
    env = os.environ.get("BENCH_SEARCH_SIZES", "").replace(",", " ").split()
    return [int(n) for n in env] or list(SIZES)


def lift_limits(repo: Path) -> None:
    """The bench's copy of the code accepts ``size`` articles: the content loader's limits
    on article files and on the guide's file raised (nothing else changes)."""
    load = repo / "scripts" / "helpcenter" / "load.py"
    text = load.read_text(encoding="utf-8")
    lifted = re.sub(r"^MAX_FILES = .*$", "MAX_FILES = 1_000_000", text, count=1, flags=re.M)
    lifted = re.sub(r"^GUIDE_MAX_BYTES = .*$", "GUIDE_MAX_BYTES = 1 << 30", lifted, count=1, flags=re.M)
    if lifted.count("1_000_000") < 1 or "1 << 30" not in lifted:
        raise SystemExit(f"search bench: {load} has no MAX_FILES or GUIDE_MAX_BYTES line to raise")
    load.write_text(lifted, encoding="utf-8")


def build_site(size: int, workdir: Path, replicas: int | None = None) -> tuple[Path, dict]:
    """N synthetic articles built by our pipeline as `make site` builds them (both
    languages, finished: minified, headers; Chromium's and Java's checks left out), its
    French index holding ``replicas`` articles if given (``patch_replication``); the site
    and what it cost."""
    repo = bench.copy_repo(workdir / "repo")
    bench.synthesise(repo, size)
    lift_limits(repo)
    if replicas:
        patch_replication(repo, size, replicas)
    built = bench.ours(repo, {**bench.NO_BROWSER_NO_JAVA, "PYTHONPATH": str(repo / "scripts")})
    shutil.rmtree(repo / "docs")  # the generated Markdown: not served
    return repo / "site", {"build_s": built["wall"], "build_cpu_s": bench.LAST_CPU["s"], "build_mb": built["mb"]}


_ARTICLE = re.compile(r"^(case-\d{4,})(?=/|$)")


def replicated_index(index: dict, base: int, size: int) -> dict:
    """A language's search index of ``base`` articles (Material's shape: ``docs``, each with
    its ``location``) holding ``size``: each article's entries again under the ids of its
    copies (``replica_ids``); every other entry (the guide's) once."""
    docs = []
    for doc in index["docs"]:
        docs.append(doc)
        m = _ARTICLE.match(doc["location"])
        if m:
            docs += [{**doc, "location": new + doc["location"][m.end(1):]} for new in replica_ids(m.group(1), base, size)]
    return {**index, "docs": docs}


def replica_ids(article: str, base: int, size: int) -> list[str]:
    """The ids of an article's copies: ``case-0007`` of 1,000 is also ``case-1007``,
    ``case-2007``... up to ``size``."""
    i = int(article.split("-")[1])
    return [f"case-{i + k * base:04d}" for k in range(1, size // base)]


# Appended to the bench's copy of helpcenter/search.py (``patch_replication``): the French
# index our pipeline reads from the build, given the copies' entries before it is published.
_REPLICATING = '''

def published_search(reader, stop, *args, **kwargs):
    """The search bench's copy (scripts/search_bench.py): the French articles' entries
    also under their copies' ids, then published as the pipeline publishes any index."""
    import json as bench_json

    import search_bench

    index = bench_json.loads(reader)
    if index["config"]["lang"][0] == "fr":
        reader = bench_json.dumps(search_bench.replicated_index(index, {base}, {size}), ensure_ascii=False)
    return _bench_published_search(reader, stop, *args, **kwargs)
'''


def patch_replication(repo: Path, base: int, size: int) -> None:
    """The bench's copy of the code publishes a French search index of ``size`` articles
    from a build of ``base``: its ``published_search`` (what turns the index the build read
    into the published one) first given the copies' entries (``replicated_index``)."""
    search = repo / "scripts" / "helpcenter" / "search.py"
    text = search.read_text(encoding="utf-8")
    if text.count("\ndef published_search(") != 1:
        raise SystemExit(f"search bench: {search} has no published_search(reader, stop) to copy articles "
                         "into: teach search_bench.patch_replication() the new index, or build every size "
                         "(BENCH_SEARCH_BUILT_UP_TO)")
    text = text.replace("\ndef published_search(", "\ndef _bench_published_search(")
    search.write_text(text + _REPLICATING.format(base=base, size=size), encoding="utf-8")


def replicate(site: Path, base: int, size: int) -> None:
    """A built site of ``base`` articles made one of ``size``: each French article page
    copied under its copies' ids, its own id in it replaced (the index was given their
    entries by the build: ``patch_replication``)."""
    if size % base:
        raise SystemExit(f"search bench: {size} articles are not copies of a build of {base}")
    for page in sorted(site.glob(ARTICLE_PAGES)):
        old = page.parent.name
        html = page.read_text(encoding="utf-8")
        for new in replica_ids(old, base, size):
            (site / new).mkdir()
            (site / new / "index.html").write_text(re.sub(rf"\b{old}\b", new, html), encoding="utf-8")


def pagefind_copy(site: Path, dest: Path) -> dict:
    """``site`` hard-linked into ``dest``, its articles marked, Pagefind run on it, and the
    bench page written; what Pagefind cost."""
    shutil.copytree(site, dest, copy_function=os.link)
    pages = sorted(dest.glob(ARTICLE_PAGES))
    if not pages:
        raise SystemExit(f"search bench: no article page {ARTICLE_PAGES} in {site}")
    for page in pages:
        html = mark_body(page.read_text(encoding="utf-8"))
        page.unlink()  # a hard link: the built site keeps its own
        page.write_text(html, encoding="utf-8")
    start = time.perf_counter()
    bench.run([sys.executable, "-m", "pagefind", "--site", str(dest), "--silent"], dest)
    cost = {"pagefind_s": time.perf_counter() - start, "pagefind_cpu_s": bench.LAST_CPU["s"], "pages": len(pages)}
    (dest / BENCH_DIR).mkdir()
    (dest / BENCH_DIR / "index.html").write_text(BENCH_PAGE.format(lang=LANG), encoding="utf-8")
    (dest / BENCH_DIR / "bench.js").write_text(BENCH_JS, encoding="utf-8")
    return cost


def cpu_cgroup(root: Path = Path("/sys/fs/cgroup")) -> tuple[Path | None, str]:
    """A new cgroup capping its processes at CAP_QUOTA_US of every CAP_PERIOD_US of CPU, and
    ""; or None and why not (not root, no cpu controller). cgroup v2 (Debian 12) or v1."""
    if os.geteuid() != 0:
        return None, "needs root (a cgroup of its own)"
    v2 = root / "cgroup.subtree_control"
    if v2.exists():
        if "cpu" not in v2.read_text().split():
            return None, f"the cgroup v2 cpu controller is not enabled ({v2})"
        group, limits = root / CAP_GROUP, {"cpu.max": f"{CAP_QUOTA_US} {CAP_PERIOD_US}"}
    elif (root / "cpu" / "cpu.cfs_quota_us").exists():
        group = root / "cpu" / CAP_GROUP
        limits = {"cpu.cfs_period_us": str(CAP_PERIOD_US), "cpu.cfs_quota_us": str(CAP_QUOTA_US)}
    else:
        return None, f"no cgroup cpu controller under {root}"
    try:
        group.mkdir(exist_ok=True)
        for name, value in limits.items():
            (group / name).write_text(value)
    except OSError as exc:
        return None, f"cannot set a cgroup's CPU limit: {exc}"
    return group, ""


def descendants(pid: int) -> list[int]:
    """Every running process under ``pid``."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        children = [p for p, pp in parents.items() if pp == parent]
        found += children
        todo += children
    return found


def cap_browser(group: Path) -> int:
    """Move every process under this one but Playwright's driver into ``group`` (the
    browser, its zygotes, renderers and helpers; a renderer started later is forked inside
    it): how many were moved."""
    moved = 0
    for pid in descendants(os.getpid()):
        try:
            if "chrom" not in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode(errors="replace"):
                continue
            (group / "cgroup.procs").write_text(str(pid))
            moved += 1
        except OSError:
            continue  # ended meanwhile
    return moved


def remove_cgroup(group: Path) -> None:
    """Its processes back in the parent group, then the group itself."""
    try:
        for pid in (group / "cgroup.procs").read_text().split():
            try:
                (group.parent / "cgroup.procs").write_text(pid)
            except OSError:
                pass
        group.rmdir()
    except OSError:
        pass


def one_query(browser, base: str, site: Path, tool: dict, query: str, devtools_throttle: bool = True) -> dict:
    """One query typed on a fresh phone-sized page: its time to results and its payload."""
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True, device_scale_factor=3,
                                  service_workers="block")
    try:
        page = context.new_page()
        page.add_init_script(f"({WATCH_JS})({tool['results']!r})")
        if devtools_throttle:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        phase, requests = ["load"], []
        page.on("request", lambda r: requests.append({"url": r.url, "type": r.resource_type, "phase": phase[0]}))
        url = base + tool["path"]
        page.goto(url, wait_until="load", timeout=RESULTS_TIMEOUT_MS)
        phase[0] = "search"
        opener = page.locator(tool["opener"]) if tool["opener"] else None
        (opener if opener is not None and opener.is_visible() else page.locator(tool["box"])).click()
        page.keyboard.type(query, delay=TYPING_MS)
        try:
            page.wait_for_function(SETTLED_JS, arg=[query.lower().split(), SETTLED_MS], polling=100,
                                   timeout=RESULTS_TIMEOUT_MS)
        except Exception:  # noqa: BLE001 - no answer in time: said in the figures
            pass
        watched = page.evaluate("() => window.__bench")
        html = served_file(site, url).read_text(encoding="utf-8")
        return {"ms": first_results_ms(watched["keys"], watched["shown"], query),
                "files": payload(counted(requests, page_refs(html, url)), site)}
    finally:
        context.close()


def browse(site: Path, tool: str, port: int, cap: Path | None = None) -> list[dict]:
    """Every query of QUERIES on ``tool``'s page of ``site``, one fresh context each: the main
    thread throttled by DevTools, or (``cap``, a cgroup of cpu_cgroup) the whole browser capped."""
    from playwright.sync_api import sync_playwright

    from helpcenter import tools
    from helpcenter.a11ycheck import CHROMIUM_ARGS

    executable = tools.find(tools.CHROMIUM)
    if not executable:
        raise SystemExit(tools.Missing(tools.CHROMIUM).line().replace("skipped: ", "search bench: ", 1))
    with serve(site, port) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            if cap is not None and not cap_browser(cap):
                raise SystemExit("search bench: no Chromium process found to cap")
            return [{"query": q, **one_query(browser, base, site, TOOLS[tool], q, devtools_throttle=cap is None)}
                    for q in QUERIES]
        finally:
            browser.close()


def summary(runs: list[dict]) -> dict:
    """The medians of a tool's queries, and its payload by part (of the median query)."""
    totals = [sum(f["gz"] for f in r["files"]) for r in runs]
    middle = runs[sorted(range(len(runs)), key=lambda i: totals[i])[len(runs) // 2]]
    parts: dict[str, int] = {}
    for f in middle["files"]:
        parts[f["part"]] = parts.get(f["part"], 0) + f["gz"]
    return {"gz": median(totals), "ms": median([r["ms"] for r in runs]), "parts": parts,
            "files": len(middle["files"]), "raw": sum(f["raw"] for f in middle["files"]), "runs": runs}


def measure_size(size: int, workdir: Path, port: int) -> dict:
    """Both tools at ``size`` articles: their summaries and what the size cost."""
    start = time.perf_counter()
    built = size if size <= built_up_to() else built_up_to()
    site, cost = build_site(built, workdir, size if built != size else None)
    if built != size:
        replicate(site, built, size)
        cost["replicated_from"] = built
    print(f"search bench {size}: built in {cost['build_s']:.0f} s (peak {cost['build_mb']:.0f} MB, "
          f"load {os.getloadavg()[0]:.1f}); Pagefind...", flush=True)
    cost.update(pagefind_copy(site, workdir / "pagefind-site"))
    t = time.perf_counter()
    ours = summary(browse(site, "ours", port))
    cost["ours_browser_s"] = time.perf_counter() - t
    t = time.perf_counter()
    peer = summary(browse(workdir / "pagefind-site", "pagefind", port))
    cost["pagefind_browser_s"] = time.perf_counter() - t
    capped = capped_runs(site, workdir / "pagefind-site", port)
    cost["total_s"] = time.perf_counter() - start
    cost["load"] = os.getloadavg()[0]
    print(f"search bench {size}: ours {ours['gz']} B gz, {_ms(ours['ms'])}; Pagefind {peer['gz']} B gz, "
          f"{_ms(peer['ms'])} ({cost['total_s'] / 60:.1f} min, load {cost['load']:.1f})", flush=True)
    return {"size": size, "ours": ours, "pagefind": peer, "capped": capped, "cost": cost}


def capped_runs(site: Path, pagefind_site: Path, port: int) -> dict:
    """Both tools' queries again, the whole browser capped to a quarter of one core (the
    search worker too, which DevTools does not slow): {"ours": summary, "pagefind": summary},
    or {"skipped": why} where this machine gives the bench no cgroup."""
    group, why = cpu_cgroup()
    if group is None:
        return {"skipped": why}
    try:
        return {"ours": summary(browse(site, "ours", port, cap=group)),
                "pagefind": summary(browse(pagefind_site, "pagefind", port, cap=group))}
    finally:
        remove_cgroup(group)


def _ms(ms: float | None) -> str:
    return "no result" if ms is None else f"{ms:.0f} ms"


def bench_lines(rows: list[dict]) -> list[str]:
    """The ``name: value`` lines, ours beside Pagefind at each size."""
    lines = []
    for r in rows:
        n = r["size"]
        lines += [f"search_payload_gz_per_query_{n}_{t}: {r[t]['gz']}" for t in ("ours", "pagefind")]
        lines += [f"search_first_results_ms_{n}_{t}: {_figure(r[t]['ms'])}" for t in ("ours", "pagefind")]
        capped = r.get("capped", {})
        lines += [f"search_first_results_capped_ms_{n}_{t}: "
                  + (f"skipped ({capped['skipped']})" if "skipped" in capped else _figure(capped[t]["ms"]))
                  for t in ("ours", "pagefind")]
    return lines


def _figure(ms: float | None) -> str:
    return "none within %d s" % (RESULTS_TIMEOUT_MS // 1000) if ms is None else f"{ms:.0f}"


def report(rows: list[dict], machine: tuple) -> list[str]:
    """The Markdown of bench-results/search.md: the table, each query, the costs."""
    head = ("| articles | tool | payload gz B (median) | code / index / fragments / other gz B | files | raw B | "
            "first results ms (median) | per query: ms, gz B |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        for tool in ("ours", "pagefind"):
            s = r[tool]
            parts = " / ".join(str(s["parts"].get(k, 0)) for k in ("code", "index", "fragments", "other"))
            each = "; ".join(f"{q['query']}: {_ms(q['ms'])}, {sum(f['gz'] for f in q['files'])}" for q in s["runs"])
            lines.append(f"| {r['size']} | {tool} | {s['gz']} | {parts} | {s['files']} | {s['raw']} | "
                         f"{_ms(s['ms'])} | {each} |")
    lines += ["", "| articles | build s (CPU s, peak MB; copies of a smaller build) | Pagefind s (CPU s) | browser s: ours / Pagefind | "
              "size total min | load after |", "|---|---|---|---|---|---|"]
    for r in rows:
        c = r["cost"]
        copies = f", copies of {c['replicated_from']}" if "replicated_from" in c else ""
        lines.append(f"| {r['size']} | {c['build_s']:.0f} ({c['build_cpu_s']:.0f}, {c['build_mb']:.0f}{copies}) | "
                     f"{c['pagefind_s']:.1f} ({c['pagefind_cpu_s']:.1f}) | {c['ours_browser_s']:.0f} / "
                     f"{c['pagefind_browser_s']:.0f} | {c['total_s'] / 60:.1f} | {c['load']:.1f} |")
    lines += ["", "| articles | tool | first results ms, whole browser capped to 1/%d core (median) | per query |" % THROTTLE,
              "|---|---|---|---|"]
    for r in rows:
        capped = r.get("capped", {})
        for tool in ("ours", "pagefind"):
            if "skipped" in capped:
                lines.append(f"| {r['size']} | {tool} | skipped: {capped['skipped']} | |")
                continue
            each = "; ".join(f"{q['query']}: {_ms(q['ms'])}" for q in capped[tool]["runs"])
            lines.append(f"| {r['size']} | {tool} | {_ms(capped[tool]['ms'])} | {each} |")
    start, cores = machine
    lines += ["", f"Queries: {', '.join(QUERIES)} (French), typed {TYPING_MS} ms apart; CPU throttled {THROTTLE}x "
              f"by DevTools (the main thread: workers run at full speed), or the whole browser capped to a "
              f"quarter of one core by a cgroup ({CAP_QUOTA_US} of every {CAP_PERIOD_US} us); viewport {VIEWPORT['width']} px. "
              f"Machine load (1-minute average) at the start {start:.1f}, on {cores} cores."]
    for r in rows:  # what each tool fetched for its median query, file by file
        for tool in ("ours", "pagefind"):
            files = ", ".join(f"{urlsplit(f['url']).path} {f['gz']}" for f in _median_run(r[tool])["files"])
            lines.append(f"\n{r['size']} {tool}, the files of one query (gz B): {files}")
    return lines


def _median_run(s: dict) -> dict:
    totals = [sum(f["gz"] for f in q["files"]) for q in s["runs"]]
    return s["runs"][sorted(range(len(totals)), key=lambda i: totals[i])[len(totals) // 2]]


def run(sizes: list[int], out: Path) -> list[str]:
    """The search bench at each size; writes <out>/search.md, returns the bench lines."""
    port = int(os.environ.get("BENCH_SEARCH_PORT", "0"))
    load = os.getloadavg()[0]
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-search-{size}-") as tmp:
            rows.append(measure_size(size, Path(tmp), port))
    lines = bench_lines(rows)
    out.mkdir(parents=True, exist_ok=True)
    (out / "search.md").write_text("# Search bench\n\n" + "\n".join(report(rows, (load, os.cpu_count())) + [""] + lines)
                                   + "\n", encoding="utf-8")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--out", type=Path, default=bench.ROOT / "bench-results")
    args = parser.parse_args()
    print("\n".join(run(_sizes(args.sizes), args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
