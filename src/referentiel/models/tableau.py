"""The tableau des interventions: champs → institutions/dispositifs → actes."""

from __future__ import annotations

from pydantic import Field

from referentiel.models.base import Id, Located, Provenance, Sources, Text


class Acte(Located):
    id: Id
    libelle: Text
    libelle_source: Text | None = None
    sources: list[Provenance] = []


class Dispositif(Located):
    id: Id
    libelle: Text
    libelle_source: Text | None = None
    description: Text | None = None
    sources: list[Provenance] = []
    actes: list[Acte] = []


class Champ(Located):
    id: Id
    libelle: Text
    libelle_source: Text | None = None
    description: Text | None = None
    sources: Sources
    dispositifs: list[Dispositif] = []


class Liste(Located):
    """Fonctions, modes d'intervention, moyens: short lists printed above the tableau."""

    libelle: Text
    elements: list[Text] = Field(min_length=1)
    sources: Sources


class Tableau(Located):
    titre: Text = "Tableau des interventions par champs d'intervention"
    introduction: Text | None = None
    sources: Sources
    fonctions: Liste | None = None
    modes_intervention: Liste | None = None
    moyens: Liste | None = None
    champs: list[Champ]
