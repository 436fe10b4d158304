"""The bench's synthetic référentiel is valid content of the real shape, N times over,
and the bench's own code runs (speed itself is measured by `make bench`, never here)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from bench import mesures, rapport, synthetic
from referentiel.cli import collect
from referentiel.diagnostics import Severity
from referentiel.load import load
from referentiel.perf.cache import ENV

ROOT = Path(__file__).resolve().parents[3]
VALIDE = ROOT / "tests" / "fixtures" / "valide"
COUNTED = (
    "fiches",
    "procedures",
    "textes",
    "cadres",
    "organisations",
    "champs",
    "dispositifs",
    "actes",
    "entrees",
    "sigles",
    "renvois",
)


def _errors(root: Path) -> list[str]:
    return [d.format_text() for d in collect(root) if d.severity is Severity.ERROR]


@pytest.fixture(scope="module")
def reel() -> synthetic.Shape:
    ref, _ = load(ROOT)
    return synthetic.Shape.of(ref)


@pytest.mark.parametrize("copies", [1, 10])
def test_le_depot_synthetique_passe_check_et_multiplie_le_contenu(
    tmp_path: Path, copies: int, reel: synthetic.Shape
) -> None:
    if _errors(ROOT):
        pytest.skip(
            "le contenu réel a des erreurs en cours de rédaction : le synthétique en hériterait"
        )
    depot = tmp_path / "depot"
    shape = synthetic.generate(ROOT, depot, copies)
    assert shape == reel
    assert _errors(depot) == []
    ref, _ = load(depot)
    obtenu = synthetic.Shape.of(ref)
    for name in COUNTED:
        assert getattr(obtenu, name) == copies * getattr(reel, name), name
    # French prose of about the same length, not the original text repeated.
    assert 0.8 * copies * reel.caracteres <= obtenu.caracteres <= 1.3 * copies * reel.caracteres
    for needed in (
        "mkdocs.yml",
        "docs",
        "overrides",
        "scripts/mkdocs_hook.py",
        "donnees/sources.yml",
        "donnees/contextes.yml",
    ):
        assert (depot / needed).exists(), needed


def test_chaque_copie_a_ses_ids_ses_sigles_et_ses_renvois(tmp_path: Path) -> None:
    depot = tmp_path / "depot"
    synthetic.generate(VALIDE, depot, 3, support=ROOT)
    assert _errors(depot) == []
    ref, _ = load(depot)
    reel, _ = load(VALIDE)
    fiche = next(iter(reel.fiches))
    assert {fiche, f"{fiche}-s1", f"{fiche}-s2"} <= set(ref.fiches)
    assert ref.glossaire is not None and reel.glossaire is not None
    sigle = next(iter(reel.glossaire.sigles()))
    assert {sigle, f"{sigle}2", f"{sigle}3"} <= set(ref.glossaire.sigles())
    # A reference in copy 2 points into copy 2.
    for copie in ref.fiches.values():
        suffix = copie.id.removeprefix(next(f for f in reel.fiches if copie.id.startswith(f)))
        for texte in copie.textes:
            assert texte.endswith(suffix) if suffix else "-s" not in texte


def test_le_texte_change_mais_reste_identique_pour_un_meme_element(tmp_path: Path) -> None:
    copier = synthetic.Copier(load(ROOT)[0])
    phrase = "Instruction des demandes d'aide financière auprès des partenaires"
    assert copier.prose(phrase, 1) == copier.prose(phrase, 1)
    assert copier.prose(phrase, 1) != copier.prose(phrase, 2)
    lines = copier.prose("Un texte\n\n## Un titre de section\n- un élément de liste", 0).split("\n")
    assert len(lines) == 4 and lines[1] == ""  # Markdown structure kept, words replaced
    assert lines[2].startswith("## ") and lines[3].startswith("- ")
    assert lines[2] != "## Un titre de section"


def test_les_etapes_du_banc_tournent_a_petite_echelle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bench's steps and report on the small fixture: code that runs, figures unchecked."""
    depot = tmp_path / "depot"
    synthetic.generate(VALIDE, depot, 2, support=ROOT)
    forme = asdict(synthetic.Shape.of(load(VALIDE)[0]))
    # The bench's checkout keeps its own cache (in-process loads above used the shared
    # one: without it they would write into the fixture folder).
    monkeypatch.delenv(ENV, raising=False)
    check = mesures.step("check", depot)
    assert check.code == 0, check.erreur
    assert check.interne["erreurs"] == 0
    gen = mesures.step("generate", depot, tmp_path / "docs")
    assert gen.code == 0, gen.erreur
    assert gen.memoire_mo > 0
    configs = mesures.baseline_configs(depot, tmp_path / "docs", tmp_path)
    assert "hooks" not in configs["plain"].read_text(encoding="utf-8")
    (tmp_path / "site" / "a").mkdir(parents=True)
    (tmp_path / "site" / "a" / "index.html").write_text("<p>é</p>", encoding="utf-8")
    stats = mesures.site_stats(tmp_path / "site")
    assert (stats.pages, stats.html_octets, stats.moteur) == (1, 9, "aucun")
    # A cold step runs without the per-file cache the warm one left behind.
    assert (depot / ".cache" / "referentiel").is_dir()
    froid = mesures.step("check-froid", depot)
    assert froid.code == 0, froid.erreur
    result = {
        "echelle": 2,
        "forme_reelle": forme,
        "check": check,
        "check_froid": froid,
        "generation": gen,
        "generation_froide": gen,
        "site": stats,
        "nav_liens": 0,
    }
    text = rapport.render([result], {"Python": "3"}, "", 1.0)
    assert "| `referentiel check`, une fiche modifiée (dans le processus) |" in text
    assert "| `referentiel check`, cache vide (dans le processus) |" in text
