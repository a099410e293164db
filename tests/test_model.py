"""The content model (helpcenter/model.py): what loading the fixture gives,
typed and read-only; rendering reads it and never changes it; placeholders
are parsed in one module only."""

from __future__ import annotations

import dataclasses
import datetime
import pickle
import re
from pathlib import Path

import pytest

from conftest import LANGS
from helpcenter import model
from helpcenter.placeholders import fill, names_in, parse, pieces, without
from helpcenter.render import agents_export, navigation, page_meta, render_redirects, render_site
from helpcenter.validate import load_content

MINI = Path(__file__).parent / "fixtures" / "mini" / "content"
PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "helpcenter"
URL = "https://help.example.org/base/"


@pytest.fixture(scope="module")
def mini():
    return load_content(MINI, URL, LANGS)


def test_loading_gives_typed_records_with_the_site_url(mini):
    assert isinstance(mini, model.Content) and mini.site_url == URL
    assert list(mini.scenarios) == ["alpha", "beta", "delta"]  # reading order: section, order, id
    assert all(isinstance(a, model.Article) and a.id == sid for sid, a in mini.scenarios.items())
    beta, delta = mini.scenarios["beta"], mini.scenarios["delta"]
    # A shared step is resolved into a Step of its own, naming where it comes from.
    assert all(isinstance(s, model.Step) for s in beta.steps) and isinstance(beta.steps, tuple)
    shared = beta.steps[0]
    assert (shared.shared_from, shared.id, shared.text) == ("alpha", "first", mini.scenarios["alpha"].steps[0].text)
    assert beta.steps[1].shared_from is None
    assert delta.former_ids == ("old-delta",) and isinstance(delta.details[0], model.Detail)
    assert isinstance(delta.details[0].paragraphs, tuple) and delta.checklist and isinstance(delta.checked, datetime.date)
    # No short title in the file: the menu uses the title.
    assert mini.scenarios["alpha"].short_title is mini.scenarios["alpha"].title
    assert all(isinstance(o, model.OtherCase) for a in mini.scenarios.values() for o in a.not_your_case)
    # Figures: one value, or a range.
    assert isinstance(mini.facts["window"], model.Fact) and (mini.facts["window"].value, mini.facts["window"].is_range) == (72, False)
    assert (mini.facts["delay"].min, mini.facts["delay"].max, mini.facts["delay"].is_range) == (7, 15, True)
    assert mini.facts["answer-time"].label == {"fr": "Délai de réponse", "en": "Answer time"}
    assert mini.facts["window"].label is None and mini.facts["window"].checked == datetime.date(2026, 1, 15)
    # The guide: questions with answers, outcomes with their article.
    guide = mini.guide
    assert isinstance(guide, model.Guide) and guide.source == "content/decision-tree.yml"
    assert isinstance(guide.nodes[guide.start], model.Question) and guide.parent[guide.start] is None
    outcomes = [n for n in guide.nodes.values() if isinstance(n, model.Outcome)]
    assert outcomes and all(n.outcome in mini.scenarios for n in outcomes)
    answers = [a for n in guide.nodes.values() if isinstance(n, model.Question) for a in n.answers]
    assert answers and all(isinstance(a, model.Answer) and a.short for a in answers)
    # Texts stay one mapping per language.
    assert set(mini.scenarios["alpha"].title) == {"fr", "en"}


