"""Orientation: a person's need, in their own words, mapped to the référentiel.

The accueil and the secrétariat of a MDS hear « expulsion », « dettes », « tutelle »;
the référentiel speaks in champs, dispositifs and procédures. This file is the bridge.
The `mots` are editorial synonyms (plain French, no source needed); every id must
resolve, which `checks.orientation` proves, so the page never shows a dead link.
"""

from __future__ import annotations

from pydantic import Field

from referentiel.models.base import Id, Located, Text


class Besoin(Located):
    id: Id
    libelle: Text
    mots: list[Text] = Field(min_length=1)
    champs: list[Id] = []
    dispositifs: list[Id] = []
    procedures: list[Id] = []
    conseil: Text | None = None  # short practical advice for the accueil (editorial)


class Orientation(Located):
    titre: Text = "Orienter une personne"
    introduction: Text | None = None
    besoins: list[Besoin] = Field(min_length=1)
