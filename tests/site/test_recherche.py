"""Search as a reader uses it: French queries without accents, sigles and their
expansions, and the page about a thing first (Pagefind index built with the site)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from outils import Sortantes

pytestmark = pytest.mark.browser


def resultats(page: Any, serveur: str, requete: str) -> list[tuple[str, str]]:
    """(title, path) of the results the search page shows for `requete`, in order."""
    page.goto(f"{serveur}/recherche/?q={quote(requete)}")
    page.locator("#ref-resultats .ref-resultats__etat").filter(has_text="pour « ").wait_for()
    liens = page.locator("#ref-resultats .ref-resultat__titre a")
    return [(a.inner_text(), a.get_attribute("href").removeprefix(serveur)) for a in liens.all()]


@pytest.mark.parametrize(
    ("requete", "attendu"),
    [
        ("referentiel", "référentiel"),
        ("evaluation", "évaluation"),
        ("Evaluation", "évaluation"),
    ],
)
def test_la_recherche_ignore_les_accents(
    page: Any, serveur: str, requete: str, attendu: str
) -> None:
    trouves = resultats(page, serveur, requete)
    assert trouves, f"aucun résultat pour « {requete} »"
    surlignes = page.locator("#ref-resultats mark").all_inner_texts()
    assert any(attendu in m.casefold() for m in surlignes), surlignes[:10]


def test_un_sigle_mene_d_abord_a_sa_fiche_du_glossaire(page: Any, serveur: str) -> None:
    titre, lien = resultats(page, serveur, "CCAPEX")[0]
    assert titre.startswith(
        "CCAPEX — Commission de Coordination des Actions De Prévention des Expulsions"
    )
    assert lien.endswith("/glossaire/#ccapex")
    page.locator("#ref-resultats .ref-resultat__titre a").first.click()
    page.wait_for_url("**/glossaire/#ccapex")
    assert page.locator("#ccapex").is_visible()


def test_un_sigle_trouve_sa_forme_developpee(page: Any, serveur: str) -> None:
    trouves = resultats(page, serveur, "RSA")
    assert trouves[0][0].casefold() == "rsa — revenu de solidarité active"
    # The dispositif page is named by its sigle too: « Revenu de solidarité active (RSA) ».
    titres = [t.casefold() for t, _ in trouves[:3]]
    assert "revenu de solidarité active (rsa)" in titres, titres


def test_la_forme_developpee_trouve_le_sigle(page: Any, serveur: str) -> None:
    trouves = resultats(page, serveur, "revenu de solidarite active")
    titres = [t.casefold() for t, _ in trouves[:3]]
    assert "rsa — revenu de solidarité active" in titres, titres
    assert "revenu de solidarité active (rsa)" in titres, titres
    # Pages that only write « RSA » are found too: abbreviations are indexed with their title.
    assert any(p.startswith(("/fiches/", "/procedures/")) for _, p in trouves), trouves


def test_apercu_depuis_l_en_tete_puis_page_complete(
    page: Any, serveur: str, artefacts: Path, sortantes: Sortantes
) -> None:
    page.goto(serveur + "/")
    page.keyboard.press("/")
    champ = page.get_by_role("searchbox", name="Rechercher dans le référentiel")
    assert champ.evaluate("e => e === document.activeElement")
    champ.type("expulsion")
    apercu = page.locator("#ref-recherche-apercu")
    # Typed a key at a time: the first results shown may answer « e » or « exp »; wait
    # for those of the whole word.
    expect(apercu.locator("mark").first).to_contain_text("expulsion", ignore_case=True)
    page.screenshot(path=str(artefacts / "recherche-apercu.png"))
    page.keyboard.press("Escape")
    assert apercu.is_hidden()
    champ.press("Enter")
    page.wait_for_url("**/recherche/?q=expulsion")
    page.locator("#ref-resultats .ref-resultat").first.wait_for()
    page.screenshot(path=str(artefacts / "recherche.png"), full_page=False)
    assert sortantes.externes == [] and sortantes.csp == []


def test_les_mots_vides_ne_changent_pas_les_resultats(page: Any, serveur: str) -> None:
    """« de », « la », « l' »… are left out of a query that has other words (they cost
    Pagefind a walk over the whole index); a query made only of them still searches."""
    sans = resultats(page, serveur, "prevention expulsion")
    avec = resultats(page, serveur, "prevention de la expulsion")
    assert avec and avec == sans
    # The status line quotes the query as typed, not the words searched.
    assert (
        "« prevention de la expulsion »"
        in page.locator("#ref-resultats .ref-resultats__etat").inner_text()
    )
    assert resultats(page, serveur, "de la"), "une requête faite de mots vides cherche quand même"


def test_seuls_les_fichiers_utiles_de_pagefind_sont_publies(site_dir: Path) -> None:
    from referentiel.publish.search import UNUSED

    dossier = site_dir / "pagefind"
    assert (dossier / "pagefind.js").is_file() and (dossier / "pagefind-worker.js").is_file()
    assert [n for n in UNUSED if (dossier / n).exists()] == []
