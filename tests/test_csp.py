"""The Content-Security-Policy computed from the built pages (helpcenter/csp.py):
which scripts count, the policy's exact text, the site check and the build's
comparison with deploy/nginx.conf. In a browser: tests/test_csp_browser.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import LANGS, copy_repo
from helpcenter import csp
from helpcenter.sitecheck import check_site

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def test_only_scripts_a_browser_runs_are_inline_scripts():
    page = ('<script id="__config" type="application/json">{"a": 1}</script>\n'
            '<script src="x.js"></script>\n<script>one()</script>\n'
            "<script type='module'>two()</script><script type=\"text/template\"><b></b></script>\n"
            '<SCRIPT type="text/javascript">three()</SCRIPT>')
    assert csp.inline_scripts(page) == [(3, "one()"), (4, "two()"), (5, "three()")]


def test_hash_is_the_browsers_sha256_in_base64():
    # The value Chromium prints for an empty inline script it refuses.
    assert csp.script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_policy_exact_text():
    assert csp.policy(["'sha256-B'", "'sha256-A'"]) == (
        "default-src 'self'; script-src 'self' 'sha256-A' 'sha256-B'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self' data:; worker-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'")


def test_our_templates_inline_scripts_are_constant():
    """A template's inline script holding a Jinja expression would change the
    policy with the content (deploy/nginx.conf would have to follow each edit)."""
    scripts = csp.template_scripts()
    assert set(scripts) == {"agents.md.j2", "redirect.html.j2"}
    for name, texts in scripts.items():
        for text in texts:
            assert "{{" not in text and "{%" not in text, name


def test_the_real_site_policy_is_the_one_of_nginx_conf_and_allows_every_inline_script(built_site):
    policy = csp.published_policy(built_site)
    assert policy == csp.policy(csp.site_hashes(built_site))
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert csp.nginx_problems(NGINX_CONF.read_text(encoding="utf-8"), policy) == []
    assert [p for p in check_site(built_site, LANGS) if p.file == "_headers" or "inline script" in p.message] == []
    # Every page carries the same few inline scripts: one policy for the whole site.
    assert len(csp.allowed_hashes(policy)) <= 6


def test_the_fixture_site_has_the_same_policy(mini_build, built_site):
    """Other content (with a former id: its redirect pages) needs no other policy."""
    assert (mini_build / "site" / "old-delta" / "index.html").exists()
    assert csp.published_policy(mini_build / "site") == csp.published_policy(built_site)


def test_site_check_refuses_an_inline_script_the_policy_does_not_allow(built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site")
    page = site / "en" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</body>", "<script>alert(1)</script>\n</body>"), encoding="utf-8")
    line = page.read_text(encoding="utf-8")[: page.read_text(encoding="utf-8").index("<script>alert")].count("\n") + 1
    found = [str(p) for p in check_site(site, LANGS) if "inline script" in p.message]
    assert found == [f"en/index.html:{line}: inline script not allowed by the Content-Security-Policy of _headers "
                     f"({csp.script_hash('alert(1)')}): browsers will refuse to run it: 'alert(1)'"]
    (site / "_headers").unlink()
    assert "_headers: no Content-Security-Policy: the build writes it (scripts/helpcenter/csp.py)" in [
        str(p) for p in check_site(site, LANGS)]


def test_nginx_conf_without_the_policy_or_with_a_hash_missing():
    policy = csp.policy(["'sha256-A'", "'sha256-B'"])
    line = f'add_header Content-Security-Policy "{policy}" always;'
    assert csp.nginx_problems("server {\n}\n", policy) == [
        f"no Content-Security-Policy header; add this line to its server block: {line}"]
    old_policy = csp.policy(["'sha256-A'"])
    stale = f'    add_header Content-Security-Policy "{old_policy}" always;\n'
    assert csp.nginx_problems(stale, policy) == [
        "its Content-Security-Policy is not the site's: it does not allow the inline script 'sha256-B' of the "
        f"built pages; write: {line} (and reload nginx where it is deployed)"]


def test_check_site_fails_when_nginx_conf_lags_behind_the_pages(built_site, tmp_path):
    """A Material upgrade adds an inline script: the build says which line to put in deploy/nginx.conf."""
    root = copy_repo(tmp_path / "repo")
    shutil.copytree(built_site, root / "site")
    (root / "deploy").mkdir()
    conf = NGINX_CONF.read_text(encoding="utf-8")
    first = sorted(csp.allowed_hashes(csp.published_policy(built_site)))[0]
    (root / "deploy" / "nginx.conf").write_text(conf.replace(" " + first, ""), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HELPCENTER_JAVA": "/nonexistent"}  # the pages' checks only
    result = subprocess.run([sys.executable, "-m", "helpcenter", "--root", str(root), "check-site", "--no-browser"],
                            capture_output=True, text=True, env=env, cwd=root)
    assert result.returncode == 1
    assert re.search(r"^deploy/nginx\.conf: its Content-Security-Policy is not the site's: it does not allow "
                     rf"the inline script {re.escape(first)} of the built pages; write: add_header ", result.stderr, re.M)
    assert "Traceback" not in result.stderr
