"""Fiches de poste: one role in one contexte d'exercice."""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from referentiel.models.base import (
    AvecCorps,
    Contexte,
    ElementCommun,
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


class Role(str, Enum):
    """Whose role a fiche describes. A partner's fiche (the ASS of the Éducation nationale,
    the social workers of a CAF…) says what the sources tell of a role of another
    institution that the three contextes work with; it is shown as such, never as a post
    of the contexte."""

    POSTE = "poste"
    PARTENAIRE = "partenaire"


ROLE_LIBELLE = {Role.POSTE: "poste du contexte d'exercice", Role.PARTENAIRE: "rôle partenaire"}


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
    role: Role = Role.POSTE
    # For a partner's fiche: the institution it belongs to (« Éducation nationale »).
    institution: Text | None = None
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
    # What the sources give as common to all the versions (see ElementCommun).
    versions_commun: list[ElementCommun] = []
    sources: Sources

    @model_validator(mode="after")
    def _partenaire_needs_institution(self) -> Fiche:
        if self.role is Role.PARTENAIRE and not self.institution:
            raise ValueError(
                "une fiche de rôle partenaire doit nommer son institution (institution)"
            )
        if self.role is Role.POSTE and self.institution:
            raise ValueError(
                "institution ne s'emploie que pour une fiche de rôle partenaire (role: partenaire)"
            )
        return self

    @model_validator(mode="after")
    def _commun_needs_versions(self) -> Fiche:
        if self.versions_commun and len(self.versions) < 2:
            raise ValueError("versions_commun demande au moins deux versions")
        ids = {v.id for v in self.versions}
        for element in self.versions_commun:
            if element.formulation_connue and element.formulation_connue not in ids:
                raise ValueError(
                    f"versions_commun : formulation_connue « {element.formulation_connue} » "
                    f"n'est pas l'identifiant d'une version ({', '.join(sorted(ids))})"
                )
        return self


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
