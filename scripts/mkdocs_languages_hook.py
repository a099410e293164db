"""MkDocs glue for the language table (mkdocs.yml's i18n `languages:`).

Runs before static-i18n reads its languages: a language marked
`draft: true` (under `extra: helpcenter:`) is built only in preview
(`mkdocs serve`, `helpcenter build --preview`), never in a published build.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority

from helpcenter import locales

PREVIEW_ENV = locales.PREVIEW_ENV
_SERVING = {"on": False}


def on_startup(command, dirty):
    _SERVING["on"] = command == "serve"


@event_priority(100)  # before static-i18n (-100) and our main hook (-200)
def on_config(config):
    preview = _SERVING["on"] or os.environ.get(PREVIEW_ENV) == "1"
    locales.use_file(Path(config.config_file_path), preview=preview)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        for entry in i18n.config.languages:
            entry.build = entry.locale in locales.BUILT
    return config
