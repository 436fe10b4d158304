"""Coverage of the five source documents by the référentiel, computed, never typed.

For each source: the sigles it uses (capitalised tokens that are not ordinary words
printed in capitals) and whether glossary.yml defines them, and how many fiches,
procédures, textes and cadres cite it. The closing figures of the content work come
from here, so they can be re-run after every change.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from referentiel.models.base import Located, Provenance
from referentiel.models.referentiel import Referentiel
from referentiel.sources.prose import SIGLE

_FOOTNOTE = re.compile(r"^([A-ZÀ-Ý]{2,})\d{1,3}$")
_WORD = re.compile(r"\b[a-zàâäçéèêëîïôöùûüÿæœ]{2,}\b")


@dataclass
class SourceCoverage:
    source: str
    titre: str
    sigles: dict[str, int] = field(default_factory=dict)  # candidate → occurrences
    definis: list[str] = field(default_factory=list)
    hors_glossaire: list[str] = field(default_factory=list)
    mots_en_capitales: list[str] = field(default_factory=list)
    noms_propres: list[str] = field(default_factory=list)
    non_definis: list[str] = field(default_factory=list)
    fiches: int = 0
    procedures: int = 0
    textes: int = 0
    cadres: int = 0
    entrees_glossaire: int = 0


def _cites(obj: object, source: str) -> bool:
    if isinstance(obj, Provenance):
        return obj.source == source
    if isinstance(obj, Located):
        return any(_cites(getattr(obj, n), source) for n in type(obj).model_fields)
    if isinstance(obj, list):
        return any(_cites(x, source) for x in obj)
    return False


def compute(ref: Referentiel, seeds: Path) -> list[SourceCoverage]:
    texts = {
        s.id: (seeds / s.fichier).read_text(encoding="utf-8")
        for s in ref.sources.values()
        if s.fichier and (seeds / s.fichier).is_file()
    }
    lower_words = set()
    for text in texts.values():
        lower_words.update(_WORD.findall(text))
    known = ref.glossaire.sigles() if ref.glossaire else {}
    hors = {h.mot for h in ref.glossaire.hors_glossaire} if ref.glossaire else set()
    result = []
    for sid, doc in ref.sources.items():
        cov = SourceCoverage(sid, doc.titre)
        text = texts.get(sid, "")
        # A footnote call glued to a sigle in the PDF extraction (« ANPE121 ») counts as the sigle.
        counts = Counter(_FOOTNOTE.sub(r"\1", m.group()) for m in SIGLE.finditer(text))
        cov.sigles = dict(sorted(counts.items()))
        for token in cov.sigles:
            if token in known:
                cov.definis.append(token)
            elif token in hors:
                cov.hors_glossaire.append(token)
            elif token.lower() in lower_words:
                cov.mots_en_capitales.append(token)
            elif re.search(
                rf"(?:\b[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?|\b[A-Z]\.|\b[A-Z]{{2}}|\bLE)[ -]+{re.escape(token)}\b"
                rf"|\b{re.escape(token)}\s+[A-Z]\.",
                text,
            ):
                cov.noms_propres.append(token)  # « Isabelle GORCE », « I. GORCE »: a surname
            else:
                cov.non_definis.append(token)
        cov.fiches = sum(_cites(f, sid) for f in ref.fiches.values())
        cov.procedures = sum(_cites(p, sid) for p in ref.procedures.values())
        cov.textes = sum(_cites(t, sid) for t in ref.textes.values())
        cov.cadres = sum(_cites(c, sid) for c in ref.cadres.values())
        cov.entrees_glossaire = sum(
            _cites(e, sid) for e in (ref.glossaire.entrees if ref.glossaire else [])
        )
        result.append(cov)
    return result


def to_markdown(rows: list[SourceCoverage]) -> str:
    out = [
        (
            "| Source | Sigles candidats | définis | hors glossaire | mots en capitales | noms propres | non définis | "
            "Fiches | Procédures | Textes | Cadres | Entrées du glossaire |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r.titre} | {len(r.sigles)} | {len(r.definis)} | {len(r.hors_glossaire)} | "
            f"{len(r.mots_en_capitales)} | {len(r.noms_propres)} | {len(r.non_definis)} | {r.fiches} | {r.procedures} | "
            f"{r.textes} | {r.cadres} | {r.entrees_glossaire} |"
        )
    missing = sorted({s for r in rows for s in r.non_definis})
    out.append("")
    out.append(
        "Sigles des sources non définis : " + (", ".join(missing) if missing else "aucun") + "."
    )
    return "\n".join(out)
