"""The stages chained: content/ -> checked model -> pages -> docs/."""

from __future__ import annotations

from pathlib import Path

from . import LANGUAGES
from .errors import ContentErrors
from .output import WriteReport, check_twins, hand_written_pages, write_pages
from .render import render_site
from .validate import Content, load_content


def generate(content_dir: Path, docs_dir: Path) -> tuple[Content, WriteReport]:
    """Load, check, render and write. Raises ContentErrors; writes nothing then."""
    content = load_content(Path(content_dir))
    pages = render_site(content)
    twins = check_twins(hand_written_pages(docs_dir, LANGUAGES))
    if twins:
        raise ContentErrors(twins)
    return content, write_pages(Path(docs_dir), pages)
