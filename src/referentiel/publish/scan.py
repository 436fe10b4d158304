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
from collections.abc import Callable, Iterable, Iterator
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


# Called with each start tag the scan's tokenizer reads (name, attributes, (line, col)):
# the links check sees the same tags without tokenizing the file a second time.
TagObserver = Callable[[str, list[tuple[str, str | None]], tuple[int, int]], None]


class _Page(HTMLParser):
    """One file's tags, with the inline scripts and the problems found."""

    def __init__(self, rel: str, on_tag: TagObserver | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.rel = rel
        self.on_tag = on_tag
        self.problems: list[tuple[int, int, str]] = []
        self.scripts: list[InlineScript] = []
        self._script: InlineScript | None = None

    def _flag(self, message: str) -> None:
        line, col = self.getpos()
        self.problems.append((line, col + 1, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.on_tag is not None:
            self.on_tag(tag, attrs, self.getpos())
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
    return parse_bytes(rel, (site / rel).read_bytes())


def text_of(data: bytes) -> str:
    """A file's text as `Path.read_text` gives it (undecodable bytes replaced, line ends
    made \\n), so positions are the same whoever read the file."""
    text = data.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def parse_bytes(rel: str, data: bytes, on_tag: TagObserver | None = None) -> _Page:
    page = _Page(rel, on_tag)
    page.feed(text_of(data))
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


def reads(rel: str) -> bool:
    """Whether the scan needs a file's bytes (documents and scripts); other files are
    judged by their name alone, so a single pass reads only what it must."""
    return _suffix(rel) in DOCUMENT_TYPES or _suffix(rel) in SCRIPT_TYPES


def file_problems(
    rel: str, data: bytes, known: KnownScripts, on_tag: TagObserver | None = None
) -> list[tuple[int, int, str]]:
    """Problems of one built file, from its site-relative path and its bytes alone
    (line, column, message): a pure function, so a single pass over site/ can call it
    (publish/apres.py feeds the same bytes to the index, and the same tags to the links
    check through `on_tag`). `data` may be empty when `reads(rel)` is false."""
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
    page = parse_bytes(rel, data, on_tag)
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


def scan_file(
    rel: str, data: bytes, known: KnownScripts, where: str, on_tag: TagObserver | None = None
) -> list[Diagnostic]:
    """`file_problems` as diagnostics located at `where` (the file as the editor names it)."""
    return [
        Diagnostic(Location(where, line, col), "SEC003", message)
        for line, col, message in file_problems(rel, data, known, on_tag)
    ]


def site_files(site: Path) -> list[str]:
    """Every entry of the built site, links and special files included (never followed)."""
    found: list[str] = []
    for folder, dirs, files in os.walk(site, followlinks=False):
        for name in dirs + files:
            found.append((Path(folder) / name).relative_to(site).as_posix())
    return sorted(found)


def entry_problems(site: Path) -> Iterator[tuple[str, Diagnostic | None]]:
    """Each entry of the site: its path and the diagnostic it earns by its kind alone
    (link, hidden folder, special file), or None for a regular file the rules must read."""
    for rel in site_files(site):
        path = site / rel
        where = Location(site.name + "/" + rel, 1, 1)
        if path.is_symlink():
            yield rel, Diagnostic(where, "SEC003", "lien symbolique dans le site : nginx le refuse")
        elif path.is_dir():
            if rel.rsplit("/", 1)[-1].startswith("."):
                yield rel, Diagnostic(where, "SEC003", "dossier caché (nom commençant par « . »)")
        elif not path.is_file():
            yield (
                rel,
                Diagnostic(where, "SEC003", "fichier spécial (tube, périphérique) dans le site"),
            )
        else:
            yield rel, None


def scan(site: Path, known: KnownScripts | None = None) -> Iterator[Diagnostic]:
    known = known if known is not None else KnownScripts()
    for rel, problem in entry_problems(site):
        if problem is not None:
            yield problem
        elif not (site / rel).is_dir():
            data = (site / rel).read_bytes() if reads(rel) else b""
            yield from scan_file(rel, data, known, site.name + "/" + rel)
