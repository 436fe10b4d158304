"""Parcours d'intégration: an ordered reading path per contexte, with progress.

The list is plain HTML that reads well without JavaScript; parcours.js enables the
checkboxes and keeps what was read in the browser (localStorage), because a newcomer's
progress is personal and the site has no accounts and stores nothing on the server.
"""

from __future__ import annotations

from html import escape

from referentiel.models.parcours import PERIODE_LIBELLE, Parcours
from referentiel.models.referentiel import Referentiel
from referentiel.models.routes import Cible, cibles, split_key
from referentiel.render.md import Page, bullet_list, esc


def _href(cible: Cible, anchor: str) -> str:
    target = f"../{cible.path}"
    return f"{target}#{anchor}" if anchor else target


def parcours_page(ref: Referentiel, parcours: Parcours, pages: dict[str, Cible]) -> Page:
    ctx = parcours.contexte.value
    total = sum(len(etapes) for _, etapes in parcours.periodes())
    out = [f"# {esc(parcours.titre)}", ""]
    if parcours.introduction:
        out += [esc(parcours.introduction), ""]
    out += [f'<div class="ref-parcours" data-parcours="{escape(ctx)}" markdown="1">', ""]
    out += [
        (
            f'<div class="ref-progression" role="status" aria-live="polite" hidden>'
            f'<progress max="{total}" value="0" aria-hidden="true"></progress> <span>0 page lue sur {total}</span></div>'
        ),
        "",
    ]
    out += [
        (
            '<p class="ref-sans-js">Cochez les pages au fur et à mesure : votre progression est gardée dans ce '
            "navigateur (cela nécessite JavaScript). Rien n'est envoyé au serveur.</p>"
        ),
        "",
    ]
    n = 0
    for periode, etapes in parcours.periodes():
        if not etapes:
            continue
        out += [f"## {PERIODE_LIBELLE[periode]} {{#{periode.value}}}", ""]
        out.append('<ol class="ref-etapes" markdown="1">')
        for etape in etapes:
            n += 1
            key, anchor = split_key(etape.page)
            cible = pages.get(key)
            if cible is None:  # reported by the checker (REF001)
                continue
            box = f"etape-{ctx}-{n}"
            why = f" — {esc(etape.pourquoi)}" if etape.pourquoi else ""
            out.append(
                f'<li markdown="span"><input type="checkbox" id="{box}" data-etape="{escape(etape.page)}" disabled>'
                f'<label for="{box}" class="ref-vh">Marquer comme lu : {escape(cible.title)}</label> '
                f"[{esc(cible.title)}]({_href(cible, anchor)}){why}</li>"
            )
        out += ["</ol>", ""]
    out += [
        '<p><button type="button" class="md-button ref-recommencer" hidden>Tout décocher</button></p>',
        "",
    ]
    out += ["</div>", ""]
    other = [
        f"[{esc(p.titre)}](../parcours/{p.contexte.value}.md)"
        for c, p in ref.parcours.items()
        if c != ctx
    ]
    if other:
        out += ["## Autres parcours", "", bullet_list(other)]
    return Page(f"parcours/{ctx}.md", parcours.titre, "\n".join(out), "donnees/parcours.yml")


def parcours_index(ref: Referentiel) -> Page:
    out = [
        "# Parcours d'intégration",
        "",
        (
            "Un chemin de lecture pour chaque contexte d'exercice, à suivre dans l'ordre : ce qu'il faut lire le "
            "premier jour, la première semaine, le premier mois. Cochez les pages lues ; votre progression reste "
            "dans votre navigateur."
        ),
        "",
    ]
    items = []
    for ctx, parcours in ref.parcours.items():
        total = sum(len(etapes) for _, etapes in parcours.periodes())
        items.append(f"[{esc(parcours.titre)}](../parcours/{ctx}.md) — {total} pages")
    out.append(bullet_list(items))
    return Page(
        "parcours/index.md", "Parcours d'intégration", "\n".join(out), "donnees/parcours.yml"
    )


def parcours_pages(ref: Referentiel) -> list[Page]:
    if not ref.parcours:
        return []
    pages = cibles(ref)
    return [parcours_index(ref), *(parcours_page(ref, p, pages) for p in ref.parcours.values())]
