"""Rules that hold for ANY good content, checked on the real content/.

No test here names an article, quotes a sentence or a line number of
content/: an editor who changes a sentence, renames or adds an article the
way EDITING.md says keeps every one of them green. Exact output is pinned
elsewhere, on the fixture help center (tests/fixtures/mini): golden pages in
test_render.py, golden error reports in test_bad_input.py.

The content read is CONTENT (conftest.py): content/, or the copy named by
HELPCENTER_TEST_CONTENT, which test_editors.py sets to run these same rules
on a copy of content/ edited as an editor would.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, LANGS, LANGUAGES, ROOT, run_cli
from helpcenter import a11ycheck
from helpcenter.guide import follow, is_question, path_to
from helpcenter.pipeline import read_site_url
from helpcenter.render import render_site
from helpcenter.text import inline, plain
from helpcenter.model import links_between_articles
from helpcenter.placeholders import without
from helpcenter.validate import load_content


def _bare(text: str) -> str:
    """Text without Markdown emphasis, escapes or typographic spaces, to find a sentence in a page."""
    return re.sub(r"\s+", " ", re.sub(r"[*_\\]", "", text.replace("\u00a0", " ").replace("\u202f", " ")))


@pytest.fixture(scope="module")
def content():
    """The content, loaded and checked: a content error fails every rule here with its report."""
    loaded = load_content(CONTENT, read_site_url(ROOT / "mkdocs.yml"), LANGS)
    return loaded


@pytest.fixture(scope="module")
def pages(content):
    return render_site(content)


def test_content_is_checked_clean(tmp_path):
    """`helpcenter check` accepts the content; the only words it may add are
    warnings and notes that do not stop publishing (EDITING.md)."""
    from conftest import copy_repo

    root = copy_repo(tmp_path / "repo")
    result = run_cli(root, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"content OK: {len(list((CONTENT / 'scenarios').glob('*.yml')))} articles")


def test_every_article_has_every_page_in_both_languages(content, pages):
    for lang in LANGUAGES:
        for page in ("index.md", "guide/index.md", "agents/index.md", "checklists/index.md"):
            assert f"{lang}/{page}" in pages
        for sid in content.scenarios:
            assert f"{lang}/{sid}.md" in pages, f"{lang}/{sid}"
            assert f"{lang}/checklists/{sid}.md" in pages, f"{lang}/checklists/{sid}"


def test_every_article_has_a_checklist(content):
    """Every situation has its printable sheet (the scaffold writes the field,
    marked TODO, so a new article cannot miss it)."""
    assert [sid for sid, a in content.scenarios.items() if not a.checklist] == []


def test_every_article_is_reachable_from_the_guide_or_another_article(content):
    inbound = links_between_articles(content)
    outcomes = {node.outcome for node in content.guide.nodes.values() if not is_question(node)}
    assert [sid for sid in content.scenarios if not inbound[sid] and sid not in outcomes] == []


def test_every_outcome_is_reached_by_its_answers_in_both_languages(content, pages):
    """The smart-answers pattern, over whatever guide exists: the answers on
    the path to each outcome, clicked in order, lead there in each language;
    its page shows its verdict and opens its article."""
    nodes = content.guide.nodes
    outcomes = [nid for nid, node in nodes.items() if not is_question(node)]
    assert outcomes, "the guide has no outcome"
    for nid in outcomes:
        for lang in LANGUAGES:
            answers = [plain(content, nodes[q].answers[i].answer[lang], lang) for q, i in path_to(content.guide, nid)]
            assert follow(content.guide, answers, lang, lambda t: plain(content, t, lang)) == nid, f"{lang}: {answers}"
            page = pages[f"{lang}/guide/{nid}.md"]
            verdict = _bare(inline(content, nodes[nid].verdict[lang], lang, base="../"))  # as the page writes it
            assert verdict[:40] in _bare(page), f"{lang}/guide/{nid}: verdict"
            assert f"](../{nodes[nid].outcome}.md){{ .md-button .md-button--primary .hc-open }}" in page


def test_every_outcome_page_says_each_figure_and_sentence_once(content, pages):
    """Issue 29: an outcome page is read in one go; each figure its texts quote is shown once
    (the "À retenir" line included), and no sentence of its verdict, summary and first steps is
    written twice. The check warns (guide.said_once); here, what the pages show."""
    from helpcenter.text import fact_text

    assert not [w for w in content.warnings if "an outcome page says each thing once" in str(w)]
    for nid, node in content.guide.nodes.items():
        if is_question(node):
            continue
        for lang in LANGUAGES:
            page = pages[f"{lang}/guide/{nid}.md"]
            shown = _bare(page.split(f'id="{nid}"', 1)[1].split('<div class="hc-your-answers"', 1)[0])
            for name in content.facts:
                figure = _bare(fact_text(content, name, lang))
                assert shown.count(figure) <= 1, f"{lang}/guide/{nid}: {figure!r} {shown.count(figure)} times"


def _built_path(md: str) -> str:
    """Where MkDocs puts a French page: fr/a.md -> a/index.html, fr/a/index.md -> a/index.html."""
    rel = md.removeprefix("fr/").removesuffix(".md")
    rel = rel.removesuffix("index").rstrip("/")
    return f"{rel}/index.html" if rel else "index.html"


def test_every_page_type_of_the_site_check_exists(content, pages):
    """The site check's accessibility pass finds one page of each type in this content."""
    built = {"404.html"} | {_built_path(rel) for rel in pages if rel.startswith("fr/")}
    for kind, path in a11ycheck.page_types_for(content):
        assert path in built, f"{kind}: {path}"


