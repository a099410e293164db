"""The editors' path, as EDITING.md tells it: scaffold, fill, link, build, find the article everywhere.

Also the scaffold's refusals and the pre-commit hooks' own commands.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import subprocess
from pathlib import Path

import yaml

from conftest import CONTENT, ROOT, fill_scaffold, line_of, messages, run_cli, run_content_rules
from helpcenter.__main__ import main
from helpcenter.search import published_docs

IDS = sorted(p.stem for p in (CONTENT / "scenarios").glob("*.yml"))


def _neighbour(section: str) -> str:
    """An article of ``section`` with a `related:` list: where EDITING.md says to link a new article from."""
    for sid in IDS:
        data = yaml.safe_load((CONTENT / "scenarios" / f"{sid}.yml").read_text(encoding="utf-8"))
        if data.get("section") == section and data.get("related"):
            return sid
    raise AssertionError(f"no article of {section!r} has a related list")


NEIGHBOUR = _neighbour("after-shipping")

# What an editor writes in place of the scaffold's TODOs, in the order they appear.
FILLED = [
    ("Colis perdu : annuler ou se faire rembourser", "Lost parcel: cancel or get a refund"),
    ("Si le colis n'arrive jamais, ouvrez un litige avant la fin de la protection acheteur.",
     "If the parcel never arrives, open a dispute before buyer protection ends."),
    ("Ouvrez {ui:my-orders} et choisissez la commande.", "Open {ui:my-orders} and pick the order."),
    ("Vous êtes remboursé sur le moyen de paiement utilisé.", "You are refunded to the payment method you used."),
    ("Le colis est arrivé", "The parcel did arrive"),
    ("Bonjour, voici les étapes : {url:lost-parcel#steps}", "Hello, here are the steps: {url:lost-parcel#steps}"),
    ("Notez la date de la commande.", "Write down the date of the order."),
]


def _add_to_related(article: Path, new_id: str) -> None:
    """The guide's last step: list the new article under `related:` of an article its readers come from."""
    text = article.read_text(encoding="utf-8")
    assert "\nrelated:\n" in text
    article.write_text(text.replace("\nrelated:\n", f"\nrelated:\n  - {new_id}\n", 1), encoding="utf-8")


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``helpcenter --root ROOT ARGS`` in this process (``__main__.main``), its output
    captured: what ``run_cli`` gives, without starting Python and the package again."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--root", str(root), *args])
    return subprocess.CompletedProcess(["helpcenter", *args], status, out.getvalue(), err.getvalue())


def _edit_every_article(text: str, word: tuple[str, str]) -> str:
    """An editor's everyday edit: one word more in the summary and in the first step
    written in the article (not a shared `use:` step), in each language."""
    for key in ("summary:", "    text:"):
        start = text.index(f"\n{key}\n") + 1
        for lang, added in zip(("fr", "en"), word):
            line_start = text.index(f"{lang}: \"", start)
            end = text.index("\"\n", line_start)
            text = text[:end] + " " + added + text[end:]
    return text


