"""Parcours d'intégration: progress kept in the browser, operable by keyboard."""

from __future__ import annotations

import re


def test_la_progression_survit_au_rechargement(page: object, serveur: str) -> None:
    pg = page
    pg.goto(serveur + "/parcours/departement/")  # type: ignore[attr-defined]
    cases = pg.get_by_role("checkbox")  # type: ignore[attr-defined]
    total = cases.count()
    assert total >= 10
    statut = pg.locator(".ref-progression span")  # type: ignore[attr-defined]
    assert statut.inner_text() == f"0 page lue sur {total}"
    pg.get_by_label("Marquer comme lu : Assistant de service social de polyvalence").check()  # type: ignore[attr-defined]
    # Keyboard: focus the next box and press Space.
    cases.nth(2).focus()
    pg.keyboard.press("Space")  # type: ignore[attr-defined]
    assert statut.inner_text() == f"2 pages lues sur {total}"
    pg.reload()  # type: ignore[attr-defined]
    assert pg.get_by_label("Marquer comme lu : Assistant de service social de polyvalence").is_checked()  # type: ignore[attr-defined]
    assert cases.nth(2).is_checked()
    assert not cases.nth(0).is_checked()
    assert pg.locator(".ref-progression span").inner_text() == f"2 pages lues sur {total}"  # type: ignore[attr-defined]
    # Each contexte keeps its own progress.
    pg.goto(serveur + "/parcours/spip/")  # type: ignore[attr-defined]
    assert re.fullmatch(r"0 page lue sur \d+", pg.locator(".ref-progression span").inner_text())  # type: ignore[attr-defined]
    pg.goto(serveur + "/parcours/departement/")  # type: ignore[attr-defined]
    pg.get_by_role("button", name="Tout décocher").click()  # type: ignore[attr-defined]
    pg.reload()  # type: ignore[attr-defined]
    assert pg.locator(".ref-progression span").inner_text() == f"0 page lue sur {total}"  # type: ignore[attr-defined]


def test_chaque_etape_mene_a_une_page_existante(page: object, serveur: str) -> None:
    pg = page
    pg.goto(serveur + "/parcours/spip/")  # type: ignore[attr-defined]
    liens = pg.locator("ol.ref-etapes a:not(.headerlink)").evaluate_all("els => els.map(e => e.href)")  # type: ignore[attr-defined]
    assert liens
    for href in liens:
        assert pg.request.get(href).status == 200, href  # type: ignore[attr-defined]
