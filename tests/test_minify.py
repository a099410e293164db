"""Our JavaScript and CSS are published minified; the sources stay readable."""

from __future__ import annotations

from conftest import ROOT
from helpcenter.minify import minified


def test_minified_keeps_code_and_strings_and_drops_comments():
    js = 'function f(a) {\n  // a comment\n  return "a  // not a comment" + a; /* gone */\n}\n'
    assert minified(js, ".js") == 'function f(a){return"a  // not a comment"+a;}\n'
    css = "/* note */\n.a  >  .b {\n  color : red ;\n  content: \"x  y\";\n}\n"
    assert minified(css, ".css") == '.a>.b{color:red;content:"x  y"}\n'


def test_every_one_of_our_scripts_and_styles_is_published_minified(built_site):
    sources = sorted(p for p in (ROOT / "docs" / "assets").rglob("*") if p.suffix in (".js", ".css"))
    assert len(sources) >= 5
    for src in sources:
        published = built_site / src.relative_to(ROOT / "docs")
        text = published.read_text(encoding="utf-8")
        assert text == minified(src.read_text(encoding="utf-8"), src.suffix), src.name
        assert len(text) < 0.9 * len(src.read_text(encoding="utf-8")), src.name
