"""`referentiel nouveau`: skeletons in the right place that fail `check` with located
« à compléter » messages until filled, then pass; never overwrite; a sigle is inserted
into glossary.yml as text, leaving the rest of the file byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from outils import commit_all, git, run_cli

A_COMPLETER = re.compile(r'"À compléter : [^"]*"')


@pytest.fixture
def clone(depot: Path, tmp_path: Path) -> Path:
    """A temporary git clone of the valid fixture référentiel."""
    git(depot, "init", "-q", "-b", "main")
    commit_all(depot, "version initiale")
    target = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(depot), str(target))
    return target


def nouveau(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("--racine", str(root), "nouveau", *args)
    return result.code, result.out, result.err


def fill(path: Path) -> None:
    text = A_COMPLETER.sub('"Texte tiré de la source"', path.read_text(encoding="utf-8"))
    path.write_text(
        text.replace("source: a-completer", "source: schema-departemental-82"), encoding="utf-8"
    )


def test_squelettes_remplis_passent_le_controle(clone: Path) -> None:
    gloss_before = (clone / "glossary.yml").read_text(encoding="utf-8")
    assert nouveau(clone, "fiche", "referent-social", "--contexte", "departement")[0] == 0
    assert (
        nouveau(
            clone,
            "procedure",
            "fsl",
            "--contexte",
            "departement",
            "--titre",
            "Demande au fonds de solidarité logement",
        )[0]
        == 0
    )
    assert nouveau(clone, "texte", "casf-l411-1", "--type", "article")[0] == 0
    assert (
        nouveau(
            clone,
            "sigle",
            "caf",
            "--terme",
            "CAF",
            "--forme-developpee",
            "Caisse d'allocations familiales",
        )[0]
        == 0
    )
    created = ["fiches/referent-social.md", "procedures/fsl.md", "donnees/textes/casf-l411-1.yml"]
    assert all((clone / rel).is_file() for rel in created)

    unfilled = run_cli("--racine", str(clone), "check")
    assert unfilled.code == 1
    nou = [line for line in unfilled.out.splitlines() if " NOU001 " in line]
    assert {line.split(":", 1)[0] for line in nou} == {*created, "glossary.yml"}
    assert (
        "fiches/referent-social.md:5:11: erreur NOU001 — « intitule » reste à compléter : intitulé du poste"
        in unfilled.out
    )
    assert any(
        "« source » reste à compléter : l'identifiant d'un document de donnees/sources.yml" in line
        for line in nou
    )

    for rel in [*created, "glossary.yml"]:
        fill(clone / rel)
    filled = run_cli("--racine", str(clone), "check")
    assert (filled.code, filled.out) == (0, ""), filled.out

    # glossary.yml is the old file with one block of lines inserted, at the alphabetical place.
    after = (clone / "glossary.yml").read_text(encoding="utf-8").split("\n")
    before = gloss_before.split("\n")
    at, size = after.index("  - id: caf"), len(after) - len(before)
    assert after[:at] + after[at + size :] == before
    assert after[at + size] == "  - id: ccapex"


def test_sigle_en_fin_de_liste_avant_hors_glossaire(depot: Path) -> None:
    gloss = depot / "glossary.yml"
    gloss.write_text(
        gloss.read_text(encoding="utf-8").replace(
            "hors_glossaire:", "# mots qui ne sont pas des sigles\nhors_glossaire:"
        ),
        encoding="utf-8",
    )
    assert (
        nouveau(
            depot,
            "sigle",
            "ust",
            "--terme",
            "UST",
            "--forme-developpee",
            "Unité",
            "--source",
            "schema-departemental-82",
        )[0]
        == 0
    )
    lines = gloss.read_text(encoding="utf-8").split("\n")
    assert lines.index("  - id: ust") > lines.index("  - id: spip")
    assert lines.index("  - id: ust") < lines.index("# mots qui ne sont pas des sigles")


def test_refuse_d_ecraser(depot: Path) -> None:
    rel = depot / "fiches/assistant-de-service-social.md"
    before = rel.read_bytes()
    code, _, err = nouveau(
        depot, "fiche", "assistant-de-service-social", "--contexte", "departement"
    )
    assert code == 1 and "existe déjà" in err
    assert rel.read_bytes() == before
    code, _, err = nouveau(depot, "sigle", "ccapex", "--terme", "CCAPEX")
    assert code == 1 and "existe déjà" in err


def test_identifiant_mal_forme(depot: Path) -> None:
    code, _, err = nouveau(depot, "texte", "Loi_2007", "--type", "loi")
    assert code == 1 and "mal formé" in err
    assert not (depot / "donnees/textes/Loi_2007.yml").exists()


def test_annotation_github_au_bon_endroit(clone: Path) -> None:
    """What a pull request shows: an annotation at the file and line of the error."""
    nouveau(clone, "fiche", "referent-social", "--contexte", "departement")
    result = run_cli("--racine", str(clone), "check", "--format", "github")
    assert result.code == 1
    assert (
        "::error file=fiches/referent-social.md,line=5,col=11,title=NOU001::« intitule » reste à compléter : "
        "intitulé du poste, tel que la source l’écrit"
    ) in result.out.splitlines()
