"""Cadre de référence: notions, référentiel d'activités, fiches action, recommandations."""

from __future__ import annotations

from pydantic import Field

from referentiel.models.base import Contexte, Id, Located, Sources, Text


class Section(Located):
    id: Id
    titre: Text
    corps: Text | None = None
    elements: list[Text] = []
    voir_aussi: list[Id] = []
    sources: Sources


class Cadre(Located):
    id: Id
    titre: Text
    contexte: Contexte | None = None
    introduction: Text | None = None
    sources: Sources
    sections: list[Section] = Field(min_length=1)
