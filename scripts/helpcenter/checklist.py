"""What a printable checklist sheet needs beyond the article itself.

Pure helpers for the renderers (render/checklists.py): the QR code of the article's address as inline
SVG, made at build time and offline by segno, and the facts a sheet prints.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import segno

from .cache import key as cache_key
from .model import Article, Content, facts_quoted

# Folder of the sheets under each language root: /checklists/<id>/, /en/checklists/<id>/.
FOLDER = "checklists"
# Medium error correction: a sheet that was folded, creased or photocopied still scans.
QR_ERROR = "m"
# The QR standard lets an encoder use any of its 8 masks; segno tries all 8
# and keeps the best-scoring one, which is most of a sheet's render time
# (6 ms of 7). One fixed mask gives a valid code: the tests decode every
# sheet's code with zbarimg, on paper size, in both languages.
QR_MASK = 2


def qr_key(payload: str, title: str) -> str:
    """Everything a code's SVG depends on: the address, its title, the options, segno's version."""
    return cache_key(payload, title, QR_ERROR, str(QR_MASK), segno.__version__)


def qr_svg(payload: str, title: str) -> str:
    """A QR code of ``payload`` as one line of inline SVG, black on transparent.

    No width or height: the stylesheet sizes it; the viewBox keeps it
    square and sharp at any size. The quiet zone of 4 modules is the one
    the QR standard asks for, so scanners find the code on a busy page.
    """
    qr = segno.make(payload, error=QR_ERROR, mask=QR_MASK)
    return qr.svg_inline(scale=1, border=4, omitsize=True, dark="#000", title=title, svgclass="hc-qr")


@dataclass
class QrCodes:
    """The QR codes of one rendering, made once per key (``qr_key``).

    One is made per ``pipeline.generate`` call (or ``render_site`` call without one), filled
    from the cache of earlier builds (``.build/cache/qr.json``) and saved back: a value
    passed down, so two renderings in one process never share codes by accident."""

    known: dict[str, str] = field(default_factory=dict)  # key -> SVG: made before, or by this rendering
    used: set[str] = field(default_factory=set)  # the keys this rendering used (what is kept on disk)

    def svg(self, payload: str, title: str) -> str:
        """``qr_svg(payload, title)``, made only if no code of the same key is known."""
        k = qr_key(payload, title)
        self.used.add(k)
        svg = self.known.get(k)
        if svg is None:
            svg = self.known[k] = qr_svg(payload, title)
        return svg

    def of_used(self, keys: set[str]) -> dict[str, str]:
        """The known codes of ``keys``: what a child process hands back (render_site)."""
        return {k: self.known[k] for k in keys if k in self.known}


def sheet_facts(content: Content, article: Article) -> list[str]:
    """Names of the figures an article quotes anywhere, in order of first use."""
    return facts_quoted(article.texts())


def checked_on(content: Content, article: Article) -> datetime.date:
    """The date a sheet prints: the oldest check among the article and the figures it quotes.

    A sheet is only as fresh as its stalest part.
    """
    dates = [content.facts[name].checked for name in sheet_facts(content, article)]
    if article.checked:
        dates.append(article.checked)
    return min(dates)


def verified_on(content: Content, names: list[str]) -> datetime.date | None:
    """The oldest ``verified`` date of these figures, or None unless every one was verified on the platform.

    A figure only taken from a secondary source must never be printed as verified.
    """
    dates = [content.facts[name].verified for name in names]
    return min(dates) if dates and all(dates) else None
