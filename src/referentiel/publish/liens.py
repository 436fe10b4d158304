"""Independent check of the internal links of the built site.

`mkdocs build --strict` validates links between Markdown pages, but not what the
templates, the generated HTML blocks or the hand-written raw HTML contain, and MkDocs'
own checks were found to be skipped in some modes (stack notes: `-q`, `-v`). This
module reads the HTML the readers will get: every `href`/`src` that stays on the site
must name an existing file, and every `#ancre` an `id` (or `<a name>`) of that page.
External links (Légifrance, service-public…) are out of scope: `make liens-externes`.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote

from referentiel.diagnostics import Diagnostic, Location
from referentiel.publish.scan import scheme, text_of

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


class LinkCollector:
    """Anchors and links of one page, from its start tags (`scan.TagObserver`)."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.links: list[tuple[int, int, str]] = []

    def tag(self, tag: str, attrs: list[tuple[str, str | None]], pos: tuple[int, int]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        attr = LINK_ATTRS.get(tag)
        if attr and attr in values and not (tag == "link" and "canonical" in values.get("rel", "")):
            self.links.append((pos[0], pos[1] + 1, values[attr]))

    def result(self) -> PageLinks:
        return PageLinks(frozenset(self.ids), tuple(self.links))


class _Links(HTMLParser):
    def __init__(self, collector: LinkCollector) -> None:
        super().__init__(convert_charrefs=True)
        self.collector = collector

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.collector.tag(tag, attrs, self.getpos())

    handle_startendtag = handle_starttag


@dataclass(frozen=True)
class PageLinks:
    """What one page offers (its anchors) and asks for (its links, with their place)."""

    ids: frozenset[str]
    links: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class Unprinted:
    """A link to a PDF that this build deliberately did not print (PDF=0)."""

    location: Location
    pdf: str


def page_links(data: bytes) -> PageLinks:
    """Anchors and links of one HTML file, from its bytes (read once by the caller)."""
    collector = LinkCollector()
    parser = _Links(collector)
    parser.feed(text_of(data))
    parser.close()
    return collector.result()


def _target(rel: str, url: str, dirs: Collection[str]) -> tuple[str, str] | None:
    """(site-relative file, anchor) for a same-site URL; None for any other link."""
    if scheme(url) is not None:  # https:, mailto:, tel:, //host… : not a file of the site
        return None
    address, _, anchor = url.partition("#")
    address = unquote(address.split("?", 1)[0])
    if not address:
        return rel, unquote(anchor)
    path = normpath(address.lstrip("/") if address.startswith("/") else join(dirname(rel), address))
    if address.endswith("/") or path == "." or path in dirs:
        path = "index.html" if path == "." else path + "/index.html"
    return path, unquote(anchor)


def resolve(
    site_name: str,
    pages: Mapping[str, PageLinks],
    files: Collection[str],
    dirs: Collection[str],
    unprinted: Collection[str] = frozenset(),
) -> tuple[list[Diagnostic], list[Unprinted]]:
    """Every link of `pages` against the site's `files` and `dirs` (site-relative).

    `unprinted`: PDFs the PDF step would write but this build skipped on purpose
    (`pdf.planned`); a link to one of them is noted, not an error. Any other missing
    file, a PDF included when PDFs were printed, is LIEN001.
    """
    diags: list[Diagnostic] = []
    notes: list[Unprinted] = []
    for rel in sorted(pages):
        where = site_name + "/" + rel
        for line, col, url in pages[rel].links:
            target = _target(rel, url, dirs)
            if target is None:
                continue
            path, anchor = target
            if path.startswith("..") or path not in files:
                if path in unprinted:
                    notes.append(Unprinted(Location(where, line, col), path))
                    continue
                diags.append(
                    Diagnostic(
                        Location(where, line, col),
                        "LIEN001",
                        f"lien « {url} » : « {path} » n'existe pas dans le site construit",
                    )
                )
            elif anchor and path.endswith(".html") and anchor not in pages[path].ids:
                diags.append(
                    Diagnostic(
                        Location(where, line, col),
                        "LIEN002",
                        f"lien « {url} » : la page « {path} » n'a pas d'ancre « {anchor} »",
                    )
                )
    return diags, notes


def site_tree(site: Path) -> tuple[list[str], list[str]]:
    """Site-relative files and folders of `site`, from one walk; a file is what
    `Path.is_file` calls one (a symbolic link counts as its target, a dangling one as
    nothing), as the check did when it asked the file system link by link."""
    files: list[str] = []
    dirs: list[str] = []
    pending = [("", str(site))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir():
                    dirs.append(rel)
                    if not entry.is_symlink():
                        pending.append((rel + "/", entry.path))
                elif entry.is_file():
                    files.append(rel)
    return sorted(files), sorted(dirs)


def check_links_notes(
    site: Path, unprinted: Collection[str] = frozenset()
) -> tuple[list[Diagnostic], list[Unprinted]]:
    files, dirs = site_tree(site)
    pages = {rel: page_links((site / rel).read_bytes()) for rel in files if rel.endswith(".html")}
    return resolve(site.name, pages, frozenset(files), frozenset(dirs), unprinted)


def check_links(site: Path, unprinted: Collection[str] = frozenset()) -> Iterator[Diagnostic]:
    yield from check_links_notes(site, unprinted)[0]


def unprinted_text(notes: list[Unprinted]) -> str:
    """One French line saying which links wait for PDFs a PDF=0 build did not print."""
    if not notes:
        return ""
    first = notes[0]
    return (
        f"info : {len(notes)} lien(s) mènent à {len({n.pdf for n in notes})} PDF non imprimé(s) "
        f"(PDF=0), par exemple {first.location} → {first.pdf} ; « make build » les imprime "
        "et les vérifie."
    )
