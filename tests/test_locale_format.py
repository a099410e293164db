"""Numbers, plurals and dates per locale (Babel), on made-up figures."""

from __future__ import annotations

import datetime

import pytest

from helpcenter import locales
from helpcenter.text import fact_text, format_date
from helpcenter.model import Content, fact

UNITS = {
    "days": {"fr": {"one": "{n} jour", "other": "{n} jours"}, "en": {"one": "{n} day", "other": "{n} days"},
             "es": {"one": "{n} día", "other": "{n} días"}},
    "hours": {"fr": "{n} heures", "en": "{n} hours", "es": "{n} horas"},
}


@pytest.fixture
def content():
    row = lambda code, loc, **kw: {"locale": code, "name": code, **kw, "extra": {"helpcenter": {"locale": loc}}}
    languages = locales.Languages.parse({"plugins": [{"helpcenter": {"languages": [
        row("fr", "fr_FR", default=True), row("en", "en_US"), row("es", "es_ES")]}}]})
    facts = {"one-day": {"value": 1, "unit": "days"}, "two-days": {"value": 2, "unit": "days"},
             "half": {"value": 1.5, "unit": "days"}, "hours": {"value": 72, "unit": "hours"},
             "range": {"min": 7, "max": 15, "unit": "days"}, "big": {"value": 1500, "unit": "hours"}}
    site = {"units": UNITS, "range": {"fr": "{min} à {max}", "en": "{min} to {max}", "es": "{min} a {max}"}}
    return Content(site=site, languages=languages, labels={}, facts={name: fact(name, f) for name, f in facts.items()},
                   scenarios={})


# French typography keeps a number on the line of its unit (no-break spaces); other locales have none.
@pytest.mark.parametrize("name, fr, en, es", [
    ("one-day", "1\u00a0jour", "1 day", "1 día"),
    ("two-days", "2\u00a0jours", "2 days", "2 días"),
    ("half", "1,5\u00a0jour", "1.5 days", "1,5 días"),   # French: 1.5 takes the singular (CLDR)
    ("hours", "72\u00a0heures", "72 hours", "72 horas"),
    ("range", "7\u00a0à\u00a015\u00a0jours", "7 to 15 days", "7 a 15 días"),
    ("big", "1\u202f500\u00a0heures", "1,500 hours", "1.500 horas"),
])
def test_figures_in_each_locale(content, name, fr, en, es):
    assert [fact_text(content, name, lang) for lang in ("fr", "en", "es")] == [fr, en, es]


def test_dates_in_each_locale(content):
    day = datetime.date(2026, 11, 27)
    assert [format_date(content, day, lang) for lang in ("fr", "en", "es")] == [
        "27 novembre 2026", "November 27, 2026", "27 de noviembre de 2026"]
