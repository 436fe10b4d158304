"""The review cycle: `revue` lists what is overdue or due soon, `check` warns without
failing, and the generated site shows « À revoir » on overdue pages and a /revue/ page,
deterministically for a given SOURCE_DATE_EPOCH."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outils import run_cli
from referentiel.build import generate

FICHE = "fiches/assistant-de-service-social.md"
PROC = "procedures/prevention-des-expulsions.md"
EPOCH_2026_11_23 = "1795392000"


def dates(root: Path, rel: str, verifie: str, revoir: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    anchor = "contexte: departement\n" if rel.startswith("fiches") else "contextes: [departement]\n"
    path.write_text(
        text.replace(
            anchor,
            anchor + f'verifie_le: "{verifie}"\na_revoir_avant: "{revoir}"\n'
            'referent: "Conseiller technique"\n',
        ),
        encoding="utf-8",
    )


@pytest.fixture
def depot_revue(depot: Path) -> Path:
    dates(depot, FICHE, "2025-01-10", "2026-01-10")  # overdue on 2026-11-23
    dates(depot, PROC, "2025-12-01", "2026-12-10")  # due in 17 days
    return depot


def test_revue_liste_depassee_et_proche(depot_revue: Path) -> None:
    result = run_cli("--racine", str(depot_revue), "revue", "--date", "2026-11-23")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Revue au 2026-11-23 : 1 dépassée(s), 1 à faire dans les 30 jours."
    assert lines[2].split() == [
        "État",
        "À",
        "revoir",
        "avant",
        "Vérifié",
        "le",
        "Fichier",
        "Référent",
    ]
    assert lines[3].startswith("dépassée") and FICHE in lines[3] and "2026-01-10" in lines[3]
    assert lines[4].startswith("à faire bientôt") and PROC in lines[4]


def test_revue_horizon_et_json(depot_revue: Path) -> None:
    result = run_cli(
        "--racine",
        str(depot_revue),
        "revue",
        "--date",
        "2026-11-23",
        "--dans",
        "10",
        "--format",
        "json",
    )
    data = json.loads(result.out)
    assert [(e["fichier"], e["etat"], e["jours"]) for e in data["a_revoir"]] == [
        (FICHE, "dépassée", -317)
    ]


def test_check_avertit_sans_echouer(depot_revue: Path) -> None:
    result = run_cli("--racine", str(depot_revue), "check")
    assert result.code == 0
    assert f"{FICHE}:6:17: avertissement REV001 — revue dépassée" in result.out
    assert PROC not in result.out


def test_site_montre_a_revoir(
    depot_revue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026_11_23)
    out = tmp_path / "docs"
    generate(depot_revue, out)
    fiche = (out / FICHE).read_text(encoding="utf-8")
    assert '!!! warning "À revoir"' in fiche
    assert "à revoir avant le 2026-01-10" in fiche
    assert '!!! warning "À revoir"' not in (out / PROC).read_text(encoding="utf-8")
    revue = (out / "revue/index.md").read_text(encoding="utf-8")
    section_depassee = revue.split("## Revue dépassée", 1)[1].split("##", 1)[0]
    assert (
        "[Assistant de service social](../fiches/assistant-de-service-social.md) | 2026-01-10"
        in section_depassee
    )
    assert (
        "../procedures/prevention-des-expulsions.md"
        in revue.split("## À revoir dans les 30 jours", 1)[1]
    )
    first = {p: p.read_bytes() for p in sorted(out.rglob("*.md"))}
    generate(depot_revue, out)
    assert {p: p.read_bytes() for p in sorted(out.rglob("*.md"))} == first  # deterministic


def test_apres_la_revue_plus_d_encadre(
    depot_revue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01: nothing overdue yet
    out = tmp_path / "docs"
    generate(depot_revue, out)
    assert '!!! warning "À revoir"' not in (out / FICHE).read_text(encoding="utf-8")
