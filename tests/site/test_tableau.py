"""The tableau des interventions as a reader uses it: complete without JavaScript,
filtered by champ, dispositif or words (state in the address), sortable; and the
downloads (CSV, ODS) of the tableau and the glossary hold every row."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from referentiel.load import load

ROOT = Path(__file__).resolve().parents[2]
ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


@pytest.fixture(scope="module")
def ref() -> Any:
    return load(ROOT)[0]


def actes(ref: Any) -> list[tuple[str, str, str]]:
    """(champ id, dispositif id, acte libellé) of every row of the tableau, from the data."""
    return [(c.id, d.id, a.libelle) for c in ref.champs() for d in c.dispositifs for a in d.actes]


def lignes_visibles(page: Any) -> list[dict[str, str]]:
    lignes: list[dict[str, str]] = page.eval_on_selector_all(
        "#tableau-interventions tbody tr:not([hidden])",
        "trs => trs.map(tr => ({champ: tr.dataset.champ, dispositif: tr.dataset.dispositif,"
        " acte: tr.cells[2].textContent.trim()}))",
    )
    return lignes


@pytest.mark.browser
def test_sans_javascript_le_tableau_est_complet(navigateur: Any, serveur: str, ref: Any) -> None:
    context = navigateur.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(serveur + "/tableau/")
        assert page.locator("#tableau-interventions tbody tr").count() == len(actes(ref))
        assert page.locator(".ref-filtres").is_hidden()
    finally:
        context.close()


@pytest.mark.browser
def test_filtre_par_champ_partageable_par_l_adresse(
    page: Any, serveur: str, ref: Any, artefacts: Path
) -> None:
    champ = ref.champs()[1]
    attendus = [a for a in actes(ref) if a[0] == champ.id]
    page.goto(serveur + "/tableau/")
    assert len(lignes_visibles(page)) == len(actes(ref))
    page.get_by_label("Champ d'intervention").select_option(label=champ.libelle)
    visibles = lignes_visibles(page)
    assert {v["champ"] for v in visibles} == {champ.id}
    assert len(visibles) == len(attendus)
    assert (
        page.get_by_role("status").filter(has_text="affichées").inner_text()
        == f"{len(attendus)} lignes affichées sur {len(actes(ref))}."
    )
    assert f"champ={champ.id}" in page.url
    page.evaluate("document.querySelector('.ref-filtres').scrollIntoView()")
    page.screenshot(path=str(artefacts / "tableau-filtre.png"))
    # A shared link or a reload shows the same selection.
    page.reload()
    assert page.get_by_label("Champ d'intervention").input_value() == champ.id
    assert len(lignes_visibles(page)) == len(attendus)
    autre = page.context.new_page()
    autre.goto(page.url)
    assert {v["champ"] for v in lignes_visibles(autre)} == {champ.id}


@pytest.mark.browser
def test_filtre_par_dispositif_et_par_mots_sans_accents(page: Any, serveur: str, ref: Any) -> None:
    champ = ref.champs()[0]
    disp = champ.dispositifs[0]
    page.goto(f"{serveur}/tableau/?dispositif={disp.id}")
    assert {v["dispositif"] for v in lignes_visibles(page)} == {disp.id}
    page.goto(serveur + "/tableau/")
    page.get_by_label("Mots (dans toute la ligne)").fill("ccapex")
    page.wait_for_url(re.compile(r"q=ccapex"))
    visibles = lignes_visibles(page)
    assert visibles and all("CCAPEX" in v["acte"] for v in visibles)
    # Words are matched without accents: « expulsions » and « prevention » in any case.
    page.get_by_label("Mots (dans toute la ligne)").fill("PREVENTION expulsions")
    page.wait_for_url(re.compile(r"q=PREVENTION"))
    attendus = [a for a in actes(ref) if a[1] == "prevention-des-expulsions"]
    assert len(lignes_visibles(page)) >= len(attendus) > 0


@pytest.mark.browser
def test_tri_par_colonne_accessible(page: Any, serveur: str) -> None:
    page.goto(serveur + "/tableau/")
    entete = page.locator("#tableau-interventions thead th").nth(2)
    bouton = entete.get_by_role("button")
    assert entete.get_attribute("aria-sort") is None
    bouton.focus()
    page.keyboard.press("Enter")
    assert entete.get_attribute("aria-sort") == "ascending"
    textes = [v["acte"] for v in lignes_visibles(page)]
    assert textes == sorted(textes, key=lambda t: _plier(t))
    bouton.click()
    assert entete.get_attribute("aria-sort") == "descending"
    assert "tri=3-desc" in page.url


def _plier(texte: str) -> str:
    import unicodedata

    texte = unicodedata.normalize("NFKD", texte.casefold())
    return "".join(c for c in texte if not unicodedata.combining(c))


def lire_csv(site_dir: Path, nom: str) -> list[dict[str, str]]:
    return list(
        csv.DictReader(io.StringIO((site_dir / "donnees" / nom).read_text(encoding="utf-8")))
    )


def lire_ods(site_dir: Path, nom: str) -> list[list[str]]:
    with zipfile.ZipFile(site_dir / "donnees" / nom) as zf:
        assert zf.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        racine = ElementTree.fromstring(zf.read("content.xml"))
    return [
        ["".join(p.itertext()) for p in row.iterfind("table:table-cell/text:p", ODS)]
        for row in racine.iter(f"{{{ODS['table']}}}table-row")
    ]


def test_telechargements_du_tableau_complets(site_dir: Path, ref: Any) -> None:
    attendus = actes(ref)
    lignes = lire_csv(site_dir, "tableau-des-interventions.csv")
    assert [(r["champ_id"], r["dispositif_id"], r["acte"]) for r in lignes] == attendus
    ods = lire_ods(site_dir, "tableau-des-interventions.ods")
    assert ods[0][:3] == ["ordre", "champ_id", "champ"]
    assert [(r[1], r[3], r[6]) for r in ods[1:]] == attendus


def test_telechargements_du_glossaire_complets(site_dir: Path, ref: Any) -> None:
    attendus = [(e.id, e.terme, e.forme_developpee or "") for e in ref.glossaire.entrees]
    lignes = lire_csv(site_dir, "glossaire.csv")
    assert [(r["id"], r["terme"], r["forme_developpee"]) for r in lignes] == attendus
    ods = lire_ods(site_dir, "glossaire.ods")
    assert [(r[0], r[2], r[3]) for r in ods[1:]] == attendus


@pytest.mark.browser
def test_liens_de_telechargement_servis(page: Any, serveur: str) -> None:
    page.goto(serveur + "/tableau/")
    for nom in ("tableur CSV", "tableur ODS"):
        href = page.get_by_role("link", name=nom).get_attribute("href")
        reponse = page.request.get(page.url + href if not href.startswith("/") else serveur + href)
        assert reponse.status == 200 and reponse.body()[:2] in (b"or", b"PK")
