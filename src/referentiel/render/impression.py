"""« Le référentiel en PDF »: every printed volume and what it holds.

The PDFs are printed after the build (`referentiel pdf`, publish/pdf.py); this page is
generated from the same plan of volumes (`models.routes.tomes`), so its links and the
printed files cannot disagree. A volume has at most `PAGES_PAR_TOME` pages: printing
stays bounded in time whatever the size of the référentiel.
"""

from __future__ import annotations

from referentiel.models.referentiel import Referentiel
from referentiel.models.routes import Tome, tomes
from referentiel.render.md import Page, esc

CHEMIN = "impression/index.md"
TITRE = "Le référentiel en PDF"


def _tome(tome: Tome, seul: bool) -> str:
    nom = "Tout le référentiel" if seul else f"Tome {tome.numero}"
    contenu = ", ".join(esc(s) for s in tome.sections)
    pages = "une page" if len(tome.pages) == 1 else f"{len(tome.pages)} pages du site"
    # Raw HTML: the PDFs are printed after the build, so MkDocs' own link validation
    # cannot see them; `referentiel liens` checks these links on the finished site.
    return f'- <a href="../pdf/{tome.fichier}" download>{nom} (PDF)</a> : {contenu} ({pages})'


def impression_page(ref: Referentiel) -> Page:
    liste = tomes(ref)
    out = [
        f"# {TITRE}",
        "",
        (
            "Chaque fiche de poste a son propre PDF, à télécharger depuis sa page. Le référentiel "
            "entier s'imprime aussi, dans l'ordre de lecture : fiches de poste, procédures, tableau "
            "des interventions, textes de référence, cadre, organisation et glossaire."
        ),
        "",
    ]
    if not liste:
        out += ["Aucune page à imprimer pour l'instant.", ""]
    else:
        if len(liste) > 1:
            out += [
                (
                    f"Il est découpé en {len(liste)} tomes, pour que chacun reste d'une taille "
                    "raisonnable à télécharger et à imprimer."
                ),
                "",
            ]
        out += [_tome(t, len(liste) == 1) for t in liste] + [""]
    return Page(CHEMIN, TITRE, "\n".join(out), "fiches/")
