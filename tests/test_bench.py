"""`make bench` measures the real content as an editor changes it, whatever the content
says: the article it edits and weighs, and the one-word edit it makes, are found in the
content, never named by their wording (scripts/bench.py)."""

from __future__ import annotations

import shutil
import sys

import pytest

from conftest import LANGS, MINI, ROOT
from helpcenter.validate import load_content

sys.path.insert(0, str(ROOT / "scripts"))
import bench  # noqa: E402

URL = "https://help.example.org/"


def _texts(content) -> dict:
    return {(sid, i, lang): text for sid, a in content.scenarios.items()
            for i, step in enumerate(a.steps) for lang, text in step.text.items()}


def test_the_bench_adds_one_word_to_the_first_step_of_the_measured_article(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "content")
    # The fixture has no `shipped-order`: the first article file with steps is measured.
    article, source = bench.measured_article(repo)
    assert (article, source) == ("alpha", repo / "content" / "scenarios" / "alpha.yml")
    text = source.read_text(encoding="utf-8")
    before = _texts(load_content(repo / "content", URL, LANGS))
    source.write_text(bench.with_word(text, "vraiment"), encoding="utf-8")
    # One line of one file changed, and it still loads: the step's French text has one more word.
    lines = zip(text.splitlines(), source.read_text(encoding="utf-8").splitlines(), strict=True)
    assert len([1 for a, b in lines if a != b]) == 1
    after = _texts(load_content(repo / "content", URL, LANGS))
    old, new = before[("alpha", 0, "fr")], after[("alpha", 0, "fr")]
    assert new.split() == old.split()[:1] + ["vraiment"] + old.split()[1:]
    # Every other text is as it was (an article that shows this step shows the new words).
    assert {k: v for k, v in after.items() if v != new} == {k: v for k, v in before.items() if v != old}

def test_the_article_named_for_comparable_runs_is_measured_while_the_content_has_it(tmp_path):
    scenarios = tmp_path / "content" / "scenarios"
    shutil.copytree(MINI / "scenarios", scenarios)
    (scenarios / "delta.yml").rename(scenarios / f"{bench.MEASURED_ARTICLE}.yml")
    assert bench.measured_article(tmp_path)[0] == bench.MEASURED_ARTICLE


# The search bench (scripts/search_bench.py): its pure parts. Its timings are not tested.
import gzip  # noqa: E402

import search_bench  # noqa: E402

BASE = "http://127.0.0.1:8750"


def test_the_search_bench_reads_its_sizes_from_the_command_line_then_the_environment(monkeypatch):
    monkeypatch.delenv("BENCH_SEARCH_SIZES", raising=False)
    assert search_bench._sizes(None) == [100, 1000, 10000]
    monkeypatch.setenv("BENCH_SEARCH_SIZES", "100")
    assert search_bench._sizes(None) == [100]
    monkeypatch.setenv("BENCH_SEARCH_SIZES", "100,1000 10000")
    assert search_bench._sizes(None) == [100, 1000, 10000]
    assert search_bench._sizes([7]) == [7]


def test_the_median_counts_a_query_without_results_as_the_slowest():
    assert search_bench.median([300.0, 100.0, 200.0]) == 200.0
    assert search_bench.median([100.0, None, 50.0]) == 100.0
    assert search_bench.median([None, None, 50.0]) is None
    assert search_bench.median([4.0, 2.0]) == 3.0
    assert search_bench.median([2.0, None]) is None
    assert search_bench.median([]) is None


def test_a_result_list_answers_a_query_when_it_names_every_word_of_it():
    # Material's result links carry the query (?h=); the bench page marks its list with it.
    assert search_bench.answers("/case-0003/?h=protection+livraison", "protection livraison")
    assert not search_bench.answers("/case-0003/?h=protection+livr", "protection livraison")
    assert not search_bench.answers("/case-0003/?h=coli", "colis")
    assert search_bench.answers("Remboursement /case-0001/", "remboursement")
    assert search_bench.answers("/x/?h=d%C3%A9lai", "délai")


