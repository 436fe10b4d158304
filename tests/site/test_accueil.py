"""Home page and navigation: entry by need and by contexte, breadcrumbs, light pages."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from outils import Sortantes

BESOINS = [
    "Je cherche un dispositif",
    "Je découvre mon poste",
    "Que veut dire ce sigle ?",
    "Quelle procédure suivre ?",
]
CONTEXTES = {
    "Personnel de la Justice": "/contextes/personnel-justice/",
    "SPIP": "/contextes/spip/",
    "Département": "/contextes/departement/",
}


def _titre(pg: Page) -> str:
    """The page's h1 without the permalink sign that follows it."""
    return pg.locator("h1").inner_text().rstrip("¶").strip()


def test_accueil_offre_les_quatre_besoins_et_les_trois_contextes(
    page: Page, serveur: str, artefacts: Path, sortantes: Sortantes
) -> None:
    pg = page
    pg.goto(serveur + "/")
    for besoin in BESOINS:
        assert pg.get_by_role("heading", name=besoin, level=3).count() == 1, besoin
    for libelle, chemin in CONTEXTES.items():
        lien = pg.locator("article h3 a", has_text=libelle).first
        assert (
            (lien.get_attribute("href") or "").rstrip("/").endswith(chemin.rstrip("/").lstrip("/"))
        )
    assert pg.get_by_role("link", name="orienter une personne").count() == 1
    pg.screenshot(path=str(artefacts / "accueil.png"), full_page=True)
    assert sortantes.externes == []
    assert sortantes.csp == []


def test_page_de_contexte_liste_ses_fiches_et_procedures(page: Page, serveur: str) -> None:
    pg = page
    pg.goto(serveur + "/")
    pg.locator("article h3 a", has_text="SPIP").first.click()
    assert _titre(pg) == "Service pénitentiaire d'insertion et de probation"
    for section in (
        "Fiches de poste",
        "Procédures",
        "Organisation",
        "Cadre de référence",
        "Textes de référence",
    ):
        assert pg.get_by_role("heading", name=section, level=2).count() == 1, section
    fiches = pg.locator("article h2#fiches-de-poste + ul a").all_inner_texts()
    assert "Assistant de service social en SPIP" in fiches
    # Only this contexte's fiches: no fiche of the département.
    assert "Assistant de service social de polyvalence" not in fiches


def test_fil_d_ariane_sur_une_page_hors_navigation(page: Page, serveur: str) -> None:
    pg = page
    pg.goto(serveur + "/dispositifs/prevention-des-expulsions/")
    fil = pg.get_by_role("navigation", name="Fil d'Ariane")
    assert fil.locator("a").all_inner_texts() == [
        "Accueil",
        "Tableau des interventions",
        "Institutions et dispositifs",
    ]
    fil.locator("a", has_text="Institutions et dispositifs").click()
    assert _titre(pg) == "Institutions et dispositifs"


def test_la_navigation_ne_liste_pas_chaque_fiche(page: Page, serveur: str) -> None:
    """Every page carries the navigation: listing each generated page there would make
    every page grow with the size of the référentiel."""
    pg = page
    pg.goto(serveur + "/fiches/assistant-de-service-social-en-spip/")
    liens = pg.locator("nav.md-nav--primary a").evaluate_all("els => els.map(e => e.href)")
    assert liens, "navigation principale absente"
    assert not [
        href for href in liens if "/fiches/" in href and not href.rstrip("/").endswith("/fiches")
    ]


def test_fil_d_ariane_d_une_page_de_contexte(page: Page, serveur: str) -> None:
    pg = page
    pg.goto(serveur + "/contextes/departement/")
    fil = pg.get_by_role("navigation", name="Fil d'Ariane")
    assert fil.locator("a").all_inner_texts() == ["Accueil"]
