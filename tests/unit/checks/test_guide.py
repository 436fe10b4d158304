"""The guide of message codes: every code is documented, and every example is true —
the wrong version produces its code with the message shown, the fix clears it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from outils import VALIDE
from referentiel.checks.exemples import load_examples
from referentiel.cli import collect
from referentiel.diagnostics import CODES, Severity
from referentiel.render.guide import codes_page

EXAMPLES = load_examples()
# REV001 compares with the control date: examples are checked as of a fixed day.
CONTROL_DAY_EPOCH = "1795392000"  # 2026-11-23


def test_chaque_code_a_un_exemple() -> None:
    assert sorted(CODES) == sorted(EXAMPLES), (
        "codes sans exemple dans src/referentiel/checks/exemples/"
    )


def _apply(tmp_path: Path, code: str, correct: bool) -> Path:
    base = tmp_path / ("correct" if correct else "faux")
    shutil.copytree(VALIDE, base)
    EXAMPLES[code].apply(base, correct=correct)
    return base


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_exemple_faux_produit_le_code_et_le_message(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", CONTROL_DAY_EPOCH)
    example = EXAMPLES[code]
    diags = [d for d in collect(_apply(tmp_path, code, correct=False)) if d.code == code]
    assert diags, f"l'exemple faux de {code} ne produit pas {code}"
    assert example.message in [d.format_text() for d in diags]


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_correction_fait_disparaitre_toute_erreur(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", CONTROL_DAY_EPOCH)
    diags = collect(_apply(tmp_path, code, correct=True))
    assert [d.format_text() for d in diags if d.code == code or d.severity is Severity.ERROR] == []


def test_page_des_codes_montre_chaque_exemple() -> None:
    page = codes_page(EXAMPLES).render()
    for code, example in EXAMPLES.items():
        assert f"### {code} — " in page
        assert example.message is not None and example.message.split(" — ", 1)[1] in page
    assert "Exemple à rédiger" not in page


def test_page_sans_exemples_liste_chaque_code() -> None:
    """A code whose example is missing is still listed, marked as to be written."""
    page = codes_page({}).render()
    assert all(f"### {code} — " in page for code in CODES)
    assert page.count("Exemple à rédiger") == len(CODES)
