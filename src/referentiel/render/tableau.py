"""The tableau des interventions: full page, a page per champ, a page per dispositif.

The full tableau is an HTML table (one row per acte, like the CSV export) so that it
stays complete and readable without JavaScript; `markdown="span"` cells keep the
glossary tooltips working inside it.
"""

from __future__ import annotations

from html import escape

from referentiel.models.referentiel import Referentiel
from referentiel.models.tableau import Champ, Dispositif, Liste
from referentiel.render.md import Page, backlinks, bullet_list, esc, link, sources_block
from referentiel.render.usage import Usages


def _liste(liste: Liste | None) -> str:
    if liste is None:
        return ""
    return f"**{esc(liste.libelle)}** : " + ", ".join(esc(e) for e in liste.elements) + ".\n"


def _attr(text: str) -> str:
    return escape(text, quote=True)


def tableau_page(ref: Referentiel) -> Page:
    tab = ref.tableau
    assert tab is not None
    nb_disp = sum(len(c.dispositifs) for c in tab.champs)
    nb_actes = sum(len(d.actes) for c in tab.champs for d in c.dispositifs)
    out = [f"# {esc(tab.titre)}", ""]
    if tab.introduction:
        out += [esc(tab.introduction), ""]
    out += [_liste(tab.fonctions), _liste(tab.modes_intervention), _liste(tab.moyens)]
    out += [
        (
            f"Le tableau compte {len(tab.champs)} champs d'intervention, {nb_disp} institutions ou "
            f"dispositifs et {nb_actes} types d'intervention (actes professionnels)."
        ),
        "",
    ]
    out += [
        (
            "Télécharger : [tableur CSV](../donnees/tableau-des-interventions.csv) · "
            "[tableur ODS](../donnees/tableau-des-interventions.ods) · "
            "[toutes les données (JSON)](../donnees/referentiel.json)"
        ),
        "",
    ]
    out += ["Champs : " + " · ".join(f"[{esc(c.libelle)}](#{c.id})" for c in tab.champs), ""]
    out.append('<div class="ref-filtres" data-cible="tableau-interventions" hidden></div>')
    out.append("")
    # md_in_html only processes Markdown (links, sigle tooltips) inside cells when
    # every ancestor element carries a markdown attribute too.
    # A <caption> inside a markdown="1" table gets wrapped in <p> by md_in_html (invalid
    # HTML), so the table is labelled by a paragraph placed just before it.
    out.append(
        '<p id="tableau-interventions-legende" class="ref-legende">Tableau des interventions par '
        "champs d'intervention : une ligne par type d'intervention.</p>"
    )
    out.append("")
    out.append(
        '<table class="ref-tableau" id="tableau-interventions" '
        'aria-labelledby="tableau-interventions-legende" markdown="1">'
    )
    out.append(
        '<thead markdown="1"><tr markdown="1"><th scope="col">Champ d\'intervention</th>'
        '<th scope="col">Institution / dispositif</th>'
        '<th scope="col">Type d\'intervention (acte professionnel)</th></tr></thead>'
    )
    out.append('<tbody markdown="1">')
    for champ in tab.champs:
        first_of_champ = True
        for disp in champ.dispositifs:
            for acte in disp.actes:
                anchor = f' id="{_attr(champ.id)}"' if first_of_champ else ""
                champ_cell = f'<th scope="row"{anchor} markdown="span">{esc(champ.libelle)}</th>'
                first_of_champ = False
                out.append(
                    f'<tr data-champ="{_attr(champ.id)}" data-dispositif="{_attr(disp.id)}" markdown="1">'
                    f"{champ_cell}"
                    f'<td markdown="span">[{esc(disp.libelle)}]({link("dispositifs", disp.id)})</td>'
                    f'<td markdown="span">{esc(acte.libelle)}</td></tr>'
                )
    out += ["</tbody>", "</table>", ""]
    out.append(sources_block(ref, tab.sources))
    return Page("tableau/index.md", tab.titre, "\n".join(out), "donnees/tableau.yml")


def champ_page(ref: Referentiel, champ: Champ, usages: Usages) -> Page:
    out = [
        f"# {esc(champ.libelle)}",
        "",
        f"Champ d'intervention du [tableau des interventions]({link('tableau', '', champ.id)}).",
        "",
    ]
    if champ.description:
        out += [esc(champ.description), ""]
    for disp in champ.dispositifs:
        out += [f"## [{esc(disp.libelle)}]({link('dispositifs', disp.id)})", ""]
        out.append(bullet_list([esc(a.libelle) for a in disp.actes]))
    pages: set[tuple[str, str]] = set()
    for disp in champ.dispositifs:
        pages |= usages.dispositifs.get(disp.id, set())
    out.append(backlinks(pages, "Fiches et procédures liées"))
    out.append(sources_block(ref, champ.sources))
    return Page(f"tableau/{champ.id}.md", champ.libelle, "\n".join(out), "donnees/tableau.yml")


def dispositif_page(ref: Referentiel, champ: Champ, disp: Dispositif, usages: Usages) -> Page:
    out = [f"# {esc(disp.libelle)}", ""]
    out += [f"**Champ d'intervention :** [{esc(champ.libelle)}]({link('tableau', champ.id)})", ""]
    if disp.libelle_source and disp.libelle_source != disp.libelle:
        out += [f"*Libellé dans la source :* « {esc(disp.libelle_source)} »", ""]
    if disp.description:
        out += [esc(disp.description), ""]
    out += ["## Types d'intervention (actes professionnels)", ""]
    for n, acte in enumerate(disp.actes, start=1):
        out.append(f'{n}. <span id="acte-{_attr(acte.id)}"></span>{esc(acte.libelle)}')
    out.append("")
    fiches = {p for p in usages.dispositifs.get(disp.id, set()) if p[0].startswith("fiches/")}
    procs = {p for p in usages.dispositifs.get(disp.id, set()) if p[0].startswith("procedures/")}
    out.append(backlinks(fiches, "Fiches de poste qui réalisent ces actes"))
    out.append(backlinks(procs, "Procédures"))
    out.append(sources_block(ref, disp.sources or champ.sources))
    return Page(f"dispositifs/{disp.id}.md", disp.libelle, "\n".join(out), "donnees/tableau.yml")


def dispositifs_index(ref: Referentiel) -> Page:
    out = [
        "# Institutions et dispositifs",
        "",
        "Les institutions et dispositifs du tableau des interventions, par champ d'intervention.",
        "",
    ]
    for champ in ref.champs():
        out += [f"## {esc(champ.libelle)}", ""]
        out.append(
            bullet_list(
                [
                    f"[{esc(d.libelle)}]({link('dispositifs', d.id)}) — {len(d.actes)} acte(s)"
                    for d in champ.dispositifs
                ]
            )
        )
    return Page(
        "dispositifs/index.md", "Institutions et dispositifs", "\n".join(out), "donnees/tableau.yml"
    )
