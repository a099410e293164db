"""Which language a MkDocs event belongs to, whatever order static-i18n builds them in.

mkdocs-static-i18n 1.3.1 runs the whole MkDocs build once per language with
one config object: the first language's build (``current_language`` starts
as the default one) runs the others' builds from inside its own
``on_post_build`` (at priority -100, its ``building`` flag set meanwhile),
each after its ``on_config`` has switched ``config.theme["language"]``.
So, in an event of a language's build:

- from ``on_config`` to the theme templates and pages, and in a nested
  build's ``on_post_build``, ``config.theme["language"]`` is that build's;
- in the first build's ``on_post_build`` after static-i18n's (-100), it
  names the *last nested* language, not the first build's own.

The hook therefore keeps nothing that depends on that nesting (no stack of
builds): its state is keyed by language (``LanguageState``), and at the
end of a build, ``finished`` says which languages' end-of-build work is due:
in a nested build, its own language; at the end of the outermost build
(static-i18n no longer building), every built language not done yet, which
is the outer one whichever it is. ``whole_site_done`` is true then: every
language's files are in the site.

Files every language build writes at the site root (``404.html``,
``sitemap.xml``) are written by each language at its own root as the
template is built (the hook's ``on_post_template``), so that no later build
overwrites an earlier one's: nothing needs to be kept aside meanwhile. The
site root's sitemap lists every language's pages: static-i18n's sitemap
template lists the languages whose files it has seen so far (its
``i18n_files_per_language`` grows build after build), so the root's is the
one of the build that has seen them all (``sees_every_language``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


def i18n_building(config) -> bool:
    """True inside a nested language build (static-i18n's own flag); False in the
    outermost build, and without static-i18n."""
    plugin = config.plugins.get("i18n") if hasattr(config, "plugins") else None
    return bool(getattr(plugin, "building", False))


def sees_every_language(config) -> bool:
    """True when static-i18n has the files of every language it builds (its sitemap
    then lists them all); True without static-i18n."""
    plugin = config.plugins.get("i18n") if hasattr(config, "plugins") else None
    if plugin is None:
        return True
    return set(plugin.build_languages) <= set(plugin.i18n_files_per_language)


@dataclass
class LanguageState:
    """What one language's build carries from ``on_config`` to its later events."""
    content: object = None
    meta: dict = field(default_factory=dict)
    pages: list | None = None   # [built, total], for the progress bar
    done: bool = False          # its end-of-build work is written


def finished(config, states: dict[str, LanguageState]) -> tuple[list[str], bool]:
    """(languages whose end-of-build work is due now, whether every language is built).

    Inside a nested build: its own language. At the end of the outermost
    build: each language configured in this build whose work is not done."""
    if i18n_building(config):
        return [config.theme["language"]], False
    return [lang for lang, state in states.items() if not state.done], True


def begin(config, states: dict[str, LanguageState], lang: str) -> LanguageState:
    """A fresh state for ``lang``'s build; the outermost build (a new build or
    rebuild) forgets every language's state of the build before."""
    if not i18n_building(config):
        states.clear()
    states[lang] = LanguageState()
    return states[lang]
