"""The offline copy (scripts/helpcenter/offline.py) in headless Chromium, the fixture help
center served by nginx with deploy/nginx.conf (its Content-Security-Policy in force), the
network then switched off with Playwright (``context.set_offline``).

A page a reader opened comes back without a connection, with the line that says it is a
saved copy and the day it was saved; the home and the guide of the reader's language are
kept from the first visit; a page never opened gets the offline page of its language;
French and English never answer for each other; a new version is taken on the next visit.
"""

from __future__ import annotations

import datetime
import shutil
import socket
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from conftest import LANGS, MINI, start_nginx
from helpcenter.text import format_date, plain
from helpcenter.validate import load_content

CONTENT = load_content(MINI, "", LANGS)
WORDS = CONTENT.site["strings"]
ROOT = {"fr": "/", "en": "/en/"}
ARTICLES = sorted(CONTENT.scenarios)
OPENED, NEVER = ARTICLES[0], ARTICLES[1]
# Every cache of the origin, with the address of each entry.
CACHES = """async () => { const out = {};
  for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname);
  return out; }"""


@pytest.fixture(scope="module")
def served(mini_build, tmp_path_factory):
    """A copy of the fixture's site (a test changes a page) served by nginx: (address, folder)."""
    folder = tmp_path_factory.mktemp("offline") / "site"
    shutil.copytree(mini_build / "site", folder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = start_nginx(folder, port, tmp_path_factory.mktemp("nginx-offline"))
    yield f"http://127.0.0.1:{port}", folder
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def context(browser):
    """A fresh browser profile: no worker, no cache."""
    ctx = browser.new_context(service_workers="allow")
    ctx.errors = []
    yield ctx
    ctx.close()


def _open(context, url: str):
    """A page at ``url``, once the worker of its language runs and has saved it."""
    page = context.new_page()
    page.on("pageerror", lambda e: context.errors.append(str(e)))
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function(f"caches.match(location.origin + {urlsplit(url).path!r}).then(Boolean)", timeout=15000)
    return page


def _banner(page) -> str:
    return " ".join(page.locator("article .hc-offline-banner").inner_text().split())


def _saved_line(lang: str) -> str:
    return f"{plain(CONTENT, WORDS['offline-saved'][lang], lang)} {format_date(CONTENT, datetime.date.today(), lang)}."


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_page_opened_comes_back_offline_saying_it_is_a_copy_and_since_when(served, context, lang):
    url, _folder = served
    page = _open(context, f"{url}{ROOT[lang]}{OPENED}/")
    title = page.locator("article h1").inner_text()
    assert page.locator(".hc-offline-banner").count() == 0  # online: the page itself, no banner
    context.set_offline(True)
    page.reload()
    assert page.locator("article h1").inner_text() == title
    assert page.evaluate("document.documentElement.lang") == lang
    assert _banner(page) == _saved_line(lang)
    saved = datetime.datetime.fromisoformat(page.locator(".hc-offline-banner time").get_attribute("datetime").replace("Z", "+00:00"))
    assert abs((datetime.datetime.now(datetime.timezone.utc) - saved).total_seconds()) < 300
    # Styled: the build's files came from the worker's cache, not from the network.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert context.errors == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_and_guide_are_kept_and_a_page_never_opened_gets_the_offline_page(served, context, lang):
    url, _folder = served
    page = _open(context, f"{url}{ROOT[lang]}{OPENED}/")
    context.set_offline(True)
    for path in (ROOT[lang], f"{ROOT[lang]}guide/"):  # never opened, kept when the worker started
        page.goto(url + path)
        assert _banner(page) == _saved_line(lang), path
    page.goto(f"{url}{ROOT[lang]}{NEVER}/")
    assert page.url == f"{url}{ROOT[lang]}{NEVER}/"  # the address stays: a reload once online gets the page
    assert page.locator("article h1").inner_text() == WORDS["offline-title"][lang]
    assert page.locator("article p").first.inner_text() == WORDS["offline-text"][lang]
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator(".hc-offline-banner").count() == 0
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def test_english_pages_never_get_french_and_french_never_english(served, context):
    url, _folder = served
    _open(context, f"{url}/{OPENED}/")
    page = _open(context, f"{url}/en/")
    caches = page.evaluate(CACHES)
    assert sorted(n.rsplit("-", 1)[0] for n in caches) == ["hc-en", "hc-en", "hc-fr", "hc-fr"]
    for name, paths in caches.items():
        if name.startswith("hc-en-"):
            assert all(p.startswith(("/en/", "/assets/")) for p in paths), paths
        else:
            assert not any(p.startswith("/en/") for p in paths), paths
    assert f"/{OPENED}/" in caches["hc-fr-pages"] and f"/en/{OPENED}/" not in caches["hc-en-pages"]
    context.set_offline(True)
    page.goto(f"{url}/en/{OPENED}/")  # opened in French only
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("article h1").inner_text() == WORDS["offline-title"]["en"]


def test_the_french_worker_leaves_english_addresses_to_the_network(served, context):
    """Its scope is the site's root, which holds /en/: it answers nothing there."""
    url, _folder = served
    page = _open(context, f"{url}/{OPENED}/")
    context.set_offline(True)
    with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(f"{url}/en/{OPENED}/")


def test_a_new_version_is_taken_on_the_next_visit_and_saved(served, context):
    url, folder = served
    page = _open(context, f"{url}/{OPENED}/")
    file = folder / OPENED / "index.html"
    before = file.read_text(encoding="utf-8")
    try:
        file.write_text(before.replace("</h1>", " (new)</h1>", 1), encoding="utf-8")
        page.reload()
        assert page.locator("article h1").inner_text().endswith("(new)")
        page.wait_for_function(f"""caches.open("hc-fr-pages").then(c => c.match(location.origin + "/{OPENED}/"))
                                   .then(r => r.text()).then(t => t.includes(" (new)</h1>"))""", timeout=15000)
        context.set_offline(True)
        page.reload()
        assert page.locator("article h1").inner_text().endswith("(new)")
        assert page.locator(".hc-offline-banner").count() == 1
    finally:
        file.write_text(before, encoding="utf-8")


def test_search_works_offline(served, context):
    url, _folder = served
    page = _open(context, f"{url}/en/")
    context.set_offline(True)
    page.reload()
    title = CONTENT.scenarios[OPENED].title["en"]
    page.locator("input.md-search__input").click()
    page.keyboard.type(title.split()[0])
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() >= 1


def test_without_javascript_no_worker_and_the_guide_still_works(served, browser):
    url, _folder = served
    ctx = browser.new_context(java_script_enabled=False, service_workers="allow")
    try:
        page = ctx.new_page()
        page.goto(f"{url}/guide/")
        first = page.locator(".hc-answers li:first-child a").first
        target = first.get_attribute("href")
        first.click()
        page.wait_for_load_state()
        assert page.url.rstrip("/").endswith(target.strip("./").rstrip("/"))
        assert ctx.service_workers == []
    finally:
        ctx.close()
