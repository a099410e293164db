"""The whole site builds with ProperDocs, the maintained continuation of MkDocs 1.x,
and passes the whole site check (docs/dev/stack-future.md).

ProperDocs reads the same mkdocs.yml and loads the same plugin and Material
(it answers their `mkdocs.*` imports). The site it builds from the fixture help
center (every optional part) is the one MkDocs builds, byte for byte, but for
the generator named in each page: so it passes the accessibility and HTML
checks the MkDocs build passed (``mini_build``, built with every check), and
these are not run again here; the pages-and-links check runs.
"""

from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import fixture_repo, run_cli


def test_properdocs_is_installed_with_the_tests():
    assert importlib.util.find_spec("properdocs"), "properdocs comes with requirements-test.lock: run make test"


_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def properdocs_build(tmp_path_factory):
    root = fixture_repo(tmp_path_factory.mktemp("properdocs") / "repo")
    with pytest.MonkeyPatch.context() as env:
        for name, value in {"HELPCENTER_CHROMIUM": "/nonexistent/chromium", "HELPCENTER_JAVA": "/nonexistent/java",
                            "CI": ""}.items():
            env.setenv(name, value)
        result = run_cli(root, "build", "--builder", "properdocs")
    return root, result


def test_builds_and_passes_the_site_check(properdocs_build):
    root, result = properdocs_build
    assert result.returncode == 0, result.stdout + result.stderr
    summary = next(line for line in result.stdout.splitlines() if line.startswith("site check:"))
    assert " 0 errors, 0 warnings " in summary, summary
    assert "pages and links" in summary, summary
    assert "Traceback" not in result.stderr


def test_it_is_properdocs_that_built(properdocs_build):
    root, _ = properdocs_build
    import properdocs

    for page in ("index.html", "en/index.html", "en/404.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        assert f'<meta name="generator" content="mkdocs-ProperDocs {properdocs.__version__}, mkdocs-material-' in html


def test_same_site_as_mkdocs(properdocs_build, mini_build):
    """Every file MkDocs writes, ProperDocs writes the same, but the generator line
    (and the build date of the sitemaps, should the two builds straddle midnight), and so
    the offline worker's cache version, a hash of those pages."""
    root, _ = properdocs_build
    ours, built_site = root / "site", mini_build / "site"
    files = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    assert sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file()) == files
    for rel in files:
        if rel.endswith(".gz"):
            continue
        a, b = (built_site / rel).read_bytes(), (ours / rel).read_bytes()
        if rel.endswith(".html"):
            a, b = (_GENERATOR.sub("", x.decode("utf-8")) for x in (a, b))
        elif rel.endswith("sitemap.xml"):
            a, b = (re.sub(r"<lastmod>[^<]*</lastmod>", "", x.decode("utf-8")) for x in (a, b))
        elif rel.endswith("sw.js"):  # its cache version hashes the pages, which name their generator
            a, b = (re.sub(r'"version": "[0-9a-f]+"', "", x.decode("utf-8")) for x in (a, b))
        assert a == b, f"{rel} differs between MkDocs and ProperDocs"
