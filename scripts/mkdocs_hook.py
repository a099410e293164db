"""MkDocs glue: generate the pages from content/, then give MkDocs their nav.

Thin on purpose: every rule lives in the helpcenter package. static-i18n
runs the whole build once per language, so each event here runs twice;
generation writes only changed bytes, so the second run writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from helpcenter import LANGUAGES
from helpcenter.errors import ContentErrors
from helpcenter.pipeline import generate
from helpcenter.render import navigation

ROOT = Path(__file__).resolve().parent.parent


@event_priority(-200)  # after static-i18n (-100) has switched the build to its language
def on_config(config):
    lang = config.theme["language"]
    if lang not in LANGUAGES:
        raise Abort(f"mkdocs.yml: theme.language {lang!r} is not one of {', '.join(LANGUAGES)}")
    try:
        content, _report = generate(ROOT / "content", Path(config.docs_dir))
    except ContentErrors as exc:
        raise Abort("\n" + exc.report()) from None
    config.nav = navigation(content, lang)
    config.site_name = content.site["site_name"][lang]
    return config


def on_serve(server, config, builder):
    server.watch(str(ROOT / "content"))
    return server
