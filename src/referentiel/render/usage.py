"""Backlinks: which page uses which sigle, cites which texte, performs which acte.

Computed from the data on every build, never stored, so the links go both ways
without an editor maintaining them twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from referentiel.checks.fichier import FileFindings
from referentiel.models.referentiel import Referentiel
from referentiel.sources.layout import TABLEAU


@dataclass
class Usages:
    sigles: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    textes: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    dispositifs: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    actes: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))


def page_of(
    ref: Referentiel, path: str, yaml_path: tuple[str | int, ...] = ()
) -> tuple[str, str] | None:
    """(page path under docs, title) of the page that shows the given source location."""
    if path.startswith("fiches/"):
        ident = path.removeprefix("fiches/").removesuffix(".md")
        fiche = ref.fiches.get(ident)
        return (f"fiches/{ident}.md", fiche.intitule) if fiche else None
    if path.startswith("procedures/"):
        ident = path.removeprefix("procedures/").removesuffix(".md")
        proc = ref.procedures.get(ident)
        return (f"procedures/{ident}.md", proc.titre) if proc else None
    if path.startswith("donnees/textes/"):
        ident = path.removeprefix("donnees/textes/").removesuffix(".yml")
        texte = ref.textes.get(ident)
        return (f"textes/{ident}.md", texte.titre) if texte else None
    if path.startswith("donnees/cadre/"):
        ident = path.removeprefix("donnees/cadre/").removesuffix(".yml")
        cadre = ref.cadres.get(ident)
        return (f"cadre/{ident}.md", cadre.titre) if cadre else None
    if path.startswith("donnees/organisation/"):
        ident = path.removeprefix("donnees/organisation/").removesuffix(".yml")
        org = ref.organisations.get(ident)
        return (f"organisation/{ident}.md", org.titre) if org else None
    if path == TABLEAU and ref.tableau:
        if len(yaml_path) >= 4 and yaml_path[0] == "champs" and yaml_path[2] == "dispositifs":
            champ = ref.tableau.champs[int(yaml_path[1])]
            disp = champ.dispositifs[int(yaml_path[3])]
            return (f"dispositifs/{disp.id}.md", disp.libelle)
        if len(yaml_path) >= 2 and yaml_path[0] == "champs":
            champ = ref.tableau.champs[int(yaml_path[1])]
            return (f"tableau/{champ.id}.md", champ.libelle)
        return ("tableau/index.md", ref.tableau.titre)
    if path == "glossary.yml":
        return ("glossaire/index.md", "Glossaire")
    return None


def compute(ref: Referentiel, findings: dict[str, FileFindings]) -> Usages:
    """Backlinks of every page; `findings`: what the text checks found in each file
    (checks/fichier.py), which lists the sigles each file uses."""
    usages = Usages()
    table = ref.glossaire.sigles() if ref.glossaire else {}
    for path, file_findings in findings.items():
        # Only the tableau has several pages (one per champ and per dispositif, told
        # apart by the first four steps of the YAML path); any other file is one page.
        groups: dict[tuple[str | int, ...], set[str]] = defaultdict(set)
        for yaml_path, words in file_findings.sigles:
            groups[yaml_path[:4] if path == TABLEAU else ()].update(words)
        for yaml_path, used in groups.items():
            found = [w for w in used if w in table]  # not `words & table.keys()`: copies the keys
            if not found:
                continue
            page = page_of(ref, path, yaml_path)
            if page is None or page[0] == "glossaire/index.md":
                continue
            for sigle in found:
                usages.sigles[table[sigle].id].add(page)

    for fiche in ref.fiches.values():
        page = (f"fiches/{fiche.id}.md", fiche.intitule)
        for t in fiche.textes + fiche.textes_historiques:
            usages.textes[t].add(page)
        for name in (
            "missions",
            "activites",
            "competences",
            "moyens",
            "limites",
            "partenaires_internes",
            "partenaires_externes",
            "instances",
        ):
            for element in getattr(fiche, name):
                for acte in element.actes:
                    usages.actes[acte].add(page)
                    usages.dispositifs[acte.split("/")[0]].add(page)
                for disp in element.dispositifs:
                    usages.dispositifs[disp].add(page)
    for proc in ref.procedures.values():
        page = (f"procedures/{proc.id}.md", proc.titre)
        for t in proc.textes + proc.textes_historiques:
            usages.textes[t].add(page)
        for disp in proc.dispositifs:
            usages.dispositifs[disp].add(page)
        for etape in proc.etapes:
            for acte in etape.actes:
                usages.actes[acte].add(page)
                usages.dispositifs[acte.split("/")[0]].add(page)
    for texte in ref.textes.values():
        page = (f"textes/{texte.id}.md", texte.titre)
        for other in texte.abroge + texte.modifie + texte.modifie_par:
            usages.textes[other].add(page)
    return usages
