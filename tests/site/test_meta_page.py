"""Every content page: sources, « Modifié le », « Modifier cette page », « Signaler une erreur »."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
MOIS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _fiche_suivie() -> tuple[str, dt.date]:
    """A fiche that git knows, and the date of its last commit (as the site must show it)."""
    out = subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "log",
            "-1",
            "--format=%ct",
            "--",
            "fiches/assistant-de-service-social-en-spip.md",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0 or not out.stdout.strip():
        pytest.skip("pas de dépôt git : la date « Modifié le » n'existe pas hors git")
    stamp = int(out.stdout.strip())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        stamp = min(stamp, int(epoch))
    from zoneinfo import ZoneInfo

    return "assistant-de-service-social-en-spip", dt.datetime.fromtimestamp(
        stamp, ZoneInfo("Europe/Paris")
    ).date()


def test_une_fiche_montre_date_sources_modifier_et_signaler(
    page: Page, serveur: str, artefacts: Path
) -> None:
    ident, jour = _fiche_suivie()
    pg = page
    pg.goto(f"{serveur}/fiches/{ident}/")
    titre = pg.locator("h1").inner_text().rstrip("¶").strip()
    assert pg.locator("article h2#sources + ul li").count() >= 1
    infos = pg.get_by_role("complementary", name="À propos de cette page")
    attendu = f"{'1er' if jour.day == 1 else jour.day} {MOIS[jour.month - 1]} {jour.year}"
    assert infos.locator("dt:text-is('Modifié le') + dd").inner_text() == attendu
    assert infos.locator("time").first.get_attribute("datetime") == jour.isoformat()
    modifier = infos.get_by_role("link", name="Modifier cette page")
    assert (modifier.get_attribute("href") or "").endswith(f"/fiches/{ident}.md")
    signaler = infos.get_by_role("link", name="Signaler une erreur").get_attribute("href") or ""
    assert signaler.startswith("mailto:")
    assert titre in unquote(signaler) and f"/fiches/{ident}/" in unquote(signaler)
    pg.screenshot(path=str(artefacts / "fiche.png"))
    infos.screenshot(path=str(artefacts / "fiche-infos-page.png"))


def test_une_page_generee_depuis_une_donnee_pointe_vers_le_fichier_de_donnees(
    page: Page, serveur: str
) -> None:
    pg = page
    pg.goto(serveur + "/dispositifs/fsl/")
    modifier = pg.get_by_role("link", name="Modifier cette page")
    assert (modifier.get_attribute("href") or "").endswith("/donnees/tableau.yml")
