"""A help center in three languages (tests/fixtures/trio: French, English,
Spanish) and a draft fourth (German), built end to end by the real command.

The fixture is made-up words; its language table (languages.yml) replaces
the i18n plugin's languages: of mkdocs.yml in a copy of the repository.
The published site is built with `helpcenter build --content DIR` run from
another folder (the one generator, any help center), the preview with
`--root`; `check` and `serve` take `--content` too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, copy_repo
from helpcenter import tools
from helpcenter.search import published_docs
from site_manifest import differences

sys.path.insert(0, str(ROOT / "scripts"))
import lighthouse  # noqa: E402

TRIO = Path(__file__).parent / "fixtures" / "trio"
LANGS = ("fr", "en", "es")
ROOTS = {"fr": "", "en": "en/", "es": "es/"}


def trio_repo(dest: Path) -> Path:
    root = copy_repo(dest)
    shutil.rmtree(root / "content")
    shutil.copytree(TRIO / "content", root / "content")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = config.index("      languages:\n"), config.index("\nmarkdown_extensions:")
    rows = [line for line in (TRIO / "languages.yml").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    table = "      languages:\n" + "".join(f"        {line}\n" for line in rows)
    (root / "mkdocs.yml").write_text(config[:start] + table + config[end:], encoding="utf-8")
    return root


# No Chromium: the accessibility check is skipped with its line (the real
# site's tests run it); every other check of the build runs.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HELPCENTER_CHROMIUM": "/nonexistent", "CI": ""}


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpcenter", "--root", str(root), *args],
                          capture_output=True, text=True, env=ENV, cwd=root)


def _cli_content(content: Path, command: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``helpcenter COMMAND --content DIR``, run from ``cwd``: no other folder named."""
    return subprocess.run([sys.executable, "-m", "helpcenter", command, "--content", str(content), *args],
                          capture_output=True, text=True, env=ENV, cwd=cwd)


@pytest.fixture(scope="module")
def trio(tmp_path_factory):
    root = trio_repo(tmp_path_factory.mktemp("trio") / "repo")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    published = _cli_content(root / "content", "build", cwd=elsewhere)
    assert published.returncode == 0, published.stdout + published.stderr
    assert not any(elsewhere.iterdir())  # everything went into the help center's own folder
    preview = _cli(root, "build", "--preview")
    assert preview.returncode == 0, preview.stdout + preview.stderr
    return root, published, preview


def _pages(site: Path, lang: str) -> set[str]:
    base = site / ROOTS[lang] if ROOTS[lang] else site
    others = tuple(f"{code}/" for code in ("en", "es", "de"))
    return {p.relative_to(base).as_posix() for p in base.rglob("*.html")
            if lang != "fr" or not p.relative_to(base).as_posix().startswith(others)}


