"""Every mistake an editor can make gets an exact message: file, line, key, fix.

Each case breaks one file of a small valid content set (tests/fixtures/mini/content)
and states the whole report the editor sees.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import LANGS, line_of
from helpcenter.errors import ContentErrors
from helpcenter.model import SearchQuery
from helpcenter.validate import load_content

FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "content"


HOURS_FR = line_of(FIXTURE / "site.yml", "  hours:") + 1
STRINGS = line_of(FIXTURE / "site.yml", "strings:")
FEEDBACK_FR = line_of(FIXTURE / "site.yml", '  fr: "https://avis.aide-mini.fr/')
FEEDBACK_EN = line_of(FIXTURE / "site.yml", '  en: "mailto:feedback@aide-mini.fr"')
FEEDBACK_HINT = ('    write where readers\' answers go, a form of yours or a mailbox, e.g. feedback: {fr: "https://...", en: "https://..."} '
                 'or {fr: "mailto:...", en: "mailto:..."}, or delete the key: no block is shown without it\n')

# name: (file, text to replace or None for the whole file, replacement, expected report)
CASES = {
    'short-title-other-words': (
        'scenarios/beta.yml', '  fr: "Bêta"', '  fr: "Autre bêta"',
        'content/scenarios/beta.yml:8: short_title.fr: the menu title must shorten the title with its own words; \'autre\' is not in the title, or not in the title\'s order\n'
        '    keep words of the title, in their order, and leave some out; the title is: "Titre bêta"\nAborted with 1 content error.',
    ),
    'short-title-other-order': (
        'scenarios/beta.yml', '  en: "Beta"', '  en: "Title: beta"',
        'content/scenarios/beta.yml:9: short_title.en: the menu title must shorten the title with its own words; \'beta\' is not in the title, or not in the title\'s order\n'
        '    keep words of the title, in their order, and leave some out; the title is: "Beta title"\nAborted with 1 content error.',
    ),
    'site-short-name-other-words': (
        'site.yml', 'site_name:\n', 'site_short_name:\n  fr: "Centre d\'aide"\n  en: "Help desk"\nsite_name:\n',
        'content/site.yml:6: site_short_name.en: the short name must shorten site_name with its own words; \'desk\' is not in site_name, or not in its order\n'
        '    keep words of site_name, in their order, and leave some out; site_name is: "Help center: cancelling an order"\nAborted with 1 content error.',
    ),
    'support-at-an-example-host': (
        'site.yml', 'site_name:\n', 'support:\n  fr: "https://aide.example.com/contact"\n  en: "mailto:help@shop.fr"\nsite_name:\n',
        'content/site.yml:5: support.fr: \'aide.example.com\' is an example host: this address is a placeholder, not the platform\'s support\n'
        '    write the platform\'s real contact page, e.g. support: {fr: "https://...", en: "https://..."}, or delete the key: no block is shown without it\n'
        'Aborted with 1 content error.',
    ),
    'support-not-https': (
        'site.yml', 'site_name:\n', 'support:\n  fr: "https://aide.shop.fr/contact"\n  en: "http://help.shop.fr"\nsite_name:\n',
        'content/site.yml:6: support.en: expected an https:// address or mailto:ADDRESS, got \'http://help.shop.fr\'\n'
        '    write the platform\'s real contact page, e.g. support: {fr: "https://...", en: "https://..."}, or delete the key: no block is shown without it\n'
        'Aborted with 1 content error.',
    ),
    'feedback-not-https': (
        'site.yml', '  en: "mailto:feedback@aide-mini.fr"', '  en: "http://forms.shop.fr"',
        f'content/site.yml:{FEEDBACK_EN}: feedback.en: expected an https:// address or mailto:ADDRESS, got \'http://forms.shop.fr\'\n'
        + FEEDBACK_HINT + 'Aborted with 1 content error.',
    ),
    'feedback-mailto-with-a-subject': (
        'site.yml', '  en: "mailto:feedback@aide-mini.fr"', '  en: "mailto:feedback@aide-mini.fr?subject=Hi"',
        f'content/site.yml:{FEEDBACK_EN}: feedback.en: expected an https:// address or mailto:ADDRESS, got \'mailto:feedback@aide-mini.fr?subject=Hi\'\n'
        + FEEDBACK_HINT + 'Aborted with 1 content error.',
    ),
    'feedback-at-an-example-host': (
        'site.yml', '  fr: "https://avis.aide-mini.fr/formulaire?source=aide"', '  fr: "https://forms.example.com/f"',
        f'content/site.yml:{FEEDBACK_FR}: feedback.fr: \'forms.example.com\' is an example host: this address is a placeholder, not where readers\' answers go\n'
        + FEEDBACK_HINT + 'Aborted with 1 content error.',
    ),
    'feedback-with-an-anchor': (
        'site.yml', '  fr: "https://avis.aide-mini.fr/formulaire?source=aide"', '  fr: "https://avis.aide-mini.fr/f#top"',
        f'content/site.yml:{FEEDBACK_FR}: feedback.fr: a feedback address cannot hold \'#\' (the answer and the page are added after it), got \'https://avis.aide-mini.fr/f#top\'\n'
        + FEEDBACK_HINT + 'Aborted with 1 content error.',
    ),
    'feedback-not-text': (
        'site.yml', '  fr: "https://avis.aide-mini.fr/formulaire?source=aide"', '  fr: [https://avis.aide-mini.fr/f]',
        f'content/site.yml:{FEEDBACK_FR}: feedback.fr: expected a non-empty text, got a list\n    write: fr: "..."\nAborted with 1 content error.',
    ),
    'tab-indent': (
        'scenarios/alpha.yml', '  fr: "Titre alpha"', '\tfr: "Titre alpha"',
        "content/scenarios/alpha.yml:5: YAML syntax error: a tab character (column 1)\n    indent with spaces, never with tabs\nAborted with 1 content error.",
    ),
    'unclosed-quote': (
        'scenarios/alpha.yml', '  en: "Alpha title"', '  en: "Alpha title',
        'content/scenarios/alpha.yml:6: YAML syntax error: a double quote opened on this line is never closed\n    end the text with a double quote: en: "..."\nAborted with 1 content error.',
    ),
    'colon-in-plain-text': (
        'scenarios/alpha.yml', '  en: "Alpha summary."', '  en: Note: alpha summary.',
        'content/scenarios/alpha.yml:9: YAML syntax error: mapping values are not allowed in this context (column 11)\n    put text that contains ": " inside double quotes: text: "Note : ..."\nAborted with 1 content error.',
    ),
    'duplicate-key': (
        'scenarios/alpha.yml', 'order: 10\n', 'order: 10\norder: 11\n',
        'content/scenarios/alpha.yml:4: order: duplicate key (first written on line 3)\n    keep one of the two and delete the other\nAborted with 1 content error.',
    ),
    'python-tag': (
        'scenarios/alpha.yml', 'order: 10', "order: !!python/object/apply:os.system ['true']",
        'content/scenarios/alpha.yml:3: order: the YAML tag !!python/object/apply:os.system is not allowed\n    remove the tag and write a plain value\nAborted with 1 content error.',
    ),
    'alias-use': (
        'scenarios/beta.yml', 'order: 20', 'order: 20\nx: &a [1]\ny: *a',
        'content/scenarios/beta.yml:5: anchors and aliases (& and *) are not allowed\n    write the text out in full where it is needed\nAborted with 1 content error.',
    ),
    'missing-english': (
        'scenarios/alpha.yml', '  en: "Alpha title"\n', '',
        'content/scenarios/alpha.yml:4: title.en: missing the English text\n    write both languages: {fr: "...", en: "..."}\nAborted with 1 content error.',
    ),
    'single-language': (
        'scenarios/alpha.yml', 'title:\n  fr: "Titre alpha"\n  en: "Alpha title"', 'title: "Titre alpha"',
        'content/scenarios/alpha.yml:4: title: expected the text in both languages, got a single text\n    write both languages: {fr: "...", en: "..."}\nAborted with 1 content error.',
    ),
    'unknown-key-typo': (
        'scenarios/alpha.yml', 'summary:', 'sumary:',
        'content/scenarios/alpha.yml:7: sumary: unknown key\n    did you mean \'summary\'?\nAborted with 1 content error.',
    ),
    'wrong-type-order': (
        'scenarios/alpha.yml', 'order: 10', 'order: ten',
        'content/scenarios/alpha.yml:3: order: expected a whole number of at least 0, got a text\n    example: order: 10\nAborted with 1 content error.',
    ),
    'id-mismatch': (
        'scenarios/alpha.yml', 'id: alpha', 'id: alfa',
        "content/scenarios/alpha.yml:1: id: the id 'alfa' must equal the file name 'alpha'\n    write id: alpha (or rename the file to alfa.yml)\nAborted with 1 content error.",
    ),
    'unknown-section': (
        'scenarios/alpha.yml', 'section: before-shipping', 'section: before-shiping',
        "content/scenarios/alpha.yml:2: section: unknown section 'before-shiping'\n    did you mean 'before-shipping'?\nAborted with 1 content error.",
    ),
    'unknown-label': (
        'scenarios/alpha.yml', 'Ouvrez {ui:my-orders}', 'Ouvrez {ui:my-order}',
        "content/scenarios/alpha.yml:13: steps[0].text.fr: unknown label {ui:my-order}\n    did you mean 'my-orders'?\nAborted with 1 content error.",
    ),
    'unknown-fact': (
        'scenarios/alpha.yml', 'Wait {fact:window}', 'Wait {fact:windows}',
        "content/scenarios/alpha.yml:18: steps[1].text.en: unknown figure {fact:windows}\n    did you mean 'window'?\nAborted with 1 content error.",
    ),
    'unknown-link': (
        'scenarios/alpha.yml', 'See {link:beta}', 'See {link:gamma}',
        'content/scenarios/alpha.yml:21: steps[1].note.en: unknown article {link:gamma}\n    the articles are: alpha, beta, delta\nAborted with 1 content error.',
    ),
    'unknown-anchor': (
        'scenarios/beta.yml', '{link:alpha#second}."\n      en', '{link:alpha#secnd}."\n      en',
        "content/scenarios/beta.yml:17: steps[1].text.fr: the article 'alpha' has no step or section 'secnd'\n    did you mean 'second'?\nAborted with 1 content error.",
    ),
    'unknown-not-your-case': (
        'scenarios/alpha.yml', '  - scenario: beta', '  - scenario: betta',
        "content/scenarios/alpha.yml:26: not_your_case[0].scenario: unknown article 'betta'\n    did you mean 'beta'?\nAborted with 1 content error.",
    ),
    'self-related': (
        'scenarios/beta.yml', 'related:\n  - alpha', 'related:\n  - beta',
        'content/scenarios/beta.yml:28: related[0]: an article cannot point at itself\n    write the id of another article, for example: shipped-order\nAborted with 1 content error.',
    ),
    'html-in-title': (
        'scenarios/alpha.yml', '  fr: "Titre alpha"', '  fr: "Titre <b>alpha</b>"',
        'content/scenarios/alpha.yml:5: title.fr: HTML is not allowed in texts\n    write plain text; use {ui:NAME}, {fact:NAME} and {link:ID} for labels, figures and links\nAborted with 1 content error.',
    ),
    'script-in-text': (
        'scenarios/alpha.yml', '"Résumé alpha."', '"<script>alert(1)</script>"',
        'content/scenarios/alpha.yml:8: summary.fr: HTML is not allowed in texts\n    write plain text; use {ui:NAME}, {fact:NAME} and {link:ID} for labels, figures and links\nAborted with 1 content error.',
    ),
    'stray-brace': (
        'scenarios/alpha.yml', '"Résumé alpha."', '"Résumé {alpha}."',
        'content/scenarios/alpha.yml:8: summary.fr: a brace { } must be a placeholder such as {ui:my-orders}, {fact:seller-response-window} or {link:shipped-order}\n    remove the brace, or complete the placeholder\nAborted with 1 content error.',
    ),
    'unknown-placeholder': (
        'scenarios/alpha.yml', '"Résumé alpha."', '"Résumé {img:alpha}."',
        'content/scenarios/alpha.yml:8: summary.fr: unknown placeholder {img:...}\n    placeholders are {ui:NAME}, {fact:NAME}, {link:ID} and {url:ID}\nAborted with 1 content error.',
    ),
    'use-unknown-step': (
        'scenarios/beta.yml', 'use: alpha#first', 'use: alpha#frist',
        "content/scenarios/beta.yml:14: steps[0].use: the article 'alpha' has no step 'frist'\n    did you mean 'first'?\nAborted with 1 content error.",
    ),
    'duplicate-step-id': (
        'scenarios/alpha.yml', '  - id: second', '  - id: first',
        "content/scenarios/alpha.yml:15: steps[1].id: the id 'first' is already used by steps[0]\n    each step and detail needs its own id\ncontent/scenarios/beta.yml:17: steps[1].text.fr: the article 'alpha' has no step or section 'second'\n    its anchors are: after, applies-when, checklist, figures, first, not-your-case, related, steps, title, warnings\ncontent/scenarios/beta.yml:18: steps[1].text.en: the article 'alpha' has no step or section 'second'\n    its anchors are: after, applies-when, checklist, figures, first, not-your-case, related, steps, title, warnings\nAborted with 3 content errors.",
    ),
    'reserved-step-id': (
        'scenarios/alpha.yml', '  - id: second', '  - id: steps',
        "content/scenarios/alpha.yml:15: steps[1].id: the id 'steps' is reserved for a section of the page\n    choose another id, not one of: title, applies-when, steps, after, warnings, not-your-case, related, figures, checklist\ncontent/scenarios/beta.yml:17: steps[1].text.fr: the article 'alpha' has no step or section 'second'\n    its anchors are: after, applies-when, checklist, figures, first, not-your-case, related, steps, title, warnings\ncontent/scenarios/beta.yml:18: steps[1].text.en: the article 'alpha' has no step or section 'second'\n    its anchors are: after, applies-when, checklist, figures, first, not-your-case, related, steps, title, warnings\nAborted with 3 content errors.",
    ),
    'no-steps': (
        'scenarios/beta.yml', 'steps:\n  - use: alpha#first\n  - id: own\n    text:\n      fr: "Étape propre, voir {link:alpha#second}."\n      en: "Own step, see {link:alpha#second}."\n', 'steps: []\n',
        'content/scenarios/beta.yml:13: steps: expected at least 1 item, got 0\n    write at least 1, one item per line starting with \'- \', for example: - {id: ..., text: ...}\nAborted with 1 content error.',
    ),
    'empty-file': (
        'scenarios/beta.yml', None, '',
        'content/scenarios/beta.yml:1: the file is empty\n    see EDITING.md for the fields a file must hold\nAborted with 1 content error.',
    ),
    'comments-only': (
        'scenarios/beta.yml', None, '# nothing yet\n',
        'content/scenarios/beta.yml:1: the file is empty\n    see EDITING.md for the fields a file must hold\nAborted with 1 content error.',
    ),
    'not-utf8': (
        'scenarios/beta.yml', None, b'id: beta\ntitle: caf\xe9\n',
        'content/scenarios/beta.yml:2: not valid UTF-8 (byte 0xe9)\n    save the file as UTF-8 in your editor\nAborted with 1 content error.',
    ),
    'two-documents': (
        'scenarios/beta.yml', None, 'id: beta\n---\nid: gamma\n',
        "content/scenarios/beta.yml:2: the file holds more than one YAML document (---)\n    remove the second '---' line\nAborted with 1 content error.",
    ),
    'huge': (
        'scenarios/beta.yml', None, "id: beta\nsummary: \"" + "x" * 300000 + "\"\n",
        'content/scenarios/beta.yml: file is 300,021 bytes; the limit is 262,144\n    split the text or remove what was pasted by mistake\nAborted with 1 content error.',
    ),
    'list-instead-of-mapping': (
        'scenarios/beta.yml', None, '- id: beta\n',
        'content/scenarios/beta.yml:1: expected a mapping with the keys id, section, order, title, summary, steps, after, not_your_case, agent_reply, got a list\n    write one \'key: value\' per line, starting with: id: ...\nAborted with 1 content error.',
    ),
    'fact-unknown-unit': (
        'facts.yml', 'unit: hours', 'unit: hour',
        "content/facts.yml:3: window.unit: unknown unit 'hour'\n    did you mean 'hours'?\nAborted with 1 content error.",
    ),
    'fact-bad-date': (
        'facts.yml', 'checked: 2026-01-15', 'checked: 2026-02-31',
        "content/facts.yml:5: window.checked: '2026-02-31' cannot be read: day is out of range for month\nAborted with 1 content error.",
    ),
    'fact-too-large': (  # found by the fuzz test: Babel cannot print a 31-digit number (a traceback)
        'facts.yml', 'value: 72', 'value: 1000000000000000000000000000000',
        "content/facts.yml:2: window.value: the figure 1e+30 is larger than 1000000, the largest a page prints\n    check for a typo: a delay in hours or days is a small number\nAborted with 1 content error.",
    ),
    'fact-not-a-number': (
        'facts.yml', 'value: 72', 'value: .nan',
        "content/facts.yml:2: window.value: expected a number, got the number nan\n    example: value: 72\nAborted with 1 content error.",
    ),
    'fact-missing-source': (
        'facts.yml', '  source: "test"\n  checked: 2026-01-15', '  checked: 2026-01-15',
        'content/facts.yml:1: window: missing the key \'source\'\n    add: source: "text"\nAborted with 1 content error.',
    ),
    'label-missing-french': (
        'labels.yml', '  fr: "Mes commandes"\n', '',
        'content/labels.yml:1: my-orders.fr: missing the French text\n    write both languages: {fr: "...", en: "..."}\nAborted with 1 content error.',
    ),
    'site-missing-string': (
        'site.yml', '  related:\n    fr: "Voir aussi"\n    en: "See also"\n', '',
        f'content/site.yml:{STRINGS}: strings: missing the template text \'related\'\n'
        '    add: related: {fr: "...", en: "..."}\nAborted with 1 content error.',
    ),
    'unit-format': (
        'site.yml', 'fr: "{n} heures"', 'fr: "{x} heures"',
        f'content/site.yml:{HOURS_FR}: units.hours.fr: must contain {{n}}, and no other braces\n    example: "{{n}} heures"\nAborted with 1 content error.',
    ),
    'double-quote-inside-a-text': (
        'scenarios/alpha.yml', '  fr: "Résumé alpha."', '  fr: "Résumé "alpha" ici."',
        'content/scenarios/alpha.yml:8: YAML syntax error: a double quote inside the text ends it early\n    inside a text, write quotation marks as « » or “ ”, or as \\": fr: "Il a dit « oui »"\nAborted with 1 content error.',
    ),
    'apostrophe-in-single-quotes': (
        'scenarios/alpha.yml', '  en: "Alpha summary."', "  en: 'The seller's summary.'",
        'content/scenarios/alpha.yml:9: YAML syntax error: an apostrophe inside a text in single quotes ends it early\n    put the text in double quotes, where apostrophes are safe: en: "l\'annulation"\nAborted with 1 content error.',
    ),
    'unclosed-quote-on-a-french-line': (
        'scenarios/alpha.yml', '  fr: "Résumé alpha."', '  fr: "Résumé alpha.',
        'content/scenarios/alpha.yml:8: YAML syntax error: a double quote opened on this line is never closed\n    end the text with a double quote: fr: "..."\nAborted with 1 content error.',
    ),
    'outdented-key-of-a-step': (
        'scenarios/alpha.yml', '  - id: second\n    text:', '  - id: second\n  text:',
        'content/scenarios/alpha.yml:16: YAML syntax error: did not find expected \'-\' indicator (column 3)\n    check the indentation: this line starts further left than the key above it; every key of one list item starts in the column of the first key after its "- "\nAborted with 1 content error.',
    ),
    'wrong-extension': (
        'scenarios/gamma.yaml', None, 'id: gamma\n',
        'content/scenarios/gamma.yaml: not read: article files end in .yml\n    rename it to gamma.yml\nAborted with 1 content error.',
    ),
}


def _apply(content_dir, file, old, new):
    path = content_dir / file
    if old is None:
        path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
        return
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def content_dir(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def test_fixture_is_valid(content_dir):
    content = load_content(content_dir, "", LANGS)
    assert list(content.scenarios) == ["alpha", "beta", "delta"]


@pytest.mark.parametrize("name", list(CASES))
def test_exact_error_report(content_dir, name):
    file, old, new, expected = CASES[name]
    _apply(content_dir, file, old, new)
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == expected


def test_all_problems_are_reported_together(content_dir):
    _apply(content_dir, "scenarios/alpha.yml", "order: 10", "order: ten")
    _apply(content_dir, "scenarios/beta.yml", "order: 20", "order: twenty")
    _apply(content_dir, "labels.yml", '  fr: "Mes commandes"\n', "")
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    report = caught.value.report().splitlines()
    assert report[-1] == "Aborted with 3 content errors."
    assert [line.split(":")[0] for line in report if line.startswith("content/")] == [
        "content/labels.yml", "content/scenarios/alpha.yml", "content/scenarios/beta.yml"]



# Links that last: former ids, absolute-URL placeholders, orphan articles.
LINK_CASES = {
    "former-id-is-live": (
        "scenarios/beta.yml", "order: 20\n", "order: 20\nformer_ids:\n  - alpha\n",
        "content/scenarios/beta.yml:5: former_ids[0]: 'alpha' is the id of a live article; its address cannot redirect\n"
        "    remove it from former_ids: an id stays with the article that has it\n"
        "Aborted with 1 content error.",
    ),
    "former-id-claimed-twice": (
        "scenarios/beta.yml", "order: 20\n", "order: 20\nformer_ids:\n  - old\n  - old\n",
        "content/scenarios/beta.yml:6: former_ids[1]: 'old' is already a former id of 'beta'\n"
        "    an old address can redirect to one article only\n"
        "Aborted with 1 content error.",
    ),
    "unknown-url": (
        "scenarios/alpha.yml", "{url:alpha}", "{url:alfa}",
        "content/scenarios/alpha.yml:31: agent_reply.fr: unknown article {url:alfa}\n"
        "    did you mean 'alpha'?\n"
        "Aborted with 1 content error.",
    ),
}


@pytest.mark.parametrize("name", list(LINK_CASES))
def test_exact_link_error_report(content_dir, name):
    file, old, new, expected = LINK_CASES[name]
    _apply(content_dir, file, old, new)
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == expected


def test_orphan_article_is_a_warning(content_dir):
    gamma = (content_dir / "scenarios/beta.yml").read_text(encoding="utf-8")
    gamma = gamma.replace("id: beta", "id: gamma").replace("{url:beta}", "{url:gamma}").replace("order: 20", "order: 30") + "reference_only: true\n"
    (content_dir / "scenarios/gamma.yml").write_text(gamma, encoding="utf-8")
    content = load_content(content_dir, "", LANGS)  # published: a new article is linked from others in a second step
    assert [str(w) for w in content.warnings] == [
        "content/scenarios/gamma.yml:1: id: warning: no other article links to this one\n"
        "    add gamma to the related list or not_your_case of an article that readers of it come from"]


def test_a_mistake_after_shared_steps_is_reported_at_its_own_line_and_index(content_dir):
    """beta starts with steps shared from alpha (`use:`); its fourth step is its own.
    The error names that step as the editor counts it (steps[3]) and its line."""
    _apply(content_dir, "scenarios/beta.yml", "  - use: alpha#first\n",
           '  - use: alpha#first\n  - use: alpha#second\n  - id: mine\n    text:\n'
           '      fr: "Ma propre étape."\n      en: "My own step."\n')
    _apply(content_dir, "scenarios/beta.yml", 'fr: "Étape propre, voir {link:alpha#second}."',
           'fr: "Étape propre, voir {ui:nowhere}."')
    line = line_of(content_dir / "scenarios" / "beta.yml", "{ui:nowhere}")
    assert line == 22  # the fourth step's French text
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == (
        "content/scenarios/beta.yml:22: steps[3].text.fr: unknown label {ui:nowhere}\n"
        "    labels are listed in content/labels.yml\nAborted with 1 content error.")


def test_two_articles_at_the_same_place_of_a_section_is_an_error_naming_both(content_dir):
    _apply(content_dir, "scenarios/beta.yml", "section: after-shipping", "section: before-shipping")
    _apply(content_dir, "scenarios/beta.yml", "order: 20", "order: 10")
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == (
        "content/scenarios/beta.yml:3: order: 10 is also the order of 'alpha' in the section 'before-shipping'\n"
        "    give one of the two another number (content/scenarios/alpha.yml has order: 10); leave gaps: 10, 20, 30...\n"
        "Aborted with 1 content error.")


@pytest.mark.parametrize("section, expected", [("before-shipping", 20), ("after-shipping", 30), (None, 30)])
def test_a_new_article_takes_the_next_free_place(content_dir, section, expected):
    from helpcenter.scaffold import new_article

    path = new_article(content_dir, "gamma", LANGS, section)
    assert f"\norder: {expected}\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("nesting, line", [
    ('title: ' + "[" * 100_000 + "]" * 100_000, 4),     # 200 KB, within the size limit; once a RecursionError
    ('title: ' + "[{a: " * 30 + "1" + "}]" * 30, 4),
    ("title:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)) + "  " * 40 + "fr: x", 29),
])
def test_deep_nesting_is_a_content_error_not_a_crash(content_dir, nesting, line):
    _apply(content_dir, "scenarios/alpha.yml", 'title:\n  fr: "Titre alpha"\n  en: "Alpha title"', nesting)
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == (
        f"content/scenarios/alpha.yml:{line}: nested more than 24 levels deep\n"
        "    a content value is a text, a list or a few keys: check the brackets and the indentation\n"
        "Aborted with 1 content error.")


def test_brackets_and_quotes_inside_texts_are_not_nesting(content_dir):
    _apply(content_dir, "scenarios/alpha.yml", '  fr: "Titre alpha"', '  fr: "Titre ' + "[" * 40 + '"')
    _apply(content_dir, "scenarios/alpha.yml", '  en: "Alpha title"', "  en: Alpha " + "[(" * 40 + " title")
    content = load_content(content_dir, "", LANGS)
    assert content.scenarios["alpha"].title["en"] == "Alpha " + "[(" * 40 + " title"


def test_search_question_naming_an_unknown_article_is_an_error(content_dir):
    (content_dir / "search-queries.yml").write_text(
        'fr:\n  - {query: "titre alpha", expect: alpha}\n  - {query: "bêta", expect: betta}\n'
        'en:\n  - {query: "alpha title", expect: alpha}\n', encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == (
        "content/search-queries.yml:3: fr[1].expect: unknown article 'betta'\n"
        "    did you mean 'beta'?\nAborted with 1 content error.")


def test_search_questions_are_read_per_language(content_dir):
    (content_dir / "search-queries.yml").write_text(
        'fr:\n  - {query: "titre alpha", expect: alpha}\nen:\n  - {query: "beta", expect: beta}\n', encoding="utf-8")
    assert load_content(content_dir, "", LANGS).search_queries == {
        "fr": (SearchQuery(query="titre alpha", expect="alpha"),), "en": (SearchQuery(query="beta", expect="beta"),)}


@pytest.mark.parametrize("short, title, stray", [
    ("Commande déjà expédiée", "Annuler une commande déjà expédiée", None),
    ("Annulée : le vendeur n'a pas expédié", "Commande annulée parce que le vendeur n’a pas expédié", None),
    ("Cancelled: seller did not ship", "Order cancelled because the seller did not ship", None),
    ("Message « envoi annulé »", "Votre envoi a été annulé en cours de route", "message"),
    ("Paid, not yet shipped", "Cancel a paid order that is waiting to be shipped", "not"),
    ("Shipped order", "Cancel an order that has already been shipped", "order"),  # the title's order
    ("Titre alpha", "Titre alpha", None),
])
def test_a_short_title_is_the_titles_own_words_in_order(short, title, stray):
    from helpcenter.validate import word_not_in_title

    assert word_not_in_title(short, title) == stray
