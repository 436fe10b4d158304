"""Procédures: a trigger, numbered steps with actors, documents and delays."""

from __future__ import annotations

from pydantic import Field

from referentiel.models.base import (
    ActeRef,
    AvecCorps,
    Contexte,
    Id,
    Located,
    Provenance,
    Revue,
    Sources,
    Text,
)


class Acteur(Located):
    libelle: Text
    fiche: Id | None = None


class Etape(Located):
    libelle: Text
    acteur: Text | None = None
    fiche: Id | None = None
    documents: list[Text] = []
    delai: Text | None = None
    actes: list[ActeRef] = []
    sources: list[Provenance] = []


class Procedure(Revue, AvecCorps):
    id: Id
    titre: Text
    contextes: list[Contexte] = Field(min_length=1)
    resume: Text | None = None
    declencheur: Text | None = None
    acteurs: list[Acteur] = []
    etapes: list[Etape] = Field(min_length=1)
    documents: list[Text] = []
    delais: list[Text] = []
    dispositifs: list[Id] = []
    textes: list[Id] = []
    textes_historiques: list[Id] = []
    sources: Sources
