"""The strict YAML reader refuses what YAML would do behind an editor's back (anchors,
aliases, merge keys, unbounded nesting, hidden line breaks) with a located French
message, and never crashes, hangs or answers « erreur interne », whatever the input."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from referentiel.sources.yamlstrict import MAX_DEPTH, decode, parse_yaml

# Words of libyaml's English messages: none may reach an editor.
ENGLISH = re.compile(
    r"\b(while|found|expected|could not|did not|scanning|parsing|allowed|character|"
    r"mapping|sequence|stream|block end|indicator|token)\b"
)


def codes(text: str) -> list[tuple[int, int, str]]:
    _doc, diags = parse_yaml("f.yml", text)
    return [(d.location.line, d.location.col, d.code) for d in diags]


def messages(text: str) -> list[str]:
    return [d.message for d in parse_yaml("f.yml", text)[1]]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: &x 1\nb: 2\n", (1, 4)),  # an anchor alone
        ("a: 1\nb: *x\n", (2, 4)),  # an alias to nothing
        ("a: &x [1, 2]\nb: *x\n", (1, 4)),  # anchor on a flow list
        ("a: {k: &v 1}\n", (1, 8)),  # anchor inside a flow mapping
        ("a: !!str &x texte\n", (1, 4)),  # anchor after a tag
        ("a: &a [*a]\n", (1, 4)),  # a recursive alias
        ("a: &a {b: *a}\n", (1, 4)),
        ("- &e\n  k: v\n- *e\n", (1, 3)),  # anchor on a block mapping
    ],
)
def test_ancres_et_alias_refuses(text: str, where: tuple[int, int]) -> None:
    doc, diags = parse_yaml("f.yml", text)
    assert doc is None
    assert (where[0], where[1], "YAML008") in codes(text)
    assert all(d.code == "YAML008" for d in diags)


@pytest.mark.parametrize(
    "text",
    [
        "base: &b {k: 1}\nf:\n  <<: *b\n",
        "f:\n  <<: {k: 1}\n",  # a merge key without any alias
        "f: {<<: {k: 1}, j: 2}\n",
        "f:\n  <<:\n    - {k: 1}\n",
    ],
)
def test_cles_de_fusion_refusees(text: str) -> None:
    assert any(code == "YAML008" for _l, _c, code in codes(text))
    assert any("<<" in m or "alias" in m or "ancre" in m for m in messages(text))


def test_cle_fusion_entre_guillemets_est_une_cle_ordinaire() -> None:
    doc, diags = parse_yaml("f.yml", 'f:\n  "<<": texte\n')
    assert diags == [] and doc is not None and doc.data == {"f": {"<<": "texte"}}


def test_bombe_d_alias_refusee_sans_attendre() -> None:
    lines = ["a: &a [" + ", ".join(["x"] * 9) + "]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=False):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    doc, diags = parse_yaml("f.yml", "\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert doc is None and {d.code for d in diags} == {"YAML008"}
    assert len(diags) <= 10  # the first ones, not 9⁹ expansions


DEEP = {
    "crochets": "a: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n",
    "crochets-ouverts": "[" * 1_000_000,
    "accolades": "a: " + "{b: " * 200_000 + "c" + "}" * 200_000 + "\n",
    "melange": "[{a: " * 100_000,
    "tirets": "- " * 200_000 + "x\n",
    "questions": "? " * 200_000 + "x\n",
    "blocs": "".join(" " * i + f"k{i}:\n" for i in range(3000)) + " " * 3000 + "v: 1\n",
    "guillemets-trompeurs": 'a: ["]]]]", ' * 2000 + "[" * 100_000 + "\n",
    "dans-un-commentaire": "a: [ # ]]]]]]]]]]\n" * 1000 + "[" * 100_000 + "\n",
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_imbrication_profonde_refusee_sans_plantage(name: str, tmp_path: Path) -> None:
    """Run in a subprocess: a segmentation fault or a hang must fail the test, not pytest."""
    source = tmp_path / "f.yml"
    source.write_text(DEEP[name], encoding="utf-8")
    script = (
        "import sys\nfrom referentiel.sources.yamlstrict import parse_yaml\n"
        "doc, diags = parse_yaml('f.yml', open(sys.argv[1], encoding='utf-8').read())\n"
        "print(doc is None, ' '.join(sorted({d.code for d in diags})))\n"
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", script, str(source)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["True", "YAML022"], proc.stdout
    assert time.perf_counter() - start < 10


def test_imbrication_permise_jusqu_a_la_limite() -> None:
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"
    doc, diags = parse_yaml("f.yml", ok)
    assert diags == [] and doc is not None
    too_deep = "a: " + "[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH + "\n"
    assert [c for _l, _c, c in codes(too_deep)] == ["YAML022"]


# One input for each problem libyaml reports, with the code given to the editor.
LIBYAML = [
    ("a:\n  b: 1\n\t- c\n", "YAML002"),
    ("a: >\n b\n\tc\n", "YAML002"),
    ("a: b\tc: d\n", "YAML001"),
    ("a: b: c\n", "YAML001"),
    ("a:\n    b: 1\n  c: 2\n", "YAML001"),
    ("a:\n  - b\n  c\n", "YAML001"),
    ("[a\n? b: c]\n", "YAML001"),
    ("- a\n? b\n", "YAML001"),
    ("{a: b\n", "YAML001"),
    ("a: [b, , c]\n", "YAML001"),
    ("a: `b`\n", "YAML001"),
    ("a: @b\n", "YAML001"),
    ("a: 'b", "YAML001"),
    ("a: 'b\n---\nc'\n", "YAML001"),
    ("a: |x\n  b\n", "YAML001"),
    ("a: |0\n  b\n", "YAML001"),
    ('a: "\\q"\n', "YAML023"),
    ('a: "C:\\dossier"\n', "YAML023"),
    ('a: "\\xZZ"\n', "YAML023"),
    ('a: "\\uD800"\n', "YAML023"),
    ("a: &\n", "YAML008"),
    ("a: * b\n", "YAML008"),
    ("a: !x!y 1\n", "YAML008"),
    ("a: !<x 1\n", "YAML008"),
    ("a: !<%zz> 1\n", "YAML008"),
    ("a: !important texte\n", "YAML008"),
    ("%TAG !x! \n---\na: 1\n", "YAML024"),
    ("%TAG !x !y\n---\n", "YAML024"),
    ("%YAML 1.1 x\n---\n", "YAML024"),
    ("%FOO\n---\na: 1\n", "YAML024"),
    ("%YAML 2.0\n---\na: 1\n", "YAML024"),
    ("%YAML 1.1\n%YAML 1.1\n---\n", "YAML024"),
    ("%TAG !x! a\n%TAG !x! b\n---\n", "YAML024"),
    ("%YAML 111111111111111.1\n---\n", "YAML024"),
    ("%YAML a.1\n---\n", "YAML024"),
    ("%YAML 1\n---\n", "YAML024"),
    ("% x\n---\n", "YAML024"),
    ("%Y@ML\n---\n", "YAML024"),
    ("a: 1\n... x\n", "YAML024"),
    ("a: 1\n---\nb: 2\n", "YAML024"),
]


@pytest.mark.parametrize(("text", "code"), LIBYAML)
def test_chaque_message_de_libyaml_traduit(text: str, code: str) -> None:
    doc, diags = parse_yaml("f.yml", text)
    assert doc is None or any(d.code == code for d in diags)
    assert [d.code for d in diags] == [code], [d.format_text() for d in diags]
    for d in diags:
        assert not ENGLISH.search(d.message), d.message
        assert d.message != "syntaxe YAML invalide à cet endroit", f"{text!r} sans traduction"


def test_echappement_invalide_n_est_pas_un_guillemet_non_ferme() -> None:
    (message,) = messages('titre: "Code pénal\\, article"\n')
    assert "guillemet ouvert" not in message and "échappement" in message


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("titre: « été »\n".encode("utf-16"), "UTF-16 (petit-boutiste)"),
        ("titre: « été »\n".encode("utf-16-le"), "UTF-16 (petit-boutiste)"),
        ("titre: « été »\n".encode("utf-16-be"), "UTF-16 (gros-boutiste)"),
        ("titre: « été »\n".encode("utf-32"), "UTF-32 (petit-boutiste)"),
        ("titre: « été »\n".encode("utf-32-be"), "UTF-32 (gros-boutiste)"),
        ("---\ntitre: x\n---\nTexte.\n".encode("utf-16-be"), "UTF-16 (gros-boutiste)"),
    ],
)
def test_utf16_et_utf32_nommes(raw: bytes, name: str) -> None:
    text, diags = decode("f.yml", raw)
    assert text is None
    (d,) = diags
    assert d.code == "FIC001" and name in d.message and "Latin-1" not in d.message


def test_latin1_reste_nomme_latin1() -> None:
    _text, (d,) = decode("f.yml", "titre: été\n".encode("latin-1"))
    assert "Latin-1" in d.message and "UTF-16" not in d.message


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"a: 1\rb: 2\r", (1, 5)),  # old Mac line endings
        (b"a: 1\nb: x\ry\n", (2, 5)),  # one stray carriage return
        (b"---\rtitre: x\r---\rTexte\r", (1, 4)),  # a Markdown fiche
    ],
)
def test_retour_chariot_seul_conseil_juste(raw: bytes, where: tuple[int, int]) -> None:
    text, diags = decode("f.yml", raw)
    assert text is None
    (d,) = diags
    assert (d.code, d.location.line, d.location.col) == ("YAML021", *where)
    assert "retour chariot" in d.message


def test_fins_de_ligne_crlf_acceptees() -> None:
    text, diags = decode("f.yml", b"a: 1\r\nb: 2\r\n")
    assert diags == [] and text is not None
    doc, problems = parse_yaml("f.yml", text)
    assert problems == [] and doc is not None and doc.where(("b",)).line == 2


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize(
    "template",
    ["# commentaire{c}suite\na: 1\nb: [\n", "a: texte{c}suite\nb: 1\nc: [\n", "a: 'x{c}y'\nc: ["],
)
def test_separateurs_unicode_ne_decalent_pas_les_lignes(char: str, template: str) -> None:
    text = template.format(c=char)
    found = codes(text)
    assert found and found[0][:2] == (1, text.index(char) + 1) and found[0][2] == "YAML020"
    # Nothing below is placed on a wrong line: the text is refused before libyaml counts.
    assert {c for _l, _c, c in found} == {"YAML020"}


@pytest.mark.parametrize(
    "char", ["\x00", "\x1b", "\x7f", "\x80", "\x9f", "\ufeff", "\ufffe", "\uffff"]
)
def test_caracteres_que_libyaml_refuse_sont_localises(char: str) -> None:
    text = f"a: 1\nb: x{char}y\n"
    assert codes(text) == [(2, 5, "FIC004")]
    assert not ENGLISH.search(messages(text)[0])


def test_positions_justes_apres_les_refus() -> None:
    doc, diags = parse_yaml("f.yml", "a: 1\n# note\nb:\n  c: [x, z]\n", offset=3)
    assert diags == [] and doc is not None
    assert doc.where(("b", "c", 1)).line == 7
