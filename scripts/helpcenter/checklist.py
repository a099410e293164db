"""What a printable checklist sheet needs beyond the article itself.

Pure helpers for the renderers (render/checklists.py): the QR code of the article's address as inline
SVG, made at build time and offline by segno, and the facts a sheet prints.
"""

from __future__ import annotations

import datetime

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


# Codes made before, by the key of everything that makes one (``qr_key``):
# filled and kept across builds by ``pipeline`` (``.build/cache/qr.json``),
# and across rebuilds of one `mkdocs serve`.
QR_CODES: dict[str, str] = {}
# The keys of the codes the current rendering used (what is kept on disk).
QR_USED: set[str] = set()


def qr_key(payload: str, title: str) -> str:
    """Everything a code's SVG depends on: the address, its title, the options, segno's version."""
    return cache_key(payload, title, QR_ERROR, str(QR_MASK), segno.__version__)


def qr_svg(payload: str, title: str) -> str:
    """A QR code of ``payload`` as one line of inline SVG, black on transparent.

    No width or height: the stylesheet sizes it; the viewBox keeps it
    square and sharp at any size. The quiet zone of 4 modules is the one
    the QR standard asks for, so scanners find the code on a busy page.
    Made once per key (``QR_CODES``).
    """
    k = qr_key(payload, title)
    QR_USED.add(k)
    svg = QR_CODES.get(k)
    if svg is None:
        qr = segno.make(payload, error=QR_ERROR, mask=QR_MASK)
        svg = QR_CODES[k] = qr.svg_inline(scale=1, border=4, omitsize=True, dark="#000", title=title,
                                          svgclass="hc-qr")
    return svg


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
