"""``new-article``: a new article file with every field, texts marked TODO.

The file is made from templates/new-article.yml.j2. It never overwrites a
file (an editor's work is never lost) and refuses an id that cannot be an
article's (not an identifier, or an address the site already uses).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .editor_schema import kind_of, schema_line
from .errors import ContentError, ContentErrors
from .load import parse
from .locales import Languages
from .schema import SLUG, slugify, suggest
from .validate import SCENARIO_DIR

TEMPLATE = Path(__file__).parent / "templates" / "new-article.yml.j2"
# Addresses the site itself uses: an article there would hide them (and each language's root).
RESERVED_PATHS = ("agents", "assets", "search")


def reserved_ids(languages: Languages) -> tuple[str, ...]:
    return (*RESERVED_PATHS, *languages.declared)


def _read(path: Path):
    """The data of a content file, or None if it cannot be read yet (the build reports why)."""
    try:
        return parse(path.name, path.read_bytes()).data
    except (OSError, ContentErrors):
        return None


def _refuse(where: str, message: str, hint: str) -> ContentErrors:
    return ContentErrors([ContentError(where, 0, "", message, hint)])


def new_article(content_dir: Path, article_id: str, languages: Languages, section: str | None = None) -> Path:
    """Write ``content/scenarios/<article_id>.yml``, its texts in each published language of
    ``languages``; return its path. Raises ContentErrors."""
    relative = f"{SCENARIO_DIR}/{article_id}.yml"
    where = f"{content_dir.name}/{relative}"
    if not SLUG.match(article_id):
        raise _refuse(where, f"{article_id!r} cannot be an article id: lower-case words joined by hyphens",
                      f"did you mean {slugify(article_id)!r}? e.g. make new-article ID={slugify(article_id) or 'lost-parcel'}")
    target = content_dir / relative
    if target.exists():
        raise _refuse(where, "already exists; nothing was written",
                      "edit that file, or choose another id")
    if article_id in reserved_ids(languages):
        raise _refuse(where, f"{article_id!r} is an address the site already uses",
                      f"choose another id, not one of: {', '.join(reserved_ids(languages))}")

    site = _read(content_dir / "site.yml")
    sections = [s.get("id") for s in site.get("sections", []) if isinstance(s, dict)] if isinstance(site, dict) else []
    if section is not None and section not in sections:
        raise _refuse(where, f"unknown section {section!r}; nothing was written",
                      suggest(section, sections) or f"the sections in content/site.yml are: {', '.join(sections)}")

    articles = {}
    for path in sorted((content_dir / SCENARIO_DIR).glob("*.yml")):
        data = _read(path)
        if isinstance(data, dict):
            articles[path.stem] = data
    for other, data in articles.items():
        if article_id in (data.get("former_ids") or []):
            raise _refuse(where, f"{article_id!r} is a former id of {other!r}: its old address redirects there",
                          "choose another id")
    # The next free place: after the last article of its section; with no
    # section chosen yet, after every article, so it collides with none.
    orders = [d["order"] for d in articles.values()
              if (section is None or d.get("section") == section) and isinstance(d.get("order"), int)]
    last_order = max(orders) if orders else None

    template = jinja2.Template(TEMPLATE.read_text(encoding="utf-8"), keep_trailing_newline=True, trim_blocks=True,
                               undefined=jinja2.StrictUndefined)
    text = template.render(
        id=article_id, section=section, sections=sections, order=(last_order or 0) + 10, last_order=last_order,
        some_article=next(iter(articles), "unpaid-order"),
        schema_line=schema_line(relative, kind_of(relative)),
        languages=[lang for lang in languages.table if not lang.draft], example=languages.example(),
        addresses=" and ".join(f"/{languages.root(lang)}{article_id}/" for lang in languages.published),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:  # "x": never replace a file written meanwhile
        out.write(text)
    return target
