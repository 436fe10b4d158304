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
from referentiel.models.fiche import Role
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


# --- Inventory of what the sources describe (issue 16) ------------------------------
#
# Three counts, each by a rule that can be read and re-run, never by hand:
#
# - textes cités: every mention of a text in a source (loi, décret, circulaire, arrêté,
#   ordonnance, instruction, note de service, lettre, projet de loi, code de déontologie,
#   plan, règlement, schéma national, article d'un code), found by the patterns below and
#   kept when it identifies a text: a date, a number, a name (« loi NOTRe ») or a kind
#   that is a text by itself (« projet de loi sur… », « code de déontologie médicale »,
#   « plan pluriannuel… »). A mention is covered when a texte of the same kind cites that
#   source at that line, has the same number or full date, or carries the mention's name
#   or kind phrase in its title.
# - rôles décrits avec leurs missions: a professional title followed, within six words,
#   by « de / des / du / en / salariés des… » and an institution of _INSTITUTIONS
#   (« les ASS des caisses », « CESF, travailleurs sociaux salariés des OPAC »), on a line
#   (±1) that speaks of missions; a role counts when two such lines describe it in one
#   source. It is covered when a fiche cites one of those lines, or its title holds the
#   same professional title and the institution (or the institution of its contexte).
# - procédures décrites: a dispositif of the tableau whose actes (three or more) run
#   from a demand (constituer, instruire, demander, candidat…) to what follows it (suivi,
#   bilan, commission, admission, audience, instance, note sociale…), as the DALO
#   procédure was built from its three actes. It is covered when a procédure names the
#   dispositif or one of its actes.

_MOIS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
_DATE = rf"(?:(?:1er|\d{{1,2}})\s+(?:{_MOIS})\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})"
_NUM = r"(?i:n\s*°)\s*[\d][\w/.-]*(?:\s[\d]+)?|\b[A-Z]{2,}(?:[/-][\w.]+)+|\bNOR\s*:?\s*[A-Z]{4}\d+[A-Z]"
# (pattern of the kind, type of texte it may be stored as, text by itself without a date)
_KINDS: list[tuple[str, set[str], bool]] = [
    (r"projet\s+de\s+loi", {"loi", "autre"}, True),
    (r"loi(?:\s+(?:constitutionnelle|organique))?", {"loi"}, False),
    (r"décrets?", {"decret"}, False),
    (r"circulaires?", {"circulaire"}, False),
    (r"arrêtés?\s+de\s+délégation", {"arrete"}, True),
    (r"arrêtés?(?!\s+(?:le|par|au|à|en)\b)", {"arrete"}, False),
    (r"ordonnances?", {"ordonnance"}, False),
    (r"instructions?", {"instruction"}, False),
    (r"notes?\s+de\s+service", {"instruction", "autre"}, False),
    (r"lettre", {"instruction", "autre"}, False),
    (r"code\s+de\s+déontologie\s+médicale", {"code", "autre"}, True),
    (r"code\s+de\s+déontologie", {"code", "autre"}, True),
    (r"plan\s+pluriannuel\s+de\s+lutte", {"autre"}, True),
    (r"plan\s+d['’]action\s+en\s+faveur\s+du\s+travail\s+social", {"autre"}, True),
    (r"plan\s+de\s+cohésion\s+sociale", {"autre", "loi"}, True),
    (r"règlement\s+\(?UE\)?", {"autre"}, False),
    (r"schéma\s+national", {"autre"}, False),
]
# The kinds only: what follows a kind (its date, number, name) is read up to the next
# kind, so that « décret du 11 juin et l'arrêté du 29 juin 2004 » gives two mentions.
_TEXTE = re.compile(
    r"\b(?:" + "|".join(f"(?P<k{i}>{k})" for i, (k, _, _) in enumerate(_KINDS)) + r")",
    re.IGNORECASE,
)
_ARTICLE = re.compile(
    r"\b(?:l['’])?art(?:icle|\.)s?\s+(?P<art>L\.?\s?\d[\d-]*|R\.?\s?\d[\d-]*|D\.?\s?\d[\d-]*|\d+(?:-\d+)*)"
    r"(?P<rest>[^.;]{0,60})",
    re.IGNORECASE,
)
_NAMED_LAW = re.compile(
    r"\bloi\s+(?P<name>NOTRe|Besson|MAPTAM|ALUR|Taquet|3DS|Le Pors)\b", re.IGNORECASE
)

