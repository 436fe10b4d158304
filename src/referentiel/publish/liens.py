"""Independent check of the internal links of the built site.

`mkdocs build --strict` validates links between Markdown pages, but not what the
templates, the generated HTML blocks or the hand-written raw HTML contain, and MkDocs'
own checks were found to be skipped in some modes (stack notes: `-q`, `-v`). This
module reads the HTML the readers will get: every `href`/`src` that stays on the site
must name an existing file, and every `#ancre` an `id` (or `<a name>`) of that page.
External links (Légifrance, service-public…) are out of scope: `make liens-externes`.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote

from referentiel.diagnostics import Diagnostic, Location
from referentiel.publish.scan import scheme

LINK_ATTRS = {
    "a": "href",
    "link": "href",
    "area": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "form": "action",
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        attr = LINK_ATTRS.get(tag)
        if attr and attr in values and not (tag == "link" and "canonical" in values.get("rel", "")):
            line, col = self.getpos()
            self.links.append((line, col + 1, values[attr]))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _target(site: Path, rel: str, url: str) -> tuple[str, str] | None:
    """(site-relative file, anchor) for a same-site URL; None for any other link."""
    if scheme(url) is not None:  # https:, mailto:, tel:, //host… : not a file of the site
        return None
    address, _, anchor = url.partition("#")
    address = unquote(address.split("?", 1)[0])
    if not address:
        return rel, unquote(anchor)
    path = normpath(address.lstrip("/") if address.startswith("/") else join(dirname(rel), address))
    if address.endswith("/") or (site / path).is_dir():
        path = "index.html" if path == "." else path + "/index.html"
    return path, unquote(anchor)


def check_links(site: Path) -> Iterator[Diagnostic]:
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    for rel, page in pages.items():
        where = site.name + "/" + rel
        for line, col, url in page.links:
            target = _target(site, rel, url)
            if target is None:
                continue
            path, anchor = target
            if path.startswith("..") or not (site / path).is_file():
                yield Diagnostic(
                    Location(where, line, col),
                    "LIEN001",
                    f"lien « {url} » : « {path} » n'existe pas dans le site construit",
                )
            elif anchor and path.endswith(".html"):
                ids = pages[path].ids if path in pages else _parse(site / path).ids
                if anchor not in ids:
                    yield Diagnostic(
                        Location(where, line, col),
                        "LIEN002",
                        f"lien « {url} » : la page « {path} » n'a pas d'ancre « {anchor} »",
                    )