def test_every_page_in_every_language(trio):
    root, published, _ = trio
    site = root / "site"
    pages = {lang: _pages(site, lang) for lang in LANGS}
    assert pages["fr"] == pages["en"] == pages["es"]
    for must in ("index.html", "404.html", "alpha/index.html", "guide/index.html", "agents/index.html",
                 "checklists/index.html"):
        assert must in pages["es"]
    assert "in 3 languages" in published.stdout
    spanish = (site / "es/alpha/index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in spanish and "ES " in spanish


def test_published_byte_for_byte_as_the_pipeline_before_one_run_per_language(trio):
    """tests/golden/site/: the sites the previous pipeline (static-i18n nesting every language's
    build in one MkDocs run) published from this fixture; `make golden` rewrites them."""
    root = trio[0]
    for name, site in (("trio", root / "site"), ("trio-preview", root / "site-preview")):
        expected = json.loads((ROOT / "tests/golden/site" / f"{name}.json").read_text(encoding="utf-8"))
        if os.environ.get("UPDATE_GOLDEN"):
            from site_manifest import write
            write(ROOT / "tests/golden/site" / f"{name}.json", site)
            continue
        assert differences(expected, site) == []


def test_search_per_language_with_its_stemmer(trio):
    site = trio[0] / "site"
    for lang in LANGS:
        folder = site / ROOTS[lang] / "search"
        index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        docs = published_docs(lambda rel: (folder / rel).read_text(encoding="utf-8"))
        assert docs and all(not d["location"].startswith(("en/", "es/")) for d in docs)
    assert (site / "assets/javascripts/lunr/min/lunr.es.min.js").is_file()


def test_404_sitemap_and_hreflang_with_x_default(trio):
    site = trio[0] / "site"
    assert '<html lang="es"' in (site / "es/404.html").read_text(encoding="utf-8")
    sitemap = (site / "es/sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locs and all(loc.startswith("https://aide.example.com/es/") for loc in locs)
    assert 'hreflang="x-default" href="https://aide.example.com/alpha/"' in sitemap
    head = (site / "es/alpha/index.html").read_text(encoding="utf-8").split("</head>")[0]
    alternates = dict((lang, href) for href, lang in re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)"', head))
    assert alternates == {"fr": "https://aide.example.com/alpha/", "en": "https://aide.example.com/en/alpha/",
                          "es": "https://aide.example.com/es/alpha/", "x-default": "https://aide.example.com/alpha/"}


def test_agents_export_and_printed_sheets_in_spanish(trio):
    site = trio[0] / "site"
    agents = (site / "es/agents/index.html").read_text(encoding="utf-8")
    assert "Español" in agents and "https://aide.example.com/es/alpha/" in agents
    sheets = sorted(p.parent.name for p in (site / "es/checklists").glob("*/index.html"))
    assert sheets and sheets == sorted(p.parent.name for p in (site / "checklists").glob("*/index.html"))


def test_the_draft_language_is_only_in_the_preview(trio):
    root, published, preview = trio
    site, draft = root / "site", root / "site-preview"
    assert not (site / "de").exists()
    assert not any('hreflang="de"' in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "Deutsch" not in (site / "index.html").read_text(encoding="utf-8")
    german = (draft / "de/index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in german and "Eine Bestellung stornieren: jede Situation" in german
    assert _pages(draft, "fr") == _pages(site, "fr")
    missing = [line for line in preview.stderr.splitlines() if "missing the German text" in line]
    assert "content/site.yml:" in missing[0] and len(missing) > 50
    # Its name on the agents' desk, until site.yml has it: listed too, the language's own name meanwhile.
    assert "missing the template text 'language-de' (draft language)" in preview.stderr
    assert "Deutsch" in (draft / "agents/index.html").read_text(encoding="utf-8")
    assert "missing the German text" not in published.stderr
    # Its missing texts, shown in French, are marked French: the HTML checker does not take its
    # pages for French ones (it warned on every one), so a real warning stands out.
    assert '<span lang="fr">Titre alpha</span>' in (draft / "de/alpha/index.html").read_text(encoding="utf-8")
    desk = (draft / "de/agents/index.html").read_text(encoding="utf-8")
    assert 'id="reply-de--alpha" lang="fr"' in desk and 'id="reply-en--alpha" lang="en"' in desk
    assert not any('<span lang="fr">' in p.read_text(encoding="utf-8") or re.search(r"<textarea[^>]* lang=", p.read_text(encoding="utf-8"))
                   for p in site.rglob("*.html"))  # published: no draft, nothing marked
    if tools.find(tools.JAVA):
        assert "HTML validity" in preview.stderr
        # Not one page of the draft: its texts shown in French are marked where the theme
        # prints them too (title, header, menu, table of contents: languages.with_fallbacks_marked).
        warned = [line for line in preview.stderr.splitlines() if "appears to be written in" in line and line.startswith("de/")]
        assert warned == []


def test_check_takes_the_content_folder_and_refuses_one_without_its_help_center(trio, tmp_path):
    root = trio[0]
    checked = _cli_content(root / "content", "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("content OK: 3 articles")
    # The fixture's own content folder has no mkdocs.yml beside it: one line, no traceback.
    alone = _cli_content(TRIO / "content", "build", cwd=tmp_path)
    assert alone.returncode == 2 and alone.stdout == ""
    assert alone.stderr == (f"helpcenter: --content {TRIO / 'content'}: no mkdocs.yml beside it in {TRIO}; "
                            "a help center is a folder holding mkdocs.yml and its content/ folder\n")
    docs = _cli_content(root / "docs", "check", cwd=tmp_path)
    assert (docs.returncode, docs.stderr) == (2, f"helpcenter: --content {root / 'docs'}: the content folder is named "
                                                 f"content/, beside mkdocs.yml (the helpcenter plugin reads {root / 'content'})\n")
    missing = _cli_content(tmp_path / "nowhere", "serve", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, f"helpcenter: --content {tmp_path / 'nowhere'}: no such folder\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_previews_the_content_folder_drafts_included(trio, tmp_path):
    root = trio[0]
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "helpcenter", "serve", "--content", str(root / "content"),
                               "--dev-addr", f"127.0.0.1:{port}"], env=ENV, cwd=tmp_path, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while "Serving on" not in (tmp_path / "serve.log").read_text(encoding="utf-8"):
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.5)
        pages = {}
        for path in ("es/alpha/", "de/"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as response:
                pages[path] = response.read().decode("utf-8")
        assert '<html lang="es"' in pages["es/alpha/"] and '<html lang="de"' in pages["de/"]
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)
        log.close()


def test_lighthouse_measures_the_languages_of_the_table(trio):
    assert lighthouse.language_roots(trio[0]) == [("fr", ""), ("en", "en/"), ("es", "es/")]
