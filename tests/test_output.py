"""Generated pages are written only when they change; hand-written files are never touched."""

from __future__ import annotations

import pytest

from conftest import LANGS
from helpcenter.errors import ContentErrors
from helpcenter.output import write_pages
from helpcenter.render import marker_for

MARKER = f"<!-- {marker_for('content/scenarios/a.yml')} -->\n"
PAGES = {"fr/a.md": MARKER + "# A\n", "en/a.md": MARKER + "# A (en)\n"}


def test_first_run_writes_then_nothing(tmp_path):
    first = write_pages(tmp_path, PAGES)
    assert sorted(first.written) == ["en/.gitignore", "en/a.md", "fr/.gitignore", "fr/a.md"]
    mtime = (tmp_path / "fr/a.md").stat().st_mtime_ns
    second = write_pages(tmp_path, PAGES)
    assert second.written == [] and second.unchanged == 2
    assert (tmp_path / "fr/a.md").stat().st_mtime_ns == mtime


def test_one_change_rewrites_one_file(tmp_path):
    write_pages(tmp_path, PAGES)
    report = write_pages(tmp_path, {**PAGES, "en/a.md": MARKER + "# A, edited\n"})
    assert report.written == ["en/a.md"]


def test_hand_written_page_survives_and_is_not_ignored(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr/about.md").write_text("# À propos\n", encoding="utf-8")
    write_pages(tmp_path, PAGES)
    write_pages(tmp_path, {})  # even when every generated page goes away
    assert (tmp_path / "fr/about.md").read_text(encoding="utf-8") == "# À propos\n"
    write_pages(tmp_path, PAGES)
    assert (tmp_path / "fr/.gitignore").read_text(encoding="utf-8").splitlines()[1:] == ["/.gitignore", "/a.md"]


def test_the_list_of_generated_files_is_in_order_and_unchanged_by_the_next_build(tmp_path):
    pages = {f"fr/{name}.md": MARKER + f"# {name}\n" for name in ("zeta", "alpha", "mu", "beta", "omega", "kappa",
                                                                "delta", "sigma", "eta", "lambda", "chi", "iota")}
    write_pages(tmp_path, pages)
    listed = (tmp_path / "fr/.gitignore").read_text(encoding="utf-8").splitlines()[2:]
    assert listed == [f"/{name}" for name in sorted(p.split("/")[1] for p in pages)]
    assert write_pages(tmp_path, dict(reversed(pages.items()))).written == []


def test_name_clash_with_hand_written_page_is_an_error_and_writes_nothing(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr/a.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        write_pages(tmp_path, PAGES)
    assert caught.value.report() == (
        "docs/fr/a.md: a hand-written file has the name of a generated page; it was left untouched\n"
        "    rename the hand-written file, or choose another article id\n"
        "Aborted with 1 content error.")
    assert (tmp_path / "fr/a.md").read_text(encoding="utf-8") == "# Mine\n"
    assert not (tmp_path / "en/a.md").exists()


def test_generated_page_of_a_removed_article_is_deleted(tmp_path):
    write_pages(tmp_path, {**PAGES, "fr/old.md": MARKER + "# Old\n"})
    report = write_pages(tmp_path, PAGES)
    assert report.removed == ["fr/old.md"]
    assert not (tmp_path / "fr/old.md").exists()


def test_generation_is_incremental_on_the_real_content(tmp_path):
    """Unchanged content writes nothing; one edit rewrites only the pages that show it."""
    from conftest import ROOT, copy_repo
    from helpcenter.pipeline import generate

    repo = copy_repo(tmp_path / "repo")
    site_url = "https://aide.example.com/"
    _content, first = generate(repo / "content", repo / "docs", site_url, LANGS)
    assert len(first.written) > 20
    _content, again = generate(repo / "content", repo / "docs", site_url, LANGS)
    assert again.written == [] and again.removed == []

    sid = sorted(p.stem for p in (repo / "content/scenarios").glob("*.yml"))[0]
    article = repo / f"content/scenarios/{sid}.yml"
    text = article.read_text(encoding="utf-8")
    start = text.index("\nsummary:\n")
    end = text.index('"\n', text.index('  fr: "', start))
    article.write_text(text[:end] + " Merci." + text[end:], encoding="utf-8")  # one word more in the French summary
    _content, edited = generate(repo / "content", repo / "docs", site_url, LANGS)
    # the French summary shows on the article, its printable sheet, the French home page and the guide's
    # pages that answer with it (an outcome gives the article's summary), nowhere else
    own = {f"fr/checklists/{sid}.md", "fr/index.md", f"fr/{sid}.md"}
    written = set(edited.written)
    assert own <= written
    assert all(rel.startswith("fr/guide/") for rel in written - own), sorted(written - own)
