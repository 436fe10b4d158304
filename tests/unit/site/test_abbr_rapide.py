"""The faster glossary matcher must produce exactly the HTML of Python-Markdown's abbr."""

from __future__ import annotations

import re

import markdown
import pytest

from referentiel.render.glossaire import trie_pattern

GLOSSAIRE = {
    "AS": "Assistant social",
    "ASS": "Assistant de service social",
    "ASE": "Aide sociale à l'enfance",
    "CAF": "Caisse d'allocations familiales",
    "PA/PH": "Personnes âgées / personnes handicapées",
    "3DS": "Différenciation…",
    "NOTRe": "Nouvelle organisation territoriale de la République",
    "D.S.I.T.": "non développé",
    "CCAPEX": "Commission…",
    "CCAS": "Centre communal d'action sociale",
}
TEXTES = [
    "L'ASS de la CAF saisit la CCAPEX ; l'AS et l'ASE aussi. ASSE n'est pas un sigle, CAFE non plus.",
    "# Titre avec CCAS\n\n| ASS | PA/PH |\n|---|---|\n| [la CAF](x.md) | 3DS et NOTRe |\n",
    "- *ASS* **CCAPEX** `ASS en code` D.S.I.T. et D.S.I.T.X\n- loi NOTRe, CCAS.\n\n> ASE\n",
    '<div markdown="1">\nLa CAF et l\'ASS\n</div>\n\n*[CCAS]: défini dans la page\n',
]


@pytest.mark.parametrize("texte", TEXTES)
def test_meme_html_que_abbr(texte: str) -> None:
    exts = ["abbr", "tables", "md_in_html"]
    cfg = {"abbr": {"glossary": GLOSSAIRE}}
    attendu = markdown.markdown(texte, extensions=exts, extension_configs=cfg)
    obtenu = markdown.markdown(
        texte, extensions=[*exts, "referentiel.site.abbr"], extension_configs=cfg
    )
    assert obtenu == attendu
    assert "<abbr" in obtenu


def test_arbre_de_prefixes_equivaut_a_l_alternance() -> None:
    mots = sorted(GLOSSAIRE)
    arbre = re.compile(r"\b" + trie_pattern(mots) + r"\b")
    longs_d_abord = sorted(mots, key=len, reverse=True)
    alternance = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in longs_d_abord) + r")\b")
    texte = " ".join(TEXTES) * 3
    assert [m.span() for m in arbre.finditer(texte)] == [
        m.span() for m in alternance.finditer(texte)
    ]
