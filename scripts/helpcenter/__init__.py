"""Help-center generator: content/ YAML -> validated model -> Markdown pages.

Stages, one module each:
    load      YAML files -> plain data plus the line of every key
    validate  plain data -> model objects, or a list of ContentError
    render    model -> Markdown pages per language (Jinja templates)
    output    pages -> docs/<lang>/ (only changed bytes, hand-written files safe)
    sitecheck built site/ -> list of problems
The MkDocs glue is scripts/mkdocs_hook.py; the command line is __main__.py.
"""

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