_TITLES = {
    "assistant de service social": r"assistant(?:e)?s?\s+(?:de\s+service\s+)?socia(?:l|le|les|ux)(?:\s+spécialisées?)?|ASS\b",
    "conseiller en économie sociale familiale": r"conseill(?:er|ère)s?\s+en\s+économie\s+sociale\s+(?:et\s+)?familiale|CESF\b",
    "travailleur social": r"travailleurs?\s+sociaux|travailleur\s+social",
    "conseiller technique": r"conseill(?:er|ère)s?\s+techniques?",
    "psychologue": r"psychologues?",
    "médecin": r"médecins?",
    "éducateur": r"éducat(?:eur|rice)s?",
}
_INSTITUTIONS = {
    "éducation nationale": r"(?:l['’])?éducation\s+nationale|milieu\s+scolaire",
    "CAF": r"CAF\b|caisses?\b",
    "OPAC": r"OPAC\b|bailleurs?\b",
    "MSA": r"MSA\b",
    "CCAS": r"CCAS\b|mairies?\b",
    "SPIP": r"SPIP\b",
    # « du personnel » : the service social du personnel ; a bare « personnel(s) » is any staff.
    "personnel": r"du\s+personnel\b",
    "conseil général": r"conseils?\s+généra(?:l|ux)|départements?\b|MDS\b",
    "hôpital": r"(?:l['’])?hôpital\b|UCSA\b|SMPR\b",
}
_CONTEXTE_INSTITUTION = {
    "spip": "SPIP",
    "personnel-justice": "personnel",
    "departement": "conseil général",
}
_MISSION = re.compile(
    r"\bmissions?\b|\bfonctions?\b|\bchargée?s?\s+de\b|\ba\s+pour\s+(?:rôle|mission)|\bobjectifs?\b"
    r"|\binterv(?:iennent|ient|ention)\b|\bassurent\b|\bchamps?\b",
    re.IGNORECASE,
)
_DEMANDE = re.compile(r"constitution|instruction|demande|candidat", re.IGNORECASE)
_SUITE = re.compile(
    r"suivi|bilan|commission|admission|audience|décision|proposition|recours|prolongation|instance"
    r"|note\s+sociale",
    re.IGNORECASE,
)


@dataclass
class Mention:
    """One thing a source describes, and what in the référentiel covers it (if anything)."""

    source: str
    ligne: int
    libelle: str
    couvert_par: list[str] = field(default_factory=list)


@dataclass
class Inventaire:
    roles: list[Mention] = field(default_factory=list)
    textes: list[Mention] = field(default_factory=list)
    procedures: list[Mention] = field(default_factory=list)


def _ranges(lignes: str | None) -> list[tuple[int, int]]:
    if not lignes:
        return []
    out = []
    for part in lignes.split(","):
        a, _, b = part.strip().partition("-")
        out.append((int(a), int(b or a)))
    return out


def _cited_lines(objs: list[tuple[str, object]]) -> dict[str, list[tuple[int, int, str]]]:
    """source id → [(first line, last line, id of the object whose provenance cites it)]."""
    from referentiel.models.base import provenances

    out: dict[str, list[tuple[int, int, str]]] = {}
    for ident, obj in objs:
        for prov in provenances(obj):
            for a, b in _ranges(prov.lignes):
                out.setdefault(prov.source, []).append((a, b, ident))
    return out


def _covering(cited: dict[str, list[tuple[int, int, str]]], source: str, line: int) -> list[str]:
    return sorted({ident for a, b, ident in cited.get(source, []) if a <= line <= b})


