"""Stage 4d: the Content-Security-Policy of the built pages, from the pages themselves.

Every page runs only scripts it loads from this site and a few short inline
scripts that Material and our templates write (Material's ``__md_scope``
helpers, its tab-from-anchor line, the agents' desk filter, the redirect of
a former id). The policy allows those by the sha256 hash of their exact text,
never by ``'unsafe-inline'``: a script that markup smuggled into a page
matches no hash and the browser refuses it.

The hashes are computed after the build, from every built page
(``site_hashes``), so a new inline script (a Material upgrade, a template
change) is in the policy the build writes in ``_headers``. The inline
scripts are the same on every page (the hook fixes Material's
``extra.scope`` to the site's path, and the redirect page reads its target
from its own ``<meta http-equiv="refresh">``), so one policy serves the
whole site and deploy/nginx.conf, written by hand, carries the same line:
``nginx_problems`` makes the build fail when it does not.

A ``<script type="application/json">`` (Material's ``__config``) is data,
never run: CSP does not apply to it (checked in Chromium: no violation).

Styles: the pages hold no ``style=`` attribute and no ``<style>`` element,
and Material's JavaScript sets styles through the DOM (``element.style``),
which CSP allows: ``style-src 'self'``. Images: Material's CSS draws its
icons from ``data:`` SVGs (``img-src 'self' data:``). The search runs in a
worker started from this site's own file, and each language's offline copy
is a service worker at its root (``worker-src 'self'``; offline.py): it asks
only this site (``connect-src 'self'``). "Did this answer your question?" is
two links, to the editors' form or a ``mailto:``: following a link is a
navigation, which no directive here governs; no page sends a form or a
request to another host (``form-action 'self'``).

Pure functions; the MkDocs hook writes the result, the site check checks it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

HEADER = "Content-Security-Policy"
# Everything from this site only; no plugin, no framing by another site,
# no <base> or form sending elsewhere.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # + the hashes of the inline scripts
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    # switcher.js answers Material's sitemap requests with an empty data: sitemap
    # (docs/assets/switcher.js); reading a data: address sends nothing anywhere.
    ("connect-src", "'self' data:"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
# Powerful browser features no page of a help center uses: refused to the
# page and to anything it could ever embed.
PERMISSIONS_POLICY = ("Permissions-Policy",
                      "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), "
                      "magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()")

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
# Types a browser runs (the HTML standard's JavaScript MIME types, and module);
# any other type is a data block, which CSP does not govern.
_RUN = frozenset({"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript",
                  "application/x-javascript", "text/jscript", "text/livescript", "text/x-javascript", "text/x-ecmascript"})


def inline_scripts(page: str) -> list[tuple[int, str]]:
    """``(line, text)`` of each inline script of ``page`` that a browser would run."""
    found = []
    for m in _SCRIPT.finditer(page):
        attrs, body = m.group(1), m.group(2)
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        kind = (kind.group(1) or kind.group(2) or kind.group(3) or "") if kind else ""
        if kind.strip().lower() in _RUN:
            found.append((page.count("\n", 0, m.start()) + 1, body))
    return found


def script_hash(text: str) -> str:
    """The CSP source that allows the inline script ``text``: ``'sha256-...'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def site_pages(site_dir: Path) -> list[Path]:
    return sorted(Path(site_dir).rglob("*.html"))


TEMPLATES = Path(__file__).parent / "templates"


def template_scripts(template_dir: Path = TEMPLATES) -> dict[str, list[str]]:
    """The inline scripts our templates can write, by template: each is constant text
    (tests/test_csp.py checks it), so the policy allows them even where no page holds
    one yet: the first former id an editor writes needs no change of deploy/nginx.conf."""
    return {path.name: [text for _line, text in inline_scripts(path.read_text(encoding="utf-8"))]
            for path in sorted(Path(template_dir).glob("*.j2"))
            if inline_scripts(path.read_text(encoding="utf-8"))}


def site_hashes(site_dir: Path, template_dir: Path = TEMPLATES) -> list[str]:
    """The hash of every inline script of every page of ``site_dir``, and of our templates'
    inline scripts, sorted, each once."""
    texts = {text for page in site_pages(site_dir)
             for _line, text in inline_scripts(page.read_text(encoding="utf-8", errors="replace"))}
    texts.update(text for scripts in template_scripts(template_dir).values() for text in scripts)
    return sorted({script_hash(text) for text in texts})


def policy(hashes) -> str:
    """The Content-Security-Policy header's value, allowing the inline scripts ``hashes``."""
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src":
            value = " ".join([value, *sorted(hashes)])
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def headers(site_dir: Path) -> tuple[tuple[str, str], ...]:
    """The two headers every response of ``site_dir`` gets: its CSP and the permissions policy."""
    return ((HEADER, policy(site_hashes(site_dir))), PERMISSIONS_POLICY)


def allowed_hashes(policy_text: str) -> set[str]:
    """The ``'sha256-...'`` sources of a policy's script-src."""
    for directive in policy_text.split(";"):
        words = directive.split()
        if words and words[0] == "script-src":
            return {w for w in words[1:] if w.startswith("'sha256-")}
    return set()


_HEADERS_LINE = re.compile(rf"^\s+{HEADER}:\s*(.+?)\s*$", re.M)


def published_policy(site_dir: Path) -> str | None:
    """The policy the site's ``_headers`` file sends to every page, if any."""
    path = Path(site_dir) / "_headers"
    if not path.is_file():
        return None
    found = _HEADERS_LINE.search(path.read_text(encoding="utf-8"))
    return found.group(1) if found else None


# The site check's problem when the site sends no policy.
NO_POLICY = f"no {HEADER}: the build writes it (scripts/helpcenter/csp.py)"


def script_problems(page: str, allowed: set[str]) -> list[tuple[int, str]]:
    """``(line, message)`` for each inline script of ``page`` whose hash is not in ``allowed``."""
    out = []
    for line, script in inline_scripts(page):
        digest = script_hash(script)
        if digest not in allowed:
            out.append((line, f"inline script not allowed by the {HEADER} of _headers ({digest}): "
                              f"browsers will refuse to run it: {script.strip()[:60]!r}"))
    return out


_NGINX_LINE = re.compile(rf"""^\s*add_header\s+{HEADER}\s+"([^"]*)"\s+always;""", re.M)


def nginx_problems(conf_text: str, expected: str) -> list[str]:
    """What is wrong with the policy of deploy/nginx.conf, against ``expected`` (the built site's)."""
    found = _NGINX_LINE.findall(conf_text)
    line = f'add_header {HEADER} "{expected}" always;'
    if not found:
        return [f"no {HEADER} header; add this line to its server block: {line}"]
    if found[0] != expected:
        missing = sorted(allowed_hashes(expected) - allowed_hashes(found[0]))
        why = (f"it does not allow the inline script{'s' if len(missing) > 1 else ''} {' '.join(missing)} of the built pages"
               if missing else "it differs from the built pages' policy (site/_headers)")
        return [f"its {HEADER} is not the site's: {why}; write: {line} (and reload nginx where it is deployed)"]
    return []