def test_the_guide_steps_publish_a_new_article_everywhere_and_rewritten_sentences_break_no_test(repo):
    """EDITING.md's steps for a new article, then (issue 16) a sentence of every other article
    changed in both languages: one build publishes both, and the tests of the real content
    still pass on it."""
    guide = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    # The steps this test follows are the guide's own.
    assert "make new-article ID=lost-parcel SECTION=after-shipping" in guide
    assert "related:" in guide and "make serve" in guide

    # Texts an editor has not reviewed yet may sit in the real content: recorded first, so the
    # counts below are the new article's own, whatever the content's state.
    assert _cli(repo, "translations", "confirm").returncode == 0
    made = run_cli(repo, "new-article", "lost-parcel", "--section", "after-shipping")
    assert made.returncode == 0, made.stderr
    article = repo / "content/scenarios/lost-parcel.yml"
    scaffold = article.read_text(encoding="utf-8")
    assert scaffold.startswith("# yaml-language-server: $schema=../../scripts/helpcenter/schemas/scenario.schema.json\n")
    assert yaml.safe_load(scaffold)["id"] == "lost-parcel"

    # Not published while a TODO is left.
    refused = _cli(repo, "check")
    assert refused.returncode == 1
    assert "content/scenarios/lost-parcel.yml:15: title.fr: still a TODO: write the French text\n" in refused.stderr
    assert refused.stderr.endswith("Aborted with 17 content errors.\n")

    # Fill the TODOs: the article builds with no other edit (a warning says to link it).
    article.write_text(fill_scaffold(scaffold, FILLED, "open-dispute", NEIGHBOUR), encoding="utf-8")
    assert not [line for line in article.read_text(encoding="utf-8").splitlines()
                if "TODO" in line and not line.startswith("#")]
    checked = _cli(repo, "check")
    assert checked.returncode == 0, checked.stderr
    not_in_guide = ("content/scenarios/lost-parcel.yml:9: id: warning: no path of the decision guide leads to this article\n"
                    "    add an outcome for it in content/decision-tree.yml, or write reference_only: true "
                    "if readers only reach it from other articles\n")
    assert checked.stderr == ("content/scenarios/lost-parcel.yml:9: id: warning: no other article links to this one\n"
                              "    add lost-parcel to the related list or not_your_case of an article that readers of it come from\n"
                              + not_in_guide +
                              "note: 7 texts not reviewed yet: `make translations-status` lists them, "
                              "`make translations-confirm` records them after review.\n")
    assert _cli(repo, "check-files", "content/scenarios/lost-parcel.yml").returncode == 0

    # Link it from an article its readers come from, then build.
    _add_to_related(repo / f"content/scenarios/{NEIGHBOUR}.yml", "lost-parcel")
    # The English was written after the French and reviewed: record it (EDITING.md).
    assert _cli(repo, "translations", "confirm").returncode == 0
    reviewed = _cli(repo, "check")
    assert reviewed.returncode == 0 and reviewed.stderr == not_in_guide  # linking it from the guide can come later

    # Issue 16: an everyday edit of every other article, in both languages.
    for sid in IDS:
        article = repo / f"content/scenarios/{sid}.yml"
        after = _edit_every_article(article.read_text(encoding="utf-8"), ("Merci.", "Thanks."))
        assert after.count(" Merci.\"") == 2 and after.count(" Thanks.\"") == 2, article.name
        article.write_text(after, encoding="utf-8")
    rewritten = _cli(repo, "check")
    assert rewritten.returncode == 0, rewritten.stderr
    # The French changed, so each English text is now "may be stale": a warning, never a failure.
    stale = [line for line in rewritten.stderr.splitlines() if "English translation may be stale" in line]
    assert len(stale) == 2 * len(IDS), rewritten.stderr
    assert rewritten.stderr.startswith(not_in_guide)
    assert rewritten.stderr.endswith(f"{2 * len(IDS)} translations may be stale (warning; --strict makes it an error).\n")

    built = run_cli(repo, "build")
    assert built.returncode == 0, built.stderr
    assert messages(built.stderr) == rewritten.stderr  # what the check said, and nothing more
    site = repo / "site"

    fr = (site / "lost-parcel/index.html").read_text(encoding="utf-8")
    en = (site / "en/lost-parcel/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in fr and "Colis perdu : annuler ou se faire rembourser" in fr
    assert '<html lang="en"' in en and "Lost parcel: cancel or get a refund" in en
    assert 'id="open-dispute"' in fr and 'id="open-dispute"' in en
    # In the menu of the pages of its section, in each language (the menu opens the reader's own section only).
    assert re.search(r'href="\.\./lost-parcel/"[^>]*>\s*(<span[^>]*>\s*)?Colis perdu', (site / f"{NEIGHBOUR}/index.html").read_text(encoding="utf-8"))
    assert re.search(r'href="\.\./lost-parcel/"[^>]*>\s*(<span[^>]*>\s*)?Lost parcel', (site / f"en/{NEIGHBOUR}/index.html").read_text(encoding="utf-8"))
    # Under "See also" of the article it was added to.
    assert 'href="../lost-parcel/"' in (site / f"{NEIGHBOUR}/index.html").read_text(encoding="utf-8").split('id="related"')[1]
    # The agents' desk: the page in each language and the export.
    assert "https://aide.example.com/lost-parcel/#open-dispute" in (site / "agents/index.html").read_text(encoding="utf-8")
    assert "https://aide.example.com/en/lost-parcel/#open-dispute" in (site / "en/agents/index.html").read_text(encoding="utf-8")
    export = {a["id"]: a for a in json.loads((site / "agents/articles.json").read_text(encoding="utf-8"))["articles"]}
    assert export["lost-parcel"]["reply"] == {
        "fr": "Bonjour, voici les étapes : https://aide.example.com/lost-parcel/#steps",
        "en": "Hello, here are the steps: https://aide.example.com/en/lost-parcel/#steps"}
    # The search index of each language (each language has its own).
    for index, title in (("search/search_index.json", "Colis perdu : annuler ou se faire rembourser"),
                         ("en/search/search_index.json", "Lost parcel: cancel or get a refund")):
        docs = published_docs(lambda rel, index=index: (site / index).parent.joinpath(rel).read_text(encoding="utf-8"))
        assert {d["location"]: d["title"] for d in docs}["lost-parcel/"] == title

    # The rewritten sentences are on the pages.
    for sid in IDS:
        assert "Merci." in (site / f"{sid}/index.html").read_text(encoding="utf-8"), sid
        assert "Thanks." in (site / f"en/{sid}/index.html").read_text(encoding="utf-8"), sid

    # And the tests of the real content still pass on it: no test to touch.
    rules = run_content_rules(repo / "content", site)
    assert rules.returncode == 0, rules.stdout[-3000:] + rules.stderr[-2000:]
    assert " passed" in rules.stdout and " failed" not in rules.stdout


def test_new_article_refuses_to_overwrite_an_editors_file(repo):
    article = repo / f"content/scenarios/{IDS[0]}.yml"
    before = article.read_bytes()
    result = _cli(repo, "new-article", IDS[0])
    assert result.returncode == 1
    assert result.stderr == (f"content/scenarios/{IDS[0]}.yml: already exists; nothing was written\n"
                             "    edit that file, or choose another id\n"
                             "Aborted with 1 content error.\n")
    assert article.read_bytes() == before


def test_new_article_refuses_a_bad_id_with_a_hint(repo):
    result = _cli(repo, "new-article", "Lost_Parcel")
    assert result.returncode == 1
    assert result.stderr == ("content/scenarios/Lost_Parcel.yml: 'Lost_Parcel' cannot be an article id: lower-case words joined by hyphens\n"
                             "    did you mean 'lost-parcel'? e.g. make new-article ID=lost-parcel\n"
                             "Aborted with 1 content error.\n")
    result = _cli(repo, "new-article", "agents")
    assert result.stderr == ("content/scenarios/agents.yml: 'agents' is an address the site already uses\n"
                             "    choose another id, not one of: agents, assets, search, fr, en\n"
                             "Aborted with 1 content error.\n")
    result = _cli(repo, "new-article", "lost-parcel", "--section", "after-shiping")
    assert result.stderr == ("content/scenarios/lost-parcel.yml: unknown section 'after-shiping'; nothing was written\n"
                             "    did you mean 'after-shipping'?\n"
                             "Aborted with 1 content error.\n")
    assert sorted(p.name for p in (repo / "content/scenarios").iterdir()) == sorted(
        p.name for p in (ROOT / "content/scenarios").iterdir())


def test_new_article_without_a_section_asks_for_one(repo):
    assert _cli(repo, "new-article", "lost-parcel").returncode == 0
    text = (repo / "content/scenarios/lost-parcel.yml").read_text(encoding="utf-8")
    sections = ", ".join(s["id"] for s in yaml.safe_load((CONTENT / "site.yml").read_text(encoding="utf-8"))["sections"])
    assert f"# The group on the home page and in the menu, one of: {sections}\nsection: TODO\n" in text
    result = _cli(repo, "check")
    assert ("content/scenarios/lost-parcel.yml:11: section: still a TODO: write the section\n"
            "    replace TODO, for example: section: before-shipping\n") in result.stderr


def _hooks() -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {h["id"]: h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]}


