"""`referentiel format`: on every real source file it changes layout only (the loaded
référentiel is identical, every comment is kept), a second run changes nothing, and
tricky French values survive the round trip."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from outils import ROOT, run_cli, snapshot
from referentiel.history.changes import snapshot as contenu
from referentiel.load import load
from referentiel.sources.yamlstrict import parse_yaml
from referentiel.tools.format import format_source, format_yaml, source_files


def comments(text: str) -> list[str]:
    """Every YAML comment of a text (a `#` outside quotes, at a line start or after a space)."""
    found = []
    for line in text.split("\n"):
        quote = ""
        for i, ch in enumerate(line):
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "'\"" and (i == 0 or line[i - 1] in " [{:,-"):
                quote = ch
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                found.append(line[i:].rstrip())
                break
    return sorted(found)


@pytest.fixture(scope="module")
def copie_reelle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sources (as they stand in the working tree), copied once."""
    root = tmp_path_factory.mktemp("reel")
    for name in ("glossary.yml", "donnees", "fiches", "procedures"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        else:
            shutil.copy2(src, root / name)
    return root


def test_format_sur_toutes_les_sources_reelles(copie_reelle: Path) -> None:
    root = copie_reelle
    files = source_files(root)
    assert len(files) > 50
    before_bytes = snapshot(root)
    before_ref, before_diags = load(root)
    before_codes = sorted(d.code for d in before_diags)

    first = run_cli("--racine", str(root), "format")
    assert first.code == 0, first.err
    after_first = snapshot(root)
    after_ref, after_diags = load(root)
    assert contenu(after_ref) == contenu(before_ref)
    assert sorted(d.code for d in after_diags) == before_codes
    for rel in files:
        old = before_bytes[rel].decode("utf-8")
        new = after_first[rel].decode("utf-8")
        assert comments(new) == comments(old), rel
        assert new.endswith("\n") and not new.endswith("\n\n"), rel
        assert all(line == line.rstrip() for line in new.split("\n")), rel
        if rel.endswith(".md"):  # the Markdown body below the front matter is never touched
            assert new.split("\n---\n", 1)[1] == old.split("\n---\n", 1)[1], rel

    # A second run would change nothing (--verifier formats each file again, in memory).
    second = run_cli("--racine", str(root), "format", "--verifier")
    assert (second.code, second.out) == (0, "")
    assert snapshot(root) == after_first


def test_verifier_signale_sans_ecrire(depot: Path) -> None:
    rel = "donnees/textes/code-penal-226-13.yml"
    messy = (depot / rel).read_text(encoding="utf-8").replace("  - source", "    - source").replace(
        "    section", "      section"
    ) + "   \n\n\n"
    (depot / rel).write_text(messy, encoding="utf-8")
    result = run_cli("--racine", str(depot), "format", "--verifier")
    assert result.code == 1
    assert f"{rel}: à mettre en forme" in result.out
    assert (depot / rel).read_text(encoding="utf-8") == messy
    assert run_cli("--racine", str(depot), "format", rel).code == 0
    assert run_cli("--racine", str(depot), "format", "--verifier").code == 0


def test_mise_en_forme_attendue() -> None:
    messy = (
        "# Titre\nid: x   \ntitre:   'Texte « cité »'  # commentaire\nsources:\n"
        '- source: a\n  section: "B"\n\n# fin\nliste: [a, b]\ndate: "2024-01-01"'
    )
    assert format_yaml(messy) == (
        "# Titre\nid: x\ntitre: 'Texte « cité »'    # commentaire\nsources:\n"
        '  - source: a\n    section: "B"\n\n# fin\nliste: [a, b]\ndate: "2024-01-01"\n'
    )


FRAGMENTS = [
    "Équipe pluri-professionnelle",
    "« aller vers »",
    "l'accès aux droits",
    'dit "DSU"',
    "objectif : insertion",
    "01234",
    "0612",
    "non",
    "oui",
    "no",
    "On",
    "9:30",
    "2024-02-30",
    "# pas un commentaire",
    "50 %",
    "a: b",
    "- tiret",
    "ÀÉÈÊËÎÏÔÙÛÜŸÇ àéèêëîïôùûüÿç œ Œ æ",
    "€ 1 200,50",
    "“guillemets anglais”",
    "  espaces  ",
    "ligne\nsuivante",
    "tab\tulation",
    "~",
    "",
    "true",
    "null",
    "[crochets]",
    "{accolades}",
    "@arobase",
    "`accent grave`",
    "*étoile",
    "&ancre",
    "!étiquette",
    "|barre",
    ">chevron",
    "%pourcent",
    "?question",
]


def _documents() -> list[str]:
    """The fragments written the ways an editor might: double, single quotes, plain."""
    doubles = "\n".join(f"  - {json.dumps(f, ensure_ascii=False)}" for f in FRAGMENTS)
    singles = "\n".join(
        "  - '" + f.replace("'", "''") + "'" for f in FRAGMENTS if "\n" not in f and "\t" not in f
    )
    plain = [
        f
        for f in FRAGMENTS
        if f
        and f == f.strip()
        and f[0].isalnum()
        and ": " not in f
        and " #" not in f
        and "\n" not in f
        and "\t" not in f
        and f != "2024-02-30"
    ]
    plains = "\n".join(f"  - {f}" for f in plain)
    combos = "\n".join(
        f"  - {json.dumps(a + ' ' + b, ensure_ascii=False)}"
        for a in FRAGMENTS[:8]
        for b in FRAGMENTS
    )
    return [
        f"doubles:\n{doubles}\n",
        f"simples:\n{singles}\n",
        f"nus:\n{plains}\n",
        f"combinaisons:\n{combos}\n",
        "bloc: |\n  ligne 1 : « oui »   \n  ligne 2\n\nreplie: >\n  a\n  b\n",
    ]


@pytest.mark.parametrize(
    "text", _documents(), ids=["doubles", "simples", "nus", "combinaisons", "blocs"]
)
def test_aller_retour_chaines_francaises(text: str) -> None:
    before, diags = parse_yaml("t.yml", text)
    assert before is not None
    out = format_yaml(text)
    after, diags_after = parse_yaml("t.yml", out)
    assert after is not None
    assert after.data == before.data
    assert sorted(d.code for d in diags_after) == sorted(d.code for d in diags)
    assert format_yaml(out) == out


def test_front_matter_seul_reformate() -> None:
    text = "---\nid: x\nsources:\n- source: a\n  section: b\n---\n# Corps\n\n- liste   \n"
    assert format_source("fiches/x.md", text) == (
        "---\nid: x\nsources:\n  - source: a\n    section: b\n---\n# Corps\n\n- liste   \n"
    )


def test_yaml_illisible_laisse_intact(depot: Path) -> None:
    rel = "donnees/textes/code-penal-226-13.yml"
    (depot / rel).write_text("id: [\n", encoding="utf-8")
    result = run_cli("--racine", str(depot), "format", rel)
    assert result.code == 1
    assert "non mis en forme" in result.err
    assert (depot / rel).read_text(encoding="utf-8") == "id: [\n"
