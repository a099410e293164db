"""The editors' tools say what is true (issue 29, item 6): the exact lines an editor reads.

- ``check`` names the texts a draft language lacks (a count and the first few per language),
  a warning even with --strict (a draft is not published);
- a YAML indentation mistake is reported at the line the editor got wrong;
- a second ``build`` with nothing changed rebuilds nothing and says so in one line.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import MINI, ROOT, fill_scaffold, fixture_repo, line_of, messages
from helpcenter.errors import ContentErrors
from helpcenter.load import parse
from test_trio import trio_repo

ENV_NO_BROWSER = {"HELPCENTER_CHROMIUM": "/nonexistent", "CI": ""}


def _cli(root, *args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "helpcenter", "--root", str(root), *args], capture_output=True,
                          text=True, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


DE_GAPS = ("warning: de (German, draft): 128 texts missing; until they are written, the preview shows the French ones\n"
           "    content/decision-tree.yml:3: title.de\n"
           "    content/decision-tree.yml:7: intro.de\n"
           "    content/decision-tree.yml:14: nodes.first.question.de\n"
           "    content/decision-tree.yml:19: nodes.first.answers[0].answer.de\n"
           "    content/decision-tree.yml:24: nodes.first.answers[1].answer.de\n"
           "    ... and 123 more: `make translations-status` lists every one\n")


@pytest.fixture
def trio(tmp_path):
    root = trio_repo(tmp_path / "repo")
    assert _cli(root, "translations", "confirm").returncode == 0  # every translation reviewed
    return root


def test_check_lists_what_a_draft_language_lacks_as_a_warning_even_strict(trio):
    for strict in ((), ("--strict",)):
        checked = _cli(trio, "check", *strict)
        assert checked.returncode == 0, checked.stderr
        assert checked.stderr == DE_GAPS
        assert checked.stdout == "content OK: 3 articles, 3 figures, 2 labels (draft: de lacks 128 texts: see above)\n"
    # The preview lists every one instead, each with its line (and no summary).
    preview = _cli(trio, "check", "--preview")
    assert "warning: de (German, draft)" not in preview.stderr
    assert len([line for line in preview.stderr.splitlines() if "missing the German text" in line]) > 100
    assert preview.stdout == "content OK: 3 articles, 3 figures, 2 labels\n"


def test_a_published_language_missing_a_text_stays_an_error(trio):
    alpha = trio / "content/scenarios/alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace('  es: "ES Alpha title"\n', "", 1), encoding="utf-8")
    refused = _cli(trio, "check", "--strict")
    assert refused.returncode == 1
    assert refused.stderr == ("content/scenarios/alpha.yml:4: title.es: missing the Spanish text\n"
                              '    write every language: {fr: "...", en: "...", es: "..."}\n'
                              "Aborted with 1 content error.\n")


def _site_bytes(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_with_nothing_changed_rebuilds_nothing_and_says_so_in_one_line(tmp_path):
    root = fixture_repo(tmp_path / "repo")
    assert _cli(root, "translations", "confirm").returncode == 0  # no "not reviewed" note
    first = _cli(root, "build", env=ENV_NO_BROWSER)
    assert first.returncode == 0, first.stderr
    published = _site_bytes(root / "site")
    again = _cli(root, "build", env=ENV_NO_BROWSER)
    assert again.returncode == 0, again.stderr
    assert (again.stdout, again.stderr) == ("nothing changed since the last build: site/ left as it was published\n", "")
    assert _site_bytes(root / "site") == published
    # A build checked more strictly is another build: it runs (and refuses the skipped check).
    strict = _cli(root, "build", "--strict", env=ENV_NO_BROWSER)
    assert strict.returncode == 1 and "nothing changed" not in strict.stdout
    # A file of the published site changed by hand: built again, and the file is as built.
    (root / "site/index.html").write_text("changed by hand", encoding="utf-8")
    repaired = _cli(root, "build", env=ENV_NO_BROWSER)
    assert repaired.returncode == 0 and "site built: site/" in repaired.stdout
    assert _site_bytes(root / "site") == published
    # A word changed: built again (French only: English is reused), then nothing again.
    alpha = root / "content/scenarios/alpha.yml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace('fr: "', 'fr: "Bien. ', 1), encoding="utf-8")
    edited = _cli(root, "build", env=ENV_NO_BROWSER)
    assert edited.returncode == 0 and "building fr; en reused" in edited.stderr
    assert _cli(root, "build", env=ENV_NO_BROWSER).stdout.startswith("nothing changed since the last build")


ALPHA = MINI / "scenarios/alpha.yml"


def _yaml_error(old: str, new: str) -> str:
    """What the check says of tests/fixtures/mini's alpha.yml with ``old`` replaced by ``new``."""
    text = ALPHA.read_text(encoding="utf-8")
    assert text.count(old) == 1
    try:
        parse("content/scenarios/alpha.yml", text.replace(old, new).encode("utf-8"))
    except ContentErrors as exc:
        return exc.report()
    raise AssertionError("no error")


def _line(needle: str) -> int:
    return line_of(ALPHA, needle)


