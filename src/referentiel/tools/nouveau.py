"""`referentiel nouveau fiche|procedure|texte|sigle <id>`: a valid skeleton, in place.

Editors start a new file by copying another one and forget a required key or keep a
stale id. The skeleton written here has every required key, a French comment on each,
and a marker « À compléter » where only the editor knows the value; the checker
reports each marker left (NOU001) with its line and what to write there, so the
skeleton passes `make check` exactly when it has been filled in.

A sigle is appended to glossary.yml as text, in alphabetical order of ids, so the
file's comments, quotes and layout stay as the editors wrote them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from referentiel.checks.squelettes import MARQUE, SOURCE_A_COMPLETER
from referentiel.models.base import is_id
from referentiel.models.texte import TypeTexte


class ScaffoldError(Exception):
    """A refusal an editor can act on (file exists, id malformed…)."""


def _q(text: str) -> str:
    """A double-quoted YAML string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _todo(what: str) -> str:
    return _q(f"{MARQUE} : {what}")


def _today() -> dt.date:
    from referentiel.checks.revue import build_date

    return build_date()


def _sources_block(source: str | None, indent: str = "") -> list[str]:
    return [
        f"{indent}sources:                # provenance : d'où vient ce contenu (obligatoire)",
        f"{indent}  - source: {source or SOURCE_A_COMPLETER}"
        + ("" if source else "    # identifiant d'un document de donnees/sources.yml"),
        f"{indent}    section: {_todo('titre, partie, article ou page de la source')}",
    ]


def _revue_block() -> list[str]:
    today = _today()
    try:
        later = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        later = today + dt.timedelta(days=365)
    return [
        f'verifie_le: "{today.isoformat()}"     # date de la dernière vérification sur les sources',
        f'a_revoir_avant: "{later.isoformat()}" # au-delà, la page affiche « À revoir »',
        f"referent: {_todo('fonction du référent de la page (jamais un nom de personne accompagnée)')}",
    ]


def fiche(ident: str, contexte: str, intitule: str | None, source: str | None) -> str:
    lines = [
        "---",
        "# Fiche de poste créée par « referentiel nouveau fiche ». Remplacez chaque « À compléter »",
        "# par ce que disent les sources, supprimez les listes inutiles, puis lancez « make check ».",
        f"id: {ident}                 # identifiant stable, identique au nom du fichier",
        f"intitule: {_q(intitule) if intitule else _todo('intitulé du poste, tel que la source l’écrit')}",
        f"contexte: {contexte}        # personnel-justice | spip | departement",
        f"resume: {_todo('une ou deux phrases tirées des sources')}",
        'rattachements: []           # exemple : - {nature: hierarchique, niveau: 1, libelle: "Responsable de MDS"}',
        "missions:                   # une mission par ligne ; ou {libelle, actes, dispositifs, sources}",
        f"  - {_todo('première mission, tirée de la source')}",
        'activites: []               # exemple : - {libelle: "…", actes: [dispositif/acte]}',
        "competences: []",
        "partenaires_internes: []",
        "partenaires_externes: []",
        "textes: []                  # textes de référence en vigueur (identifiants de donnees/textes/)",
        *_revue_block(),
        *_sources_block(source),
        "---",
        "",
    ]
    return "\n".join(lines)


def procedure(ident: str, contextes: list[str], titre: str | None, source: str | None) -> str:
    lines = [
        "---",
        "# Procédure créée par « referentiel nouveau procedure ». Remplacez chaque « À compléter »",
        "# par ce que disent les sources (délais seulement s'ils y figurent), puis « make check ».",
        f"id: {ident}                 # identifiant stable, identique au nom du fichier",
        f"titre: {_q(titre) if titre else _todo('titre de la procédure')}",
        f"contextes: [{', '.join(contextes)}]   # personnel-justice | spip | departement",
        f"resume: {_todo('à quoi sert la procédure, en une phrase')}",
        f"declencheur: {_todo('ce qui déclenche la procédure')}",
        'acteurs: []                 # exemple : - {libelle: "Assistant de service social", fiche: id-de-fiche}',
        "etapes:                     # dans l'ordre ; chaque étape : libelle, et acteur, documents, delai…",
        f"  - libelle: {_todo('première étape')}",
        "documents: []               # documents produits (note sociale, rapport…)",
        "dispositifs: []             # identifiants de dispositifs du tableau des interventions",
        "textes: []                  # textes de référence en vigueur (identifiants de donnees/textes/)",
        *_revue_block(),
        *_sources_block(source),
        "---",
        "",
    ]
    return "\n".join(lines)