def _run_hook(hook: dict, repo: Path, files: list[str]) -> subprocess.CompletedProcess:
    """The hook's own entry, run as pre-commit runs it: from the repository root, files appended."""
    argv = shlex.split(hook["entry"])
    assert argv[0] == ".venv/bin/python"
    argv[0] = str(ROOT / ".venv/bin/python")  # the copy has no .venv of its own
    if hook.get("pass_filenames", True):
        argv += files
    return subprocess.run(argv, cwd=repo, capture_output=True, text=True)


def test_pre_commit_hooks_refuse_a_broken_file(repo):
    hooks = _hooks()
    assert set(hooks) == {"content-schema", "content-check"}
    assert all(h["language"] == "system" for h in hooks.values())  # nothing fetched at run time
    relative = f"content/scenarios/{IDS[0]}.yml"
    assert re.match(hooks["content-schema"]["files"], relative)

    changed = [relative, "content/facts.yml"]
    for hook in hooks.values():
        assert _run_hook(hook, repo, changed).returncode == 0

    article = repo / relative
    article.write_text(re.sub(r"^order: \d+$", "order: ten", article.read_text(encoding="utf-8"), count=1, flags=re.M),
                       encoding="utf-8")
    line = line_of(article, "order: ten")
    schema = _run_hook(hooks["content-schema"], repo, changed)
    assert schema.returncode == 1
    assert schema.stderr == (f"{relative}:{line}: order: JSON Schema: 'ten' is not of type 'integer'\n"
                             "    example: order: 10\n"
                             "Aborted with 1 content error.\n")
    check = _run_hook(hooks["content-check"], repo, changed)
    assert check.returncode == 1
    assert check.stderr == (f"{relative}:{line}: order: expected a whole number of at least 0, got a text\n"
                            "    example: order: 10\n"
                            "Aborted with 1 content error.\n")


def test_pre_commit_schema_hook_wants_the_schema_line(repo):
    labels = repo / "content/labels.yml"
    labels.write_text(labels.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    result = _run_hook(_hooks()["content-schema"], repo, ["content/labels.yml", "content/notes.yml"])
    assert result.returncode == 1
    assert result.stderr == (
        "content/labels.yml:1: the first line must name the file's schema\n"
        "    write as the first line: # yaml-language-server: $schema=../scripts/helpcenter/schemas/labels.schema.json\n"
        "content/notes.yml: the build reads no file of this name\n"
        "    content files are: content/site.yml, content/labels.yml, content/facts.yml, content/scenarios/*.yml, content/decision-tree.yml, content/search-queries.yml\n"
        "Aborted with 2 content errors.\n")
