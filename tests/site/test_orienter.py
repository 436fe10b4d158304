"""« Orienter une personne »: from the person's words to dispositif, professional, procédure."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from outils import Sortantes


def _besoins_visibles(pg: Page) -> list[str]:
    titres = pg.locator("section.ref-besoin:visible h2").all_inner_texts()
    return [t.rstrip("¶").strip() for t in titres]


def _titre(pg: Page) -> str:
    """The page's h1 without the permalink sign that follows it."""
    return pg.locator("h1").inner_text().rstrip("¶").strip()


def test_expulsion_mene_au_dispositif_au_professionnel_et_a_la_procedure(
    page: Page, serveur: str, sortantes: Sortantes
) -> None:
    pg = page
    pg.goto(serveur + "/orienter/")
    pg.get_by_label("Ce que dit la personne").fill("expulsion")
    visibles = _besoins_visibles(pg)
    assert "Menace d'expulsion du logement" in visibles
    assert "Handicap" not in visibles
    assert pg.locator("#orienter-compte").inner_text().endswith(("correspond.", "correspondent."))
    besoin = pg.locator("#besoin-expulsion")
    assert besoin.get_by_role("link", name="Prévention des expulsions", exact=True).count() == 1
    assert (
        besoin.get_by_role("link", name="Assistant de service social de polyvalence").count() == 1
    )
    assert besoin.get_by_role("link", name="Prévention des expulsions locatives").count() == 1
    besoin.get_by_role("link", name="Prévention des expulsions", exact=True).click()
    assert _titre(pg) == "Prévention des expulsions"
    assert sortantes.csp == []


def test_recherche_sans_accents_ni_majuscules(page: Page, serveur: str) -> None:
    pg = page
    pg.goto(serveur + "/orienter/")
    champ = pg.get_by_label("Ce que dit la personne")
    champ.fill("electricite")
    assert _besoins_visibles(pg) == ["Factures d'énergie, d'eau, coupure"]
    champ.fill("ÉNERGIE")
    assert "Factures d'énergie, d'eau, coupure" in _besoins_visibles(pg)
    assert "Handicap" not in _besoins_visibles(pg)
    champ.fill("curatelle")
    assert _besoins_visibles(pg) == ["Mesure de protection d'un adulte (tutelle, curatelle)"]
    champ.fill("zzzz")
    assert _besoins_visibles(pg) == []
    assert pg.locator(".ref-aucun").is_visible()


def test_le_lien_partage_garde_la_recherche(page: Page, serveur: str) -> None:
    pg = page
    pg.goto(serveur + "/orienter/?q=dettes")
    assert pg.get_by_label("Ce que dit la personne").input_value() == "dettes"
    assert "Dettes, surendettement" in _besoins_visibles(pg)
    assert "Handicap" not in _besoins_visibles(pg)


def test_sans_javascript_tous_les_besoins_sont_listes(navigateur: Browser, serveur: str) -> None:
    context = navigateur.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        pg = context.new_page()
        pg.goto(serveur + "/orienter/")
        assert not pg.locator("form.ref-orienter").is_visible()
        assert pg.locator("section.ref-besoin").count() >= 14
        assert (
            pg.locator("section.ref-besoin:visible").count()
            == pg.locator("section.ref-besoin").count()
        )
    finally:
        context.close()
