"""Parcours d'intégration: progress kept in the browser, operable by keyboard."""

from __future__ import annotations

import re

from playwright.sync_api import Page


def test_la_progression_survit_au_rechargement(page: Page, serveur: str) -> None:
    pg = page
    pg.goto(serveur + "/parcours/departement/")
    cases = pg.get_by_role("checkbox")
    total = cases.count()
    assert total >= 10
    statut = pg.locator(".ref-progression span")
    assert statut.inner_text() == f"0 page lue sur {total}"
    pg.get_by_label("Marquer comme lu : Assistant de service social de polyvalence").check()
    # Keyboard: focus the next box and press Space.
    cases.nth(2).focus()
    pg.keyboard.press("Space")
    assert statut.inner_text() == f"2 pages lues sur {total}"
    pg.reload()
    assert pg.get_by_label(
        "Marquer comme lu : Assistant de service social de polyvalence"
    ).is_checked()
    assert cases.nth(2).is_checked()
    assert not cases.nth(0).is_checked()
    assert pg.locator(".ref-progression span").inner_text() == f"2 pages lues sur {total}"
    # Each contexte keeps its own progress.
    pg.goto(serveur + "/parcours/spip/")
    assert re.fullmatch(r"0 page lue sur \d+", pg.locator(".ref-progression span").inner_text())
    pg.goto(serveur + "/parcours/departement/")
    pg.get_by_role("button", name="Tout décocher").click()
    pg.reload()
    assert pg.locator(".ref-progression span").inner_text() == f"0 page lue sur {total}"


def test_chaque_etape_mene_a_une_page_existante(page: Page, serveur: str) -> None:
    pg = page
    pg.goto(serveur + "/parcours/spip/")
    liens = pg.locator("ol.ref-etapes a:not(.headerlink)").evaluate_all(
        "els => els.map(e => e.href)"
    )
    assert liens
    for href in liens:
        assert pg.request.get(href).status == 200, href
