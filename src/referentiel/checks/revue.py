"""The review cycle: fiches and procédures carry `a_revoir_avant`; nothing is forgotten.

A page that nobody re-reads silently drifts from the texts it describes. `referentiel
revue` lists what is overdue or due soon for the référents; `check` warns (REV001,
never an error: an overdue review must not block an unrelated correction); the site
shows an « À revoir » notice on an overdue page and a /revue/ page listing them.

Dates are evaluated at the build date: SOURCE_DATE_EPOCH when set (the Makefile sets
it to the last commit's date, so a build or a check is reproducible), else today.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass

from referentiel.diagnostics import Diagnostic, Severity
from referentiel.models.fiche import Fiche
from referentiel.models.procedure import Procedure
from referentiel.models.referentiel import Referentiel

DEPASSEE, PROCHE, PLUS_TARD = "dépassée", "à faire bientôt", "à jour"


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def deadline(text: str) -> dt.date:
    """« À revoir avant 2027 » means before 1 January 2027; « 2027-03 », before 1 March."""
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@dataclass(frozen=True)
class Echeance:
    genre: str  # "fiche" | "procedure"
    id: str
    titre: str
    fichier: str
    a_revoir_avant: str | None
    verifie_le: str | None
    referent: str | None
    etat: str
    jours: int | None  # days left (negative: overdue); None without a date

    @property
    def page(self) -> str:
        return f"{'fiches' if self.genre == 'fiche' else 'procedures'}/{self.id}.md"


def _etat(obj: Fiche | Procedure, today: dt.date, within: int) -> tuple[str, int | None]:
    if not obj.a_revoir_avant:
        return "sans date", None
    left = (deadline(obj.a_revoir_avant) - today).days
    if left <= 0:
        return DEPASSEE, left
    return (PROCHE if left <= within else PLUS_TARD), left


def echeances(ref: Referentiel, today: dt.date, within: int = 30) -> list[Echeance]:
    """Every fiche and procédure with its review state, most urgent first."""
    items = []
    objs: list[tuple[str, Fiche | Procedure, str]] = [
        ("fiche", f, f.intitule) for f in ref.fiches.values()
    ]
    objs += [("procedure", p, p.titre) for p in ref.procedures.values()]
    for genre, obj, titre in objs:
        etat, jours = _etat(obj, today, within)
        items.append(
            Echeance(
                genre,
                obj.id,
                titre,
                obj.file,
                obj.a_revoir_avant,
                obj.verifie_le,
                obj.referent,
                etat,
                jours,
            )
        )
    return sorted(
        items, key=lambda e: (e.jours is None, e.jours if e.jours is not None else 0, e.fichier)
    )


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    today = build_date()
    for item in echeances(ref, today):
        if item.etat == DEPASSEE:
            obj = ref.fiches.get(item.id) if item.genre == "fiche" else ref.procedures.get(item.id)
            assert obj is not None
            yield Diagnostic(
                obj.where("a_revoir_avant"),
                "REV001",
                f"revue dépassée : « à revoir avant » {item.a_revoir_avant} (date du contrôle : "
                f"{today.isoformat()}) ; vérifiez la page sur ses sources, puis mettez à jour "
                "verifie_le et a_revoir_avant",
                Severity.WARNING,
            )
