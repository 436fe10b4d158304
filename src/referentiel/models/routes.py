"""Short keys for the pages of the site (`fiches/<id>`, `tableau`, `cadre/<id>#section`).

Hand-maintained data (the parcours d'intégration) points at pages by these keys rather
than by URL: the checker resolves each key against the loaded référentiel, so a step
can never lead a newcomer to a page that no longer exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from referentiel.models.referentiel import Referentiel

# Section indexes generated or hand-written, with their title.
SECTIONS: dict[str, str] = {
    "fiches": "Fiches de poste",
    "procedures": "Procédures",
    "textes": "Textes de référence",
    "cadre": "Cadre de référence",
    "organisation": "Organisation",
    "tableau": "Tableau des interventions",
    "dispositifs": "Institutions et dispositifs",
    "glossaire": "Glossaire",
    "sources": "Documents sources",
    "orienter": "Orienter une personne",
    "parcours": "Parcours d'intégration",
}


@dataclass(frozen=True)
class Cible:
    path: str  # Markdown path under the docs folder
    title: str
    anchors: frozenset[str] = frozenset()


def cibles(ref: Referentiel) -> dict[str, Cible]:
    """Every page key the référentiel can link to, with its generated path and title."""
    out: dict[str, Cible] = {}
    for key, title in SECTIONS.items():
        anchors: frozenset[str] = frozenset()
        if key == "glossaire" and ref.glossaire:
            anchors = frozenset(e.id for e in ref.glossaire.entrees)
        elif key in ("fiches", "procedures"):
            anchors = frozenset(ref.contextes)
        elif key == "tableau":
            anchors = frozenset(c.id for c in ref.champs())
        out[key] = Cible(f"{key}/index.md", title, anchors)
    for ident, fiche in ref.fiches.items():
        out[f"fiches/{ident}"] = Cible(f"fiches/{ident}.md", fiche.intitule)
    for ident, proc in ref.procedures.items():
        out[f"procedures/{ident}"] = Cible(f"procedures/{ident}.md", proc.titre)
    for ident, texte in ref.textes.items():
        out[f"textes/{ident}"] = Cible(f"textes/{ident}.md", texte.titre)
    for ident, cadre in ref.cadres.items():
        out[f"cadre/{ident}"] = Cible(
            f"cadre/{ident}.md", cadre.titre, frozenset(s.id for s in cadre.sections)
        )
    for ident, org in ref.organisations.items():
        out[f"organisation/{ident}"] = Cible(f"organisation/{ident}.md", org.titre)
    for champ in ref.champs():
        out[f"tableau/{champ.id}"] = Cible(f"tableau/{champ.id}.md", champ.libelle)
        for disp in champ.dispositifs:
            out[f"dispositifs/{disp.id}"] = Cible(f"dispositifs/{disp.id}.md", disp.libelle)
    for ident, ctx in ref.contextes.items():
        out[f"contextes/{ident}"] = Cible(f"contextes/{ident}.md", ctx.libelle)
    for ident in ref.parcours:
        out[f"parcours/{ident}"] = Cible(
            f"parcours/{ident}.md",
            f"Parcours d'intégration : {ref.contextes[ident].libelle_court}"
            if ident in ref.contextes
            else ident,
        )
    return out


def split_key(key: str) -> tuple[str, str]:
    """`cadre/notions#polyvalence` → (`cadre/notions`, `polyvalence`)."""
    page, _, anchor = key.partition("#")
    return page, anchor