def test_the_first_results_are_timed_from_the_last_key_to_the_list_answering_the_whole_query():
    keys = [1000.0, 1120.0, 1240.0]
    shown = [[1100.0, "/a/?h=co", 3],            # an answer to a part of the query, before the last key
             [1300.0, "/a/?h=col", 3],           # after the last key, still an older query's
             [1450.0, "/b/?h=colis", 0],         # the list emptied
             [1500.0, "/b/?h=colis", 10],        # the answer: 260 ms after the last key
             [1700.0, "/c/?h=colis", 10]]
    assert search_bench.first_results_ms(keys, shown, "colis") == 260.0
    assert search_bench.first_results_ms(keys, shown[:3], "colis") is None
    assert search_bench.first_results_ms([], shown, "colis") is None


def test_a_query_costs_what_the_page_fetched_by_script_not_what_its_html_names():
    html = ('<link rel="icon" href="../assets/images/favicon.png"><link rel="stylesheet" href="../assets/main.css">'
            '<script src="../assets/bundle.js"></script><a href="../case-0002/">next</a>')
    page = f"{BASE}/case-0001/"
    refs = search_bench.page_refs(html, page)
    assert f"{BASE}/assets/images/favicon.png" in refs and f"{BASE}/case-0002/" in refs
    requests = [{"url": page, "type": "document", "phase": "load"},
                {"url": f"{BASE}/assets/main.css", "type": "stylesheet", "phase": "load"},
                {"url": f"{BASE}/assets/bundle.js", "type": "script", "phase": "load"},
                {"url": f"{BASE}/assets/workers/search-layer.js?w=search.1.min.js", "type": "script", "phase": "load"},
                {"url": f"{BASE}/search/search_index.json", "type": "xhr", "phase": "load"},
                {"url": "blob:http://127.0.0.1:8750/5f0c", "type": "script", "phase": "load"},
                {"url": f"{BASE}/assets/images/favicon.png", "type": "other", "phase": "search"},
                {"url": f"{BASE}/pagefind/pagefind-entry.json?ts=17", "type": "fetch", "phase": "search"}]
    assert [r["url"][len(BASE):] for r in search_bench.counted(requests, refs)] == [
        "/assets/workers/search-layer.js?w=search.1.min.js", "/search/search_index.json",
        "/pagefind/pagefind-entry.json?ts=17"]


def test_the_payload_is_each_served_file_gzipped_and_summed(tmp_path):
    (tmp_path / "search").mkdir()
    index = b'{"docs": [' + b'{"title": "Remboursement du colis"},' * 200 + b"{}]}"
    (tmp_path / "search" / "search_index.json").write_bytes(index)
    (tmp_path / "case-0001").mkdir()
    (tmp_path / "case-0001" / "index.html").write_bytes(b"<article>x</article>")
    assert search_bench.served_file(tmp_path, f"{BASE}/case-0001/") == tmp_path / "case-0001" / "index.html"
    assert search_bench.served_file(tmp_path, f"{BASE}/search/search_index.json?v=2") == \
        tmp_path / "search" / "search_index.json"
    assert search_bench.served_file(tmp_path, f"{BASE}/missing.js") is None
    files = search_bench.payload([{"url": f"{BASE}/search/search_index.json", "type": "xhr", "phase": "load"},
                                  {"url": f"{BASE}/missing.js", "type": "script", "phase": "search"}], tmp_path)
    assert [(f["raw"], f["gz"], f["part"]) for f in files] == [
        (len(index), len(gzip.compress(index, 9, mtime=0)), "index"), (0, 0, "code")]
    assert len(gzip.compress(index, 9, mtime=0)) < len(index) / 10
    runs = [{"query": "a", "ms": 30.0, "files": files},
            {"query": "b", "ms": None, "files": files[:1] * 3},
            {"query": "c", "ms": 10.0, "files": []}]
    s = search_bench.summary(runs)
    assert (s["gz"], s["ms"], s["parts"]) == (files[0]["gz"], 30.0, {"index": files[0]["gz"], "code": 0})


