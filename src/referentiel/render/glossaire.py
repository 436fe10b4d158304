"""The glossary page (A–Z, one anchor per entry) and the abbreviations for tooltips."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from referentiel.models.glossaire import Entree, TypeEntree
from referentiel.models.referentiel import Referentiel
from referentiel.render.md import Page, esc, provenance_short
from referentiel.render.usage import Usages


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> str:
    """Accent- and case-blind key (« Écrou » files under E). Cached: the glossary page
    sorts the same few thousand terms many times (a sixth of generation at 10×)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def letter(entree: Entree) -> str:
    first = sort_key(entree.terme)[:1].upper()
    return first if first.isalpha() else "0-9"


def trie_pattern(words: list[str]) -> str:
    """A regex source equivalent to `word1|word2|…` (longest first), factored by prefix."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def abbr_pattern(abbrs: dict[str, str]) -> re.Pattern[str] | None:
    """Finds the sigles of `abbrs` in a text, as the `abbr` extension will (whole words)."""
    if not abbrs:
        return None
    return re.compile(r"\b" + trie_pattern(sorted(abbrs)) + r"\b")


def abbreviations(ref: Referentiel) -> dict[str, str]:
    """Sigle (every written form) → expansion, for Python-Markdown's `abbr` glossary."""
    if ref.glossaire is None:
        return {}
    return {
        forme: (
            "sigle non développé par les sources"
            if entree.non_developpe
            else (entree.forme_developpee or "")
            + (" (forme usuelle, non donnée par les sources)" if entree.forme_hors_sources else "")
        )
        for forme, entree in sorted(ref.glossaire.sigles().items())
    }


def glossaire_page(ref: Referentiel, usages: Usages) -> Page:
    assert ref.glossaire is not None
    entrees = sorted(ref.glossaire.entrees, key=lambda e: (sort_key(e.terme), e.id))
    letters = list(dict.fromkeys(letter(e) for e in entrees))
    nb_sigles = sum(1 for e in entrees if e.type is TypeEntree.SIGLE)
    ids = {x.id: x for x in entrees}  # once, not once per entry (quadratic at 50×: 14 s)
    out = [
        "# Glossaire",
        "",
        (
            f"{nb_sigles} sigles et {len(entrees) - nb_sigles} termes, tels que les sources les donnent. "
            "Télécharger : [CSV](../donnees/glossaire.csv) · [ODS](../donnees/glossaire.ods)."
        ),
        "",
        '<nav class="ref-az" aria-label="Lettres du glossaire" markdown="1">',
        " ".join(f"[{lt}](#lettre-{lt.lower()})" for lt in letters),
        "</nav>",
        "",
    ]
    current = None
    for e in entrees:
        lt = letter(e)
        if lt != current:
            current = lt
            out += [f"## {lt} {{#lettre-{lt.lower()}}}", ""]
        out += [f"### {esc(e.terme)} {{#{e.id}}}", ""]
        if e.forme_developpee:
            out += [f"**{esc(e.forme_developpee)}**", ""]
            if e.forme_hors_sources:
                out += [
                    "*Forme développée usuelle : aucune des sources ne développe ce sigle.*",
                    "",
                ]
        if e.non_developpe:
            out += [
                "*Sigle non développé : aucune des sources n'en donne la forme développée.*",
                "",
            ]
        if e.definition:
            out += [esc(e.definition), ""]
        details = []
        if e.variantes:
            details.append("*Autres graphies :* " + ", ".join(esc(v) for v in e.variantes))
        for autre in e.autres_formes:
            details.append(
                f"*Autre forme :* « {esc(autre.forme)} » "
                f"({esc('; '.join(provenance_short(ref, p) for p in autre.sources))})"
            )
        if e.notes:
            details.append(f"*Note :* {esc(e.notes)}")
        if e.contextes:
            details.append(
                "*Contextes :* "
                + ", ".join(
                    esc(ref.contextes[c.value].libelle_court)
                    for c in e.contextes
                    if c.value in ref.contextes
                )
            )
        if e.voir_aussi:
            details.append(
                "*Voir aussi :* "
                + ", ".join(f"[{esc(ids[v].terme)}](#{v})" for v in e.voir_aussi if v in ids)
            )
        used = usages.sigles.get(e.id, set())
        if used:
            links = [
                f"[{esc(t)}](../{p})" for p, t in sorted(used, key=lambda x: (sort_key(x[1]), x[0]))
            ]
            details.append(f"*Utilisé dans ({len(used)}) :* " + ", ".join(links))
        details.append("*Sources :* " + esc("; ".join(provenance_short(ref, p) for p in e.sources)))
        out += [f"- {d}" for d in details] + [""]
    return Page("glossaire/index.md", "Glossaire", "\n".join(out), "glossary.yml")
