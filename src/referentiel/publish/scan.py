"""Post-build scan of the site: prove that no code the site does not own reached it.

The checker rejects hostile HTML in the sources, but a gap in a pattern, a renderer
that forgets to escape a value or a hand-written page would still publish it. This scan
reads every HTML and SVG file the build wrote, as a browser's tokenizer does (character
references decoded in attribute values), and accepts only:

- inline scripts written by the theme's or our own templates (each body must match a
  `<script>` of a template, its `{{ … }}` expressions standing for any value);
- script files served by the site itself from `assets/` (Material, our vendored JS)
  or `pagefind/` (the search);
- no event-handler attribute, no `javascript:`/`vbscript:`/`data:` URL, no frame,
  object, embed, applet, `<base>` or `<meta http-equiv=refresh>`;
- no resource (script, style sheet, image, font…) loaded from another address.

`referentiel.deploy` hashes only the accepted inline scripts into the CSP, so the two
lines of defence agree.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from referentiel.diagnostics import Diagnostic, Location
from referentiel.publish.csp import is_shipped_script, shipped_inline_scripts

FORBIDDEN_TAGS = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
)
URL_ATTRS = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "srcset",
        "cite",
        "longdesc",
        "ping",
        "manifest",
    }
)
# Attributes by which a page *loads* something (an <a href> is only a link to follow).
LOADING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
LOADING_RELS = frozenset(
    {
        "stylesheet",
        "icon",
        "preload",
        "prefetch",
        "modulepreload",
        "manifest",
        "dns-prefetch",
        "preconnect",
        "import",
        "apple-touch-icon",
        "shortcut",
    }
)
SCRIPT_DIRS = ("assets/", "pagefind/")
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def scheme(value: str) -> str | None:
    """The URL's scheme as a browser reads it (leading controls/blanks and inner tabs
    and newlines dropped), or None for a relative URL."""
    cleaned = (
        value.lstrip("".join(map(chr, range(0x21))))
        .translate(str.maketrans("", "", "\t\n\r"))
        .lower()
    )
    if cleaned.startswith("//"):
        return "//"
    m = _SCHEME.match(cleaned)
    return m.group(1) if m else None


class KnownScripts:
    """The exact inline scripts the shipped templates can write (publish/csp.py): the
    same allow-list as the CSP's hashes, so the two lines of defence agree."""

    def __init__(self, dirs: Iterable[Path] | None = None) -> None:
        self._bodies = frozenset(s.body for s in shipped_inline_scripts(dirs))

    def __contains__(self, body: str) -> bool:
        return body in self._bodies


@dataclass
class InlineScript:
    line: int
    col: int
    body: str


