"""End to end: `python -m helpcenter build` on a copy of the repository."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import CONTENT, LANGS, fixture_repo, run_cli

IDS = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yml"))


def _pages(site: Path, lang_root: str) -> list[str]:
    base = site / lang_root if lang_root else site
    return sorted(p.parent.relative_to(base).as_posix() for p in base.glob("**/index.html")
                  if lang_root or not p.relative_to(base).as_posix().startswith("en/"))


def test_page_list_of_both_languages(built_site):
    tree = yaml.safe_load((CONTENT / "decision-tree.yml").read_text(encoding="utf-8"))
    guide = ["guide"] + [f"guide/{n}" for n in tree["nodes"] if n != tree["start"]]
    # A replaced node's old address stays, as a page that leads to the new one.
    guide += [f"guide/{old}" for node in tree["nodes"].values() for old in node.get("former_ids", [])]
    expected = sorted([".", "agents"] + IDS + ["checklists"] + [f"checklists/{sid}" for sid in IDS] + guide)
    assert _pages(built_site, "") == expected
    assert _pages(built_site, "en") == expected


def test_each_page_is_in_its_language(built_site):
    assert '<html lang="fr"' in (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (built_site / "en/index.html").read_text(encoding="utf-8")
    for sid in IDS:
        fr = (built_site / sid / "index.html").read_text(encoding="utf-8")
        en = (built_site / "en" / sid / "index.html").read_text(encoding="utf-8")
        assert '<html lang="fr"' in fr and '<html lang="en"' in en
        # the switcher goes to the same article in the other language
        assert f'href="../en/{sid}/" hreflang="en"' in fr
        assert f'href="../../{sid}/" hreflang="fr"' in en


def test_404_page_per_language(built_site):
    assert '<html lang="fr"' in (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (built_site / "en/404.html").read_text(encoding="utf-8")


def test_no_page_references_another_host(built_site):
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    for page in built_site.rglob("*.html"):
        for tag in pattern.findall(page.read_text(encoding="utf-8")):
            assert 'rel="alternate"' in tag or 'rel="canonical"' in tag, f"{page}: {tag}"


def test_generated_markdown_is_ignored_by_git(built_site):
    repo = built_site.parent
    ignore = (repo / "docs/fr/.gitignore").read_text(encoding="utf-8").splitlines()
    assert "/index.md" in ignore and f"/{IDS[0]}.md" in ignore


def _without_browser_and_java(monkeypatch):
    """What these tests compare is what publishing leaves in site/, not the checks: the
    accessibility and HTML checks are skipped (with their line; CI="" lets them be)."""
    for name, value in {"HELPCENTER_CHROMIUM": "/nonexistent/chromium", "HELPCENTER_JAVA": "/nonexistent/java",
                        "CI": ""}.items():
        monkeypatch.setenv(name, value)


def _built(mini_build, tmp_path) -> Path:
    """A copy of the fixture help center as a good build left it (its site/ published)."""
    import shutil

    return shutil.copytree(mini_build, tmp_path / "repo", symlinks=True)


def test_bad_content_leaves_the_last_good_site_untouched(mini_build, tmp_path, monkeypatch):
    _without_browser_and_java(monkeypatch)
    repo = _built(mini_build, tmp_path)
    before = {p: p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    article = repo / "content/scenarios/alpha.yml"
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"^order: (\d+)$", r"order: [\1", text, count=1, flags=re.M), encoding="utf-8")
    result = run_cli(repo, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("content/scenarios/alpha.yml:")
    assert result.stderr.rstrip().endswith("Aborted with 1 content error.")
    after = {p: p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    assert after == before


def test_failed_mkdocs_build_leaves_the_last_good_site_untouched(mini_build, tmp_path, monkeypatch):
    _without_browser_and_java(monkeypatch)
    repo = _built(mini_build, tmp_path)
    before = {p: p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    # A hand-written page with a broken link: MkDocs --strict refuses it.
    (repo / "docs/fr/a-propos.md").write_text("# À propos\n\n[x](nowhere.md)\n", encoding="utf-8")
    (repo / "docs/en/a-propos.md").write_text("# About\n\n[x](nowhere.md)\n", encoding="utf-8")
    result = run_cli(repo, "build")
    assert result.returncode == 1
    assert "mkdocs build failed" in result.stderr and "nowhere.md" in result.stderr
    after = {p: p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(repo.glob(".site-new-*"))


def test_hand_written_page_survives_a_build(tmp_path, monkeypatch):
    _without_browser_and_java(monkeypatch)
    repo = fixture_repo(tmp_path / "repo")
    page = "# À propos\n\nUne page écrite à la main.\n"
    for lang in ("fr", "en"):  # a fresh clone has no docs/<lang>/ until the first generate
        (repo / "docs" / lang).mkdir(parents=True, exist_ok=True)
    (repo / "docs/fr/a-propos.md").write_text(page, encoding="utf-8")
    (repo / "docs/en/a-propos.md").write_text("# About\n\nA hand-written page.\n", encoding="utf-8")
    result = run_cli(repo, "build")
    assert result.returncode == 0, result.stderr
    assert (repo / "docs/fr/a-propos.md").read_text(encoding="utf-8") == page
    assert "Une page écrite à la main." in (repo / "site/a-propos/index.html").read_text(encoding="utf-8")
    assert "A hand-written page." in (repo / "site/en/a-propos/index.html").read_text(encoding="utf-8")
    assert "/a-propos.md" not in (repo / "docs/fr/.gitignore").read_text(encoding="utf-8")
    assert "/alpha.md" in (repo / "docs/fr/.gitignore").read_text(encoding="utf-8")


def test_billion_laughs_is_refused_without_traceback(repo):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    (repo / "content/scenarios/bomb.yml").write_text(bomb, encoding="utf-8")
    result = run_cli(repo, "check")
    assert result.returncode == 1
    assert result.stderr == ("content/scenarios/bomb.yml:2: anchors and aliases (& and *) are not allowed\n"
                             "    write the text out in full where it is needed\n"
                             "Aborted with 1 content error.\n")


def test_hand_written_page_without_twin_is_an_error(repo):
    (repo / "docs/fr").mkdir(parents=True, exist_ok=True)
    (repo / "docs/fr/a-propos.md").write_text("# À propos\n", encoding="utf-8")
    result = run_cli(repo, "generate")
    assert result.returncode == 1
    assert result.stderr == ("docs/en/a-propos.md: missing: docs/fr/a-propos.md has no en twin\n"
                             "    write docs/en/a-propos.md, or remove docs/fr/a-propos.md\n"
                             "Aborted with 1 content error.\n")


def test_pages_describe_themselves_in_their_language(built_site):
    """Each article's meta description is its own summary, in the page's language, labels filled."""
    from html import unescape

    from helpcenter.text import plain
    from helpcenter.validate import load_content

    real = load_content(CONTENT, "", LANGS)
    for sid, article in real.scenarios.items():
        for lang, prefix in (("fr", ""), ("en", "en/")):
            html = (built_site / f"{prefix}{sid}/index.html").read_text(encoding="utf-8")
            described = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
            assert unescape(described)[:60] == plain(real, article.summary[lang], lang)[:60], f"{prefix}{sid}"
