"""Lighthouse 12 (npm, pinned) on every page type in both languages, the site served by deploy/nginx.conf.

Targets: accessibility, best practices and SEO 1.00, performance 0.98 or more;
the agents' desk is exempt from SEO only (noindex on purpose). One run per page
type and language, two at a time (about 18 runs; see scripts/lighthouse.py,
which prints the same table without pytest). Deselect with `-m "not lighthouse"`.
"""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import lighthouse  # noqa: E402

pytestmark = pytest.mark.lighthouse


def test_every_page_type_meets_the_lighthouse_targets(built_site, nginx_url, capsys):
    if not (ROOT / lighthouse.LIGHTHOUSE).exists():
        pytest.fail("Lighthouse is not installed: run `npm ci --ignore-scripts` (make test does)")
    pages = lighthouse.page_types(built_site.parent)
    assert len(pages) == 9 and all((built_site / path).exists() for _, path in pages)
    results = lighthouse.measure(nginx_url, pages, jobs=2)
    report = lighthouse.table(results)
    with capsys.disabled():
        print("\n" + report)
    assert [(r.page, r.lang) for r in results if not r.error and r.scores] == [
        (page, lang) for page, _ in pages for lang in ("fr", "en")], report
    assert not [r for r in results if r.misses()], report