class _Page(HTMLParser):
    """One file's tags, with the inline scripts and the problems found."""

    def __init__(self, rel: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rel = rel
        self.problems: list[tuple[int, int, str]] = []
        self.scripts: list[InlineScript] = []
        self._script: InlineScript | None = None

    def _flag(self, message: str) -> None:
        line, col = self.getpos()
        self.problems.append((line, col + 1, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            self._flag(f"balise « <{tag}> » interdite dans le site")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._flag("redirection « <meta http-equiv=refresh> » interdite")
        for name, value in values.items():
            if name.startswith("on"):
                self._flag(f"attribut « {name} » (code exécutable) sur « <{tag}> »")
            if name in URL_ATTRS and scheme(value) in ("javascript", "vbscript", "data"):
                self._flag(
                    f"adresse « {scheme(value)}: » dans l'attribut « {name} » de « <{tag}> »"
                )
        loading = LOADING.get(tag, ())
        if tag == "link" and LOADING_RELS & set(values.get("rel", "").lower().split()):
            loading = ("href",)
        for name in loading:
            if name in values and scheme(values[name]) not in (None,):
                self._flag(
                    f"ressource chargée hors du site : « {values[name][:80]} » (<{tag} {name}>)"
                )
        if tag == "script":
            self._start_script(values)

    def _start_script(self, values: dict[str, str]) -> None:
        if "src" in values:
            target = _resolve(self.rel, values["src"])
            if scheme(values["src"]) is None and (
                target is None or not target.startswith(SCRIPT_DIRS)
            ):
                self._flag(
                    f"script « {values['src'][:80]} » qui n'est pas un fichier JavaScript du site"
                )
        elif values.get("type", "").lower() not in DATA_SCRIPT_TYPES:
            line, col = self.getpos()
            self._script = InlineScript(line, col + 1, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.body += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None


def _resolve(rel: str, url: str) -> str | None:
    """Site-relative path of a same-site URL, or None if it leaves the site."""
    from posixpath import dirname, join, normpath

    if scheme(url) is not None:
        return None
    path = url.split("#", 1)[0].split("?", 1)[0]
    resolved = normpath(path.lstrip("/") if path.startswith("/") else join(dirname(rel), path))
    return None if resolved.startswith("..") else resolved


def parse(site: Path, rel: str) -> _Page:
    return parse_text(rel, (site / rel).read_text(encoding="utf-8", errors="replace"))


def parse_text(rel: str, text: str) -> _Page:
    page = _Page(rel)
    page.feed(text)
    page.close()
    return page


# Every type nginx (/etc/nginx/mime.types) serves as something a browser renders as a
# document able to hold a script: read as HTML, whatever the extension's case.
DOCUMENT_TYPES = frozenset(
    {
        ".html",
        ".htm",
        ".shtml",
        ".xhtml",
        ".xht",
        ".svg",
        ".xml",
        ".xsl",
        ".xslt",
        ".rss",
        ".atom",
        ".mml",
    }
)
# Active content the site never ships and a browser (or a plug-in) may run: refused.
FOREIGN_ACTIVE = frozenset({".svgz", ".swf", ".htc", ".mht", ".mhtml", ".xbl", ".jar", ".hta"})
SCRIPT_TYPES = frozenset({".js", ".mjs", ".cjs"})


def _suffix(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1].lower()
    return name[name.rfind(".") :] if "." in name else ""


def scan_file(rel: str, data: bytes, known: KnownScripts) -> list[tuple[int, int, str]]:
    """Problems of one built file, from its site-relative path and its bytes alone
    (line, column, message): a pure function, so a single pass over site/ can call it."""
    suffix = _suffix(rel)
    if any(part.startswith(".") for part in rel.split("/")):
        return [(1, 1, "fichier caché (nom commençant par « . ») dans le site")]
    if suffix in FOREIGN_ACTIVE:
        return [(1, 1, f"type de fichier actif « {suffix} » que le site ne publie jamais")]
    if suffix in SCRIPT_TYPES:
        if is_shipped_script(rel, data):
            return []
        return [(1, 1, "fichier JavaScript qui n'est ni de Material, ni du dépôt, ni de Pagefind")]
    if suffix not in DOCUMENT_TYPES:
        return []
    page = parse_text(rel, data.decode("utf-8", errors="replace"))
    problems = list(page.problems)
    for script in page.scripts:
        if script.body not in known:
            problems.append(
                (
                    script.line,
                    script.col,
                    (
                        "script en ligne inconnu : aucun gabarit du site ne l'écrit "
                        f"(« {script.body.strip()[:60]} »)"
                    ),
                )
            )
    return problems


def site_files(site: Path) -> list[str]:
    """Every entry of the built site, links and special files included (never followed)."""
    found: list[str] = []
    for folder, dirs, files in os.walk(site, followlinks=False):
        for name in dirs + files:
            found.append((Path(folder) / name).relative_to(site).as_posix())
    return sorted(found)


def scan(site: Path, known: KnownScripts | None = None) -> Iterator[Diagnostic]:
    known = known if known is not None else KnownScripts()
    for rel in site_files(site):
        path = site / rel
        where = Location(site.name + "/" + rel, 1, 1)
        if path.is_symlink():
            yield Diagnostic(where, "SEC003", "lien symbolique dans le site : nginx le refuse")
            continue
        if path.is_dir():
            if rel.rsplit("/", 1)[-1].startswith("."):
                yield Diagnostic(where, "SEC003", "dossier caché (nom commençant par « . »)")
            continue
        if not path.is_file():
            yield Diagnostic(where, "SEC003", "fichier spécial (tube, périphérique) dans le site")
            continue
        for line, col, message in scan_file(rel, path.read_bytes(), known):
            yield Diagnostic(Location(where.path, line, col), "SEC003", message)
