"""The Nouveautés page: what changed between published versions (history/nouveautes.py
computes it from git before rendering; outside a git checkout it is unavailable)."""

from __future__ import annotations

from referentiel.history.nouveautes import Version
from referentiel.render.changes import to_markdown
from referentiel.render.md import Page, esc


def nouveautes_page(found: list[Version] | None) -> Page:
    out = [
        "# Nouveautés",
        "",
        (
            "Ce qui a changé dans le référentiel d'une version à l'autre : fiches, actes du tableau, sigles, "
            "textes et procédures ajoutés, supprimés ou modifiés (champ par champ). Cette page est calculée "
            "à partir des données ; les rédacteurs obtiennent le même résumé avec `referentiel diff`."
        ),
        "",
    ]
    if found is None:
        out += ["Historique indisponible : ce site a été construit hors d'un dépôt git.", ""]
    elif not found:
        out += ["Aucun changement à afficher pour l'instant (une seule version).", ""]
    for version in found or []:
        pair = version.pair
        out += [
            f"## {esc(pair.titre)}",
            "",
            f"*{pair.date}* — révisions `{pair.old[:10]}` → `{pair.new[:10]}`",
            "",
        ]
        body = to_markdown(version.changes, level=2)
        out.append(body)
    return Page("nouveautes/index.md", "Nouveautés", "\n".join(out), "donnees/")
