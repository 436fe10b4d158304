"""Fiches de poste: one role in one contexte d'exercice."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from referentiel.models.base import (
    AvecCorps,
    Contexte,
    Elements,
    Id,
    Located,
    Provenance,
    Revue,
    Sources,
    Text,
    Version,
)


class Nature(str, Enum):
    HIERARCHIQUE = "hierarchique"
    FONCTIONNEL = "fonctionnel"
    TECHNIQUE = "technique"


class Rattachement(Located):
    nature: Nature
    niveau: int = Field(ge=1, le=3)
    libelle: Text
    fiche: Id | None = None
    sources: list[Provenance] = []


class Fiche(Revue, AvecCorps):
    id: Id
    intitule: Text
    contexte: Contexte
    resume: Text | None = None
    rattachements: list[Rattachement] = []
    missions: Elements = []
    activites: Elements = []
    competences: Elements = []
    moyens: Elements = []
    limites: Elements = []
    partenaires_internes: Elements = []
    partenaires_externes: Elements = []
    instances: Elements = []
    textes: list[Id] = []
    textes_historiques: list[Id] = []
    versions: list[Version] = []
    sources: Sources


LISTES_FICHE: dict[str, str] = {
    "missions": "Missions",
    "activites": "Activités",
    "competences": "Compétences",
    "moyens": "Moyens",
    "limites": "Limites d'intervention",
    "partenaires_internes": "Partenaires internes",
    "partenaires_externes": "Partenaires externes",
    "instances": "Instances où le poste siège",
}
