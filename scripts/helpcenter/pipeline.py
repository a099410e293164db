"""The stages chained: content/ -> checked model -> pages -> docs/."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from . import checklist
from .errors import ContentError, ContentErrors
from .output import WriteReport, check_twins, hand_written_pages, write_pages
from .paths import links_outside
from .render import render_site
from .render.common import keep_compiled
from .locales import Languages
from .model import Content
from .validate import load_content


def read_site_url(mkdocs_yml: Path) -> str:
    """``site_url`` of mkdocs.yml, normalised as MkDocs does (one trailing slash).

    Read as plain YAML: MkDocs' own tags (!ENV, !relative) are taken as
    unset rather than evaluated.
    """
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        config = yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=Loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ContentErrors([ContentError("mkdocs.yml", 0, "site_url", f"cannot be read: {exc}")]) from None
    url = config.get("site_url") if isinstance(config, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ContentErrors([ContentError("mkdocs.yml", 0, "site_url", "missing: the public address of the site is needed for absolute links",
                                          "write: site_url: https://aide.example.com/")])
    return url.rstrip("/") + "/"


def generate(content_dir: Path, docs_dir: Path, site_url: str, languages: Languages,
             cache_dir: Path | None = None) -> tuple[Content, WriteReport]:
    """Load, check, render and write, for the language table ``languages``. Raises
    ContentErrors; writes nothing then.

    ``cache_dir``: where the QR codes of earlier builds are kept (helpcenter/cache.py)."""
    content = load_content(Path(content_dir), site_url, languages)
    if cache_dir is not None:
        keep_compiled(Path(cache_dir) / "jinja")
    qr = load_qr_codes(cache_dir)
    known_before = len(qr.known)
    pages = render_site(content, qr=qr)
    save_qr_codes(cache_dir, qr, known_before)
    twins = links_outside(Path(docs_dir), "docs") or check_twins(hand_written_pages(docs_dir, languages.built))
    if twins:
        raise ContentErrors(twins)
    return content, write_pages(Path(docs_dir), pages)


QR_FILE = "qr.json"


def load_qr_codes(cache_dir: Path | None) -> checklist.QrCodes:
    """The QR codes kept in ``cache_dir`` by earlier builds (none if there is no cache or it cannot be read)."""
    if cache_dir is not None:
        try:
            kept = json.loads((Path(cache_dir) / QR_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = None
        if isinstance(kept, dict):
            return checklist.QrCodes(known=kept)
    return checklist.QrCodes()


def save_qr_codes(cache_dir: Path | None, qr: checklist.QrCodes, known_before: int) -> None:
    """Keep the codes this build used (those of the content as it is now) when new ones were made
    (``qr`` knows more than the ``known_before`` codes it was loaded with)."""
    if cache_dir is None or len(qr.known) == known_before:
        return
    used = {k: v for k, v in qr.known.items() if k in qr.used}
    try:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        tmp = Path(cache_dir) / (QR_FILE + ".tmp")
        tmp.write_text(json.dumps(used, ensure_ascii=False), encoding="utf-8")
        tmp.replace(Path(cache_dir) / QR_FILE)
    except OSError:
        pass
