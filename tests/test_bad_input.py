"""Bad input on the REAL content never gets through, never crashes, never touches site/.

Each mutation breaks one file of a copy of the repository's content/ and runs
`python -m helpcenter build` as an editor would. Each must: exit 1, print the
exact report below (naming the file), show no Python traceback, and leave
the site/ of an earlier good build byte-identical.

A mutation is one entry of MUTATIONS: (file under content/, text to replace
or None for the whole file, replacement: a text, bytes, a function of the
file's text, or None to delete the file), and its exact report in EXPECTED. Content added by
other features brings its own entries here, e.g. the decision tree's cycle
once content/guide.yml exists.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import copy_repo, run_cli

UNPAID = "scenarios/unpaid-order.yml"
BILLION_LAUGHS = ("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
                  + "".join(f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")))

MUTATIONS = {
    # -- the file itself
    "truncated-in-a-text": (UNPAID, None, lambda t: t[: t.index("sans attendre")]),
    "truncated-after-a-key": (UNPAID, None, lambda t: t[: t.index("steps:")]),
    "empty-file": (UNPAID, None, ""),
    "only-spaces": (UNPAID, None, "   \n\n"),
    "not-utf8-latin1": (UNPAID, None, lambda t: t.encode("utf-8").replace("payée".encode(), "payée".encode("latin-1"))),
    "utf16-file": (UNPAID, None, lambda t: t.encode("utf-16")),
    "nul-byte": (UNPAID, "en quelques clics", "en quelques\x00 clics"),
    "ten-megabyte-string": (UNPAID, None, lambda t: t.replace('"Commande non payée"', '"' + "x" * 10_000_000 + '"')),
    "two-documents": (UNPAID, "section: before-shipping", "---\nsection: before-shipping"),
    "list-instead-of-mapping": (UNPAID, None, "- id: unpaid-order\n"),
    "wrong-extension": ("scenarios/refund.yaml", None, "id: refund\n"),
    "labels-file-deleted": ("labels.yml", None, None),
    # -- YAML syntax
    "tab-indentation": (UNPAID, '  fr: "Commande non payée"', '\tfr: "Commande non payée"'),
    "unclosed-quote": (UNPAID, '  en: "Unpaid order"', '  en: "Unpaid order'),
    "colon-in-plain-text": (UNPAID, '  en: "Unpaid order"', "  en: Note: unpaid order"),
    "bad-indentation": (UNPAID, 'short_title:\n  fr:', 'short_title:\n    fr:'),
    # -- unsafe YAML
    "python-object-tag": (UNPAID, "order: 10", "order: !!python/object:os.system {}"),
    "python-apply-tag": (UNPAID, "order: 10", "order: !!python/object/apply:os.system ['touch /tmp/pwned']"),
    "custom-tag": (UNPAID, "order: 10", "order: !include other.yml"),
    "billion-laughs": ("scenarios/lol.yml", None, BILLION_LAUGHS),
    "alias-reuse": (UNPAID, "related:\n  - coupons-refunds\n  - contact-seller\n", "related: &r\n  - coupons-refunds\n  - contact-seller\nextra: *r\n"),
    "merge-key": (UNPAID, "order: 10", "order: 10\n<<: {section: x}"),
    "duplicate-key": (UNPAID, "order: 10\n", "order: 10\norder: 15\n"),
    # -- shape and types
    "wrong-type-order": (UNPAID, "order: 10", 'order: "ten"'),
    "negative-order": (UNPAID, "order: 10", "order: -1"),
    "title-is-a-list": (UNPAID, None, lambda t: t[: t.index("title:")] + 'title: ["Annuler", "Cancel"]\n'
                        + t[t.index("short_title:"):]),
    "steps-is-a-text": (UNPAID, None, lambda t: t[: t.index("steps:")] + 'steps: "Connectez-vous, puis annulez."\n'
                        + t[t.index("after:"):]),
    "boolean-text": ("labels.yml", 'fr: "Oui"', "fr: yes"),
    "null-text": (UNPAID, '  en: "Unpaid order"', "  en:"),
    "missing-required-key": (UNPAID, "section: before-shipping\n", ""),
    "unknown-key-typo": (UNPAID, "summary:", "sumary:"),
    "extra-language": (UNPAID, '  en: "Unpaid order"', '  en: "Unpaid order"\n  de: "Unbezahlte Bestellung"'),
    # -- translations
    "missing-english": (UNPAID, '  en: "Unpaid order"\n', ""),
    "missing-french-label": ("labels.yml", '  fr: "Mes commandes"\n', ""),
    "single-language-text": (UNPAID, 'short_title:\n  fr: "Commande non payée"\n  en: "Unpaid order"', 'short_title: "Commande non payée"'),
    "site-string-missing": ("site.yml", '  step-note:\n    fr: "À noter"\n    en: "Note"\n', ""),
    # -- ids and references
    "id-file-name-mismatch": (UNPAID, "id: unpaid-order", "id: unpaid-orders"),
    "duplicate-step-id": (UNPAID, "  - id: find-order", "  - id: open-orders"),
    "duplicate-section-id": ("site.yml", "  - id: after-shipping", "  - id: before-shipping"),
    "unknown-section": (UNPAID, "section: before-shipping", "section: before-shiping"),
    "unknown-label": (UNPAID, "Ouvrez {ui:my-orders}", "Ouvrez {ui:my-order}"),
    "unknown-figure": ("scenarios/coupons-refunds.yml", "{fact:refund-start-delay}", "{fact:refund-start-delays}"),
    "unknown-article-link": (UNPAID, "voir {link:coupons-refunds}", "voir {link:coupon-refunds}"),
    "unknown-anchor": (UNPAID, "suivez {link:paid-awaiting-shipment}", "suivez {link:paid-awaiting-shipment#nowhere}"),
    "unknown-not-your-case": (UNPAID, "  - scenario: shipped-order", "  - scenario: shipped"),
    "unknown-related": (UNPAID, "  - contact-seller", "  - contact-sellers"),
    "self-related": (UNPAID, "  - contact-seller", "  - unpaid-order"),
    "unknown-placeholder": (UNPAID, "Ouvrez {ui:my-orders}", "Ouvrez {img:my-orders}"),
    "stray-brace": (UNPAID, "Ouvrez {ui:my-orders}", "Ouvrez {my-orders}"),
    "no-steps": (UNPAID, None, lambda t: t[: t.index("steps:")] + "steps: []\n" + t[t.index("after:"):]),
    # -- facts and site texts
    "fact-unknown-unit": ("facts.yml", "unit: hours", "unit: hour"),
    "fact-impossible-date": ("facts.yml", "checked: 2026-11-27\n  note: \"Other", "checked: 2026-02-30\n  note: \"Other"),
    "unit-format-without-n": ("site.yml", 'fr: "{n} heures"', 'fr: "{x} heures"'),
    # -- markup is refused in texts
    "script-in-text": (UNPAID, '"Unpaid order"', '"<script>alert(1)</script>"'),
    "img-onerror-in-text": (UNPAID, '"Unpaid order"', '"<img src=x onerror=alert(1)>"'),
    "html-comment-in-text": (UNPAID, '"Unpaid order"', '"Unpaid <!-- hidden --> order"'),
}

# The whole report each mutation prints (stderr), exactly.
EXPECTED = {
    'truncated-in-a-text': (
        'content/scenarios/unpaid-order.yml:11: YAML syntax error: a double quote opened on this line is never closed\n'
        '    end the text with a double quote: en: "..."\n'
        'Aborted with 1 content error.\n'
    ),
    'truncated-after-a-key': (
        "content/scenarios/unpaid-order.yml:1: missing the key 'after'\n"
        '    add: after: []\n'
        "content/scenarios/unpaid-order.yml:1: missing the key 'not_your_case'\n"
        '    add: not_your_case: []\n'
        "content/scenarios/unpaid-order.yml:1: missing the key 'steps'\n"
        '    add: steps: []\n'
        'Aborted with 3 content errors.\n'
    ),
    'empty-file': (
        'content/scenarios/unpaid-order.yml:1: the file is empty\n'
        '    see the README for the fields a file must hold\n'
        'Aborted with 1 content error.\n'
    ),
    'only-spaces': (
        'content/scenarios/unpaid-order.yml:1: the file is empty\n'
        '    see the README for the fields a file must hold\n'
        'Aborted with 1 content error.\n'
    ),
    'not-utf8-latin1': (
        'content/scenarios/unpaid-order.yml:5: not valid UTF-8 (byte 0xe9)\n'
        '    save the file as UTF-8 in your editor\n'
        'Aborted with 1 content error.\n'
    ),
    'utf16-file': (
        'content/scenarios/unpaid-order.yml:1: not valid UTF-8 (byte 0xff)\n'
        '    save the file as UTF-8 in your editor\n'
        'Aborted with 1 content error.\n'
    ),
    'nul-byte': (
        'content/scenarios/unpaid-order.yml:11: the character U+0000 is not allowed in YAML\n'
        '    delete it: it was probably pasted by mistake\n'
        'Aborted with 1 content error.\n'
    ),
    'ten-megabyte-string': (
        'content/scenarios/unpaid-order.yml: file is 10,003,101 bytes; the limit is 262,144\n'
        '    split the text or remove what was pasted by mistake\n'
        'Aborted with 1 content error.\n'
    ),
    'two-documents': (
        'content/scenarios/unpaid-order.yml:2: the file holds more than one YAML document (---)\n'
        "    remove the second '---' line\n"
        'Aborted with 1 content error.\n'
    ),
    'list-instead-of-mapping': (
        'content/scenarios/unpaid-order.yml:1: expected a mapping with the keys id, section, order, title, summary, steps, after, not_your_case, got a list\n'
        'Aborted with 1 content error.\n'
    ),
    'wrong-extension': (
        'content/scenarios/refund.yaml: not read: article files end in .yml\n'
        '    rename it to refund.yml\n'
        'Aborted with 1 content error.\n'
    ),
    'labels-file-deleted': (
        'content/labels.yml: cannot be read: No such file or directory\n'
        'Aborted with 1 content error.\n'
    ),
    'tab-indentation': (
        "content/scenarios/unpaid-order.yml:8: YAML syntax error: found character '\\t' that cannot start any token (column 1)\n"
        '    indent with spaces, never with tabs\n'
        'Aborted with 1 content error.\n'
    ),
    'unclosed-quote': (
        'content/scenarios/unpaid-order.yml:9: YAML syntax error: a double quote opened on this line is never closed\n'
        '    end the text with a double quote: en: "..."\n'
        'Aborted with 1 content error.\n'
    ),
    'colon-in-plain-text': (
        'content/scenarios/unpaid-order.yml:9: YAML syntax error: mapping values are not allowed here (column 11)\n'
        '    put text that contains ": " inside double quotes: text: "Note : ..."\n'
        'Aborted with 1 content error.\n'
    ),
    'bad-indentation': (
        "content/scenarios/unpaid-order.yml:9: YAML syntax error: expected <block end>, but found '<block mapping start>' (column 3)\n"
        '    check the indentation: keys of one mapping start in the same column\n'
        'Aborted with 1 content error.\n'
    ),
    'python-object-tag': (
        'content/scenarios/unpaid-order.yml:3: order: the YAML tag !!python/object:os.system is not allowed\n'
        '    remove the tag and write a plain value\n'
        'Aborted with 1 content error.\n'
    ),
    'python-apply-tag': (
        'content/scenarios/unpaid-order.yml:3: order: the YAML tag !!python/object/apply:os.system is not allowed\n'
        '    remove the tag and write a plain value\n'
        'Aborted with 1 content error.\n'
    ),
    'custom-tag': (
        'content/scenarios/unpaid-order.yml:3: order: the YAML tag !include is not allowed\n'
        '    remove the tag and write a plain value\n'
        'Aborted with 1 content error.\n'
    ),
    'billion-laughs': (
        'content/scenarios/lol.yml:2: anchors and aliases (& and *) are not allowed\n'
        '    write the text out in full where it is needed\n'
        'Aborted with 1 content error.\n'
    ),
    'alias-reuse': (
        'content/scenarios/unpaid-order.yml:64: anchors and aliases (& and *) are not allowed\n'
        '    write the text out in full where it is needed\n'
        'Aborted with 1 content error.\n'
    ),
    'merge-key': (
        'content/scenarios/unpaid-order.yml:4: merge keys (<<) are not allowed\n'
        '    write the keys out in full\n'
        'Aborted with 1 content error.\n'
    ),
    'duplicate-key': (
        'content/scenarios/unpaid-order.yml:4: order: duplicate key (first written on line 3)\n'
        '    keep one of the two and delete the other\n'
        'Aborted with 1 content error.\n'
    ),
    'wrong-type-order': (
        'content/scenarios/unpaid-order.yml:3: order: expected a whole number of at least 0, got a text\n'
        '    example: order: 10\n'
        'Aborted with 1 content error.\n'
    ),
    'negative-order': (
        'content/scenarios/unpaid-order.yml:3: order: expected a whole number of at least 0, got the number -1\n'
        '    example: order: 10\n'
        'Aborted with 1 content error.\n'
    ),
    'title-is-a-list': (
        'content/scenarios/unpaid-order.yml:4: title: expected the text in both languages, got a list\n'
        '    write both languages: {fr: "...", en: "..."}\n'
        'Aborted with 1 content error.\n'
    ),
    'steps-is-a-text': (
        "content/scenarios/unpaid-order.yml:18: steps: expected a list (lines starting with '- '), got a text\n"
        'Aborted with 1 content error.\n'
    ),
    'boolean-text': (
        'content/labels.yml:13: confirm-yes.fr: expected a non-empty text, got the boolean true\n'
        '    write the French text in double quotes: fr: "..."\n'
        'Aborted with 1 content error.\n'
    ),
    'null-text': (
        'content/scenarios/unpaid-order.yml:9: short_title.en: expected a non-empty text, got nothing\n'
        '    write the English text in double quotes: en: "..."\n'
        'Aborted with 1 content error.\n'
    ),
    'missing-required-key': (
        "content/scenarios/unpaid-order.yml:1: missing the key 'section'\n"
        '    add: section: some-id\n'
        'Aborted with 1 content error.\n'
    ),
    'unknown-key-typo': (
        "content/scenarios/unpaid-order.yml:1: missing the key 'summary'\n"
        '    add: summary: {fr: "...", en: "..."}\n'
        'content/scenarios/unpaid-order.yml:10: sumary: unknown key\n'
        "    did you mean 'summary'?\n"
        'Aborted with 2 content errors.\n'
    ),
    'extra-language': (
        "content/scenarios/unpaid-order.yml:10: short_title.de: unknown language 'de'\n"
        '    the languages are: fr, en\n'
        'Aborted with 1 content error.\n'
    ),
    'missing-english': (
        'content/scenarios/unpaid-order.yml:7: short_title.en: missing the English text\n'
        '    write both languages: {fr: "...", en: "..."}\n'
        'Aborted with 1 content error.\n'
    ),
    'missing-french-label': (
        'content/labels.yml:6: my-orders.fr: missing the French text\n'
        '    write both languages: {fr: "...", en: "..."}\n'
        'Aborted with 1 content error.\n'
    ),
    'single-language-text': (
        'content/scenarios/unpaid-order.yml:7: short_title: expected the text in both languages, got a single text\n'
        '    write both languages: {fr: "...", en: "..."}\n'
        'Aborted with 1 content error.\n'
    ),
    'site-string-missing': (
        "content/site.yml:39: strings: missing the template text 'step-note'\n"
        '    add: step-note: {fr: "...", en: "..."}\n'
        'Aborted with 1 content error.\n'
    ),
    'id-file-name-mismatch': (
        "content/scenarios/unpaid-order.yml:1: id: the id 'unpaid-orders' must equal the file name 'unpaid-order'\n"
        '    write id: unpaid-order (or rename the file to unpaid-orders.yml)\n'
        'Aborted with 1 content error.\n'
    ),
    'duplicate-step-id': (
        "content/scenarios/paid-awaiting-shipment.yml:23: steps[2].use: the article 'unpaid-order' has no step 'find-order'\n"
        "    did you mean 'open-orders'?\n"
        "content/scenarios/unpaid-order.yml:27: steps[2].id: the id 'open-orders' is already used by steps[1]\n"
        '    each step and detail needs its own id\n'
        'Aborted with 2 content errors.\n'
    ),
    'duplicate-section-id': (
        "content/site.yml:25: sections[1].id: the section id 'before-shipping' is already used by sections[0]\n"
        'Aborted with 1 content error.\n'
    ),
    'unknown-section': (
        "content/scenarios/unpaid-order.yml:2: section: unknown section 'before-shiping'\n"
        "    did you mean 'before-shipping'?\n"
        'Aborted with 1 content error.\n'
    ),
    'unknown-label': (
        'content/scenarios/unpaid-order.yml:25: steps[1].text.fr: unknown label {ui:my-order}\n'
        "    did you mean 'my-orders'?\n"
        'Aborted with 1 content error.\n'
    ),
    'unknown-figure': (
        'content/scenarios/coupons-refunds.yml:31: steps[2].text.fr: unknown figure {fact:refund-start-delays}\n'
        "    did you mean 'refund-start-delay'?\n"
        'Aborted with 1 content error.\n'
    ),
    'unknown-article-link': (
        'content/scenarios/unpaid-order.yml:47: after[2].fr: unknown article {link:coupon-refunds}\n'
        "    did you mean 'coupons-refunds'?\n"
        'Aborted with 1 content error.\n'
    ),
    'unknown-anchor': (
        "content/scenarios/unpaid-order.yml:36: steps[3].note.fr: the article 'paid-awaiting-shipment' has no step or section 'nowhere'\n"
        '    its anchors are: after, applies-when, figures, find-order, not-your-case, open-orders, reason, related, request, sign-in, steps, submit, warnings\n'
        'Aborted with 1 content error.\n'
    ),
    'unknown-not-your-case': (
        "content/scenarios/unpaid-order.yml:54: not_your_case[1].scenario: unknown article 'shipped'\n"
        "    did you mean 'shipped-order'?\n"
        'Aborted with 1 content error.\n'
    ),
    'unknown-related': (
        "content/scenarios/unpaid-order.yml:64: related[1]: unknown article 'contact-sellers'\n"
        "    did you mean 'contact-seller'?\n"
        'Aborted with 1 content error.\n'
    ),
    'self-related': (
        'content/scenarios/unpaid-order.yml:64: related[1]: an article cannot point at itself\n'
        'Aborted with 1 content error.\n'
    ),
    'unknown-placeholder': (
        'content/scenarios/unpaid-order.yml:25: steps[1].text.fr: unknown placeholder {img:...}\n'
        '    placeholders are {ui:NAME}, {fact:NAME} and {link:ID}\n'
        'Aborted with 1 content error.\n'
    ),
    'stray-brace': (
        'content/scenarios/unpaid-order.yml:25: steps[1].text.fr: a brace { } must be a placeholder such as {ui:my-orders}, {fact:seller-response-window} or {link:shipped-order}\n'
        '    remove the brace, or complete the placeholder\n'
        'Aborted with 1 content error.\n'
    ),
    'no-steps': (
        'content/scenarios/unpaid-order.yml:18: steps: expected at least 1 item, got 0\n'
        'Aborted with 1 content error.\n'
    ),
    'fact-unknown-unit': (
        "content/facts.yml:7: seller-response-window.unit: unknown unit 'hour'\n"
        "    did you mean 'hours'?\n"
        'Aborted with 1 content error.\n'
    ),
    'fact-impossible-date': (
        "content/facts.yml:9: seller-response-window.checked: '2026-02-30' cannot be read: day is out of range for month\n"
        'Aborted with 1 content error.\n'
    ),
    'unit-format-without-n': (
        'content/site.yml:74: units.hours.fr: must contain {n}, and no other braces\n'
        '    example: "{n} heures"\n'
        'Aborted with 1 content error.\n'
    ),
    'script-in-text': (
        'content/scenarios/unpaid-order.yml:9: short_title.en: HTML is not allowed in texts\n'
        '    write plain text; use {ui:NAME}, {fact:NAME} and {link:ID} for labels, figures and links\n'
        'Aborted with 1 content error.\n'
    ),
    'img-onerror-in-text': (
        'content/scenarios/unpaid-order.yml:9: short_title.en: HTML is not allowed in texts\n'
        '    write plain text; use {ui:NAME}, {fact:NAME} and {link:ID} for labels, figures and links\n'
        'Aborted with 1 content error.\n'
    ),
    'html-comment-in-text': (
        'content/scenarios/unpaid-order.yml:9: short_title.en: HTML is not allowed in texts\n'
        '    write plain text; use {ui:NAME}, {fact:NAME} and {link:ID} for labels, figures and links\n'
        'Aborted with 1 content error.\n'
    ),
}


def _mutate(content, file, old, new):
    path = content / file
    if new is None:
        path.unlink()
        return
    if callable(new):
        result = new(path.read_text(encoding="utf-8"))
    elif old is None:
        result = new
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"content/{file} no longer contains {old!r}: update this mutation"
        result = text.replace(old, new, 1)
    path.write_bytes(result if isinstance(result, bytes) else result.encode("utf-8"))


def _snapshot(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A copy of the repository with a good site/, and the bytes of that site/."""
    root = copy_repo(tmp_path_factory.mktemp("bad-input") / "repo")
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    pristine = tmp_path_factory.mktemp("pristine") / "content"
    shutil.copytree(root / "content", pristine)
    return root, pristine, _snapshot(root / "site")


def test_there_are_at_least_40_mutations_each_with_its_report():
    assert len(MUTATIONS) >= 40
    assert set(EXPECTED) == set(MUTATIONS)


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_bad_input_is_refused(good_build, name):
    root, pristine, site_before = good_build
    shutil.rmtree(root / "content")
    shutil.copytree(pristine, root / "content")
    file, old, new = MUTATIONS[name]
    _mutate(root / "content", file, old, new)
    result = run_cli(root, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"content/{file}" in result.stderr
    assert result.stderr == EXPECTED[name]
    assert _snapshot(root / "site") == site_before
    assert not list(root.glob(".site-new-*"))
