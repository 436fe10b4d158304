"""Textes de référence (laws, decrees, circulaires, code articles) and their status."""

from __future__ import annotations

from enum import Enum

from pydantic import model_validator

from referentiel.models.base import DateText, Id, Located, Sources, Text, Version


class TypeTexte(str, Enum):
    LOI = "loi"
    ORDONNANCE = "ordonnance"
    DECRET = "decret"
    ARRETE = "arrete"
    CIRCULAIRE = "circulaire"
    INSTRUCTION = "instruction"
    CODE = "code"
    ARTICLE = "article"
    RAPPORT = "rapport"
    AUTRE = "autre"


class Statut(str, Enum):
    EN_VIGUEUR = "en-vigueur"
    ABROGE = "abroge"
    MODIFIE = "modifie"
    NON_PRECISE = "non-precise"


STATUT_LIBELLE = {
    Statut.EN_VIGUEUR: "en vigueur",
    Statut.ABROGE: "abrogé",
    Statut.MODIFIE: "modifié",
    Statut.NON_PRECISE: "statut non précisé par les sources",
}


_FEMININ = {TypeTexte.LOI, TypeTexte.ORDONNANCE, TypeTexte.CIRCULAIRE, TypeTexte.INSTRUCTION}


def statut_libelle(texte: Texte) -> str:
    """« abrogée » for a loi or a circulaire, « abrogé » for a décret: French agrees."""
    label = STATUT_LIBELLE[texte.statut]
    if texte.type in _FEMININ and texte.statut in (Statut.ABROGE, Statut.MODIFIE):
        label += "e"
    return label


class Texte(Located):
    id: Id
    type: TypeTexte
    titre: Text
    numero: Text | None = None
    date: DateText | None = None
    statut: Statut
    abroge_par: Id | None = None
    abroge: list[Id] = []
    modifie: list[Id] = []
    modifie_par: list[Id] = []
    code: Text | None = None
    article: Text | None = None
    resume: Text | None = None
    texte_integral: Text | None = None
    versions: list[Version] = []
    sources: Sources

    @model_validator(mode="after")
    def _abrogation(self) -> Texte:
        if self.statut is Statut.ABROGE and not self.abroge_par:
            raise ValueError("un texte abrogé doit indiquer abroge_par (le texte qui l'abroge)")
        if self.abroge_par and self.statut is not Statut.ABROGE:
            raise ValueError("abroge_par est renseigné : le statut doit être « abroge »")
        if self.type is TypeTexte.ARTICLE and not (self.code and self.article):
            raise ValueError("un article doit indiquer son code et son numéro (code, article)")
        return self
