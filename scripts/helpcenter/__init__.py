"""Help-center generator: content/ YAML -> validated model -> Markdown pages.

Stages, one module each:
    load      YAML files -> plain data plus the line of every key
    validate  plain data -> model objects, or a list of ContentError
    render    model -> Markdown pages per language (Jinja templates)
    output    pages -> docs/<lang>/ (only changed bytes, hand-written files safe)
    sitecheck built site/ -> list of problems
The MkDocs plugin is plugin.py; the build pipeline build.py; the command line __main__.py.

The languages come from one table, mkdocs.yml's helpcenter `languages:`, read once by
whoever starts a build into a ``locales.Languages`` value that is passed down (no module
holds a table of its own).
"""
