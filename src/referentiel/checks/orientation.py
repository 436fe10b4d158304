"""Orientation and parcours d'intégration: every id they name exists.

These two files are written by hand against the rest of the référentiel; a renamed
dispositif or fiche must fail the check rather than leave the accueil or a newcomer
with a dead link.
"""

from __future__ import annotations

from collections.abc import Iterator

from referentiel.diagnostics import Diagnostic
from referentiel.load.schema_errors import suggest
from referentiel.models.referentiel import Referentiel
from referentiel.models.routes import cibles, split_key


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    yield from _orientation(ref)
    yield from _parcours(ref)


def _orientation(ref: Referentiel) -> Iterator[Diagnostic]:
    orientation = ref.orientation
    if orientation is None:
        return
    known = {
        "champs": ("champ", sorted(c.id for c in ref.champs())),
        "dispositifs": ("dispositif", sorted(ref.dispositifs())),
        "procedures": ("procédure", sorted(ref.procedures)),
    }
    seen: dict[str, str] = {}
    for besoin in orientation.besoins:
        if besoin.id in seen:
            yield Diagnostic(
                besoin.where("id"),
                "ID001",
                f"identifiant « {besoin.id} » déjà utilisé ({seen[besoin.id]})",
            )
        seen.setdefault(besoin.id, str(besoin.where("id")))
        if not (besoin.champs or besoin.dispositifs or besoin.procedures):
            yield Diagnostic(
                besoin.where("id"),
                "ORI001",
                f"besoin « {besoin.id} » sans champ, dispositif ni procédure : "
                "l'accueil ne saurait pas où orienter la personne",
            )
        for field, (kind, choices) in known.items():
            if field != "procedures" and ref.tableau is None:
                continue  # the tableau failed to load: reported there
            for i, value in enumerate(getattr(besoin, field)):
                if value not in choices and value not in ref.unloaded:
                    ending = "e" if kind == "procédure" else ""
                    yield Diagnostic(
                        besoin.where(field, i),
                        "REF001",
                        f"{kind} « {value} » inconnu{ending}{suggest(value, choices)}",
                    )


def _parcours(ref: Referentiel) -> Iterator[Diagnostic]:
    if not ref.parcours:
        return
    pages = cibles(ref)
    keys = sorted(pages)
    for parcours in ref.parcours.values():
        seen: set[str] = set()
        for _, etapes in parcours.periodes():
            for etape in etapes:
                key, anchor = split_key(etape.page)
                where = etape.where("page")
                cible = pages.get(key)
                if cible is None:
                    if key.rsplit("/", 1)[-1] not in ref.unloaded:
                        yield Diagnostic(
                            where, "REF001", f"page « {key} » inconnue{suggest(key, keys)}"
                        )
                elif anchor and anchor not in cible.anchors:
                    yield Diagnostic(
                        where,
                        "REF001",
                        f"section « {anchor} » inconnue dans la page « {key} »"
                        f"{suggest(anchor, sorted(cible.anchors))}",
                    )
                if etape.page in seen:
                    yield Diagnostic(
                        where,
                        "PAR001",
                        f"page « {etape.page} » déjà dans ce parcours : une seule étape par page",
                    )
                seen.add(etape.page)
