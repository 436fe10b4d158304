"""The review cycle on the site: an « À revoir » notice on each overdue page, and /revue/."""

from __future__ import annotations

import datetime as dt

from referentiel.checks.revue import DEPASSEE, PROCHE, build_date, echeances
from referentiel.models.referentiel import Referentiel
from referentiel.render.md import Page, esc, link


def annotate(ref: Referentiel, pages: list[Page], today: dt.date | None = None) -> list[Page]:
    """Add an « À revoir » notice under the title of each overdue fiche or procédure."""
    today = today or build_date()
    overdue = {e.page: e for e in echeances(ref, today) if e.etat == DEPASSEE}
    for page in pages:
        item = overdue.get(page.path)
        if item is None:
            continue
        referent = f" Référent : {esc(item.referent)}." if item.referent else ""
        notice = (
            f'!!! warning "À revoir"\n    La date de revue de cette page est dépassée (à revoir avant le '
            f"{item.a_revoir_avant}) : son contenu doit être vérifié sur les sources.{referent}\n"
        )
        lines = page.body.split("\n")
        at = 1 if lines and lines[0].startswith("# ") else 0
        page.body = "\n".join([*lines[:at], "", notice, *lines[at:]])
    return pages


def revue_page(ref: Referentiel, today: dt.date | None = None, within: int = 30) -> Page:
    today = today or build_date()
    items = echeances(ref, today, within)
    out = [
        "# Pages à revoir",
        "",
        (
            f"État au {today.isoformat()} (date de publication du site). Chaque fiche et procédure indique "
            "`a_revoir_avant` ; la commande `referentiel revue` donne la même liste aux rédacteurs."
        ),
        "",
    ]
    groups = [(DEPASSEE, "Revue dépassée"), (PROCHE, f"À revoir dans les {within} jours")]
    for etat, title in groups:
        chosen = [e for e in items if e.etat == etat]
        out += [f"## {title}", ""]
        if not chosen:
            out += ["Aucune page.", ""]
            continue
        out += ["| Page | À revoir avant | Vérifié le | Référent |", "|---|---|---|---|"]
        for e in chosen:
            section, _, ident = e.page.removesuffix(".md").partition("/")
            out.append(
                f"| [{esc(e.titre)}]({link(section, ident)}) | {e.a_revoir_avant} | "
                f"{e.verifie_le or '—'} | {esc(e.referent or '—')} |"
            )
        out.append("")
    sans = [e for e in items if e.jours is None]
    if sans:
        out += [
            "## Sans date de revue",
            "",
            f"{len(sans)} page(s) n'indiquent pas encore `a_revoir_avant`.",
            "",
        ]
    return Page("revue/index.md", "Pages à revoir", "\n".join(out), "fiches/")
