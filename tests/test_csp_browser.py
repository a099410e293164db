"""The Content-Security-Policy in headless Chromium, the site served by nginx with deploy/nginx.conf.

Every page type in both languages loads with no violation report and no
console error, with Material's inline scripts run (allowed by their hash);
search and the guide work under the policy; a script injected into a page
is refused; the redirect page of a former id still follows.
"""

from __future__ import annotations

import re

import pytest

from conftest import CONTENT, LANGS, LANGUAGES, VISIBLE_JS, read_once
from helpcenter import csp
from helpcenter.a11ycheck import page_types_for
from helpcenter.validate import load_content

REAL = load_content(CONTENT, "", LANGS)
# One page of each type, chosen from the content; the 404 by a missing address.
PAGES = [(kind, "/" + LANGS.root(lang) + path.removesuffix("index.html"))
         for kind, path in page_types_for(REAL) if kind != "404" for lang in LANGUAGES]
PAGES += [("404", "/" + LANGS.root(lang) + "no-such-page/") for lang in LANGUAGES]
# Every violation the page reports, recorded from the first line of the document.
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


def _watch(page):
    """``page``, its CSP violations and console errors recorded."""
    page.add_init_script(LISTEN)
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    return page


@pytest.fixture
def watched(browser):
    """A page whose CSP violations and console errors are recorded (the offline copy installing)."""
    context = browser.new_context(service_workers="allow")
    yield _watch(context.new_page())
    context.close()


# What the walk reads of each page once the network is idle: Material's inline script and
# bundle ran, the document's own violations, and the agents' desk filter (`visible`:
# conftest's VISIBLE_JS).
_RAN = """() => {""" + VISIBLE_JS + """
  return {inline: typeof __md_scope === 'object' && typeof __md_get === 'function',
          bundle: typeof document$ === 'object', violations: window.__violations,
          deskFilters: [...document.querySelectorAll('.hc-desk-filter')].map(visible)};
}"""


@pytest.fixture(scope="module")
def walked(browser, nginx_url, tmp_path_factory, pytestconfig) -> dict:
    """Every page of PAGES in turn, in one watched page, the offline copy installing (a fresh
    context costs about a second of CPU: Chromium's start of it, and the site's offline worker
    saving its files): path -> the response's status and headers, what _RAN read, and the
    console errors since the page before. The tests that type, click or change a page keep
    their own. Walked once for the session (conftest.read_once)."""
    def walk() -> dict:
        context = browser.new_context(service_workers="allow")
        page, seen = _watch(context.new_page()), {}
        try:
            for _, path in PAGES:
                del page.console_errors[:]
                response = page.goto(nginx_url + path)
                page.wait_for_load_state("networkidle")
                seen[path] = {"status": response.status, "headers": response.headers, **page.evaluate(_RAN),
                              "errors": list(page.console_errors)}
            return seen
        finally:
            context.close()

    return read_once(tmp_path_factory, pytestconfig, "csp-browser-walk", walk)


def _violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def _csp_errors(page) -> list[str]:
    """Console errors, failed loads included (a favicon asked for at the guide's new address once was one)."""
    return list(page.console_errors)


def _policy(built_site) -> str:
    return csp.published_policy(built_site)


def test_nginx_sends_the_policy_the_build_computed(walked, built_site):
    """deploy/nginx.conf holds the very policy of site/_headers: the build fails otherwise."""
    headers = walked["/"]["headers"]
    assert headers["content-security-policy"] == _policy(built_site)
    assert "unsafe-inline" not in _policy(built_site) and "frame-ancestors 'none'" in _policy(built_site)
    assert headers["permissions-policy"] == csp.PERMISSIONS_POLICY[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_runs_under_the_policy_without_a_violation(walked, lang):
    """One page goes to each page type in turn (the walk): the violations are the
    document's own (recorded from its first line), the console errors those since the
    page before."""
    pages = [(kind, path) for kind, path in PAGES if path.startswith("/" + LANGS.root(lang))
             and (lang != LANGUAGES[0] or not any(path.startswith("/" + LANGS.root(o)) for o in LANGUAGES[1:]))]
    assert {kind for kind, _ in pages} == {kind for kind, _ in PAGES}
    for kind, path in pages:
        seen = walked[path]
        assert seen["status"] == (404 if kind == "404" else 200), path
        assert "script-src 'self' 'sha256-" in seen["headers"]["content-security-policy"]
        # Material's inline script ran (allowed by its hash), and so did its bundle.
        assert seen["inline"], path
        assert seen["bundle"], f"{path}: Material's bundle did not run"
        assert seen["violations"] == [], path
        errors = [e for e in seen["errors"] if not (kind == "404" and "404 (Not Found)" in e)]
        assert errors == [], path


def test_agents_desk_inline_script_runs(walked):
    for lang in LANGUAGES:
        seen = walked[f"/{LANGS.root(lang)}agents/"]
        assert seen["deskFilters"] == [True], lang
        assert seen["violations"] == [], lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_works_under_the_policy(nginx_url, watched, lang):
    sid = next(iter(REAL.scenarios))
    word = max(re.findall(r"\w+", REAL.scenarios[sid].title[lang]), key=len)
    watched.goto(f"{nginx_url}/{LANGS.root(lang)}")
    watched.locator("input.md-search__input").click()
    watched.keyboard.type(word)
    watched.wait_for_selector(".md-search-result__item", timeout=15000)
    assert watched.locator(".md-search-result__item").count() >= 1
    assert _violations(watched) == [] and _csp_errors(watched) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_works_under_the_policy(nginx_url, watched, lang):
    home = f"{nginx_url}/{LANGS.root(lang)}guide/"
    watched.goto(home)
    watched.evaluate("window.hcSamePage = true")  # lost if the click loaded a new page
    first = watched.locator(".hc-guide .hc-node[data-node]:not([hidden]) .hc-answers li:first-child a")
    target = first.get_attribute("href")
    first.click()
    watched.wait_for_url(re.compile(re.escape(home) + r".+/$"))
    watched.wait_for_function("!document.querySelector('.hc-guide').hasAttribute('aria-busy')")
    assert watched.evaluate("window.hcSamePage === true"), "guide.js did not step in place"
    assert watched.url.rstrip("/").endswith(target.strip("./").rstrip("/"))
    assert _violations(watched) == [] and _csp_errors(watched) == []


def test_an_injected_inline_script_is_refused(nginx_url, watched):
    """What the policy is for: markup that got into a page cannot run a script."""
    def inject(route):
        response = route.fetch()
        body = response.text().replace("</body>", "<script>window.__injected = 1</script></body>")
        route.fulfill(response=response, body=body)

    watched.route(nginx_url + "/", inject)
    watched.goto(nginx_url + "/")
    watched.wait_for_function("window.__violations.length > 0")
    assert watched.evaluate("window.__injected") is None
    assert [v.split()[0] for v in _violations(watched)] == ["script-src-elem"]


def test_redirect_of_a_former_id_follows_under_the_policy(mini_nginx, watched, mini_build):
    """The fixture's delta was old-delta: its redirect page's script is allowed and keeps the #anchor."""
    conf = (mini_build / "site" / "_headers").read_text(encoding="utf-8")
    assert csp.script_hash(csp.inline_scripts((mini_build / "site/old-delta/index.html").read_text())[0][1]) in conf
    for root in ("/", "/en/"):
        watched.goto(f"{mini_nginx}{root}old-delta/#somewhere")
        watched.wait_for_url(f"{mini_nginx}{root}delta/#somewhere")
    assert _violations(watched) == [] and _csp_errors(watched) == []
