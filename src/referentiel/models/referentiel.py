"""The loaded référentiel: every validated model, plus indexes derived from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from referentiel.models.cadre import Cadre
from referentiel.models.fiche import Fiche
from referentiel.models.glossaire import Glossaire
from referentiel.models.organisation import Organisation
from referentiel.models.orientation import Orientation
from referentiel.models.parcours import Parcours
from referentiel.models.procedure import Procedure
from referentiel.models.registres import ContexteExercice, SourceDocument
from referentiel.models.tableau import Acte, Champ, Dispositif, Tableau
from referentiel.models.texte import Texte
from referentiel.sources.files import Body
from referentiel.sources.yamlstrict import YamlDoc


@dataclass
class Referentiel:
    root: Path
    sources: dict[str, SourceDocument] = field(default_factory=dict)
    contextes: dict[str, ContexteExercice] = field(default_factory=dict)
    glossaire: Glossaire | None = None
    tableau: Tableau | None = None
    textes: dict[str, Texte] = field(default_factory=dict)
    fiches: dict[str, Fiche] = field(default_factory=dict)
    procedures: dict[str, Procedure] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    cadres: dict[str, Cadre] = field(default_factory=dict)
    orientation: Orientation | None = None  # optional file: donnees/orientation.yml
    parcours: dict[str, Parcours] = field(default_factory=dict)  # contexte → parcours
    docs: list[YamlDoc] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    # Hand-written pages of docs/, published as they are: checked for hostile markup and
    # personal data like the bodies, but no model reads them.
    pages: list[Body] = field(default_factory=list)
    # Ids of files that exist but could not be loaded: references to them are not
    # reported again (one root cause, one message).
    unloaded: set[str] = field(default_factory=set)
    # Per-file results of the text checks (checks.fichier.FileFindings), by path.
    findings: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # Hash of each file's path and bytes: the key of its entries in the per-file cache.
    empreintes: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # Files served by the per-file cache, and files read and checked again, at load.
    lecture: tuple[int, int] = field(default=(0, 0), repr=False, compare=False)
    # False when loaded with `cache=False`: later stages must not cache either.
    cache: bool = field(default=True, repr=False, compare=False)

    # --- derived indexes (never stored in the sources) ---------------------------
    def champs(self) -> list[Champ]:
        return list(self.tableau.champs) if self.tableau else []

    # Checks and renderers look these up once per reference: rebuilding them on every
    # call made check and generation quadratic (issue 6). Cached per tableau object, so
    # assigning a new tableau invalidates them. Callers must not mutate the result.
    _index: dict[str, tuple[object, object]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def dispositifs(self) -> dict[str, tuple[Champ, Dispositif]]:
        hit = self._index.get("dispositifs")
        if hit is None or hit[0] is not self.tableau:
            hit = (self.tableau, {d.id: (c, d) for c in self.champs() for d in c.dispositifs})
            self._index["dispositifs"] = hit
        return hit[1]  # type: ignore[return-value]

    def actes(self) -> dict[str, tuple[Champ, Dispositif, Acte]]:
        hit = self._index.get("actes")
        if hit is None or hit[0] is not self.tableau:
            hit = (
                self.tableau,
                {
                    f"{d.id}/{a.id}": (c, d, a)
                    for c in self.champs()
                    for d in c.dispositifs
                    for a in d.actes
                },
            )
            self._index["actes"] = hit
        return hit[1]  # type: ignore[return-value]
