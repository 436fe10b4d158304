"""Print and offline: the print stylesheet keeps only the content (A4), and each fiche
de poste and the whole référentiel can be downloaded as PDF from the site."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from referentiel.publish.pdf import fiche_pages

pytestmark = pytest.mark.browser


def pdf_pages(data: bytes) -> int:
    """Page count of a PDF written by Chromium (uncompressed page tree)."""
    assert data.startswith(b"%PDF-"), data[:16]
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


@pytest.fixture(scope="module")
def pdf_fiche(site_dir: Path) -> Path:
    """The first fiche; the site build printed every fiche and the whole référentiel."""
    return fiche_pages(site_dir)[0]


def test_chaque_fiche_a_son_pdf(site_dir: Path) -> None:
    attendus = {p.parent.name + ".pdf" for p in fiche_pages(site_dir)}
    assert {p.name for p in (site_dir / "pdf" / "fiches").glob("*.pdf")} == attendus


def test_l_impression_masque_la_navigation(
    page: Any, serveur: str, site_dir: Path, artefacts: Path
) -> None:
    fiche = fiche_pages(site_dir)[0].parent.name
    page.goto(f"{serveur}/fiches/{fiche}/")
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for masque in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-footer",
        "form.ref-recherche",
        "a.ref-pdf",
    ):
        assert page.locator(masque).first.is_hidden(), masque
    assert page.locator("article h1").is_visible()
    page.screenshot(path=str(artefacts / "impression-fiche.png"), full_page=False)


def test_l_impression_montre_les_adresses_et_garde_les_lignes(page: Any, serveur: str) -> None:
    page.goto(serveur + "/tableau/")
    page.emulate_media(media="print")
    externe = page.locator("article a[href^='http']").first
    if externe.count():
        apres = externe.evaluate("a => getComputedStyle(a, '::after').content")
        assert externe.get_attribute("href") in apres
    ligne = page.locator("#tableau-interventions tbody tr").first
    assert ligne.evaluate("tr => getComputedStyle(tr).breakInside") == "avoid"
    assert (
        page.locator("#tableau-interventions thead").evaluate("t => getComputedStyle(t).display")
        == "table-header-group"
    )
    sigle = page.locator("article abbr").first
    assert sigle.evaluate("a => getComputedStyle(a, '::after').content").startswith('" (')


def test_pdf_d_une_fiche_telechargeable_depuis_sa_page(
    page: Any, serveur: str, pdf_fiche: Path
) -> None:
    page.goto(f"{serveur}/fiches/{pdf_fiche.parent.name}/")
    lien = page.get_by_role("link", name=re.compile("^Télécharger en PDF"))
    href = lien.get_attribute("href")
    reponse = page.request.get(page.url + href if not href.startswith("/") else serveur + href)
    assert reponse.status == 200
    assert pdf_pages(reponse.body()) >= 1


def test_pdf_du_referentiel_complet(page: Any, serveur: str, site_dir: Path) -> None:
    """From the fiches index, the printed référentiel: its volumes hold every section, each
    fiche starting on a new page, and no assembled HTML is left in the site."""
    page.goto(f"{serveur}/fiches/")
    page.get_by_role("link", name="Tout le référentiel en PDF").click()
    page.wait_for_url("**/impression/")
    liens = page.locator("article a[href$='.pdf']")
    assert liens.count() >= 1
    total = 0
    for i in range(liens.count()):
        href = liens.nth(i).get_attribute("href") or ""
        reponse = page.request.get(page.url + href)
        assert reponse.status == 200, href
        total += pdf_pages(reponse.body())
    assert total > len(fiche_pages(site_dir))
    assert not list((site_dir / "pdf").rglob("*.html"))
