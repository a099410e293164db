"""The checked content handed from the command line to MkDocs (helpcenter/checked.py).

The store is keyed by what the check depends on: a stored model is returned
only for the content, site_url, languages and docs/ it was checked with; any
change and the content is checked (and its pages written) again. The same
store is the preview's last good content.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import LANGS, MINI
from helpcenter import checked
from helpcenter.errors import ContentErrors

SITE_URL = "https://aide.example.com/"


@pytest.fixture
def center(tmp_path, monkeypatch):
    """A help center's folders, its content checked and stored once; ``checks`` counts
    the checks done after that."""
    content, docs, cache = tmp_path / "content", tmp_path / "docs", tmp_path / ".build" / "cache"
    shutil.copytree(MINI, content)
    checked.prepare(content, docs, SITE_URL, LANGS, cache)
    checks = []
    real = checked.generate

    def counting(*args, **kwargs):
        checks.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(checked, "generate", counting)
    yield content, docs, cache, checks


def _title(content) -> str:
    return content.scenarios["alpha"].title["fr"]


def test_the_store_is_used_while_nothing_changed(center):
    content, docs, cache, checks = center
    got = checked.checked_content(content, docs, SITE_URL, LANGS, cache)
    assert checks == [] and _title(got) == "Titre alpha"


def test_one_content_byte_changed_is_checked_again(center):
    content, docs, cache, checks = center
    alpha = content / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace('"Titre alpha"', '"Titre alphA"'), encoding="utf-8")
    got = checked.checked_content(content, docs, SITE_URL, LANGS, cache)
    assert checks == [content] and _title(got) == "Titre alphA"
    assert "Titre alphA" in (docs / "fr" / "alpha.md").read_text(encoding="utf-8")
    # Stored again: another process (memo cleared) takes it without checking.
    assert _title(checked.checked_content(content, docs, SITE_URL, LANGS, cache)) == "Titre alphA"
    assert len(checks) == 1


def test_another_site_url_or_language_set_is_checked_again(center):
    content, docs, cache, checks = center
    got = checked.checked_content(content, docs, "https://help.example.org/", LANGS, cache)
    assert len(checks) == 1 and got.site_url == "https://help.example.org/"
    before = checked.content_key(content, SITE_URL, LANGS)
    assert checked.content_key(content, SITE_URL, LANGS.previewing(not LANGS.preview)) != before
    assert checked.content_key(content, SITE_URL, LANGS) == before


def test_a_generated_page_gone_from_docs_is_written_again(center):
    content, docs, cache, checks = center
    (docs / "en" / "beta.md").unlink()
    checked.checked_content(content, docs, SITE_URL, LANGS, cache)
    assert len(checks) == 1 and (docs / "en" / "beta.md").is_file()


def test_a_store_of_other_code_is_never_read(center):
    content, docs, cache, checks = center
    store = cache / checked.STORE
    data = store.read_bytes()
    store.write_bytes(b"0" * 64 + data[64:])  # the code key (first on the line): another version of the generator
    assert checked.last_good(cache, LANGS) is None
    checked.checked_content(content, docs, SITE_URL, LANGS, cache)
    assert len(checks) == 1
    store.write_bytes(store.read_bytes()[:200])  # cut short
    assert checked.last_good(cache, LANGS) is None


def test_the_last_good_content_survives_a_mistake(center):
    content, docs, cache, checks = center
    alpha = content / "scenarios" / "alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("\ntitle:\n", "\ntitel:\n", 1), encoding="utf-8")
    with pytest.raises(ContentErrors, match="titel: unknown key"):
        checked.checked_content(content, docs, SITE_URL, LANGS, cache)
    assert len(checks) == 1
    assert _title(checked.last_good(cache, LANGS)) == "Titre alpha"
    # Stored for other languages (a published build's model, now in preview with drafts): not offered.
    assert checked.last_good(cache, LANGS.previewing(not LANGS.preview)) is None


def test_a_pipe_in_the_content_folder_is_keyed_not_read(center):
    content, *_ = center
    import os

    os.mkfifo(content / "scenarios" / "pipe.yml")  # reading it would block for ever
    assert checked.content_key(content, SITE_URL, LANGS)


def test_a_build_knows_whether_the_content_is_still_what_it_prepared(center):
    content, docs, cache, checks = center
    prepared = checked.prepare(content, docs, SITE_URL, LANGS, cache)[2]
    assert checked.still_as_prepared(content, SITE_URL, LANGS, prepared)
    assert not checked.still_as_prepared(content, "https://help.example.org/", LANGS, prepared)
    article = next((content / "scenarios").glob("*.yml"))
    article.write_text(article.read_text(encoding="utf-8") + "\n# saved during a build\n", encoding="utf-8")
    assert not checked.still_as_prepared(content, SITE_URL, LANGS, prepared)
