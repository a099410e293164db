"""The help center's languages, declared once: the helpcenter plugin's ``languages:`` in mkdocs.yml.

That list is the one language table (docs/dev/languages.md). The plugin
reads it to build each language; this module reads the same entries for
the generator, so nothing else names a language:

    - locale: es          # code: the folder docs/es/ and the URL root /es/
      name: Español       # the language menu
      default: false      # true for one language: it is served at /
      build: true
      extra:
        helpcenter:       # the generator's settings of the language
          locale: es_ES   # Babel locale: numbers, units, plurals, dates, quotes
          platform_ui: false  # the platform's own screens are not in Spanish:
                              # labels add the default language's label in brackets
          draft: true     # built only in preview (`make serve`, build --preview)

The table in use is a value, ``Languages`` (the rows, and whether drafts are
built: a preview): each entry point reads it once (``Languages.read``, or
``Languages.parse`` of the plugin's own config) and passes it down; no module
keeps one. Typography (French spacing and quotes) is a rule of the locale's
language, ``french_typography``: one place, a pure function of a ``Language``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError


@dataclass(frozen=True)
class Language:
    code: str          # "fr": docs/fr/, the URL root, the keys of every text in content/
    name: str          # its own name, in the language menu
    default: bool      # served at the site root
    locale: str        # Babel locale, "fr_FR"
    platform_ui: bool  # the platform's interface exists in this language
    draft: bool        # in progress: built in preview only, never published

    @property
    def root(self) -> str:
        """URL path prefix: "" for the default language, "es/" for the others."""
        return "" if self.default else f"{self.code}/"

    @property
    def english_name(self) -> str:
        """"Spanish": the language named in editors' messages (written in English)."""
        return babel_locale(self.locale).get_language_name("en")


class TableError(ValueError):
    """mkdocs.yml's language table is unusable: the message says what to write."""


def _tolerant_loader():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # MkDocs' !ENV etc.: unset
    return Loader


def parse_table(config: dict) -> tuple[Language, ...]:
    """The languages of a parsed mkdocs.yml, in its order."""
    plugins = config.get("plugins") or []
    entries = None
    for plugin in plugins:
        if isinstance(plugin, dict) and "helpcenter" in plugin:
            entries = (plugin["helpcenter"] or {}).get("languages")
    if not isinstance(entries, list) or not entries:
        raise TableError("mkdocs.yml: plugins: helpcenter: languages: is missing; it lists the help center's languages")
    out = []
    for i, entry in enumerate(entries):
        ours = ((entry.get("extra") or {}).get("helpcenter") or {}) if isinstance(entry, dict) else {}
        code = entry.get("locale") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not isinstance(entry.get("name"), str):
            raise TableError(f"mkdocs.yml: helpcenter languages[{i}]: needs locale: (the code) and name:")
        locale = ours.get("locale", code)
        try:
            babel_locale(locale)
        except (UnknownLocaleError, ValueError):
            raise TableError(f"mkdocs.yml: helpcenter languages[{i}] ({code}): extra: helpcenter: locale: "
                             f"{locale!r} is not a locale Babel knows (examples: fr_FR, en_US, es_ES)") from None
        out.append(Language(code=code, name=entry["name"], default=bool(entry.get("default", False)),
                            locale=locale, platform_ui=bool(ours.get("platform_ui", True)),
                            draft=bool(ours.get("draft", False))))
    defaults = [lang for lang in out if lang.default]
    if len(defaults) != 1 or defaults[0].draft:
        raise TableError("mkdocs.yml: helpcenter languages: exactly one language has default: true (and is not a draft)")
    return tuple(out)


def read_table(mkdocs_yml: Path) -> tuple[Language, ...]:
    try:
        config = yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=_tolerant_loader()) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise TableError(f"{mkdocs_yml}: cannot be read: {exc}") from None
    return parse_table(config)


@lru_cache(maxsize=None)
def babel_locale(locale: str) -> Locale:
    return Locale.parse(locale)


@dataclass(frozen=True)
class Languages:
    """The language table in use, and whether draft languages are built (preview).

    Read once by whoever starts a build (the command line, a worker, the plugin,
    the bench) and passed down: inside the checked ``Content`` (``content.languages``),
    the build's ``Options``, the plugin's state, or as an argument. Codes are the
    table's order; the default language is ``default``."""

    table: tuple[Language, ...]  # every declared language, drafts included
    preview: bool = False        # draft languages are built too

    @classmethod
    def parse(cls, config: dict, preview: bool = False) -> Languages:
        return cls(parse_table(config), preview)

    @classmethod
    def read(cls, mkdocs_yml: Path, preview: bool = False) -> Languages:
        return cls(read_table(mkdocs_yml), preview)

    def previewing(self, on: bool = True) -> Languages:
        """The same table, drafts built (``on``) or not."""
        return Languages(self.table, on)

    @property
    def built(self) -> tuple[str, ...]:
        """The codes this build renders: the published ones, and the drafts in preview."""
        return tuple(lang.code for lang in self.table if not lang.draft or self.preview)

    @property
    def declared(self) -> tuple[str, ...]:
        """Every declared code, drafts included."""
        return tuple(lang.code for lang in self.table)

    @property
    def published(self) -> tuple[str, ...]:
        """The codes every text must have: the languages that are not drafts."""
        return tuple(lang.code for lang in self.table if not lang.draft)

    def get(self, code: str) -> Language:
        for lang in self.table:
            if lang.code == code:
                return lang
        raise KeyError(code)

    @property
    def default(self) -> str:
        """The code of the language served at the site root."""
        return next(lang.code for lang in self.table if lang.default)

    def root(self, code: str) -> str:
        """Path prefix of a language: the default one at the root, the others under /<code>/."""
        return "" if code == self.default else f"{code}/"

    @property
    def every_language(self) -> str:
        """"both languages", "every language": how editors' messages say all of them."""
        return "both languages" if len(self.published) == 2 else "every language"

    def example(self, value: str = '"..."') -> str:
        """A text in every language as editors write it: ``{fr: "...", en: "..."}``."""
        return "{" + ", ".join(f"{lang}: {value}" for lang in self.published) + "}"


def french_typography(lang: Language) -> bool:
    """French spacing (no-break space before : ; ? ! ») and « » quotes: the locale's language is French."""
    return babel_locale(lang.locale).language == "fr"


def quoted(text: str, lang: Language) -> str:
    """A label quoted as the language quotes: « texte », “text”."""
    return f"«\u00a0{text}\u00a0»" if french_typography(lang) else f"“{text}”"


def colon(lang: Language) -> str:
    return "\u00a0:" if french_typography(lang) else ":"
