"""Smoke test of the served site: the home page and the tableau load with no request
leaving the server."""

from __future__ import annotations

from playwright.sync_api import Page

from outils import Sortantes


def test_tableau_servi_sans_requete_externe(page: Page, serveur: str, sortantes: Sortantes) -> None:
    pg = page
    response = pg.goto(serveur + "/tableau/")
    assert response is not None and response.status == 200
    assert pg.locator("h1").inner_text().startswith("Tableau des interventions")
    rows = pg.locator("#tableau-interventions tbody tr").count()
    assert rows > 100
    assert sortantes.externes == []