def texte(ident: str, type_: str, titre: str | None, source: str | None) -> str:
    lines = [
        "# Texte de référence créé par « referentiel nouveau texte ». Remplacez chaque « À compléter »",
        '# puis lancez « make check ». Ajoutez date: "AAAA-MM-JJ" et numero: "…" si la source les donne.',
        f"id: {ident}                 # identifiant stable, identique au nom du fichier",
        f"type: {type_}               # {' | '.join(t.value for t in TypeTexte)}",
        f"titre: {_q(titre) if titre else _todo('titre officiel complet')}",
    ]
    if type_ == TypeTexte.ARTICLE.value:
        lines += [
            f"code: {_todo('nom du code, par exemple Code pénal')}",
            f"article: {_todo('numéro de l’article, entre guillemets')}",
        ]
    lines += [
        "statut: non-precise         # en-vigueur | abroge (avec abroge_par: id) | modifie | non-precise",
        f"resume: {_todo('ce que les sources disent de ce texte')}",
        *_sources_block(source),
        "",
    ]
    return "\n".join(lines)


def sigle_entry(
    ident: str, terme: str | None, forme: str | None, source: str | None, dash: str
) -> str:
    body = " " * (len(dash) + 2)
    lines = [
        f"{dash}- id: {ident}",
        f"{body}type: sigle",
        f"{body}terme: {_q(terme) if terme else _todo('le sigle tel qu’écrit')}",
        f"{body}forme_developpee: {_q(forme) if forme else _todo('forme développée, exactement comme la source')}",
        *_sources_block(source, body),
    ]
    return "\n".join(lines) + "\n"


def insert_sigle(text: str, ident: str, entry_for: Any) -> str:
    """Insert a glossary entry before the first entry with a greater id, as plain text."""
    from referentiel.sources.yamlstrict import parse_yaml

    doc, _diags = parse_yaml("glossary.yml", text)
    if (
        doc is None
        or not isinstance(doc.data, dict)
        or not isinstance(doc.data.get("entrees"), list)
    ):
        raise ScaffoldError(
            "glossary.yml illisible : corrigez d'abord les erreurs de « make check »"
        )
    entrees = doc.data["entrees"]
    ids = [e.get("id") for e in entrees if isinstance(e, dict)]
    if ident in ids:
        raise ScaffoldError(f"le sigle « {ident} » existe déjà dans glossary.yml")
    lines = text.split("\n")
    if entrees:
        dash = " " * max(doc.positions[("entrees", 0)][1] - 3, 0)
    else:
        dash = "  "
    following = next(
        (i for i, e in enumerate(entrees) if isinstance(e, dict) and str(e.get("id", "")) > ident),
        None,
    )
    if following is not None:
        at = doc.positions[("entrees", following)][0] - 1
    else:
        keys = list(doc.data)
        after = keys[keys.index("entrees") + 1 :] if "entrees" in keys else []
        at = (
            doc.key_positions[(after[0],)][0] - 1
            if after
            else len(lines) - (1 if lines[-1] == "" else 0)
        )
    # Comments and blank lines just above belong to the entry or key that follows.
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1
    new = entry_for(dash).rstrip("\n").split("\n")
    return "\n".join(lines[:at] + new + lines[at:])


def _check_id(ident: str) -> None:
    if not is_id(ident):
        raise ScaffoldError(
            f"identifiant « {ident} » mal formé : minuscules sans accent, chiffres et tirets "
            "(par exemple « assistant-de-service-social »)"
        )


def scaffold(root: Path, kind: str, ident: str, args: argparse.Namespace) -> str:
    """Write the skeleton; return the path written (relative to root)."""
    _check_id(ident)
    source = getattr(args, "source", None)
    if kind == "sigle":
        rel = "glossary.yml"
        path = root / rel
        text = path.read_text(encoding="utf-8")
        new = insert_sigle(
            text,
            ident,
            lambda dash: sigle_entry(ident, args.terme, args.forme_developpee, source, dash),
        )
        path.write_text(new, encoding="utf-8")
        return rel
    if kind == "fiche":
        rel, content = f"fiches/{ident}.md", fiche(ident, args.contexte, args.intitule, source)
    elif kind == "procedure":
        rel, content = f"procedures/{ident}.md", procedure(ident, args.contexte, args.titre, source)
    else:
        rel, content = f"donnees/textes/{ident}.yml", texte(ident, args.type, args.titre, source)
    path = root / rel
    if path.exists():
        raise ScaffoldError(f"{rel} existe déjà : modifiez-le plutôt que de le recréer")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(content)
    return rel
