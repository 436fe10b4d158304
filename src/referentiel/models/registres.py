"""Registries every other file points into: source documents and contextes d'exercice."""

from __future__ import annotations

from referentiel.models.base import Contexte, DateText, Id, Located, Sources, Text


class SourceDocument(Located):
    id: Id
    titre: Text
    emetteur: Text
    date: DateText
    date_libelle: Text | None = None
    libelle_court: Text
    fichier: Text | None = None

    def citation(self) -> str:
        """How the site cites a source: title, issuer, date (never the file name)."""
        quand = self.date_libelle or self.date
        return f"{self.titre}, {self.emetteur}, {quand}"


class RegistreSources(Located):
    sources: list[SourceDocument]


class ContexteExercice(Located):
    id: Contexte
    libelle: Text
    libelle_court: Text
    sources: Sources


class RegistreContextes(Located):
    contextes: list[ContexteExercice]
