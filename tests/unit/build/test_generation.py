"""Generation: golden Markdown per page type (from the small valid fixture), written
only when it changes, and never touching the sources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from outils import VALIDE, snapshot
from referentiel.build import generate

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
PAGES = [
    "fiches/assistant-de-service-social.md",
    "fiches/index.md",
    "procedures/prevention-des-expulsions.md",
    "textes/circulaire-2005-03-21.md",
    "textes/circulaire-2018-09-21.md",
    "tableau/index.md",
    "tableau/logement.md",
    "dispositifs/prevention-des-expulsions.md",
    "glossaire/index.md",
]


@pytest.fixture(scope="module")
def genere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    result = generate(VALIDE, out)
    assert [d.format_text() for d in result.diagnostics] == []
    return out


@pytest.mark.parametrize("page", PAGES)
def test_page_conforme_au_modele(genere: Path, page: str) -> None:
    produced = (genere / page).read_text(encoding="utf-8")
    golden = GOLDEN / page
    if os.environ.get("REFERENTIEL_MAJ_GOLDEN"):
        # `make golden`: rewrite the expected page, then say so; nothing is asserted
        # against a file the test has just written.
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
        pytest.skip(
            f"modèle réécrit : {golden.relative_to(GOLDEN.parent.parent)} (relisez le diff)"
        )
    assert golden.is_file(), f"modèle absent : lancez « make golden » pour créer {page}"
    assert produced == golden.read_text(encoding="utf-8")


def test_liens_dans_les_deux_sens(genere: Path) -> None:
    disp = (genere / "dispositifs/prevention-des-expulsions.md").read_text(encoding="utf-8")
    assert "[Assistant de service social](../fiches/assistant-de-service-social.md)" in disp
    assert "[Prévention des expulsions](../procedures/prevention-des-expulsions.md)" in disp
    texte = (genere / "textes/circulaire-2018-09-21.md").read_text(encoding="utf-8")
    assert "## Cité par" in texte and "../procedures/prevention-des-expulsions.md" in texte
    glossaire = (genere / "glossaire/index.md").read_text(encoding="utf-8")
    assert "### CCAPEX {#ccapex}" in glossaire
    assert "*Utilisé dans (3) :*" in glossaire


def test_ecrit_seulement_ce_qui_change(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    first = generate(VALIDE, out)
    assert first.written > 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    second = generate(VALIDE, out)
    assert (second.written, second.removed) == (0, 0)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before
    (out / "obsolete.md").write_text("ancienne page", encoding="utf-8")
    assert generate(VALIDE, out).removed == 1


def test_la_generation_ne_modifie_aucune_source(depot: Path, tmp_path: Path) -> None:
    before = snapshot(depot)
    generate(depot, tmp_path / "docs")
    assert snapshot(depot) == before
