"""Organisation charts: who reports to whom, and the instances, per contexte."""

from __future__ import annotations

from enum import Enum

from referentiel.models.base import Contexte, Id, Located, Sources, Text


class TypeNoeud(str, Enum):
    POSTE = "poste"
    SERVICE = "service"
    INSTANCE = "instance"
    AUTORITE = "autorite"


class NatureLien(str, Enum):
    HIERARCHIQUE = "hierarchique"
    TECHNIQUE = "technique"
    FONCTIONNEL = "fonctionnel"
    MEMBRE = "membre"
    REND_COMPTE = "rend-compte"
    SAISIT = "saisit"


NATURE_LIBELLE = {
    NatureLien.HIERARCHIQUE: "autorité hiérarchique",
    NatureLien.TECHNIQUE: "autorité technique",
    NatureLien.FONCTIONNEL: "lien fonctionnel",
    NatureLien.MEMBRE: "membre de",
    NatureLien.REND_COMPTE: "rend compte à",
    NatureLien.SAISIT: "saisit",
}


class Noeud(Located):
    id: Id
    libelle: Text
    type: TypeNoeud
    fiche: Id | None = None
    description: Text | None = None


class Lien(Located):
    de: Id
    vers: Id
    nature: NatureLien
    libelle: Text | None = None


class Organisation(Located):
    id: Id = "organisation"
    contexte: Contexte
    titre: Text
    description: Text | None = None
    noeuds: list[Noeud]
    liens: list[Lien] = []
    sources: Sources
