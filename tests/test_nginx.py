"""deploy/nginx.conf, run by nginx on 127.0.0.1: pages, 404 per language, caching."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlsplit

from conftest import CONTENT, LANGS, NGINX, nginx_config
from helpcenter.validate import load_content

SID = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yml"))[0]  # an article, whatever its name
ARTICLE = SID
_REAL = load_content(CONTENT, "", LANGS)
STEP = _REAL.scenarios[ARTICLE].steps[0].id  # its first step's anchor
NODE = next(n for n in _REAL.guide.nodes if n != _REAL.guide.start)  # a guide point below /guide/


def _get(base: str, path: str):
    host = urlsplit(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=5)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", errors="replace")
    conn.close()
    return response, body


def _lang(body: str) -> str:
    return re.search(r'<html lang="([a-z]+)"', body).group(1)


def test_config_is_valid_for_nginx(built_site, tmp_path):
    import subprocess

    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config(built_site, 8999, tmp_path), encoding="utf-8")
    result = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_site_is_served_at_the_root_in_both_languages(nginx_url):
    for path, lang in (("/", "fr"), (f"/{SID}/", "fr"), ("/en/", "en"), (f"/en/{SID}/", "en")):
        response, body = _get(nginx_url, path)
        assert response.status == 200, path
        assert response.getheader("Content-Type") == "text/html; charset=utf-8"
        assert _lang(body) == lang, path


def test_folder_without_slash_redirects_on_the_same_host(nginx_url):
    response, _ = _get(nginx_url, "/en")
    assert response.status == 301
    assert response.getheader("Location") == "/en/"


def test_missing_page_gets_the_404_of_its_language(nginx_url):
    for path, lang, title in (("/no-such-page/", "fr", "Page introuvable"),
                              (f"/{SID}/typo", "fr", "Page introuvable"),
                              ("/en/no-such-page/", "en", "Page not found"),
                              (f"/en/{SID}/typo", "en", "Page not found")):
        response, body = _get(nginx_url, path)
        assert response.status == 404, path
        assert _lang(body) == lang, path
        assert re.search(f"<h1( id=\"hc-content\")?>{title}</h1>", body), path  # the skip link's target


def test_caching_headers(nginx_url, built_site):
    bundle = next((built_site / "assets/javascripts").glob("bundle.*.min.js")).name
    worker = next((built_site / "assets/javascripts/workers").glob("search.*.min.js")).name
    immutable = "public, max-age=31536000, immutable"
    for path, expected in (("/", "no-cache"), (f"/en/{SID}/", "no-cache"),
                           ("/assets/helpcenter.css", "no-cache"), ("/assets/switcher.js", "no-cache"),
                           ("/search/search_index.json", "no-cache"), ("/en/search/search_index.json", "no-cache"),
                           ("/en/sitemap.xml", "no-cache"),
                           (f"/assets/javascripts/{bundle}", immutable),
                           (f"/assets/javascripts/workers/{worker}", immutable)):
        response, _ = _get(nginx_url, path)
        assert response.status == 200, path
        assert response.getheader("Cache-Control") == expected, path
        assert response.getheader("X-Content-Type-Options") == "nosniff", path
    # A 404 is never cached as an immutable asset.
    response, _ = _get(nginx_url, "/assets/javascripts/bundle.00000000.min.js")
    assert response.status == 404
    assert response.getheader("Cache-Control") is None


# Headers every server sends by itself; the rest is what the configuration adds.
_OWN_HEADERS = {"server", "date", "content-type", "content-length", "last-modified", "connection", "etag",
                "accept-ranges", "content-encoding", "vary", "transfer-encoding", "cache-control"}


def test_headers_file_says_what_nginx_sends(nginx_url, built_site):
    """_headers (Netlify, Cloudflare Pages) gives each file the headers nginx gives it:
    the same added headers on every response, 404s included, and the same Cache-Control
    (a path _headers leaves alone gets the host's default, which revalidates like no-cache)."""
    from test_hosting import parse_headers

    rules = parse_headers((built_site / "_headers").read_text(encoding="utf-8"))
    everywhere = rules.pop("/*")
    assert rules, "no hashed asset in _headers"
    for path in ("/", f"/en/{ARTICLE}/", "/assets/helpcenter.css", "/en/search/search_index.json",
                 "/no-such-page/", "/en/no-such-page/", *rules):
        response, _ = _get(nginx_url, path)
        assert response.status == (404 if "no-such" in path else 200), path
        added = {name: value for name, value in response.getheaders() if name.lower() not in _OWN_HEADERS}
        assert added == everywhere, path
        if response.status == 200:
            assert response.getheader("Cache-Control") == rules.get(path, {}).get("Cache-Control", "no-cache"), path


def test_material_finds_a_sitemap_beside_every_page(nginx_url):
    """Material's JavaScript fetches sitemap.xml beside each hreflang alternate of a page:
    the sitemap of that language answers, so no reader's console shows a 404."""
    _, french = _get(nginx_url, "/sitemap.xml")
    _, english = _get(nginx_url, "/en/sitemap.xml")
    assert "<urlset" in french and "<urlset" in english and french != english
    for path, expected in ((f"/{ARTICLE}/sitemap.xml", french), (f"/guide/{NODE}/sitemap.xml", french),
                           (f"/en/{ARTICLE}/sitemap.xml", english), (f"/en/guide/{NODE}/sitemap.xml", english)):
        response, body = _get(nginx_url, path)
        assert response.status == 200, path
        assert body == expected, path


def test_no_error_in_the_console_and_the_switcher_keeps_the_anchor(browser, nginx_url):
    """Served by nginx, an article loads without a failed request or a console error
    (Material's sitemap fetches included), and the language switcher keeps the #anchor."""
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{nginx_url}/en/{ARTICLE}/#{STEP}")
    page.wait_for_load_state("networkidle")
    page.locator(".md-header__option .md-select__link[hreflang='fr']").first.dispatch_event("click")
    page.wait_for_url(f"{nginx_url}/{ARTICLE}/#{STEP}")
    page.wait_for_load_state("networkidle")
    context.close()
    assert problems == []
