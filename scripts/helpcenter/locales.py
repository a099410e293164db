"""The help center's languages, declared once: the i18n plugin's ``languages:`` in mkdocs.yml.

That list is the one language table (docs/dev/languages.md). MkDocs and
static-i18n read it to build each language; this module reads the same
entries for the generator, so nothing else names a language:

    - locale: es          # code: the folder docs/es/ and the URL root /es/
      name: Español       # the language menu
      default: false      # true for one language: it is served at /
      build: true
      extra:
        helpcenter:       # ours (static-i18n lets a language carry `extra`)
          locale: es_ES   # Babel locale: numbers, units, plurals, dates, quotes
          platform_ui: false  # the platform's own screens are not in Spanish:
                              # labels add the default language's label in brackets
          draft: true     # built only in preview (`make serve`, build --preview)

Typography (French spacing and quotes) is a rule of the locale's language,
``french_typography``: one place.
"""

from __future__ import annotations

from collections.abc import Sequence
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
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages")
    if not isinstance(entries, list) or not entries:
        raise TableError("mkdocs.yml: plugins: i18n: languages: is missing; it lists the help center's languages")
    out = []
    for i, entry in enumerate(entries):
        ours = ((entry.get("extra") or {}).get("helpcenter") or {}) if isinstance(entry, dict) else {}
        code = entry.get("locale") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not isinstance(entry.get("name"), str):
            raise TableError(f"mkdocs.yml: i18n languages[{i}]: needs locale: (the code) and name:")
        locale = ours.get("locale", code)
        try:
            babel_locale(locale)
        except (UnknownLocaleError, ValueError):
            raise TableError(f"mkdocs.yml: i18n languages[{i}] ({code}): extra: helpcenter: locale: "
                             f"{locale!r} is not a locale Babel knows (examples: fr_FR, en_US, es_ES)") from None
        out.append(Language(code=code, name=entry["name"], default=bool(entry.get("default", False)),
                            locale=locale, platform_ui=bool(ours.get("platform_ui", True)),
                            draft=bool(ours.get("draft", False))))
    defaults = [lang for lang in out if lang.default]
    if len(defaults) != 1 or defaults[0].draft:
        raise TableError("mkdocs.yml: i18n languages: exactly one language has default: true (and is not a draft)")
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


# Set by `helpcenter build --preview` for the MkDocs process it starts.
PREVIEW_ENV = "HELPCENTER_PREVIEW"

# The table in use (set by `use`; read from ./mkdocs.yml on first need otherwise),
# and whether draft languages are built (preview).
_STATE: dict = {"table": None, "preview": False}


def use(table: tuple[Language, ...], preview: bool | None = None) -> None:
    _STATE["table"] = tuple(table)
    if preview is not None:
        _STATE["preview"] = preview


def use_file(mkdocs_yml: Path, preview: bool | None = None) -> None:
    use(read_table(mkdocs_yml), preview)


def set_preview(on: bool) -> None:
    _STATE["preview"] = on


def preview() -> bool:
    return _STATE["preview"]


def table() -> tuple[Language, ...]:
    """Every declared language, drafts included."""
    if _STATE["table"] is None:  # no `use` yet: this folder's mkdocs.yml, else this checkout's
        here = Path.cwd() / "mkdocs.yml"
        _STATE["table"] = read_table(here if here.is_file() else Path(__file__).resolve().parents[2] / "mkdocs.yml")
    return _STATE["table"]


def built() -> tuple[Language, ...]:
    """The languages this build renders: the published ones, and the drafts in preview."""
    return tuple(lang for lang in table() if not lang.draft or _STATE["preview"])


def published() -> tuple[Language, ...]:
    return tuple(lang for lang in table() if not lang.draft)


def get(code: str) -> Language:
    for lang in table():
        if lang.code == code:
            return lang
    raise KeyError(code)


def default_language() -> str:
    return next(lang.code for lang in table() if lang.default)


def french_typography(code: str) -> bool:
    """French spacing (no-break space before : ; ? ! ») and « » quotes: the locale's language is French."""
    return babel_locale(get(code).locale).language == "fr"


def quoted(text: str, code: str) -> str:
    """A label quoted as the language quotes: « texte », “text”."""
    return f"«\u00a0{text}\u00a0»" if french_typography(code) else f"“{text}”"


def colon(code: str) -> str:
    return "\u00a0:" if french_typography(code) else ":"


def english_name(code: str) -> str:
    return get(code).english_name


class Codes(Sequence):
    """The codes of the languages being built, read from the table at each use
    (``for lang in LANGUAGES``, ``lang in LANGUAGES``, ``LANGUAGES[0]``)."""

    def __init__(self, which):
        self._which = which

    def _codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self._which())

    def __getitem__(self, i):
        return self._codes()[i]

    def __len__(self):
        return len(self._codes())

    def __iter__(self):
        return iter(self._codes())

    def __contains__(self, code):
        return code in self._codes()

    def __repr__(self):
        return f"Codes{self._codes()!r}"


BUILT = Codes(built)
DECLARED = Codes(table)
REQUIRED = Codes(published)


def every_language() -> str:
    """"both languages", "every language": how editors' messages say all of them."""
    return "both languages" if len(REQUIRED) == 2 else "every language"


def example(value: str = '"..."') -> str:
    """A text in every language as editors write it: ``{fr: "...", en: "..."}``."""
    return "{" + ", ".join(f"{lang}: {value}" for lang in REQUIRED) + "}"