def test_each_fetched_file_is_code_index_or_a_result_fragment():
    assert [search_bench.part(f"{BASE}/{p}") for p in (
        "pagefind/pagefind.js", "pagefind/wasm.fr.pagefind", "pagefind/pagefind-entry.json?ts=1",
        "pagefind/pagefind.fr_3b46.pf_meta", "pagefind/index/fr_84f.pf_index", "pagefind/fragment/fr_e32.pf_fragment",
        "assets/javascripts/workers/search-layer.js?w=search.a1.min.js", "search/search_index.json",
        "assets/images/favicon.png", "search/f64e815f2d91/s/7072.json", "search/f64e815f2d91/d/32.json")] == [
        "code", "code", "index", "index", "index", "fragments", "code", "index", "other", "index", "fragments"]


def test_pagefind_is_told_the_article_is_the_body_of_an_article_page_only_in_the_copy():
    html = '<html lang="fr"><body><nav>menu</nav><article class="md-content__inner md-typeset"><h1>T</h1></article>'
    assert search_bench.mark_body(html) == html.replace("<article class", "<article data-pagefind-body class")
    try:
        search_bench.mark_body("<html><body><main>no article</main>")
    except SystemExit as exc:
        assert "without <article>" in str(exc)
    else:
        raise AssertionError("a page without <article> must stop the bench")


def test_the_bench_copy_of_the_loader_takes_ten_thousand_articles(tmp_path):
    (tmp_path / "scripts" / "helpcenter").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "helpcenter" / "load.py", tmp_path / "scripts" / "helpcenter" / "load.py")
    search_bench.lift_limits(tmp_path)
    ns: dict = {}
    lifted = (tmp_path / "scripts" / "helpcenter" / "load.py").read_text(encoding="utf-8")
    for name in ("MAX_FILES", "GUIDE_MAX_BYTES"):
        line = next(line for line in lifted.splitlines() if line.startswith(f"{name} = "))
        exec(line, ns)  # noqa: S102 - one constant line of our own file
    assert ns["MAX_FILES"] >= 10_000 and ns["GUIDE_MAX_BYTES"] >= 64 * 1024 * 1024
    # Everything else is the loader as it is.
    original = (ROOT / "scripts" / "helpcenter" / "load.py").read_text(encoding="utf-8").splitlines()
    assert len([1 for a, b in zip(original, lifted.splitlines(), strict=True) if a != b]) == 2


def test_the_search_bench_lines_put_ours_beside_pagefind_at_each_size():
    row = {"size": 100, "ours": {"gz": 29377, "ms": 203.4}, "pagefind": {"gz": 109521, "ms": None},
           "capped": {"ours": {"ms": 250.6}, "pagefind": {"ms": 61.0}}}
    assert search_bench.bench_lines([row]) == [
        "search_payload_gz_per_query_100_ours: 29377", "search_payload_gz_per_query_100_pagefind: 109521",
        "search_first_results_ms_100_ours: 203", "search_first_results_ms_100_pagefind: none within 180 s",
        "search_first_results_capped_ms_100_ours: 251", "search_first_results_capped_ms_100_pagefind: 61"]
    row["capped"] = {"skipped": "needs root (a cgroup of its own)"}
    assert search_bench.bench_lines([row])[-2:] == [
        "search_first_results_capped_ms_100_ours: skipped (needs root (a cgroup of its own))",
        "search_first_results_capped_ms_100_pagefind: skipped (needs root (a cgroup of its own))"]


def test_the_capped_run_gets_a_cgroup_of_a_quarter_core_or_says_why_not(tmp_path, monkeypatch):
    monkeypatch.setattr(search_bench.os, "geteuid", lambda: 0)
    v2 = tmp_path / "v2"
    v2.mkdir()
    (v2 / "cgroup.subtree_control").write_text("memory pids\n")
    assert search_bench.cpu_cgroup(v2) == (None, f"the cgroup v2 cpu controller is not enabled ({v2 / 'cgroup.subtree_control'})")
    (v2 / "cgroup.subtree_control").write_text("cpu memory pids\n")
    group, why = search_bench.cpu_cgroup(v2)
    assert why == "" and (group / "cpu.max").read_text() == "2500 10000"
    v1 = tmp_path / "v1"
    (v1 / "cpu").mkdir(parents=True)
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    group, why = search_bench.cpu_cgroup(v1)
    assert group == v1 / "cpu" / search_bench.CAP_GROUP
    assert [(group / f).read_text() for f in ("cpu.cfs_period_us", "cpu.cfs_quota_us")] == ["10000", "2500"]
    assert search_bench.cpu_cgroup(tmp_path / "none") == (None, f"no cgroup cpu controller under {tmp_path / 'none'}")
    monkeypatch.setattr(search_bench.os, "geteuid", lambda: 1000)
    assert search_bench.cpu_cgroup(v2) == (None, "needs root (a cgroup of its own)")


