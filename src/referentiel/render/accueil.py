"""One page per contexte d'exercice: the home page's entry « par contexte ».

A new ASS in a SPIP should not have to sift through the département's procédures:
each page gathers, from the data, the fiches, procédures, organisation, cadre and
textes of one contexte, and points to its parcours d'intégration.
"""

from __future__ import annotations

from referentiel.models.referentiel import Referentiel
from referentiel.models.registres import ContexteExercice
from referentiel.render.md import Page, bullet_list, esc, link, sources_block
from referentiel.render.pages import texte_link


def _sorted_links(section: str, items: list[tuple[str, str]]) -> list[str]:
    return [
        f"[{esc(label)}]({link(section, ident)})"
        for ident, label in sorted(items, key=lambda x: x[1].casefold())
    ]


def contexte_page(ref: Referentiel, ctx: ContexteExercice) -> Page:
    ident = ctx.id.value
    fiches = [(f.id, f.intitule) for f in ref.fiches.values() if f.contexte.value == ident]
    procs = [
        (p.id, p.titre)
        for p in ref.procedures.values()
        if any(c.value == ident for c in p.contextes)
    ]
    orgs = [(o.id, o.titre) for o in ref.organisations.values() if o.contexte.value == ident]
    cadres = [
        (c.id, c.titre) for c in ref.cadres.values() if c.contexte and c.contexte.value == ident
    ]
    cites = {t for f in ref.fiches.values() if f.contexte.value == ident for t in f.textes}
    cites |= {
        t
        for p in ref.procedures.values()
        if any(c.value == ident for c in p.contextes)
        for t in p.textes
    }
    # The id breaks ties: `cites` is a set, whose order changes from run to run.
    textes = sorted(
        (ref.textes[t] for t in sorted(cites) if t in ref.textes),
        key=lambda t: (t.date or "", t.titre, t.id),
        reverse=True,
    )

    out = [f"# {esc(ctx.libelle)}", ""]
    out.append(
        f"Tout ce que le référentiel contient pour le contexte « {esc(ctx.libelle_court)} » : "
        f"{len(fiches)} fiche(s) de poste, {len(procs)} procédure(s), {len(textes)} texte(s) de référence."
    )
    out.append("")
    if ident in ref.parcours:
        out += [
            (
                f"**Nouvel arrivant ?** Suivez le [parcours d'intégration]({link('parcours', ident)}) : "
                "premier jour, première semaine, premier mois."
            ),
            "",
        ]
    sections = (
        ("Fiches de poste", "fiches", fiches),
        ("Procédures", "procedures", procs),
        ("Organisation", "organisation", orgs),
        ("Cadre de référence", "cadre", cadres),
    )
    for title, section, items in sections:
        if items:
            out += [f"## {title}", "", bullet_list(_sorted_links(section, items))]
    if textes:
        out += [
            "## Textes de référence",
            "",
            "Textes en vigueur cités par les fiches et les procédures de ce contexte, du plus récent au plus ancien.",
            "",
            bullet_list([texte_link(ref, t.id) for t in textes]),
        ]
    out.append(sources_block(ref, ctx.sources))
    return Page(f"contextes/{ident}.md", ctx.libelle, "\n".join(out), "donnees/contextes.yml")


def contextes_pages(ref: Referentiel) -> list[Page]:
    return [contexte_page(ref, ctx) for ctx in ref.contextes.values()]
