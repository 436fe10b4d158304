"""Glossary entries: sigles (with their exact expansion) and specialised terms."""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from referentiel.models.base import Contexte, Id, Located, Provenance, Sources, Text


class TypeEntree(str, Enum):
    SIGLE = "sigle"
    TERME = "terme"


class AutreForme(Located):
    """An expansion that another source (or the same one elsewhere) gives differently."""

    forme: Text
    sources: Sources


class Entree(Located):
    id: Id
    type: TypeEntree
    terme: Text
    forme_developpee: Text | None = None
    # True when no source expands the sigle: the expansion shown is the usual one and
    # the site says so, so that nothing passes for a source's wording when it is not.
    forme_hors_sources: bool = False
    # True when no source expands the sigle and no usual expansion can be given (a
    # cell's credit, a direction's initials): `forme_developpee` stays empty, never a
    # description in its place, and `definition` says what the sources tell of it.
    non_developpe: bool = False
    variantes: list[Text] = []
    definition: Text | None = None
    autres_formes: list[AutreForme] = []
    notes: Text | None = None
    contextes: list[Contexte] = []
    voir_aussi: list[Id] = []
    sources: Sources

    @model_validator(mode="after")
    def _sigle_needs_expansion(self) -> Entree:
        if self.non_developpe:
            if self.type is not TypeEntree.SIGLE:
                raise ValueError("non_developpe ne s'applique qu'à un sigle")
            if self.forme_developpee or self.forme_hors_sources:
                raise ValueError(
                    "un sigle non_developpe n'a ni forme_developpee ni forme_hors_sources"
                )
            if not self.definition:
                raise ValueError(
                    "un sigle non_developpe doit avoir une definition (ce que les sources en disent)"
                )
        elif self.type is TypeEntree.SIGLE and not self.forme_developpee:
            raise ValueError(
                "un sigle doit avoir une forme_developpee (ou non_developpe: true si aucune "
                "source ne le développe et qu'aucune forme usuelle n'est connue)"
            )
        return self

    @property
    def graphies(self) -> list[str]:
        return [self.terme, *self.variantes]


class HorsGlossaire(Located):
    """A capitalised word that is not a sigle (a Roman numeral…), with the reason why."""

    mot: Text
    raison: Text


class Glossaire(Located):
    entrees: list[Entree] = Field(min_length=1)
    hors_glossaire: list[HorsGlossaire] = []

    def sigles(self) -> dict[str, Entree]:
        """Every written form of every sigle → its entry (used for tooltips and checks)."""
        table: dict[str, Entree] = {}
        for entree in self.entrees:
            if entree.type is TypeEntree.SIGLE:
                for forme in entree.graphies:
                    table.setdefault(forme, entree)
        return table


__all__ = ["AutreForme", "Entree", "Glossaire", "HorsGlossaire", "Provenance", "TypeEntree"]