@pytest.mark.parametrize("old, new, wrong", [
    # The first key of a mapping one space or two off: YAML takes its column for the mapping's,
    # and blamed the next line; the line the editor got wrong is this one.
    ('  fr: "Titre alpha"', '   fr: "Titre alpha"', '  fr: "Titre alpha"'),
    ('  fr: "Titre alpha"', ' fr: "Titre alpha"', '  fr: "Titre alpha"'),
    ('  fr: "Titre alpha"', '    fr: "Titre alpha"', '  fr: "Titre alpha"'),
    ('      fr: "Ouvrez {ui:my-orders}."', '       fr: "Ouvrez {ui:my-orders}."', 'fr: "Ouvrez {ui:my-orders}."'),
])
def test_a_first_key_out_of_line_is_reported_on_its_own_line(old, new, wrong):
    own, right = len(new) - len(new.lstrip()), len(old) - len(old.lstrip())
    assert _yaml_error(old, new) == (
        f"content/scenarios/alpha.yml:{_line(wrong)}: YAML syntax error: this key starts in column {own + 1}, "
        f"the keys beside it in column {right + 1}\n"
        f"    check the indentation: indent this line by {right} spaces, as the key below it\n"
        "Aborted with 1 content error.")


@pytest.mark.parametrize("old, new", [
    ('  en: "Alpha title"', '   en: "Alpha title"'),   # a second key off: YAML blames it already
    ('  en: "Alpha title"', ' en: "Alpha title"'),
])
def test_a_later_key_out_of_line_is_reported_on_its_own_line(old, new):
    assert _yaml_error(old, new) == (
        f"content/scenarios/alpha.yml:{_line(old)}: YAML syntax error: did not find expected key "
        f"(column {len(new) - len(new.lstrip()) + 1})\n"
        "    check the indentation: keys of one mapping start in the same column\n"
        "Aborted with 1 content error.")


def test_a_key_right_of_a_value_is_told_so_not_to_quote_it():
    # `text:` one space right of the step's `id: first`: YAML reads it as more of "first".
    report = _yaml_error("  - id: first\n    text:", "  - id: first\n     text:")
    assert report == (
        f"content/scenarios/alpha.yml:{_line('  - id: first') + 1}: YAML syntax error: mapping values are not "
        "allowed in this context (column 10)\n"
        "    check the indentation: this line starts further right than the key above it, which has its value; "
        "start it in that key's column\n"
        "Aborted with 1 content error.")


# What an editor writes in place of the scaffold's TODOs, in the order they appear.
FILLED = [
    ("Colis perdu : se faire rembourser", "Lost parcel: get a refund"),
    ("Si le colis n'arrive jamais, demandez le remboursement.", "If the parcel never arrives, ask for a refund."),
    ("Ouvrez {ui:my-orders} et choisissez la commande.", "Open {ui:my-orders} and pick the order."),
    ("Vous êtes remboursé sur votre moyen de paiement.", "You are refunded to your payment method."),
    ("Le colis est arrivé", "The parcel did arrive"),
    ("Bonjour, voici les étapes : {url:lost-parcel#steps}", "Hello, here are the steps: {url:lost-parcel#steps}"),
    ("Notez la date de la commande.", "Write down the date of the order."),
]
OUTCOME = ('        next: to-alpha\n  to-alpha:\n',
           '        next: to-alpha\n'
           '      - answer:\n          fr: "Le colis est perdu"\n          en: "The parcel is lost"\n'
           '        next: lost-parcel\n'
           '  lost-parcel:\n    outcome: lost-parcel\n'
           '    verdict:\n      fr: "Le colis ne viendra plus."\n      en: "The parcel will not come."\n'
           '  to-alpha:\n')


def test_add_an_article_as_editing_says_and_no_check_warns(tmp_path):
    guide = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    steps = guide.split("## Add an article", 1)[1].split("\n## ", 1)[0]
    for told in ("make new-article ID=lost-parcel SECTION=after-shipping", "related:", "content/decision-tree.yml",
                 "outcome: lost-parcel", "reference_only: true", "make translations-confirm FILE=content/decision-tree.yml",
                 "no error, no warning, no note"):
        assert told in steps, told
    root = fixture_repo(tmp_path / "repo")
    assert _cli(root, "translations", "confirm").returncode == 0  # a help center whose texts are all reviewed
    assert _cli(root, "check").stderr == ""
    # 1-2. Scaffold, fill every TODO.
    assert _cli(root, "new-article", "lost-parcel", "--section", "after-shipping").returncode == 0
    article = root / "content/scenarios/lost-parcel.yml"
    scaffold = article.read_text(encoding="utf-8")
    assert "# reference_only: true\n" in scaffold and "content/decision-tree.yml" in scaffold
    article.write_text(fill_scaffold(scaffold, FILLED, "ask-refund", "alpha"), encoding="utf-8")
    # 4. Linked from an article its readers come from.
    beta = root / "content/scenarios/beta.yml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("related:\n", "related:\n  - lost-parcel\n", 1), encoding="utf-8")
    # Without step 5, the check says what is left (the warning EDITING names).
    half = _cli(root, "check")
    assert half.returncode == 0
    assert "lost-parcel.yml:9: id: warning: no path of the decision guide leads to this article\n" in half.stderr
    # 5. An answer and its outcome in the guide.
    tree = root / "content/decision-tree.yml"
    text = tree.read_text(encoding="utf-8")
    assert text.count(OUTCOME[0]) == 1
    tree.write_text(text.replace(*OUTCOME), encoding="utf-8")
    # 6. The English reviewed and recorded.
    for file in ("content/scenarios/lost-parcel.yml", "content/decision-tree.yml"):
        assert _cli(root, "translations", "confirm", "--file", file).returncode == 0
    # 7. No error, no warning, no note; and the build says nothing more either.
    checked = _cli(root, "check")
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout == "content OK: 4 articles, 3 figures, 2 labels\n"
    built = _cli(root, "build", env=ENV_NO_BROWSER)
    assert built.returncode == 0, built.stderr
    assert "warning" not in messages(built.stderr).lower()
    assert "0 errors, 0 warnings" in built.stdout
    assert "Le colis ne viendra plus." in (root / "site/guide/lost-parcel/index.html").read_text(encoding="utf-8")
