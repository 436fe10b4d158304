"""« Orienter une personne »: from a need in the person's words to who does what.

For the accueil and the secrétariat of a MDS. Each besoin names champs, dispositifs
and procédures (donnees/orientation.yml); the professional is not written there but
derived from the fiches de poste whose activités perform the dispositif's actes, so
the page says what the sources say and changes when the fiches change.

The page is complete without JavaScript (every besoin is listed); orienter.js adds a
search box that filters besoins by words, accents ignored, using `data-mots`.
"""

from __future__ import annotations

import unicodedata
from html import escape

from referentiel.models.orientation import Besoin
from referentiel.models.referentiel import Referentiel
from referentiel.render.md import Page, bullet_list, esc, link, sources_block
from referentiel.render.usage import Usages


def fold(text: str) -> str:
    """Lower case without accents: what orienter.js compares (« Épargne » → « epargne »)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def professionnels(
    ref: Referentiel, usages: Usages, dispositifs: list[str]
) -> list[tuple[str, str]]:
    """(fiche id, intitulé) of every fiche whose activités reference these dispositifs."""
    found: set[tuple[str, str]] = set()
    for disp in dispositifs:
        for path, _ in usages.dispositifs.get(disp, set()):
            if path.startswith("fiches/"):
                ident = path.removeprefix("fiches/").removesuffix(".md")
                if ident in ref.fiches:
                    found.add((ident, ref.fiches[ident].intitule))
    return sorted(found, key=lambda x: x[1].casefold())


def procedures_for(ref: Referentiel, besoin: Besoin) -> list[str]:
    """Procédures named by the besoin, then those that the data ties to its dispositifs."""
    ids = list(besoin.procedures)
    for proc in ref.procedures.values():
        if proc.id not in ids and set(proc.dispositifs) & set(besoin.dispositifs):
            ids.append(proc.id)
    return [p for p in ids if p in ref.procedures]


def _besoin(ref: Referentiel, usages: Usages, besoin: Besoin) -> list[str]:
    disps = ref.dispositifs()
    champs = {c.id: c for c in ref.champs()}
    champ_ids = list(
        dict.fromkeys([*besoin.champs, *(disps[d][0].id for d in besoin.dispositifs if d in disps)])
    )
    words = [besoin.libelle, *besoin.mots]
    words += [champs[c].libelle for c in champ_ids if c in champs]
    words += [disps[d][1].libelle for d in besoin.dispositifs if d in disps]
    out = [
        (
            f'<section class="ref-besoin" id="besoin-{besoin.id}" data-mots="{escape(fold(" ".join(words)), quote=True)}" '
            f'aria-labelledby="{besoin.id}" markdown="1">'
        ),
        "",
    ]
    out += [f"## {esc(besoin.libelle)} {{#{besoin.id}}}", ""]
    out += ["*La personne peut dire :* " + ", ".join(f"« {esc(m)} »" for m in besoin.mots), ""]
    rows: list[str] = []
    if champ_ids:
        label = "Champs d'intervention" if len(champ_ids) > 1 else "Champ d'intervention"
        rows.append(
            f"**{label} :** "
            + ", ".join(
                f"[{esc(champs[c].libelle)}]({link('tableau', c)})"
                for c in champ_ids
                if c in champs
            )
        )
    if besoin.dispositifs:
        label = "Dispositifs" if len(besoin.dispositifs) > 1 else "Dispositif"
        rows.append(
            f"**{label} :** "
            + ", ".join(
                f"[{esc(disps[d][1].libelle)}]({link('dispositifs', d)})"
                for d in besoin.dispositifs
                if d in disps
            )
        )
    pros = professionnels(ref, usages, besoin.dispositifs)
    if pros:
        rows.append(
            "**Professionnel qui s'en charge :** "
            + ", ".join(f"[{esc(label)}]({link('fiches', ident)})" for ident, label in pros)
        )
    elif besoin.dispositifs:
        rows.append(
            "**Professionnel qui s'en charge :** assistant de service social ou conseiller en économie "
            f"sociale familiale de polyvalence ([tableau des interventions]({link('tableau')}))"
        )
    procs = procedures_for(ref, besoin)
    if procs:
        label = "Procédures à suivre" if len(procs) > 1 else "Procédure à suivre"
        rows.append(
            f"**{label} :** "
            + ", ".join(f"[{esc(ref.procedures[p].titre)}]({link('procedures', p)})" for p in procs)
        )
    out.append(bullet_list(rows))
    if besoin.conseil:
        out += [f"*Conseil pour l'accueil :* {esc(besoin.conseil)}", ""]
    out += ["</section>", ""]
    return out


def orienter_page(ref: Referentiel, usages: Usages) -> Page:
    orientation = ref.orientation
    assert orientation is not None
    out = [f"# {esc(orientation.titre)}", ""]
    if orientation.introduction:
        out += [esc(orientation.introduction), ""]
    out += [
        '<form class="ref-orienter" role="search" hidden>',
        '<label for="orienter-q">Ce que dit la personne (un ou plusieurs mots)</label>',
        (
            '<input type="search" id="orienter-q" name="q" autocomplete="off" spellcheck="false" '
            'aria-describedby="orienter-aide orienter-compte">'
        ),
        (
            '<p id="orienter-aide" class="ref-aide">Par exemple : expulsion, dettes, tutelle, loyer, enfant. '
            "Les accents et les majuscules ne comptent pas.</p>"
        ),
        '<p id="orienter-compte" class="ref-compte" role="status" aria-live="polite"></p>',
        "</form>",
        "",
        "Besoins : " + " · ".join(f"[{esc(b.libelle)}](#{b.id})" for b in orientation.besoins),
        "",
    ]
    for besoin in orientation.besoins:
        out += _besoin(ref, usages, besoin)
    out += [
        (
            '<p class="ref-aucun" hidden>Aucun besoin ne correspond à ces mots. Essayez un mot plus court '
            'ou consultez le <a href="../tableau/">tableau des interventions</a>.</p>'
        ),
        "",
    ]
    out += [
        "## D'où viennent ces correspondances",
        "",
        (
            "Les mots de la personne et leur rattachement à un besoin sont choisis par la rédaction du référentiel. "
            "Les champs, dispositifs et actes viennent du tableau des interventions ; le professionnel est celui dont "
            "la fiche de poste comporte les actes de ce dispositif ; les procédures sont celles du référentiel."
        ),
        "",
    ]
    if ref.tableau:
        out.append(sources_block(ref, ref.tableau.sources))
    return Page("orienter/index.md", orientation.titre, "\n".join(out), "donnees/orientation.yml")
