"""Inline text: editors' plain text -> safe Markdown.

Editors write plain sentences. Every character that Markdown or HTML would
read as markup is escaped, so nothing an editor types can become a tag, a
link or a script. The only markup is our placeholders:

    {ui:NAME}     a button or menu label from content/labels.yml
    {fact:NAME}   a figure from content/facts.yml
    {link:ID}     a link to another article, titled in the page's language
    {link:ID#A}   a link to a step or section of another article
"""

from __future__ import annotations

import datetime
import re

from babel import dates as babel_dates
from babel.numbers import format_decimal

from . import locales
from .locales import Language
from .urls import article_url
from .model import Content
from .placeholders import fill, pieces

# Characters Python-Markdown reads as inline or block markup. Only those it
# also un-escapes: a backslash before any other character (~ ^ |) is shown as
# typed. Enabling tables, tilde or caret extensions would add theirs here.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!])")
_LEADING_BLOCK = re.compile(r"^(\s*)(\d+)\.(\s)|^(\s*)([-=>:])")


def escape(text: str, line_start: bool = True) -> str:
    """Plain text -> Markdown that renders as exactly that text.

    ``line_start`` says the text may begin a line, where "1. " or "- " would
    open a list.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return text
    return _LEADING_BLOCK.sub(lambda m: (f"{m.group(1)}{m.group(2)}\\.{m.group(3)}" if m.group(2)
                                         else f"{m.group(4)}\\{m.group(5)}"), text)


def french_spacing(text: str) -> str:
    """Keep « », : ; ? ! on the same line as the word before them, and a number
    on the line of what it counts ("72 heures", "7 à 15 jours"): no-break spaces."""
    text = re.sub(r" ([:;?!»])", "\u00a0\\1", text)
    text = re.sub(r"(?<=\d) (?=\w)", "\u00a0", text)
    text = re.sub(r"(?<=\d\u00a0à) (?=\d)", "\u00a0", text)
    return re.sub(r"« ", "«\u00a0", text)


def format_number(n, language: Language) -> str:
    """``1.5`` -> "1,5" in French, "1.5" in English (Babel, the language's locale)."""
    return format_decimal(n, locale=language.locale)


def unit_form(pattern, value, language: Language) -> str:
    """A unit's pattern for ``value``: the one pattern, or the form of its plural category in ``language``."""
    if isinstance(pattern, dict):
        category = locales.babel_locale(language.locale).plural_form(value)
        return pattern.get(category, pattern["other"])
    return pattern


def fact_text(content: Content, name: str, lang: str) -> str:
    """A figure in words: ``72 heures``, ``1,5 jour``, ``7 to 15 business days``."""
    fact, language = content.facts[name], content.languages.get(lang)
    unit = content.site["units"][fact.unit][lang]
    if not fact.is_range:
        text = unit_form(unit, fact.value, language).format(n=format_number(fact.value, language))
    else:
        n = content.site["range"][lang].format(min=format_number(fact.min, language), max=format_number(fact.max, language))
        text = unit_form(unit, fact.max, language).format(n=n)
    return french_spacing(text) if locales.french_typography(language) else text  # on the sheet and in plain text too


def format_date(content: Content, day: datetime.date, lang: str) -> str:
    """``27 novembre 2026``, ``November 27, 2026``: the locale's long date (Babel)."""
    return babel_dates.format_date(day, format="long", locale=content.languages.get(lang).locale)


# A label whose id starts with this is a message or status the platform shows
# ("envoi annulé"), not a button: it is quoted, as one quotes words, not bold.
MESSAGE_PREFIX = "message-"


def label_markdown(content: Content, name: str, lang: str) -> str:
    """Bold label (a quoted one for a message: ``message-`` ids); where the platform's
    screens are not in the page's language (``platform_ui: false`` in the language
    table), the default language's label readers see on screen follows in brackets."""
    label = content.labels[name]
    languages = content.languages
    original = languages.default
    bracketed = not languages.get(lang).platform_ui and lang != original
    if name.startswith(MESSAGE_PREFIX):
        md = locales.quoted(escape(label[lang], line_start=False), languages.get(lang))
        if bracketed:
            md += f" ({locales.quoted(escape(label[original], line_start=False), languages.get(original))})"
        return md
    md = f"**{escape(label[lang])}**"
    if bracketed:
        md += f" (*{escape(label[original])}*)"
    return md


def link_target(ref: str, lang: str, base: str = "") -> str:
    """Markdown link target from a page in docs/<lang>/ (or ``base`` deeper, e.g. "../") to an article."""
    article, _, anchor = ref.partition("#")
    return f"{base}{article}.md" + (f"#{anchor}" if anchor else "")


def inline(content: Content, text: str, lang: str, base: str = "") -> str:
    """One localized text -> Markdown for the page in ``lang``.

    ``base`` leads from the page's folder back to docs/<lang>/ ("../" for
    a page in a subfolder such as checklists/).
    """
    out = []
    for words, kind, name, start in pieces(text):
        out.append(escape(words, line_start=start == 0))
        if kind == "ui":
            out.append(label_markdown(content, name, lang))
        elif kind == "fact":
            out.append(escape(fact_text(content, name, lang), line_start=start + len(words) == 0))
        elif kind == "link":
            article = name.partition("#")[0]
            title = content.scenarios[article].title[lang]  # one name per article: the menu alone is short
            out.append(f"[{escape(title)}]({link_target(name, lang, base)})")
        elif kind == "url":  # written out in full, for text agents paste elsewhere
            out.append(escape(article_url(content.site_url, content.languages, lang, name), line_start=False))
    md = "".join(out)
    return french_spacing(md) if locales.french_typography(content.languages.get(lang)) else md


def plain(content: Content, text: str, lang: str) -> str:
    """One localized text as plain words (for meta descriptions): placeholders filled, no markup."""
    def value_of(kind: str, name: str) -> str:
        if kind == "ui":  # quoted, as the bold of the page is lost in plain text
            return locales.quoted(content.labels[name][lang], content.languages.get(lang))
        if kind == "fact":
            return fact_text(content, name, lang)
        if kind == "url":
            return article_url(content.site_url, content.languages, lang, name)
        return content.scenarios[name.partition("#")[0]].title[lang]
    return fill(text, value_of)
