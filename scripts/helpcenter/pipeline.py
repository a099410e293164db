"""The stages chained: content/ -> checked model -> pages -> docs/."""

from __future__ import annotations

from pathlib import Path

import yaml

from . import LANGUAGES
from .errors import ContentErrors
from .output import WriteReport, check_twins, hand_written_pages, write_pages
from .render import render_site
from .validate import Content, load_content


def site_url_of(mkdocs_yml: Path) -> str | None:
    """``site_url`` from mkdocs.yml (the public address printed on checklist sheets), or None.

    Read as plain YAML: MkDocs' own tags (!ENV, !relative) are taken as
    unset rather than evaluated.
    """
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        config = yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, yaml.YAMLError):
        return None
    url = config.get("site_url") if isinstance(config, dict) else None
    return url if isinstance(url, str) and url.strip() else None


def generate(content_dir: Path, docs_dir: Path, site_url: str | None = None) -> tuple[Content, WriteReport]:
    """Load, check, render and write. Raises ContentErrors; writes nothing then.

    ``site_url`` (mkdocs.yml's) is printed, with a QR code, on checklist sheets.
    """
    content = load_content(Path(content_dir))
    pages = render_site(content, site_url)
    twins = check_twins(hand_written_pages(docs_dir, LANGUAGES))
    if twins:
        raise ContentErrors(twins)
    return content, write_pages(Path(docs_dir), pages)
