"""Smoke test of the served site: the home page and the tableau load with no request
leaving the server."""

from __future__ import annotations


def test_tableau_servi_sans_requete_externe(page: object, serveur: str) -> None:
    pg = page
    response = pg.goto(serveur + "/tableau/")  # type: ignore[attr-defined]
    assert response.status == 200
    assert pg.locator("h1").inner_text().startswith("Tableau des interventions")  # type: ignore[attr-defined]
    rows = pg.locator("#tableau-interventions tbody tr").count()  # type: ignore[attr-defined]
    assert rows > 100
    assert pg.sortantes.externes == []  # type: ignore[attr-defined]
