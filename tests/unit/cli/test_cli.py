"""Exit codes are a contract with CI and editors: 0 clean, 1 content errors, 2 the
tool's own failure — reported in French, without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel import cli


def test_erreur_interne_sort_en_2_sans_trace(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], depot: Path
) -> None:
    def boom(root: Path) -> list[object]:
        raise RuntimeError("bogue simulé")

    monkeypatch.setattr(cli, "collect", boom)
    monkeypatch.delenv("REFERENTIEL_DEBUG", raising=False)
    assert cli.main(["--racine", str(depot), "check"]) == 2
    err = capsys.readouterr().err
    assert "erreur interne de l'outil referentiel" in err
    assert "Traceback" not in err


def test_fichiers_filtre_les_messages(depot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fiche = depot / "fiches/assistant-de-service-social.md"
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace("code-penal-226-13]", "inconnu]"),
        encoding="utf-8",
    )
    assert (
        cli.main(["--racine", str(depot), "check", "procedures/prevention-des-expulsions.md"]) == 0
    )
    assert cli.main(["--racine", str(depot), "check", "fiches/assistant-de-service-social.md"]) == 1
    assert "REF001" in capsys.readouterr().out