def test_ten_thousand_articles_are_copies_of_a_thousand_with_their_index_entries():
    assert search_bench.replica_ids("case-0007", 1000, 10000) == [f"case-{k}007" for k in range(1, 10)]
    assert search_bench.replica_ids("case-0999", 1000, 2000) == ["case-1999"]
    assert search_bench.replica_ids("case-0007", 1000, 1000) == []
    index = {"config": {"lang": ["fr"]},
             "docs": [{"location": "case-0000/", "title": "Colis"}, {"location": "guide/", "title": "Guide"},
                      {"location": "case-0001/#steps", "title": "Étapes"}]}
    whole = search_bench.replicated_index(index, 2, 6)
    assert whole["config"] == index["config"]
    assert [d["location"] for d in whole["docs"]] == [
        "case-0000/", "case-0002/", "case-0004/", "guide/", "case-0001/#steps", "case-0003/#steps", "case-0005/#steps"]
    assert {d["title"] for d in whole["docs"] if d["location"].startswith("case-")} == {"Colis", "Étapes"}
    assert index["docs"][0]["location"] == "case-0000/"  # the built index itself is left as it was


def test_a_site_is_copied_to_a_larger_size_with_each_page_under_its_new_id(tmp_path):
    for i in range(2):
        (tmp_path / f"case-000{i}").mkdir()
        (tmp_path / f"case-000{i}" / "index.html").write_text(
            f'<link rel="canonical" href="https://x/case-000{i}/"><a href="../case-0001/">B</a>', encoding="utf-8")
    search_bench.replicate(tmp_path, 2, 4)
    assert sorted(p.parent.name for p in tmp_path.glob(search_bench.ARTICLE_PAGES)) == [
        "case-0000", "case-0001", "case-0002", "case-0003"]
    assert (tmp_path / "case-0002" / "index.html").read_text(encoding="utf-8") == \
        '<link rel="canonical" href="https://x/case-0002/"><a href="../case-0001/">B</a>'
    with pytest.raises(SystemExit, match="not copies of a build of 3"):  # 4 articles cannot be copies of 3
        search_bench.replicate(tmp_path, 3, 4)


def test_the_bench_copy_of_the_code_publishes_the_french_index_with_the_copies_entries(tmp_path):
    import json
    import subprocess

    shutil.copytree(ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    search_bench.patch_replication(tmp_path, 2, 6)
    reader = {"config": {"lang": ["fr"], "fields": {"title": {"boost": 6}}, "intent": ["title"]},
              "docs": [{"location": "case-0000/", "title": "Colis perdu"}, {"location": "guide/", "title": "Guide"},
                       {"location": "case-0001/", "title": "Remboursement"}]}
    english = {**reader, "config": {**reader["config"], "lang": ["en"]}}
    code = ("import json, sys; from helpcenter.search import published_search, published_docs\n"
            "for reader in json.load(sys.stdin):\n"
            "    files = published_search(json.dumps(reader), frozenset())\n"
            "    print(json.dumps([d['location'] for d in published_docs(files.__getitem__)]))")
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps([reader, english]), text=True,
                         capture_output=True, env={"PYTHONPATH": str(tmp_path / "scripts")}, check=True).stdout
    assert [json.loads(line) for line in out.splitlines()] == [
        ["case-0000/", "case-0002/", "case-0004/", "guide/", "case-0001/", "case-0003/", "case-0005/"],
        ["case-0000/", "guide/", "case-0001/"]]
    (tmp_path / "scripts" / "helpcenter" / "search.py").write_text("def other(): pass\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"teach search_bench\.patch_replication\(\)"):  # no published_search
        search_bench.patch_replication(tmp_path, 2, 6)
