"""Errors that teach: "did you mean" for close misspellings, and TODOs never published.

Same method as test_content_errors.py: break one file of the small valid
content set and state the whole report the editor sees.
"""

from __future__ import annotations

import pytest

from conftest import LANGS
from helpcenter.errors import ContentErrors
from helpcenter.validate import load_content
from test_content_errors import _apply, content_dir  # noqa: F401  (fixture)

END1 = "Aborted with 1 content error."

# name: (file, text to replace, replacement, expected report)
DID_YOU_MEAN = {
    "language-code": (
        "scenarios/alpha.yml", '  en: "Alpha title"', '  eng: "Alpha title"',
        'content/scenarios/alpha.yml:4: title.en: missing the English text\n    write both languages: {fr: "...", en: "..."}\n'
        "content/scenarios/alpha.yml:6: title.eng: unknown language 'eng'\n    did you mean 'en'?\n"
        "Aborted with 2 content errors.",
    ),
    "step-key": (
        "scenarios/alpha.yml", "  - id: first", "  - ide: first",
        "content/scenarios/alpha.yml:11: steps[0]: expected a mapping with one of the keys id, use, got a mapping\n"
        f"    did you mean 'id'?\n{END1}",
    ),
    "fact-key": (
        "facts.yml", "  value: 72", "  vaule: 72",
        "content/facts.yml:1: window: expected a mapping with one of the keys value, min, got a mapping\n"
        f"    did you mean 'value'?\n{END1}",
    ),
    "label-name": (
        "labels.yml", "my-orders:", "My_Orders:",
        f"content/labels.yml:1: My_Orders: a name must be lower case words joined by hyphens\n    did you mean 'my-orders'?\n{END1}",
    ),
    "identifier": (
        "scenarios/alpha.yml", "section: before-shipping", "section: Before Shipping",
        "content/scenarios/alpha.yml:2: section: expected an identifier in lower case with hyphens, got 'Before Shipping'\n"
        f"    did you mean 'before-shipping'?\n{END1}",
    ),
    "placeholder-kind": (
        "scenarios/alpha.yml", "See {link:beta}", "See {lnk:beta}",
        f"content/scenarios/alpha.yml:21: steps[1].note.en: unknown placeholder {{lnk:...}}\n    did you mean {{link:beta}}?\n{END1}",
    ),
    "template-string": (
        "site.yml", "  related:\n", "  relatd:\n",
        f"content/site.yml:44: strings: missing the template text 'related'\n    'relatd' is written: did you mean 'related'?\n{END1}",
    ),
    "related-article": (
        "scenarios/beta.yml", "related:\n  - alpha", "related:\n  - alpah",
        f"content/scenarios/beta.yml:28: related[0]: unknown article 'alpah'\n    did you mean 'alpha'?\n{END1}",
    ),
}

TODO = {
    "todo-french": (
        "scenarios/alpha.yml", '  fr: "Titre alpha"', '  fr: "TODO: titre"',
        'content/scenarios/alpha.yml:5: title.fr: still a TODO: write the French text\n'
        f'    replace "TODO: ..." with the text readers will see: fr: "..."\n{END1}',
    ),
    "todo-english-in-a-list": (
        "scenarios/alpha.yml", '    en: "Refund within {fact:delay}."', '    en: "TODO (translate)"',
        'content/scenarios/alpha.yml:24: after[0].en: still a TODO: write the English text\n'
        f'    replace "TODO: ..." with the text readers will see: en: "..."\n{END1}',
    ),
    "todo-step-id": (
        "scenarios/alpha.yml", "  - id: second", "  - id: TODO",
        "content/scenarios/alpha.yml:15: steps[1].id: still a TODO: write the id\n"
        f"    replace TODO, for example: id: open-orders\n{END1}",
    ),
    "todo-figure-source": (
        "facts.yml", '  source: "test"\n  checked: 2026-01-15', '  source: "TODO"\n  checked: 2026-01-15',
        "content/facts.yml:4: window.source: still a TODO: write the source\n"
        "    replace TODO, for example: source: \"The platform's help page on cancellations\"\n"
        f"{END1}",
    ),
}


@pytest.mark.parametrize("name", list(DID_YOU_MEAN) + list(TODO))
def test_exact_teaching_report(content_dir, name):  # noqa: F811
    file, old, new, expected = {**DID_YOU_MEAN, **TODO}[name]
    _apply(content_dir, file, old, new)
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert caught.value.report() == expected


def test_every_error_shows_the_right_form(content_dir):  # noqa: F811
    """A scaffold-like article full of mistakes: each message comes with a hint line."""
    _apply(content_dir, "scenarios/alpha.yml", "order: 10", "order: [ten]\nsteps_: []\nrelated: alpha")
    with pytest.raises(ContentErrors) as caught:
        load_content(content_dir, "", LANGS)
    assert len(caught.value.errors) == 3 and all(e.hint for e in caught.value.errors)
