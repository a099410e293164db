"""What keeps the build fast at scale behaves like the slow path it replaces.

- the menu of a page lists the top level and its own section, not every article;
- `python -m helpcenter build` hands its checked content to the MkDocs hook
  (helpcenter/checked.py), which then neither checks nor renders content/
  again, unless the content changed since;
- Material's templates are compiled once per process, and again after an edit;
- a generated folder left with no page loses its stale pages.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import jinja2

from conftest import CONTENT, LANGS, ROOT, fixture_repo
from helpcenter.jinjacache import MemoryBytecodeCache
from helpcenter.output import write_pages
from helpcenter.render import MARKER_PREFIX
from helpcenter.validate import load_content


def _menu_links(html: str) -> list[str]:
    # The primary menu holds sections' own <nav>s and the table of contents: it ends with its sidebar.
    menu = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split('<div class="md-sidebar md-sidebar--secondary"', 1)[0]
    return [href for href in re.findall(r'<a href="([^"]+)" class="md-nav__link', menu) if not href.startswith("#")]


def test_an_article_menu_lists_its_own_section_only(built_site):
    content = load_content(CONTENT, "", LANGS)
    sections = {}
    for sid, article in content.scenarios.items():
        sections.setdefault(article.section, []).append(sid)
    # An article of the largest section, so that both rules below have something to prove.
    shipped = max(sections.values(), key=len)
    assert len(shipped) >= 2 and len(sections) >= 2
    sid = shipped[-1]
    links = _menu_links((built_site / sid / "index.html").read_text(encoding="utf-8"))
    assert "./" in links  # the page itself, marked active
    listed = {href.strip("./").split("/")[0] for href in links} | {sid}
    # Its own section in full; of every other section, only the first article
    # (a closed section leads to it).
    assert set(shipped) <= listed
    for articles in sections.values():
        if articles is not shipped:
            assert articles[0] in listed
            assert not set(articles[1:]) & listed, articles


def test_build_hands_its_checked_content_to_the_hook(tmp_path):
    """After the CLI's check, MkDocs takes the content it stored and checks nothing;
    one byte changed in content/ since, and the hook checks and renders it again.
    On a copy of the fixture help center: its site name is what the edit changes."""
    repo = fixture_repo(tmp_path / "repo")

    def mkdocs_build(site: str) -> str:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / site)],
                              cwd=repo, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return "\n".join(line for line in done.stderr.splitlines() if "helpcenter:" in line)

    generated = subprocess.run([sys.executable, "-m", "helpcenter", "--root", str(repo), "generate"],
                               cwd=repo, capture_output=True, text=True)
    assert generated.returncode == 0, generated.stderr
    assert mkdocs_build("site") == "INFO    -  helpcenter: content as checked before (content unchanged since)"
    site_yml = repo / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace(
        "Centre d'aide : annuler une commande", "Centre d'aide changé après la vérification"), encoding="utf-8")
    assert mkdocs_build("site2") == "INFO    -  helpcenter: checking content"
    assert "Centre d'aide changé après la vérification" in (tmp_path / "site2" / "index.html").read_text(encoding="utf-8")


def test_templates_compile_once_per_process_and_again_after_an_edit(tmp_path):
    (tmp_path / "page.html").write_text("Bonjour {{ name }}", encoding="utf-8")
    cache = MemoryBytecodeCache()
    compiled = []

    class Counting(jinja2.Environment):
        def compile(self, *args, **kwargs):
            compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
            return super().compile(*args, **kwargs)

    def fresh_env():  # MkDocs makes a new environment for each language and rebuild
        return Counting(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=cache)

    assert fresh_env().get_template("page.html").render(name="A") == "Bonjour A"
    assert fresh_env().get_template("page.html").render(name="B") == "Bonjour B"
    assert compiled == ["page.html"]
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    assert fresh_env().get_template("page.html").render(name="C") == "Hello C"
    assert compiled == ["page.html", "page.html"]


def test_stale_pages_go_even_from_a_folder_left_empty(tmp_path):
    marker = f"<!-- {MARKER_PREFIX}x.yml; edit that file, not this one -->\n"
    write_pages(tmp_path, {"fr/index.md": marker, "fr/checklists/a.md": marker})
    report = write_pages(tmp_path, {"fr/index.md": marker})
    assert report.removed == ["fr/checklists/a.md"]
    assert not (tmp_path / "fr" / "checklists" / "a.md").exists()


def test_a_guide_reaching_a_thousand_articles_is_not_too_big_to_load(repo):
    """The size limit refuses a pasted mistake in an article; the decision tree grows with the
    articles, and every reader of it (build, translation lock, pre-commit check) allows that."""
    from helpcenter import translations
    from helpcenter.editor_schema import check_files

    tree = repo / "content" / "decision-tree.yml"
    tree.write_text(tree.read_text(encoding="utf-8") + ("# " + "x" * 98 + "\n") * 4000, encoding="utf-8")
    assert tree.stat().st_size > 400_000
    assert load_content(repo / "content", "", LANGS).guide.start
    assert translations.status(repo / "content", LANGS).stale == []
    assert check_files(repo, ["content/decision-tree.yml"], LANGS) == []
