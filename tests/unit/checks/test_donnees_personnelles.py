"""Personal-data lint on a corpus of true and false positives (corpus_pii.yml), and on
the real content, wherever a value can come from.

Valid NIR keys in the corpus were computed with python-stdnum (Corsica 2A/2B included),
so it holds numbers a real person could have, not strings that only look like them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from outils import ROOT, run_cli
from referentiel.checks.pii import find_personal_data, normalise
from referentiel.cli import collect

CORPUS: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (Path(__file__).parent / "corpus_pii.yml").read_text(encoding="utf-8")
)
TRUE_POSITIVES = {c["nom"]: (c["texte"], c["code"]) for c in CORPUS["vrais_positifs"]}
FALSE_POSITIVES = {c["nom"]: c["texte"] for c in CORPUS["faux_positifs"]}


def _codes(text: str) -> list[str]:
    return [code for _, _, code, _ in find_personal_data(text)]


def test_corpus_couvre_chaque_deguisement() -> None:
    """The disguises of the issue are all in the corpus (not only easy cases)."""
    names = " ".join(TRUE_POSITIVES)
    for disguise in (
        "barres", "espaces-multiples", "insecable", "zero-width", "tirets", "0033",
        "reunion", "guadeloupe", "guyane", "martinique", "mayotte", "caledonie",
        "polynesie", "sans-cle", "cle-a-part", "iban-minuscules", "iban-tirets",
        "at-crochets", "entite", "pleine-chasse",
    ):  # fmt: skip
        assert disguise in names, disguise
    assert len(TRUE_POSITIVES) >= 60 and len(FALSE_POSITIVES) >= 35


@pytest.mark.parametrize("name", sorted(TRUE_POSITIVES))
def test_donnee_personnelle_detectee(name: str) -> None:
    text, code = TRUE_POSITIVES[name]
    found = list(find_personal_data(text))
    assert [c for _, _, c, _ in found] == [code]
    offset, matched, _, _ = found[0]
    assert text[offset : offset + len(matched)] == matched  # the location points at it
    assert any(ch.isalnum() for ch in matched)


@pytest.mark.parametrize("name", sorted(FALSE_POSITIVES))
def test_pas_de_faux_positif(name: str) -> None:
    assert _codes(FALSE_POSITIVES[name]) == []


def test_corpus_rappel_et_faux_positifs(capsys: pytest.CaptureFixture[str]) -> None:
    """The figures of the issue's closing note, computed on the corpus."""
    caught = sum(1 for text, code in TRUE_POSITIVES.values() if code in _codes(text))
    false = sum(1 for text in FALSE_POSITIVES.values() if _codes(text))
    recall = caught / len(TRUE_POSITIVES)
    false_rate = false / len(FALSE_POSITIVES)
    with capsys.disabled():
        print(
            f"\ncorpus données personnelles : rappel {caught}/{len(TRUE_POSITIVES)} "
            f"({recall:.0%}), faux positifs {false}/{len(FALSE_POSITIVES)} ({false_rate:.0%})"
        )
    assert recall == 1.0 and false_rate == 0.0


def test_normalisation_garde_la_place_de_chaque_caractere() -> None:
    text = "a&#64;b\u200bc\u00a0d＠e [at] f"
    norm, origin = normalise(text)
    assert norm == "a@bc d@e@f"
    assert [text[origin[i]] for i in range(len(norm))][:4] == ["a", "&", "b", "c"]


def test_contenu_reel_sans_faux_positif() -> None:
    """The real référentiel has no personal data: any DON finding would be a false one."""
    run = run_cli("--racine", str(ROOT), "check", "--format", "json")
    assert "Traceback" not in run.err
    assert '"DON0' not in run.out


FICHE = "fiches/assistant-de-service-social.md"


def _don(depot: Path) -> list[tuple[str, int, int, str]]:
    return sorted(
        (d.location.path, d.location.line, d.location.col, d.code)
        for d in collect(depot, cache=False)
        if d.code.startswith("DON")
    )


def test_localisation_dans_une_fiche(depot: Path) -> None:
    fiche = depot / FICHE
    text = fiche.read_text(encoding="utf-8")
    nir = TRUE_POSITIVES["nir-corse-2b-colle"][0].split()[-1]
    fiche.write_text(
        text.rstrip("\n") + f"\n\nContact de la famille : 06 12 34 56 78, NIR {nir}.\n",
        encoding="utf-8",
    )
    line = text.rstrip("\n").count("\n") + 3
    assert _don(depot) == [(FICHE, line, 25, "DON003"), (FICHE, line, 45, "DON001")]


def test_partout_ou_une_valeur_peut_venir(depot: Path) -> None:
    """Code blocks (any fence), YAML comments, provenance notes, citations, docs/ pages."""
    fiche = depot / FICHE
    text = fiche.read_text(encoding="utf-8")
    text = text.replace(
        '    section: "Fiche action 2"\n',
        '    section: "Fiche action 2"\n    note: "rappeler M. X au 06 12 34 56 78"\n',
    ).replace("contexte: departement\n", "contexte: departement  # mme.y@gmail.com\n")

    fiche.write_text(
        text + "\n````\n```\n+262 692 12 34 56\n````\n\n    07.81.23.45.67\n", encoding="utf-8"
    )
    source = depot / "donnees" / "sources.yml"
    src = source.read_text(encoding="utf-8")
    source.write_text(src + "# contact : fr76 3000 6000 0112 3456 7890 189\n", encoding="utf-8")
    page = depot / "docs" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nÉcrire à jean.dupont [at] gmail.com\n",
        encoding="utf-8",
    )
    page_line = page.read_text(encoding="utf-8").count("\n")
    found = _don(depot)
    lines = text.split("\n")
    note_line = next(i for i, x in enumerate(lines, 1) if "note:" in x)
    total = text.count("\n")
    assert found == sorted(
        [
            (FICHE, 4, 26, "DON004"),  # the YAML comment of the front matter
            (FICHE, note_line, 29, "DON003"),  # the provenance note (published in JSON)
            (FICHE, total + 4, 1, "DON003"),  # inside a fenced block (```` … ````)
            (FICHE, total + 7, 5, "DON003"),  # inside an indented code block
            ("donnees/sources.yml", src.count("\n") + 1, 13, "DON002"),  # a comment
            ("docs/index.md", page_line, 10, "DON004"),  # a hand-written page
        ]
    )
