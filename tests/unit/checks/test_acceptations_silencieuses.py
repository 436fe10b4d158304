"""What used to pass without a word (issue 11, class 7): invisible characters produced by
YAML escapes, a record naming itself, implausible dates, a hand-written heading taking
the anchor of a generated section."""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel.build import files
from referentiel.cli import collect
from referentiel.load import load

FICHE = "fiches/assistant-de-service-social.md"
TEXTE = "donnees/textes/code-penal-226-13.yml"
CONTROL_DAY_EPOCH = "1795392000"  # 2026-11-23


def _found(depot: Path, prefix: str) -> list[tuple[str, int, str]]:
    return sorted(
        (d.location.path, d.location.line, d.code)
        for d in collect(depot, cache=False)
        if d.code.startswith(prefix)
    )


def _edit(depot: Path, rel: str, old: str, new: str) -> None:
    path = depot / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Escapes YAML turns into characters the file does not show.
ESCAPES = {
    "echap": r"\e",
    "nul": r"\0",
    "nel": r"\N",
    "separateur-de-ligne": r"\L",
    "separateur-de-paragraphe": r"\P",
    "hexadecimal": r"\x1b",
    "unicode-c1": r"\u009b",
    "cloche": r"\a",
    "retour-arriere": r"\b",
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_caractere_de_controle_issu_d_un_echappement(name: str, depot: Path) -> None:
    _edit(
        depot,
        FICHE,
        'intitule: "Assistant de service social"',
        f'intitule: "Assistant{ESCAPES[name]} de service social"',
    )
    assert _found(depot, "FIC004") == [(FICHE, 3, "FIC004")]


@pytest.mark.parametrize("char", ["\u0085", "\u2028", "\u2029", "\x9b"])
def test_caractere_invisible_tape_dans_le_corps(char: str, depot: Path) -> None:
    _edit(depot, FICHE, "L'ASS intervient", f"L'ASS{char} intervient")
    assert [c for _, _, c in _found(depot, "FIC004")] == ["FIC004"]


def test_fiche_rattachee_a_elle_meme(depot: Path) -> None:
    _edit(
        depot,
        FICHE,
        "textes: [code-penal-226-13]\n",
        "textes: [code-penal-226-13]\nrattachements:\n  - nature: hierarchique\n    niveau: 1\n"
        '    fiche: assistant-de-service-social\n    libelle: "Lui-même"\n',
    )
    found = _found(depot, "REF")
    assert [c for _, _, c in found] == ["REF005"]


def test_texte_qui_s_abroge_lui_meme(depot: Path) -> None:
    _edit(
        depot, TEXTE, "statut: en-vigueur\n", "statut: en-vigueur\nmodifie: [code-penal-226-13]\n"
    )
    assert [c for _, _, c in _found(depot, "REF")] == ["REF005"]


DATES = {
    "avant-1900": ("1026-01-01", True),
    "chiffre-perdu": ("207-03-05", None),  # not a date for the reader: reported there
    "siecle-suivant": ("2207-12-04", True),
    "onze-ans": ("2037-12-01", True),
    "neuf-ans": ("2035-11-01", False),
    "1946": ("1946-04-08", False),
}


@pytest.mark.parametrize("name", sorted(DATES))
def test_dates_plausibles(name: str, depot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", CONTROL_DAY_EPOCH)
    value, refused = DATES[name]
    _edit(depot, TEXTE, "statut: en-vigueur\n", f'statut: en-vigueur\ndate: "{value}"\n')
    codes = [c for _, _, c in _found(depot, "")]
    if refused is None:
        assert "DAT001" not in codes and codes
    else:
        assert ("DAT001" in codes) is refused


def test_verification_datee_du_futur(depot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", CONTROL_DAY_EPOCH)
    _edit(
        depot, FICHE, "contexte: departement\n", 'contexte: departement\nverifie_le: "2026-12-25"\n'
    )
    assert [c for _, _, c in _found(depot, "DAT")] == ["DAT001"]


# A hand-written heading in a fiche's body comes before the generated sections.
STEALS = {
    "titre-de-section": ("## Missions", True),
    "titre-setext": ("Missions\n--------", True),
    "apostrophe-typographique": ("### Limites d’intervention", True),  # same slug
    "titre-meme-slug": ("#### Limites d'intervention", True),
    "ancre-explicite": ("## Nos sources {#sources}", True),
    "html-brut": ('<span id="textes-de-reference"></span>', True),
    "autre-titre": ("## Notre organisation", False),
    "presentation-avant": ("## Présentation", False),  # the generated one comes first
}


@pytest.mark.parametrize("name", sorted(STEALS))
def test_titre_qui_prend_l_ancre_d_une_section_generee(name: str, depot: Path) -> None:
    heading, steals = STEALS[name]
    _edit(depot, FICHE, "L'ASS intervient", f"{heading}\n\nL'ASS intervient")
    found = _found(depot, "ANC")
    if steals:
        text = (depot / FICHE).read_text(encoding="utf-8")
        line = text.split("\n").index(heading.split("\n")[0]) + 1
        assert found == [(FICHE, line, "ANC001")]
    else:
        assert found == []


def test_le_vol_d_ancre_est_reel_sur_la_page_generee(depot: Path) -> None:
    """What ANC001 prevents, on the page the site builds: the body heading takes the id."""
    from referentiel.checks.rendu import pipeline

    _edit(depot, FICHE, "L'ASS intervient", "## Missions\n\nL'ASS intervient")
    ref, _ = load(depot, cache=False)
    page = files(ref, depot)[FICHE].decode("utf-8")
    html, _ = pipeline(None).convert(page.split("\n---\n", 1)[1])
    first = html.index('id="missions"')
    assert first < html.index("Prévenir les expulsions")  # the generated list comes after
    assert 'id="missions_1"' in html
