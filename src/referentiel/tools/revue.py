"""`referentiel revue`: what the référents must re-read, overdue or due soon."""

from __future__ import annotations

from referentiel.checks.revue import Echeance


def table(items: list[Echeance]) -> str:
    rows = [("État", "À revoir avant", "Vérifié le", "Fichier", "Référent")]
    rows += [
        (e.etat, e.a_revoir_avant or "—", e.verifie_le or "—", e.fichier, e.referent or "—")
        for e in items
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(c.ljust(w) for c, w in zip(r, widths)), r[-1]]).rstrip() for r in rows
    )
