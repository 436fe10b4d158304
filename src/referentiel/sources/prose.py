"""Walk every piece of prose in the sources with its exact place in the file.

Sigle and safety checks need to look at text, not at keys or identifiers, and must
report the line and column of the offending word even inside a multi-line block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from referentiel.diagnostics import Location
from referentiel.sources.files import Body
from referentiel.sources.yamlstrict import Path, YamlDoc, find_in_lines

# Keys whose values are citations of the source as printed, spellings of the sigle
# itself or controlled values: not prose written by the référentiel.
SKIP_KEYS = frozenset(
    {
        "id",
        "source",
        "sources",
        "lignes",
        "page",
        "fichier",
        "numero",
        "libelle_source",
        "terme",
        "variantes",
        "hors_glossaire",
        "fiche",
        "contexte",
        "contextes",
        "de",
        "vers",
        "abroge_par",
        "type",
        "statut",
        "nature",
        "verifie_le",
        "a_revoir_avant",
        "date",
        "date_libelle",
    }
)
# Keys that hold lists of identifiers in one file (a fiche's `actes`) but lists of
# objects with prose in another (the tableau's `actes`): skipped only as identifiers.
ID_LIST_KEYS = frozenset(
    {
        "actes",
        "dispositifs",
        "textes",
        "textes_historiques",
        "voir_aussi",
        "abroge",
        "modifie",
        "modifie_par",
        "champs",
        "procedures",
    }
)

_CODE = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|<https?://[^>\n]*>|https?://\S+")


@dataclass
class Prose:
    text: str
    doc: YamlDoc | None
    start: tuple[int, int]  # file line, col where the value (or body line) starts
    path: str
    yaml_path: Path = ()

    def locate(self, offset: int, needle: str) -> Location:
        """Location of `needle`, found at `offset` in `text`, in the source file."""
        if self.doc is None:  # Markdown body: text is a single line
            return Location(self.path, self.start[0], self.start[1] + offset)
        line = self.start[0] + self.text.count("\n", 0, offset)
        # Search from the value's start line, skipping earlier occurrences on the way.
        occurrence = self.text.count(needle, 0, offset)
        pos: tuple[int, int] | None = self.start
        for _ in range(occurrence + 1):
            if pos is None:
                break
            found = find_in_lines(self.doc, pos, needle)
            if found is None:
                pos = None
                break
            result = found
            pos = (found[0], found[1] + 1)
        if pos is None:
            return Location(self.path, line, 1)
        return Location(self.path, result[0], result[1])


def walk_strings(
    value: object, path: Path = (), prose_only: bool = False
) -> Iterator[tuple[Path, str]]:
    """Every string in plain YAML data with its path; `prose_only` skips identifiers."""
    if isinstance(value, dict):
        for key, sub in value.items():
            if prose_only and key in SKIP_KEYS:
                continue
            if (
                prose_only
                and key in ID_LIST_KEYS
                and isinstance(sub, list)
                and all(isinstance(x, str) for x in sub)
            ):
                continue
            yield from walk_strings(sub, path + (key,), prose_only)
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from walk_strings(sub, path + (i,), prose_only)
    elif isinstance(value, str):
        yield path, value


def doc_prose(doc: YamlDoc) -> Iterator[Prose]:
    for path, text in walk_strings(doc.data, (), prose_only=True):
        loc = doc.positions.get(path, (1, 1))
        yield Prose(text, doc, loc, doc.path, path)


def body_prose(body: Body) -> Iterator[Prose]:
    """Each line of a Markdown body outside fenced code, with its file line."""
    in_fence = False
    for n, line in enumerate(body.text.split("\n"), start=body.first_line):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        yield Prose(line, None, (n, 1), body.path)


def mask_code(text: str) -> str:
    """Blank out code spans and URLs (same length, so offsets stay valid)."""
    return _CODE.sub(lambda m: " " * len(m.group()), text)


_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
SIGLE = re.compile(rf"(?<![\w])[{_UP}][{_UP}0-9]*[{_UP}][{_UP}0-9]*(?![\w])")


def find_sigles(text: str) -> Iterator[re.Match[str]]:
    """Sigle-shaped words (two capitals or more) outside code spans and URLs."""
    return SIGLE.finditer(mask_code(text))
