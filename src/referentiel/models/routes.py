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


# --- the référentiel in print: volumes of bounded size -----------------------------

# Reading order of the printed référentiel: (section, its pages), index pages first.
# A volume holds whole sections while they fit; a section bigger than a volume is cut
# into several. One volume is one print job: its time stays bounded whatever the size
# of the référentiel (the whole 10× référentiel in one document took 309 s to print and
# weighed 87 MB; bench/RAPPORT.md), and editing one page reprints only its volume.
PAGES_PAR_TOME = 200


@dataclass(frozen=True)
class Tome:
    numero: int
    sections: tuple[str, ...]  # section titles, in order
    pages: tuple[str, ...]  # pages of the built site, « fiches/<id> » (folder, no index.html)

    @property
    def fichier(self) -> str:
        """Its file under the site's pdf/ folder."""
        return f"referentiel/tome-{self.numero:02d}.pdf"


def _sections_imprimees(ref: Referentiel) -> list[tuple[str, list[str]]]:
    champs = ref.champs()
    return [
        (SECTIONS["fiches"], [f"fiches/{i}" for i in sorted(ref.fiches)]),
        (SECTIONS["procedures"], [f"procedures/{i}" for i in sorted(ref.procedures)]),
        (SECTIONS["tableau"], ["tableau"] if champs else []),
        (SECTIONS["textes"], [f"textes/{i}" for i in sorted(ref.textes)]),
        (SECTIONS["cadre"], [f"cadre/{i}" for i in sorted(ref.cadres)]),
        (
            SECTIONS["organisation"],
            ["organisation", *(f"organisation/{i}" for i in sorted(ref.organisations))]
            if ref.organisations
            else [],
        ),
        (SECTIONS["glossaire"], ["glossaire"] if ref.glossaire else []),
    ]


def tomes(ref: Referentiel, taille: int = PAGES_PAR_TOME) -> list[Tome]:
    """The printed référentiel cut into volumes of at most `taille` pages."""
    out: list[Tome] = []
    sections: list[str] = []
    pages: list[str] = []

    def close() -> None:
        if pages:
            out.append(Tome(len(out) + 1, tuple(sections), tuple(pages)))
        sections.clear()
        pages.clear()

    for titre, liste in _sections_imprimees(ref):
        if not liste:
            continue
        if pages and len(pages) + len(liste) > taille:
            close()
        for start in range(0, len(liste), taille):
            chunk = liste[start : start + taille]
            if pages and len(pages) + len(chunk) > taille:
                close()
            sections.append(titre if start == 0 else f"{titre} (suite)")
            pages.extend(chunk)
    close()
    return out


def page_url(md_path: str) -> str:
    """The address of a docs-folder page under the site root, with directory URLs
    (`use_directory_urls: true` in mkdocs.yml): `fiches/x.md` → `fiches/x/`."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(md_path: str, site_path: str) -> str:
    """A site file (`pdf/fiches/x.pdf`) seen from the built page of `md_path`."""
    depth = page_url(md_path).count("/")
    return "../" * depth + site_path