def test_the_built_site_holds_every_article_in_both_languages(built_site, content):
    for sid in content.scenarios:
        for lang in LANGUAGES:
            prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
            html = (built_site / f"{prefix}{sid}/index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html
            assert (built_site / f"{prefix}checklists/{sid}/index.html").is_file()
    export = json.loads((built_site / "agents/articles.json").read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in export["articles"]) == sorted(content.scenarios)


# --- Figures and labels come from their one place --------------------------
# A figure is written once in facts.yml and quoted as {fact:NAME}; a button,
# menu or message once in labels.yml and quoted as {ui:NAME}. Typed by hand,
# it goes stale when the platform changes it, and the English page loses the
# French words readers see on screen.

# Fields that are not read as sentences: searched words, and site.yml's
# patterns for writing figures and dates.
NOT_SENTENCES = ("search_terms", "units", "range", "date_format", "months")
_NUMBER = (r"\d+(?:[.,]\d+)?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente|quarante-huit"
           r"|soixante-douze|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty")
_UNIT = (r"(?:heures?|h|minutes?|min|jours?|semaines?|mois|ans?|années?|hours?|hrs?|days?|weeks?|months?|years?"
         r"|euros?|dollars?)\b|%|€|\$")
# "72 heures", "7 à 15 jours", "48h", "une semaine", "a month".
HAND_TYPED_FIGURE = re.compile(
    rf"(?<![\w-])(?:(?:{_NUMBER})(?:[\s\u00a0]*(?:à|to|-|–)[\s\u00a0]*(?:{_NUMBER}))?[\s\u00a0]*(?:{_UNIT})"
    rf"|(?:une?|one|a)[\s\u00a0]+(?:semaine|week|mois|month)\b)", re.IGNORECASE)
_QUOTES = "«»“”\"„"


def _texts(content_dir: Path):
    """(file, key path, language, text) of every text readers see, labels.yml aside."""
    def walk(node, path):
        if isinstance(node, dict):
            if set(node) == set(LANGUAGES) and all(isinstance(v, str) for v in node.values()):
                for lang, text in node.items():
                    yield path, lang, text
                return
            for key, value in node.items():
                if key not in NOT_SENTENCES:
                    yield from walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                yield from walk(item, f"{path}[{i}]")

    for file in sorted(content_dir.rglob("*.yml")):
        if file.name in ("labels.yml", "search-queries.yml"):
            continue
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for path, lang, text in walk(data, ""):
            yield file.relative_to(content_dir.parent).as_posix(), path, lang, text


def _label_pattern(label: str) -> re.Pattern:
    """A label typed by hand: its words in a row, apostrophes of either kind.

    A label that starts with a capital ("Annuler la commande") is the
    platform's button as written on screen: found with that case, or in any
    case between quotes; in lower case without quotes it is ordinary prose
    ("annuler la commande vous-même"). A label in lower case ("envoi
    annulé") is found in any case. One-word labels ("Oui", "Submit") are
    ordinary words and are not looked for.
    """
    words = [re.escape(w).replace("\\'", "['’]").replace("'", "['’]") for w in label.split()]
    body = r"[\s\u00a0]+".join(words)
    if label[:1].islower():
        return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
    quoted = rf"[{_QUOTES}][\s\u00a0]*(?i:{body})[\s\u00a0]*[{_QUOTES}]"
    return re.compile(rf"(?<!\w){body}(?!\w)|{quoted}")


def hand_typed(content_dir: Path) -> list[str]:
    """Every figure or platform label written by hand instead of {fact:...} / {ui:...}."""
    labels = yaml.safe_load((content_dir / "labels.yml").read_text(encoding="utf-8")) or {}
    patterns = [(name, _label_pattern(text)) for name, entry in labels.items()
                for text in entry.values() if len(text.split()) > 1]
    problems = []
    for file, path, lang, text in _texts(content_dir):
        bare = without(text, " ")
        for m in HAND_TYPED_FIGURE.finditer(bare):
            problems.append(f"{file}: {path}.{lang}: figure typed by hand [{m.group(0)}]: use {{fact:NAME}}")
        for name, pattern in patterns:
            for m in pattern.finditer(bare):
                problems.append(f"{file}: {path}.{lang}: label typed by hand [{m.group(0)}]: use {{ui:{name}}}")
    return problems


def test_figures_and_labels_are_quoted_not_typed():
    """Every figure comes from facts.yml ({fact:...}) and every button, menu or
    message from labels.yml ({ui:...}): none is typed by hand in any text."""
    assert hand_typed(CONTENT) == []


def test_a_figure_or_label_typed_by_hand_is_found(tmp_path):
    """The rule above, on the fixture help center: clean as it is, and each
    kind of hand-typed figure or label is found once it is typed in."""
    mini = Path(__file__).parent / "fixtures" / "mini" / "content"
    content = shutil.copytree(mini, tmp_path / "content")
    labels = content / "labels.yml"
    labels.write_text(labels.read_text(encoding="utf-8") + (
        'request:\n  fr: "Demander l\'annulation"\n  en: "Request cancellation"\n'
        'message-sent:\n  fr: "envoi annulé"\n  en: "shipment cancelled"\n'), encoding="utf-8")
    assert hand_typed(content) == []
    alpha = content / "scenarios" / "alpha.yml"
    text = alpha.read_text(encoding="utf-8")
    summary = re.search(r"summary:\n  fr: .*\n  en: .*\n", text).group(0)
    bad = ('summary:\n  fr: "Ouvrez {ui:my-orders} : réponse sous 72\u00a0heures, remboursement en 7 à 15 jours, '
           'ou une semaine. Cliquez sur « demander l’annulation ». Le message Envoi annulé arrive."\n'
           '  en: "Within 48h, or a week. Click Request cancellation. Demander l\'annulation is not asked '
           'to demander l\'annulation in prose."\n')
    alpha.write_text(text.replace(summary, bad), encoding="utf-8")
    where = "content/scenarios/alpha.yml: summary"
    assert hand_typed(content) == [
        f"{where}.fr: figure typed by hand [72\u00a0heures]: use {{fact:NAME}}",
        f"{where}.fr: figure typed by hand [7 à 15 jours]: use {{fact:NAME}}",
        f"{where}.fr: figure typed by hand [une semaine]: use {{fact:NAME}}",
        f"{where}.fr: label typed by hand [« demander l’annulation »]: use {{ui:request}}",
        f"{where}.fr: label typed by hand [Envoi annulé]: use {{ui:message-sent}}",
        f"{where}.en: figure typed by hand [48h]: use {{fact:NAME}}",
        f"{where}.en: figure typed by hand [a week]: use {{fact:NAME}}",
        f"{where}.en: label typed by hand [Demander l'annulation]: use {{ui:request}}",
        f"{where}.en: label typed by hand [Request cancellation]: use {{ui:request}}",
    ]
