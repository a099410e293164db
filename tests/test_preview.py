"""`make serve` as an editor uses it: a save shows at once, once; a content error
shows in the page being edited, and fixing it brings the page back by itself.

A real `mkdocs serve` on a copy of the repository whose content is the fixture help
center (tests/fixtures/mini: the edits are made to a copy of made-up content, never to
the real content/), a real Chromium page on it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import fixture_repo, run_cli
from helpcenter.preview import generated_names, is_own_write
from helpcenter.search import published_docs

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """`make serve` (``helpcenter serve``) in the background; its log read as it grows."""

    def __init__(self, root: Path, port: int, log: Path):
        self.log = log
        self.out = log.open("w")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "helpcenter", "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, env=env, stdout=self.out, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}"

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        return self.text().count("Building the preview...")

    def wait_for(self, predicate, timeout=120.0, what="the server"):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return
            if self.process.poll() is not None:
                raise AssertionError(f"helpcenter serve stopped:\n{self.text()[-3000:]}")
            time.sleep(0.2)
        raise AssertionError(f"waited {timeout} s for {what}:\n{self.text()[-3000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.out.close()


def _preview_repo(dest: Path) -> Path:
    """A copy of the repository with the fixture's content, where the first article (alpha)
    shares its section with another (beta), as most articles of a real help center do."""
    root = fixture_repo(dest)
    beta = root / "content" / "scenarios" / "beta.yml"
    text = beta.read_text(encoding="utf-8")
    assert "\nsection: after-shipping\n" in text
    beta.write_text(text.replace("\nsection: after-shipping\n", "\nsection: before-shipping\n", 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = _preview_repo(tmp_path_factory.mktemp("serve") / "repo")
    assert run_cli(root, "generate").returncode == 0
    server = Serve(root, _free_port(), root.parent / "serve.log")
    try:
        server.wait_for(lambda: "Serving on" in server.text(), what="the first build")
        yield root, server
    finally:
        server.stop()


def _settled(server: Serve, quiet: float = 2.5) -> int:
    """The build count once no build has started for ``quiet`` seconds."""
    count, since = server.builds(), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.2)
        if server.builds() != count:
            count, since = server.builds(), time.monotonic()
    return count


def test_generator_files_are_its_own_and_hand_written_ones_are_not(tmp_path):
    folder = tmp_path / "fr"
    folder.mkdir()
    (folder / ".gitignore").write_text("# generated\n/.gitignore\n/unpaid-order.md\n", encoding="utf-8")
    (folder / "about.md").write_text("# About\n", encoding="utf-8")
    assert generated_names(folder) == {".gitignore", "unpaid-order.md"}
    assert is_own_write(str(folder / "unpaid-order.md"))
    assert is_own_write(str(folder / ".unpaid-order.md.tmp"))
    assert is_own_write(str(folder / ".gitignore"))
    assert not is_own_write(str(folder / "about.md"))


def test_a_save_rebuilds_once_and_a_content_error_shows_in_the_page(served, browser):
    root, server = served
    article = sorted((root / "content" / "scenarios").glob("*.yml"))[0]
    article_id = article.stem
    original = article.read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(f"{server.url}/{article_id}/")
        title = page.locator("h1").first.inner_text()
        before = _settled(server)

        # 1. An ordinary edit: one rebuild, and the open page reloads by itself.
        article.write_text(original.replace("summary:\n  fr: \"", "summary:\n  fr: \"Relu. ", 1), encoding="utf-8")
        page.wait_for_function("() => !!document.body && document.body.innerText.includes('Relu.')", timeout=120_000)
        assert _settled(server) == before + 1

        # 2. A mistake: the page shows the error, as the terminal prints it, above the last good page.
        broken = original.replace("\ntitle:\n", "\ntitel:\n", 1)
        article.write_text(broken, encoding="utf-8")
        page.wait_for_selector(".hc-content-error", timeout=120_000)
        error = page.locator(".hc-content-error").inner_text()
        line = next(n for n, text in enumerate(broken.splitlines(), 1) if text == "titel:")
        assert re.search(rf"content/scenarios/{article_id}\.yml:{line}: titel: unknown key", error), error
        assert "Aborted with" in error
        assert page.locator("h1").first.inner_text() == title  # the last good page stays readable
        assert f"content/scenarios/{article_id}.yml:{line}: titel: unknown key" in server.text()

        # 3. Fixed: the page comes back by itself, without the error.
        article.write_text(original, encoding="utf-8")
        page.wait_for_function("() => !document.querySelector('.hc-content-error')", timeout=120_000)
        assert "Relu." not in page.locator("body").inner_text()
    finally:
        page.close()
        article.write_text(original, encoding="utf-8")


def test_a_preview_started_with_a_content_error_opens_on_the_last_good_pages(tmp_path, browser):
    """`make serve` started while a file has a mistake: the last preview's pages open, with the
    error above them, instead of a server that stops; the fix brings the page back by itself."""
    root = _preview_repo(tmp_path / "repo")
    article = sorted((root / "content" / "scenarios").glob("*.yml"))[0]
    original = article.read_text(encoding="utf-8")
    first = Serve(root, _free_port(), tmp_path / "first.log")
    try:  # a good preview first: its content is the last good one
        first.wait_for(lambda: "Serving on" in first.text(), what="the first preview")
    finally:
        first.stop()
        first.process.wait(30)
    broken = original.replace("\ntitle:\n", "\ntitel:\n", 1)
    article.write_text(broken, encoding="utf-8")
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if text == "titel:")
    server = Serve(root, _free_port(), tmp_path / "second.log")
    page = browser.new_page()
    try:
        server.wait_for(lambda: "Serving on" in server.text(), what="the preview started on broken content")
        page.goto(f"{server.url}/{article.stem}/")
        error = page.locator(".hc-content-error").inner_text()
        assert f"content/scenarios/{article.stem}.yml:{line}: titel: unknown key" in error
        assert page.locator("h1").count() >= 1  # the last good page under it
        article.write_text(original, encoding="utf-8")
        page.wait_for_function("() => !document.querySelector('.hc-content-error')", timeout=120_000)
    finally:
        page.close()
        server.stop()


def test_without_a_last_good_preview_a_content_error_stops_the_preview(tmp_path):
    """Nothing to show yet (a fresh clone whose content has a mistake): the preview stops with the error."""
    root = _preview_repo(tmp_path / "repo")
    article = sorted((root / "content" / "scenarios").glob("*.yml"))[0]
    article.write_text(article.read_text(encoding="utf-8").replace("\ntitle:\n", "\ntitel:\n", 1), encoding="utf-8")
    server = Serve(root, _free_port(), tmp_path / "serve.log")
    try:
        assert server.process.wait(120) != 0
        assert f"content/scenarios/{article.stem}.yml:" in server.text() and "titel: unknown key" in server.text()
    finally:
        server.stop()


def _get(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for_page(url: str, predicate, what: str, timeout: float = 120.0) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        html = _get(url)
        if predicate(html):
            return html
        time.sleep(0.2)
    raise AssertionError(f"waited {timeout} s for {what} at {url}")


def _search_docs(server: Serve) -> dict[str, dict]:
    return {doc["location"]: doc for doc in published_docs(lambda rel: _get(f"{server.url}/search/{rel}"))}


def test_a_preview_shows_a_new_title_in_every_menu_and_keeps_the_search_index_whole(served):
    """A save rebuilds the preview once: a sentence shows on its page, a title in the menu of
    every page of its section, and the search index keeps every page."""
    import yaml

    root, server = served
    articles = sorted((root / "content" / "scenarios").glob("*.yml"))
    data = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in articles}
    article = articles[0]
    neighbour = next(path for path in articles[1:] if data[path]["section"] == data[article]["section"])
    original = article.read_text(encoding="utf-8")
    url, neighbour_url = f"{server.url}/{article.stem}/", f"{server.url}/{neighbour.stem}/"
    before_docs = _search_docs(server)
    assert {f"{path.stem}/" for path in articles} | {"guide/"} <= before_docs.keys()  # every article, the guide
    try:
        # 1. A sentence: one build; the page shows it, the search index keeps every page.
        before = _settled(server)
        article.write_text(original.replace("summary:\n  fr: \"", "summary:\n  fr: \"Phrase relue. ", 1), encoding="utf-8")
        _wait_for_page(url, lambda html: "Phrase relue." in html, "the edited sentence")
        assert _settled(server) == before + 1
        docs = _search_docs(server)
        assert docs.keys() == before_docs.keys()
        assert docs[f"{article.stem}/"]["text"].startswith("Phrase relue.")
        assert docs[f"{neighbour.stem}/"] == before_docs[f"{neighbour.stem}/"]

        # 2. A title: the edited page and the menu of another page of its section show it.
        retitled = original.replace("\ntitle:\n  fr: \"", "\ntitle:\n  fr: \"Titre relu ", 1)
        retitled = retitled.replace("\nshort_title:\n  fr: \"", "\nshort_title:\n  fr: \"Titre relu ", 1)
        assert retitled != original
        article.write_text(retitled, encoding="utf-8")
        html = _wait_for_page(url, lambda html: re.search(r"<h1[^>]*>[^<]*Titre relu", html), "the new title")
        assert "Phrase relue." not in html
        assert "Titre relu" in _get(neighbour_url)  # its menu: the section's articles
        docs = _search_docs(server)
        assert docs.keys() == before_docs.keys()
        assert "Titre relu" in docs[f"{article.stem}/"]["title"]
    finally:
        article.write_text(original, encoding="utf-8")
    _wait_for_page(neighbour_url, lambda html: html and "Titre relu" not in html, "the title restored")
