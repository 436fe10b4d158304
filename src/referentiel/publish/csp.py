"""The Content-Security-Policy, from an allow-list of what the project ships.

A policy derived from the built pages trusts its own output: an injected script shaped
like a template's would be hashed in, and 'unsafe-inline' styles let a full-screen fake
login form act. Here nothing is read from the site. The allowed inline scripts are the
exact bodies of the `<script>` elements of the installed theme's templates and of our
`overrides/`, each known by its template's name; the only expression they may hold is
the page's relative `base_url` (Material's `__md_scope`), rendered for every depth a
page address can have. A body with template logic (`{% … %}`) or any other expression
(the redirect page's target) is not allowed: the site does not use those templates.

Styles: measured on the built site, neither Material nor our pages write a `style`
attribute or a `<style>` element (Material's tooltips set CSS custom properties through
the CSSOM, which CSP does not govern), so `style-src` is `'self'`: an injected style is
refused like an injected script.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[3]
# A plain `<script>`: typed ones (`application/json`) are data and never executed.
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# Deepest page address, in folders (models/routes.py: at most section/sub-section/page;
# generous so that a new level of nesting does not silently lose Material's scripts).
MAX_PAGE_DEPTH = 8


def template_dirs() -> list[Path]:
    """The theme's templates and ours, in the order MkDocs looks them up."""
    import material

    return [ROOT / "overrides", Path(material.__file__).parent / "templates"]


def base_urls() -> list[str]:
    """Every `base_url` MkDocs gives a page: "." at the root, "../.." two folders down,
    and "/" for the error page, served at any address."""
    return [".", *("/".join([".."] * n) for n in range(1, MAX_PAGE_DEPTH + 1)), "/"]


@dataclass(frozen=True, order=True)
class ShippedScript:
    template: str  # e.g. "material/partials/javascripts/base.html"
    body: str


def shipped_inline_scripts(dirs: Iterable[Path] | None = None) -> list[ShippedScript]:
    """Exact bodies of the inline scripts the shipped templates can write."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    found: set[ShippedScript] = set()
    for folder in dirs if dirs is not None else template_dirs():
        if not folder.is_dir():
            continue
        label = "material" if folder.name == "templates" else folder.name
        for template in sorted(folder.rglob("*.html")):
            name = f"{label}/{template.relative_to(folder).as_posix()}"
            for raw in _SCRIPT.findall(template.read_text(encoding="utf-8")):
                if "{%" in raw:
                    continue
                if "{{" not in raw:
                    found.add(ShippedScript(name, raw))
                    continue
                for base in base_urls():
                    try:
                        body = env.from_string(raw).render(base_url=base, config={"extra": {}})
                    except jinja2.UndefinedError:
                        break  # an expression other than base_url: not allowed
                    found.add(ShippedScript(name, body))
    return sorted(found)


def sha256_source(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_hashes(dirs: Iterable[Path] | None = None) -> list[str]:
    return sorted({sha256_source(s.body) for s in shipped_inline_scripts(dirs)})


def csp_policy() -> str:
    # 'wasm-unsafe-eval': the search (Pagefind, shipped with the site) compiles its
    # WebAssembly module; it does not allow eval() of JavaScript.
    scripts = ["'self'", "'wasm-unsafe-eval'", *script_hashes()]
    return (
        "default-src 'none'; "
        f"script-src {' '.join(scripts)}; "
        "style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; "
        "base-uri 'self'; form-action 'self'; object-src 'none'"
    )


# Our own scripts, by name (mkdocs.yml `extra_javascript`; a test keeps both equal): a
# file of docs/assets/js/ that is not one of them is not shipped, whatever it holds.
OUR_SCRIPTS = (
    "assets/js/recherche.js",
    "assets/js/tableau.js",
    "assets/js/abbr.js",
    "assets/js/glossaire.js",
    "assets/js/orienter.js",
    "assets/js/parcours.js",
)
# What `referentiel index` (Pagefind) writes, by name.
PAGEFIND_SCRIPTS = ("pagefind/pagefind.js", "pagefind/pagefind-worker.js")


def is_shipped_script(rel: str, data: bytes) -> bool:
    """Whether a JavaScript file of the built site is one the project ships: a file of
    the installed theme, byte for byte; one of our scripts, byte for byte as in the
    repository; or a file Pagefind writes."""
    import material

    if rel in PAGEFIND_SCRIPTS:
        return True
    if rel in OUR_SCRIPTS:
        reference = ROOT / "docs" / rel
    elif rel.startswith("assets/javascripts/"):
        reference = Path(material.__file__).parent / "templates" / rel
    else:
        return False
    try:
        return reference.is_file() and reference.read_bytes() == data
    except OSError:
        return False