def _line_at(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


_MOIS_NUM = {
    m: i
    for i, m in enumerate(
        [
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ],
        start=1,
    )
}


def _iso(date: str) -> str | None:
    d = _fold(date).replace("1er", "1")
    m = re.match(r"(\d{1,2})\s+(\w+)\s+(\d{4})", d)
    if m and m.group(2) in _MOIS_NUM:
        return f"{m.group(3)}-{_MOIS_NUM[m.group(2)]:02d}-{int(m.group(1)):02d}"
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", d)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def _textes_cites(ref: Referentiel, sid: str, flat: str, starts: list[int]) -> list[Mention]:
    types = {t.id: t.type.value for t in ref.textes.values()}
    cited = _cited_lines([(t.id, t) for t in ref.textes.values()])
    titles = [(_fold(f"{t.titre} {t.resume or ''}"), t) for t in ref.textes.values()]
    out: list[Mention] = []
    seen: set[int] = set()
    kinds = list(_TEXTE.finditer(flat))
    follows = {
        m.start(): (kinds[n + 1].start() if n + 1 < len(kinds) else len(flat))
        for n, m in enumerate(kinds)
    }
    for m in [*kinds, *_ARTICLE.finditer(flat), *_NAMED_LAW.finditer(flat)]:
        if m.re is _TEXTE:
            rest = re.split(
                r"[.;:]", flat[m.end() : min(m.end() + 90, follows[m.start()])], maxsplit=1
            )[0]
            rest_start = m.end()
        else:
            rest = m.group("rest") if "rest" in m.re.groupindex else ""
        date = re.search(_DATE, rest or "", re.IGNORECASE)
        num = re.search(_NUM, rest or "")  # case matters: « DAGE/05/13/B », not « devra-t-il »
        if m.re is _TEXTE:
            i = next(int(k[1:]) for k, v in m.groupdict().items() if k.startswith("k") and v)
            _, allowed, alone = _KINDS[i]
            found = date or num
            if not (found or alone):
                continue  # « la circulaire », « un décret » : no text is identified
            end = found.end() + rest_start if found else min(m.end() + len(rest), m.end() + 60)
        elif m.re is _ARTICLE:
            if not re.search(r"\bcode\b|CASF|CFAS|CSP", rest or ""):
                continue
            allowed, alone, end = {"article", "code"}, True, m.end()
        else:
            allowed, alone, end = {"loi"}, True, m.end()
        if m.start() in seen:
            continue
        seen.add(m.start())
        line = _line_at(starts, m.start())
        label = " ".join(flat[m.start() : end].split())[:110]
        # The text's own number or date first; then any text of that kind whose
        # provenance cites this line (a date the source misprints, a text named by title).
        cover = []
        if num:
            n = re.sub(r"^n\s*°|[\s°:]|^nor", "", _fold(num.group()))
            cover = [
                t.id
                for t in ref.textes.values()
                if t.numero and re.sub(r"[\s°:]|^nor", "", _fold(t.numero)).endswith(n)
            ][:1]
        if not cover and date and (iso := _iso(date.group())):
            cover = [
                t.id for t in ref.textes.values() if t.date == iso and t.type.value in allowed
            ][:1]
        if not cover:
            cover = [c for c in _covering(cited, sid, line) if types[c] in allowed]
        if not cover and m.re is _NAMED_LAW:
            cover = [t.id for folded, t in titles if _fold(m.group("name")) in folded][:1]
        if not cover and m.re is _ARTICLE:
            art = re.sub(r"[\s.]", "", _fold(m.group("art")))
            cover = [
                t.id
                for t in ref.textes.values()
                if t.article and re.sub(r"[\s.]", "", _fold(t.article)) == art
            ][:1]
        if not cover and m.re is _TEXTE and alone:
            phrase = _fold(m.group(f"k{i}"))
            cover = [
                t.id
                for folded, t in titles
                if phrase in _fold(t.titre)
                and t.type.value in allowed
                and ("medicale" in phrase) == ("medicale" in folded)
            ][:1]
        out.append(Mention(sid, line, label, cover))
    return out


_TITLE_RE = re.compile("|".join(f"(?P<t{i}>{p})" for i, p in enumerate(_TITLES.values())))
_INST_RE = re.compile(
    "|".join(f"(?P<i{i}>{p})" for i, p in enumerate(_INSTITUTIONS.values())), re.IGNORECASE
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]|$)")


