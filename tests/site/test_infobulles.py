"""Sigle tooltips for everyone (keyboard, touch, pointer) and the filterable glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def premiere_fiche_avec_sigle(site_dir: Path) -> str:
    for html in sorted((site_dir / "fiches").glob("*/index.html")):
        if "<abbr title=" in html.read_text(encoding="utf-8"):
            return f"/fiches/{html.parent.name}/"
    raise AssertionError("aucune fiche n'emploie de sigle")


def test_infobulle_au_clavier(page: Any, serveur: str, site_dir: Path) -> None:
    page.goto(serveur + premiere_fiche_avec_sigle(site_dir))
    sigle = page.locator("article abbr.ref-sigle[tabindex='0']").first
    developpee = sigle.get_attribute("data-forme-developpee")
    assert developpee
    # Reached with Tab, like any control: focus the element before it, then press Tab.
    sigle.evaluate(
        "e => { const t = document.createElement('span'); t.tabIndex = 0; t.id = 'avant';"
        " e.before(t); t.focus(); }"
    )
    page.keyboard.press("Tab")
    assert sigle.evaluate("e => e === document.activeElement")
    bulle = page.get_by_role("tooltip")
    assert bulle.is_visible() and bulle.inner_text() == developpee
    assert sigle.get_attribute("aria-describedby") == bulle.get_attribute("id")
    page.keyboard.press("Escape")
    assert page.get_by_role("tooltip").count() == 0 or not bulle.is_visible()


def test_infobulle_au_toucher(navigateur: Any, serveur: str, site_dir: Path) -> None:
    context = navigateur.new_context(
        has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        page.goto(serveur + premiere_fiche_avec_sigle(site_dir))
        sigle = page.locator("article abbr.ref-sigle[tabindex='0']").first
        sigle.scroll_into_view_if_needed()
        sigle.tap()
        bulle = page.locator("#" + sigle.get_attribute("aria-describedby"))
        assert bulle.is_visible() and bulle.inner_text() == sigle.get_attribute(
            "data-forme-developpee"
        )
        page.locator("article h1").tap()
        assert bulle.is_hidden()
    finally:
        context.close()


def test_glossaire_filtrable_par_texte_et_par_lettre(page: Any, serveur: str) -> None:
    page.goto(serveur + "/glossaire/")
    entrees = page.locator(".ref-entree")
    total = entrees.count()
    assert total > 100
    page.get_by_label("Chercher un sigle ou un terme").fill("prevention des expulsions")
    page.wait_for_url("**q=prevention*")
    visibles = page.locator(".ref-entree:not([hidden]) h3")
    titres = visibles.all_inner_texts()
    assert any(t.startswith("CCAPEX") for t in titres), titres
    assert len(titres) < total
    # Each entry shows where it is used.
    ccapex = page.locator(".ref-entree:not([hidden])").filter(has=page.locator("h3#ccapex"))
    assert "Utilisé dans" in ccapex.inner_text()
    page.get_by_role("button", name="Toutes les entrées").click()
    page.locator("nav.ref-az").get_by_role("link", name="R", exact=True).click()
    titres = page.locator(".ref-entree:not([hidden]) h3").all_inner_texts()
    assert titres and all(t.strip().upper().startswith("R") for t in titres), titres
    assert "lettre=r" in page.url
    page.reload()
    assert page.locator(".ref-entree:not([hidden])").count() == len(titres)