def test_records_are_read_only(mini):
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini.site_url = "https://elsewhere.example.org/"
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini.scenarios["alpha"].title = {"fr": "x", "en": "x"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini.guide.start = "to-beta"


def test_records_refuse_subscripting(mini):
    """Records are read by attribute only: ``record["title"]``, ``"title" in record`` and
    ``record.get("title")`` fail at once, on every kind of record, instead of reading like a dict."""
    alpha = mini.scenarios["alpha"]
    nodes = list(mini.guide.nodes.values())
    records = [mini, alpha, alpha.steps[0], alpha.not_your_case[0], next(iter(mini.facts.values())), mini.guide,
               next(n for n in nodes if isinstance(n, model.Question)), next(n for n in nodes if isinstance(n, model.Outcome)),
               next(n for n in nodes if isinstance(n, model.Question)).answers[0]]
    for record in records:
        name = dataclasses.fields(record)[0].name  # a field it has
        with pytest.raises(TypeError, match="object is not subscriptable"):
            record[name]
        with pytest.raises(TypeError, match="is not iterable"):
            name in record
        assert not hasattr(record, "get"), type(record).__name__
        assert getattr(record, name) is not None


def test_rendering_twice_gives_the_same_bytes_and_leaves_the_model_as_it_was(mini):
    before = pickle.dumps(mini)
    first = render_site(mini)
    meta = [(navigation(mini, lang), page_meta(mini, lang), render_redirects(mini, lang)) for lang in ("fr", "en")]
    export = agents_export(mini)
    assert render_site(mini) == first and agents_export(mini) == export
    assert [(navigation(mini, lang), page_meta(mini, lang), render_redirects(mini, lang)) for lang in ("fr", "en")] == meta
    assert pickle.dumps(mini) == before


def test_the_site_url_given_to_loading_is_the_one_the_pages_print():
    other = load_content(MINI, "https://aide.example.net/", LANGS)
    pages = render_site(other)
    assert '<a href="https://aide.example.net/en/delta/">https://aide.example.net/en/delta/</a>' in pages["en/checklists/delta.md"]
    assert '"site_url": "https://aide.example.net/"' in agents_export(other)
    # Without one (the content check alone): no address is made up.
    assert load_content(MINI, "", LANGS).site_url == ""


def test_placeholders_are_cut_and_filled_in_one_place():
    text = "Open {ui:my-orders} within {fact:window}, see {link:beta#own} or {url:alpha}; {odd:kind} too"
    assert list(parse(text)) == [("ui", "my-orders"), ("fact", "window"), ("link", "beta#own"), ("url", "alpha"),
                                 ("odd", "kind")]
    assert names_in(text, "fact") == ["window"] and names_in(text, "link") == ["beta#own"]
    assert without(text) == "Open  within , see  or ;  too"
    assert fill(text, lambda kind, name: f"<{kind}={name}>") == (
        "Open <ui=my-orders> within <fact=window>, see <link=beta#own> or <url=alpha>; <odd=kind> too")
    cut = list(pieces(text))
    assert [(words, kind) for words, kind, _name, _start in cut] == [
        ("Open ", "ui"), (" within ", "fact"), (", see ", "link"), (" or ", "url"), ("; ", "odd"), (" too", None)]
    assert all(text[start:start + len(words)] == words for words, _kind, _name, start in cut)
    assert list(pieces("{fact:window}")) == [("", "fact", "window", 0), ("", None, None, 13)]


# A pattern of placeholders (``\{([a-z]+):...``, ``\{(ui|fact)...``) or a test such as ``"{link:" in text``.
_OWN_PARSING = re.compile(r"""\\\{\(\[a-z|\\\{\((?:ui|fact|link|url)|["']\{(?:ui|fact|link|url):["']\s+(?:not\s+)?in\b""")


def test_no_module_but_placeholders_parses_them():
    """A second way to read ``{kind:name}`` would drift from the first one."""
    assert _OWN_PARSING.search('if "{link:" in text:') and _OWN_PARSING.search('re.compile(r"\\{([a-z]+):([^{}]*)\\}")')
    assert not _OWN_PARSING.search('re.findall(r"\\{([^{}]*)\\}", text)')  # a unit's {n}: not a placeholder
    found = [f"{p.relative_to(PACKAGE)}:{n}: {line.strip()}" for p in sorted(PACKAGE.rglob("*.py"))
             if p.name != "placeholders.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if _OWN_PARSING.search(line)]
    assert found == []


# Modules that work on the checked mappings of the files, before records exist.
_ON_MAPPINGS = ("model.py", "validate.py", "guide.py", "schema.py")


def test_the_package_reads_records_by_attribute():
    """Pages and checks read ``article.title``, not ``article["title"]`` (the hook's
    configuration lines, another stage's, are outside the package)."""
    pattern = re.compile(r'\.(scenarios|facts|nodes)\[[^\]]+\]\[\s*["\']|\.guide\[\s*["\']|\b(article|node|step|fact)\[\s*["\']')
    checked = [p for p in sorted(PACKAGE.rglob("*.py")) if p.name not in _ON_MAPPINGS]
    found = [f"{p.relative_to(PACKAGE)}:{n}: {line.strip()}" for p in checked
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == []
