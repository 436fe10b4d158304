"""Bad inputs: each yields exactly the expected (path, line, code), exit 1, a French
message, no traceback, and leaves every source file untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outils import run_cli, snapshot

FICHE = "fiches/assistant-de-service-social.md"
TEXTE = "donnees/textes/code-penal-226-13.yml"
GLOSS = "glossary.yml"

FICHE_OK = (Path(__file__).parents[2] / "fixtures/valide" / FICHE).read_text(encoding="utf-8")


def _fiche(replace: str, by: str) -> str:
    assert replace in FICHE_OK
    return FICHE_OK.replace(replace, by, 1)


CASES: list[tuple[str, str, bytes | str, list[tuple[str, int, str]]]] = [
    (
        "cle-en-double",
        TEXTE,
        (
            'id: code-penal-226-13\ntype: article\ntitre: "Code pénal, article 226-13"\ncode: "Code pénal"\n'
            'article: "226-13"\nstatut: en-vigueur\nstatut: abroge\nsources:\n  - source: schema-departemental-82\n'
            '    section: "Annexe"\n'
        ),
        [(TEXTE, 7, "YAML003")],
    ),
    (
        "no-comme-valeur",
        FICHE,
        _fiche('intitule: "Assistant de service social"', "intitule: no"),
        [(FICHE, 3, "YAML004")],
    ),
    (
        "on-comme-valeur",
        FICHE,
        _fiche('  - "Prévenir les expulsions locatives."', "  - on"),
        [(FICHE, 6, "YAML004")],
    ),
    (
        "octal",
        TEXTE,
        (
            'id: code-penal-226-13\ntype: article\ntitre: "Code pénal"\ncode: "Code pénal"\n'
            'article: 01234\nstatut: en-vigueur\nsources:\n  - source: schema-departemental-82\n    section: "A"\n'
        ),
        [(TEXTE, 5, "YAML005")],
    ),
    (
        "sexagesimal",
        TEXTE,
        (
            'id: code-penal-226-13\ntype: article\ntitre: "Code pénal"\ncode: "Code pénal"\n'
            'article: 9:30\nstatut: en-vigueur\nsources:\n  - source: schema-departemental-82\n    section: "A"\n'
        ),
        [(TEXTE, 5, "YAML006")],
    ),
    (
        "date-impossible",
        FICHE,
        _fiche("contexte: departement", "contexte: departement\nverifie_le: 2024-02-30"),
        [(FICHE, 5, "YAML007")],
    ),
    (
        "date-impossible-entre-guillemets",
        FICHE,
        _fiche("contexte: departement", 'contexte: departement\nverifie_le: "2024-02-30"'),
        [(FICHE, 5, "SCH003")],
    ),
    (
        "cle-inconnue",
        FICHE,
        _fiche("contexte: departement", 'contexte: departement\nmision: "x"'),
        [(FICHE, 5, "SCH001")],
    ),
    ("id-manquant", FICHE, _fiche("id: assistant-de-service-social\n", ""), [(FICHE, 2, "SCH002")]),
    (
        "id-mal-forme",
        FICHE,
        _fiche("id: assistant-de-service-social", "id: Assistant_Social"),
        [(FICHE, 2, "SCH004")],
    ),
    (
        "reference-inconnue",
        FICHE,
        _fiche(
            "actes: [prevention-des-expulsions/note-sociale-ccapex]",
            "actes: [prevention-des-expulsions/note-sociale-d-appui]",
        ),
        [(FICHE, 9, "REF002")],
    ),
    (
        "texte-inconnu",
        FICHE,
        _fiche("textes: [code-penal-226-13]", "textes: [code-penal-226-31]"),
        [(FICHE, 10, "REF001")],
    ),
    (
        "abroge-cite-en-vigueur",
        FICHE,
        _fiche("textes: [code-penal-226-13]", "textes: [code-penal-226-13, circulaire-2005-03-21]"),
        [(FICHE, 10, "REF003")],
    ),
    (
        "sigle-non-defini",
        FICHE,
        _fiche("L'ASS intervient", "L'ASS et la CAF interviennent"),
        [(FICHE, 16, "GLO001")],
    ),
    (
        "tabulation",
        TEXTE,
        "id: code-penal-226-13\ntype: article\nsources:\n\t- source: x\n",
        [(TEXTE, 4, "YAML002")],
    ),
    (
        "guillemet-non-ferme",
        TEXTE,
        'id: code-penal-226-13\ntitre: "Code pénal\ntype: article\n',
        [(TEXTE, 2, "YAML001")],
    ),
    (
        "latin-1",
        TEXTE,
        'id: code-penal-226-13\ntitre: "Code pénal"\n'.encode("latin-1"),
        [(TEXTE, 2, "FIC001")],
    ),
    ("fichier-vide", TEXTE, "", [(TEXTE, 1, "FIC002")]),
    ("en-tete-non-ferme", FICHE, "---\nid: assistant-de-service-social\n", [(FICHE, 1, "FIC003")]),
    (
        "html-dangereux",
        FICHE,
        _fiche("L'ASS intervient", "<script>alert(1)</script> L'ASS intervient"),
        [(FICHE, 16, "SEC001")],
    ),
]


@pytest.mark.parametrize("name,rel,content,expected", CASES, ids=[c[0] for c in CASES])
def test_mauvaise_entree(
    depot: Path, name: str, rel: str, content: bytes | str, expected: list[tuple[str, int, str]]
) -> None:
    target = depot / rel
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = snapshot(depot)
    result = run_cli("--racine", str(depot), "check", "--format", "json")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err + result.out
    found = [
        (d["location"]["path"], d["location"]["line"], d["code"]) for d in json.loads(result.out)
    ]
    assert found == expected
    assert snapshot(depot) == before, "le vérificateur ne doit jamais modifier une source"


def test_message_texte_localise_en_francais(depot: Path) -> None:
    (depot / FICHE).write_text(
        _fiche(
            "actes: [prevention-des-expulsions/note-sociale-ccapex]",
            "actes: [prevention-des-expulsions/note-sociale-ccapx]",
        ),
        encoding="utf-8",
    )
    result = run_cli("--racine", str(depot), "check")
    assert result.code == 1
    assert result.out.strip() == (
        f"{FICHE}:9:13: erreur REF002 — acte « prevention-des-expulsions/note-sociale-ccapx » inconnu ; "
        "vouliez-vous dire « prevention-des-expulsions/note-sociale-ccapex » ?"
    )


def test_format_github_annotation(depot: Path) -> None:
    (depot / FICHE).write_text(
        _fiche("textes: [code-penal-226-13]", "textes: [code-penal-226-31]"), encoding="utf-8"
    )
    result = run_cli("--racine", str(depot), "check", "--format", "github")
    assert result.code == 1
    assert result.out.startswith(
        f"::error file={FICHE},line=10,col=10,title=REF001::texte « code-penal-226-31 »"
    )


def test_depot_valide_sort_en_zero(depot: Path) -> None:
    result = run_cli("--racine", str(depot), "check")
    assert result.code == 0, result.out
    assert result.out == ""


def test_toutes_les_erreurs_en_une_fois(depot: Path) -> None:
    (depot / FICHE).write_text(
        _fiche("textes: [code-penal-226-13]", "textes: [inconnu-1, inconnu-2]"), encoding="utf-8"
    )
    (depot / TEXTE).write_text("", encoding="utf-8")
    result = run_cli("--racine", str(depot), "check", "--format", "json")
    codes = sorted(d["code"] for d in json.loads(result.out))
    assert codes == ["FIC002", "REF001", "REF001"]


def test_caractere_de_controle_ne_decale_pas_les_lignes(depot: Path) -> None:
    # \x0c is a line break for str.splitlines(): the reported line must still be the file's.
    (depot / TEXTE).write_text(
        'id: code-penal-226-13\ntitre: "a\x0cb"\ntype: article\nnote: "\x0b"\n', encoding="utf-8"
    )
    result = run_cli("--racine", str(depot), "check", "--format", "json")
    found = [
        (d["location"]["path"], d["location"]["line"], d["code"]) for d in json.loads(result.out)
    ]
    assert found == [(TEXTE, 2, "FIC004"), (TEXTE, 4, "FIC004")]
