"""Unfilled skeletons: a file made by `referentiel nouveau` cannot be published as is.

The skeleton marks with « À compléter » what only the editor knows; NOU001 points at
each marker (and at the placeholder source) left in a file.
"""

from __future__ import annotations

from collections.abc import Iterator

from referentiel.diagnostics import Diagnostic, Location
from referentiel.models.referentiel import Referentiel
from referentiel.sources.prose import walk_strings

MARQUE = "À compléter"  # no all-capital word: the sigle check must not see one
SOURCE_A_COMPLETER = "a-completer"

_AIDE_CHAMP = {
    "source": "l'identifiant d'un document de donnees/sources.yml",
}


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    """NOU001 for every « À compléter » marker (and placeholder source) left in a file."""
    for doc in ref.docs:
        if not doc.contains(MARQUE):
            continue  # cheap pre-test on the raw text: almost no file has a marker left
        for path, value in walk_strings(doc.data):
            field = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
            if value.startswith(MARQUE):
                what = value[len(MARQUE) :].lstrip(" :")
                yield Diagnostic(
                    doc.where(path), "NOU001", f"« {field} » reste à compléter : {what}"
                )
            elif value == SOURCE_A_COMPLETER and field == "source":
                yield Diagnostic(
                    doc.where(path),
                    "NOU001",
                    f"« source » reste à compléter : {_AIDE_CHAMP['source']} "
                    f"({', '.join(sorted(ref.sources)) or 'aucun document enregistré'})",
                )
    for body in ref.bodies:
        for n, line in enumerate(body.text.split("\n")):
            if MARQUE in line:
                yield Diagnostic(
                    Location(body.path, body.first_line + n, line.index(MARQUE) + 1),
                    "NOU001",
                    "texte à compléter dans la présentation",
                )