def _roles_decrits(
    ref: Referentiel, sid: str, text: str, flat: str, starts: list[int]
) -> list[Mention]:
    cited = _cited_lines([(f.id, f) for f in ref.fiches.values()])
    titles, insts = list(_TITLES), list(_INSTITUTIONS)
    found: dict[tuple[str, str], set[int]] = {}
    previous = ""
    for s in _SENTENCE.finditer(flat):
        sentence = s.group()
        if _MISSION.search(previous + " " + sentence):
            names = {
                titles[int(k[1:])]
                for m in _TITLE_RE.finditer(sentence)
                for k, v in m.groupdict().items()
                if v
            }
            places = {
                insts[int(k[1:])]
                for m in _INST_RE.finditer(sentence)
                for k, v in m.groupdict().items()
                if v
            }
            for title in names:
                for inst in places:
                    first = s.start() + len(sentence) - len(sentence.lstrip())
                    found.setdefault((title, inst), set()).add(_line_at(starts, first))
        previous = sentence
    out = []
    for (title, inst), where in sorted(found.items()):
        if len(where) < 2:
            continue
        head = [w[:5] for w in _fold(title).split() if len(w) > 3]
        cover = set()
        for f in ref.fiches.values():
            # A partner's fiche belongs to its own institution, not to its contexte's.
            place = (
                f.institution
                if f.role is Role.PARTENAIRE
                else _CONTEXTE_INSTITUTION.get(f.contexte.value, "")
            )
            own = _fold(f"{f.intitule} {place}")
            if _fold(inst) not in own:
                continue
            if all(w in own for w in head) or any(
                f.id in _covering(cited, sid, line) for line in where
            ):
                cover.add(f.id)
        out.append(
            Mention(sid, min(where), f"{title} ({inst}), {len(where)} phrases", sorted(cover))
        )
    return out


def _procedures_decrites(ref: Referentiel) -> list[Mention]:
    covered: dict[str, set[str]] = {}
    for proc in ref.procedures.values():
        for d in proc.dispositifs:
            covered.setdefault(d, set()).add(proc.id)
        for etape in proc.etapes:
            for a in etape.actes:
                covered.setdefault(a.split("/")[0], set()).add(proc.id)
    out = []
    for champ in ref.champs():
        for disp in champ.dispositifs:
            libelles = [a.libelle for a in disp.actes]
            if (
                len(libelles) >= 3
                and any(_DEMANDE.search(x) for x in libelles)
                and any(_SUITE.search(x) for x in libelles)
            ):
                prov = next((p for p in [*disp.sources, *champ.sources] if p.lignes), None)
                line = _ranges(prov.lignes)[0][0] if prov else 0
                out.append(
                    Mention(
                        prov.source if prov else "",
                        line,
                        f"{disp.libelle} ({len(libelles)} actes)",
                        sorted(covered.get(disp.id, set())),
                    )
                )
    return out


def inventorier(ref: Referentiel, seeds: Path) -> Inventaire:
    inv = Inventaire()
    for sid, doc in ref.sources.items():
        path = seeds / doc.fichier if doc.fichier else None
        if path is None or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        flat = text.replace("\n", " ")  # same offsets: a mention may run across a line break
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        inv.roles += _roles_decrits(ref, sid, text, flat, starts)
        inv.textes += _textes_cites(ref, sid, flat, starts)
    inv.procedures = _procedures_decrites(ref)
    return inv


def inventaire_markdown(ref: Referentiel, inv: Inventaire) -> str:
    out = []
    for title, items in (
        ("Rôles décrits avec leurs missions", inv.roles),
        ("Textes cités", inv.textes),
        ("Procédures décrites (tableau des interventions)", inv.procedures),
    ):
        done = [m for m in items if m.couvert_par]
        out += ["", f"## {title} : {len(done)} couverts sur {len(items)}", ""]
        rest = [m for m in items if not m.couvert_par]
        if not rest:
            out.append("Reste : rien.")
            continue
        out += ["Reste :", ""]
        for m in rest:
            court = ref.sources[m.source].libelle_court if m.source in ref.sources else m.source
            out.append(f"- {m.libelle} — {court}, ligne {m.ligne}")
    return "\n".join(out)
