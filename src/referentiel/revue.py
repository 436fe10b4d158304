"""The review cycle: fiches and procédures carry `a_revoir_avant`; nothing is forgotten.

A page that nobody re-reads silently drifts from the texts it describes. `referentiel
revue` lists what is overdue or due soon for the référents; `check` warns (REV001,
never an error: an overdue review must not block an unrelated correction); the site
shows an « À revoir » notice on an overdue page and a /revue/ page listing them.

Dates are evaluated at the build date: SOURCE_DATE_EPOCH when set (the Makefile sets
it to the last commit's date, so a build or a check is reproducible), else today.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .models.fiche import Fiche
from .models.procedure import Procedure
from .referentiel import Referentiel
from .render.md import Page, esc, link

DEPASSEE, PROCHE, PLUS_TARD = "dépassée", "à faire bientôt", "à jour"


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
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
    objs: list[tuple[str, Fiche | Procedure, str]] = [("fiche", f, f.intitule) for f in ref.fiches.values()]
    objs += [("procedure", p, p.titre) for p in ref.procedures.values()]
    for genre, obj, titre in objs:
        etat, jours = _etat(obj, today, within)
        items.append(Echeance(genre, obj.id, titre, obj.file, obj.a_revoir_avant, obj.verifie_le,
                              obj.referent, etat, jours))
    return sorted(items, key=lambda e: (e.jours is None, e.jours if e.jours is not None else 0, e.fichier))


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    today = build_date()
    for item in echeances(ref, today):
        if item.etat == DEPASSEE:
            obj = ref.fiches.get(item.id) if item.genre == "fiche" else ref.procedures.get(item.id)
            assert obj is not None
            yield Diagnostic(obj.where("a_revoir_avant"), "REV001",
                             f"revue dépassée : « à revoir avant » {item.a_revoir_avant} (date du contrôle : "
                             f"{today.isoformat()}) ; vérifiez la page sur ses sources, puis mettez à jour "
                             "verifie_le et a_revoir_avant", Severity.WARNING)


# --- command line -----------------------------------------------------------------

def table(items: list[Echeance]) -> str:
    rows = [("État", "À revoir avant", "Vérifié le", "Fichier", "Référent")]
    rows += [(e.etat, e.a_revoir_avant or "—", e.verifie_le or "—", e.fichier, e.referent or "—") for e in items]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join("  ".join([*(c.ljust(w) for c, w in zip(r, widths)), r[-1]]).rstrip() for r in rows)


def cmd_revue(args: argparse.Namespace) -> int:
    from .load import load

    ref, _ = load(Path(args.racine))
    today = dt.date.fromisoformat(args.date) if args.date else build_date()
    items = echeances(ref, today, args.dans)
    due = [e for e in items if e.etat in (DEPASSEE, PROCHE)]
    sans = [e for e in items if e.jours is None]
    if args.format == "json":
        print(json.dumps({"date": today.isoformat(), "dans": args.dans,
                          "a_revoir": [e.__dict__ | {"page": e.page} for e in due],
                          "sans_date": [e.fichier for e in sans]}, ensure_ascii=False, indent=2))
        return 0
    print(f"Revue au {today.isoformat()} : {sum(e.etat == DEPASSEE for e in due)} dépassée(s), "
          f"{sum(e.etat == PROCHE for e in due)} à faire dans les {args.dans} jours.")
    if due:
        print()
        print(table(due))
    if sans:
        print(f"\n{len(sans)} page(s) sans date de revue (a_revoir_avant) ; leur liste : "
              "« referentiel revue --format json ».")
    return 0


def register(sub: object) -> None:
    p = sub.add_parser("revue", help="fiches et procédures dont la revue est dépassée ou proche")  # type: ignore[attr-defined]
    p.add_argument("--dans", type=int, default=30, help="horizon en jours (par défaut : 30)")
    p.add_argument("--date", help="date du jour AAAA-MM-JJ (par défaut : SOURCE_DATE_EPOCH ou aujourd'hui)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_revue)


# --- site ---------------------------------------------------------------------------

def annotate(ref: Referentiel, pages: list[Page], today: dt.date | None = None) -> list[Page]:
    """Add an « À revoir » notice under the title of each overdue fiche or procédure."""
    today = today or build_date()
    overdue = {e.page: e for e in echeances(ref, today) if e.etat == DEPASSEE}
    for page in pages:
        item = overdue.get(page.path)
        if item is None:
            continue
        referent = f" Référent : {esc(item.referent)}." if item.referent else ""
        notice = (f'!!! warning "À revoir"\n    La date de revue de cette page est dépassée (à revoir avant le '
                  f"{item.a_revoir_avant}) : son contenu doit être vérifié sur les sources.{referent}\n")
        lines = page.body.split("\n")
        at = 1 if lines and lines[0].startswith("# ") else 0
        page.body = "\n".join([*lines[:at], "", notice, *lines[at:]])
    return pages


def revue_page(ref: Referentiel, today: dt.date | None = None, within: int = 30) -> Page:
    today = today or build_date()
    items = echeances(ref, today, within)
    out = ["# Pages à revoir", "",
           f"État au {today.isoformat()} (date de publication du site). Chaque fiche et procédure indique "
           "`a_revoir_avant` ; la commande `referentiel revue` donne la même liste aux rédacteurs.", ""]
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
            out.append(f"| [{esc(e.titre)}]({link(section, ident)}) | {e.a_revoir_avant} | "
                       f"{e.verifie_le or '—'} | {esc(e.referent or '—')} |")
        out.append("")
    sans = [e for e in items if e.jours is None]
    if sans:
        out += ["## Sans date de revue", "", f"{len(sans)} page(s) n'indiquent pas encore `a_revoir_avant`.", ""]
    return Page("revue/index.md", "Pages à revoir", "\n".join(out), "fiches/")
