"""Bad input on the REAL content never gets through, never crashes, never touches site/.

Each mutation breaks one file of a copy of the repository's content/ and runs
`python -m helpcenter build` as an editor would. Each must: exit 1, print the
exact report below (naming the file), show no Python traceback, and leave
the site/ of an earlier good build byte-identical.

A mutation is one entry of MUTATIONS: (file under content/, text to replace
or None for the whole file, replacement: a text, bytes, a function of the
file's text, or None to delete the file), and its exact report in
tests/golden/bad-input/<name>.txt. Content added by
other features brings its own entries here, e.g. the decision tree's cycle
once content/guide.yml exists.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
    "ten-megabyte-string": (UNPAID, None, lambda t: t.replace('"Commande non payée ou paiement pas encore vérifié"', '"' + "x" * 10_000_000 + '"')),
    "two-documents": (UNPAID, "section: before-shipping", "---\nsection: before-shipping"),
    "list-instead-of-mapping": (UNPAID, None, "- id: unpaid-order\n"),
    "wrong-extension": ("scenarios/refund.yaml", None, "id: refund\n"),
    "labels-file-deleted": ("labels.yml", None, None),
    # -- YAML syntax
    "tab-indentation": (UNPAID, '  fr: "Commande non payée ou paiement pas encore vérifié"', '\tfr: "Commande non payée ou paiement pas encore vérifié"'),
    "unclosed-quote": (UNPAID, '  en: "Order not paid, or payment not yet verified"', '  en: "Order not paid, or payment not yet verified'),
    "colon-in-plain-text": (UNPAID, '  en: "Order not paid, or payment not yet verified"', "  en: Note: unpaid order"),
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
    "null-text": (UNPAID, '  en: "Order not paid, or payment not yet verified"', "  en:"),
    "missing-required-key": (UNPAID, "section: before-shipping\n", ""),
    "unknown-key-typo": (UNPAID, "summary:", "sumary:"),
    "extra-language": (UNPAID, '  en: "Order not paid, or payment not yet verified"', '  en: "Order not paid, or payment not yet verified"\n  de: "Unbezahlte Bestellung"'),
    # -- translations
    "missing-english": (UNPAID, '  en: "Order not paid, or payment not yet verified"\n', ""),
    "missing-french-label": ("labels.yml", '  fr: "Mes commandes"\n', ""),
    "single-language-text": (UNPAID, 'short_title:\n  fr: "Commande non payée ou paiement pas encore vérifié"\n  en: "Order not paid, or payment not yet verified"', 'short_title: "Commande non payée ou paiement pas encore vérifié"'),
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
    "script-in-text": (UNPAID, '"Order not paid, or payment not yet verified"', '"<script>alert(1)</script>"'),
    "img-onerror-in-text": (UNPAID, '"Order not paid, or payment not yet verified"', '"<img src=x onerror=alert(1)>"'),
    "html-comment-in-text": (UNPAID, '"Order not paid, or payment not yet verified"', '"Unpaid <!-- hidden --> order"'),
}

# The whole report each mutation prints (stderr), exactly.
# The exact report of each mutation: tests/golden/bad-input/<name>.txt.
# After a deliberate change of messages or content, `make golden` rewrites
# them (UPDATE_GOLDEN=1); review the diff before committing.
GOLDEN = Path(__file__).parent / "golden" / "bad-input"


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
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(MUTATIONS)


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
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == golden.read_text(encoding="utf-8")
    assert _snapshot(root / "site") == site_before
    assert not list(root.glob(".site-new-*"))
