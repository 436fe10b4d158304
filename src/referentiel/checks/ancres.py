"""Hand-written Markdown must not take an anchor the page generates (issue 11, class 7).

A fiche's body is published between « Présentation » and the generated sections; a cadre's
introduction and each section's text before the following sections. The `toc` extension
gives a heading the slug of its title, the first one on the page winning: a body heading
« Missions » took `#missions` and pushed the generated « Missions » to `#missions_1`, so
every link to that section landed in the body. An explicit id (`{#id}`, `id="…"` in raw
HTML) equal to a generated one makes two elements with one id, the first one winning.

The ids a fragment produces are read on the HTML of the real pipeline (`rendu`); the
generated anchors that follow each fragment are listed here from the renderer's headings
(`tests/unit/checks/test_ancres.py` proves the list against a generated page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from markdown.extensions.toc import slugify

from referentiel.checks.rendu import pipeline
from referentiel.diagnostics import Diagnostic, Location
from referentiel.models.fiche import LISTES_FICHE
from referentiel.models.referentiel import Referentiel

# Headings the fiche page generates after the body, in order (render/pages.fiche_page).
FICHE_AFTER_BODY: tuple[str, ...] = (
    "Rattachement",
    *LISTES_FICHE.values(),
    "Textes de référence",
    "Textes historiques (abrogés)",
    "Évolution entre versions",
    "Sources",
)
# Headings the procedure page generates: the body comes last, only explicit ids can steal.
PROCEDURE_HEADINGS: tuple[str, ...] = (
    "Déclencheur",
    "Acteurs",
    "Étapes",
    "Documents produits",
    "Délais",
    "Dispositifs",
    "Textes de référence",
    "Textes historiques (abrogés)",
    "Sources",
)


def slug(title: str) -> str:
    """The id `toc` gives a heading (its default slugify, as the site uses)."""
    return str(slugify(title, "-"))


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.append(value)


def fragment_ids(text: str, root: Path | None = None) -> list[str]:
    """Ids a fragment of Markdown produces once rendered (headings, attribute lists, raw
    HTML), in order."""
    html, _ = pipeline(root).convert(text)
    reader = _Ids()
    reader.feed(html)
    reader.close()
    return [i for i in reader.ids if not i.startswith("fnref")]


def _explicit(text: str, ident: str) -> bool:
    """Whether the source writes `ident` as an id itself (`{#id}`, `id="id"`)."""
    pattern = r"\{[^}\n]*#" + re.escape(ident) + r"\b|\bid\s*=\s*[\"']?" + re.escape(ident)
    return re.search(pattern, text) is not None


def _line_of(text: str, ident: str) -> tuple[int, int]:
    """(line index, col) of the heading or element giving `ident` in `text`."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if ("#" + ident) in line or f'id="{ident}"' in line or f"id={ident}" in line:
            return i, 1
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("#") and slug(stripped.lstrip("#").split("{")[0].strip()) == ident:
            return i, len(line) - len(stripped) + 1
        underlined = i + 1 < len(lines) and set(lines[i + 1].strip()) in ({"="}, {"-"})
        if underlined and stripped and slug(stripped) == ident:
            return i, 1
    return 0, 1


def _message(ident: str, page: str) -> str:
    return (
        f"ancre « #{ident} » déjà celle d'une section générée de la page {page} : les liens "
        "vers cette section arriveraient ici ; renommez ce titre ou donnez-lui une ancre "
        "propre ({#…})"
    )


def steals(
    text: str, after: set[str], explicit_only: set[str], root: Path | None = None
) -> Iterator[tuple[int, int, str]]:
    """(line index, col, id) of each id of `text` that takes a generated anchor: any id
    equal to one generated after the fragment, or an explicit id equal to any of them."""
    if "#" not in text and "id" not in text and "=" not in text and "-" not in text:
        return
    seen: set[str] = set()
    for ident in fragment_ids(text, root):
        if ident in seen:
            continue
        seen.add(ident)
        if ident in after or (ident in explicit_only and _explicit(text, ident)):
            line, col = _line_of(text, ident)
            yield line, col, ident


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    root = ref.root
    fiche_after = {slug(t) for t in FICHE_AFTER_BODY}
    for fiche in ref.fiches.values():
        if fiche.corps.strip():
            for line, col, ident in steals(fiche.corps, fiche_after, set(), root):
                where = Location(fiche.file, fiche.corps_ligne + line, col)
                yield Diagnostic(where, "ANC001", _message(ident, f"fiches/{fiche.id}"))
    proc_headings = {slug(t) for t in PROCEDURE_HEADINGS}
    for proc in ref.procedures.values():
        if proc.corps.strip():
            for line, col, ident in steals(proc.corps, set(), proc_headings, root):
                where = Location(proc.file, proc.corps_ligne + line, col)
                yield Diagnostic(where, "ANC001", _message(ident, f"procedures/{proc.id}"))
    for cadre in ref.cadres.values():
        ids = [s.id for s in cadre.sections]
        pieces: list[tuple[str, tuple[str | int, ...], set[str]]] = []
        if cadre.introduction:
            pieces.append((cadre.introduction, ("introduction",), {*ids, "sources"}))
        for k, section in enumerate(cadre.sections):
            if section.corps:
                pieces.append((section.corps, ("sections", k, "corps"), {*ids[k + 1 :], "sources"}))
        for text, path, after in pieces:
            for line, _col, ident in steals(text, after, set(ids), root):
                where = _in_yaml(cadre.where(*path), text, line)
                yield Diagnostic(where, "ANC001", _message(ident, f"cadre/{cadre.id}"))


def _in_yaml(start: Location, text: str, line: int) -> Location:
    """The file line of `text`'s line `line`: a text holding headings is a block scalar
    (`corps: |`), whose first line is the one below its key."""
    if line == 0 and "\n" not in text.rstrip("\n"):
        return start
    return Location(start.path, start.line + line + 1, 1)
