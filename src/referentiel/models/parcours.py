"""Parcours d'intégration: ordered reading paths for a newcomer, one per contexte.

A step names a page of the site by a short key (`fiches/<id>`, `procedures/<id>`,
`cadre/<id>`, `tableau`, `glossaire`…) rather than a URL, so the checker can prove that
the page exists and a renamed file breaks the build instead of the newcomer's path.
"""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from referentiel.models.base import Contexte, Located, Text

PAGE_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?(#[a-z0-9]+(-[a-z0-9]+)*)?$"


class Periode(str, Enum):
    PREMIER_JOUR = "premier-jour"
    PREMIERE_SEMAINE = "premiere-semaine"
    PREMIER_MOIS = "premier-mois"


PERIODE_LIBELLE = {
    Periode.PREMIER_JOUR: "Premier jour",
    Periode.PREMIERE_SEMAINE: "Première semaine",
    Periode.PREMIER_MOIS: "Premier mois",
}


class Etape(Located):
    page: str = Field(pattern=PAGE_PATTERN)
    pourquoi: Text | None = None  # why this page at this moment (editorial)


class Parcours(Located):
    contexte: Contexte
    titre: Text
    introduction: Text | None = None
    premier_jour: list[Etape] = Field(min_length=1)
    premiere_semaine: list[Etape] = []
    premier_mois: list[Etape] = []

    def periodes(self) -> list[tuple[Periode, list[Etape]]]:
        return [
            (Periode.PREMIER_JOUR, self.premier_jour),
            (Periode.PREMIERE_SEMAINE, self.premiere_semaine),
            (Periode.PREMIER_MOIS, self.premier_mois),
        ]


class RegistreParcours(Located):
    parcours: list[Parcours] = Field(min_length=1)
