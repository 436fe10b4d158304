"""The one-way flow is a rule the tools enforce: an import from a lower stage into a
higher one (here, the models importing the command line) makes `lint-imports` fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from outils import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(racine: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(racine / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(racine / "pyproject.toml"), "--no-cache"],
        cwd=racine,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copie(tmp_path: Path) -> Path:
    racine = tmp_path / "depot"
    shutil.copytree(ROOT / "src", racine / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", racine / "pyproject.toml")
    return racine


def test_le_depot_respecte_les_couches(tmp_path: Path) -> None:
    run = _lint(_copie(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def test_un_import_vers_le_haut_fait_echouer_le_contrat(tmp_path: Path) -> None:
    racine = _copie(tmp_path)
    modele = racine / "src/referentiel/models/fiche.py"
    texte = modele.read_text(encoding="utf-8")
    modele.write_text(
        texte + "\nfrom referentiel.cli import main  # noqa: E402\n", encoding="utf-8"
    )
    run = _lint(racine)
    assert run.returncode != 0
    assert "referentiel.models is not allowed to import referentiel.cli" in run.stdout
