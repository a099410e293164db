"""What the site publishes is only what it should: no source, generated Markdown
or lock file in site/, and the agents' export holds only what the public
agents' desk page already shows (docs/dev/security.md)."""

from __future__ import annotations

import html
import json
import shutil

from conftest import LANGS, LANGUAGES
from helpcenter.sitecheck import check_site, not_for_readers

# The agents' export (/agents/articles.json) is public, like the desk page
# (noindex keeps it out of search engines, it is no lock): each field is here
# on purpose, and each is printed on /agents/ or is a public address.
EXPORT_FIELDS = {"articles", "guide", "languages", "site_url"}
ARTICLE_FIELDS = {"id", "title", "urls", "steps", "reply", "former_ids"}
STEP_FIELDS = {"id", "text", "urls"}
GUIDE_FIELDS = {"id", "kind", "article", "title", "urls"}


def test_no_file_of_the_built_site_is_a_source(built_site):
    files = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()]
    assert [f for f in files if not_for_readers(f)] == []


def test_site_check_refuses_a_source_file_in_the_site(built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site")
    for rel in ("en/unpaid-order.md", "content.yml", "requirements.lock", "assets/x.py", "templates/page.md.j2",
                ".gitignore", "assets/.env"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("x", encoding="utf-8")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: mailto:x@example.org\n", encoding="utf-8")
    found = sorted(p.file for p in check_site(site, LANGS) if p.message.startswith("not for readers"))
    assert found == [".gitignore", "assets/.env", "assets/x.py", "content.yml", "en/unpaid-order.md",
                     "requirements.lock", "templates/page.md.j2"]


def test_agents_export_holds_only_the_fields_meant_to_be_public(built_site):
    export = json.loads((built_site / "agents" / "articles.json").read_text(encoding="utf-8"))
    assert set(export) == EXPORT_FIELDS
    assert export["articles"] and export["guide"]
    for article in export["articles"]:
        assert set(article) == ARTICLE_FIELDS, article["id"]
        for step in article["steps"]:
            assert set(step) == STEP_FIELDS, article["id"]
    for point in export["guide"]:
        assert set(point) == GUIDE_FIELDS, point["id"]


def test_every_text_of_the_export_is_on_the_public_desk_page(built_site):
    """Nothing reaches the export that the desk page does not already show."""
    export = json.loads((built_site / "agents" / "articles.json").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        page = html.unescape((built_site / LANGS.root(lang) / "agents" / "index.html").read_text(encoding="utf-8"))
        for article in export["articles"]:
            for other in LANGUAGES:  # the desk shows each reply in every language
                assert article["reply"][other].strip() in page, (lang, article["id"])
                assert article["urls"][other] in page, (lang, article["id"])
        for point in export["guide"]:
            assert point["urls"][lang] in page, (lang, point["id"])
