"""JSON Schemas exported from the pydantic models, for editors' autocompletion.

The models stay the single source of truth: VS Code's YAML extension reads these
schemas to complete keys and underline an unknown key while the editor types, long
before `make check`. The schemas are committed in `schemas/` (so completion works
right after a clone, without running anything) and a test proves they equal what
this module generates, so they cannot drift from the models: `make schemas`
rewrites them after a model change.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from referentiel.models import base
from referentiel.models.cadre import Cadre
from referentiel.models.fiche import Fiche
from referentiel.models.glossaire import Glossaire
from referentiel.models.organisation import Organisation
from referentiel.models.procedure import Procedure
from referentiel.models.registres import RegistreContextes, RegistreSources
from referentiel.models.tableau import Tableau
from referentiel.models.texte import Texte

SCHEMAS_DIR = "schemas"

# Schema file name → (model, title shown by the editor, files it applies to).
# The globs are what .vscode/settings.json maps; fiches and procédures are Markdown
# with a front matter, which the YAML extension cannot validate (the checker does).
SCHEMAS: dict[str, tuple[type[BaseModel], str, list[str]]] = {
    "glossaire": (Glossaire, "Glossaire (glossary.yml)", ["glossary.yml"]),
    "tableau": (Tableau, "Tableau des interventions", ["donnees/tableau.yml"]),
    "texte": (Texte, "Texte de référence", ["donnees/textes/*.yml"]),
    "cadre": (Cadre, "Cadre de référence", ["donnees/cadre/*.yml"]),
    "organisation": (Organisation, "Organisation", ["donnees/organisation/*.yml"]),
    "sources": (RegistreSources, "Documents sources", ["donnees/sources.yml"]),
    "contextes": (RegistreContextes, "Contextes d'exercice", ["donnees/contextes.yml"]),
    "fiche": (Fiche, "Fiche de poste (en-tête YAML)", []),
    "procedure": (Procedure, "Procédure (en-tête YAML)", []),
}

# Fields that are not YAML keys (the Markdown body) or that the loader fills in.
_NOT_YAML = {"corps", "corps_ligne"}
_LOADER_FILLED = {"Organisation": {"id"}}

# French help shown when hovering a key; the English docstrings are for developers.
AIDE: dict[str, str] = {
    "id": "Identifiant stable : minuscules sans accent, chiffres et tirets (kebab-case).",
    "sources": "Provenance : liste de {source, section} ; source = identifiant de donnees/sources.yml.",
    "source": "Identifiant du document source (donnees/sources.yml).",
    "section": "Titre, partie, article ou page du document source.",
    "page": "Page du document source (facultatif).",
    "lignes": 'Lignes de l\'extraction texte, par exemple "120-134" (facultatif).',
    "note": "Note de lecture sur une cellule ou un passage ambigu (facultatif).",
    "libelle": "Libellé affiché sur le site, en casse de phrase, accents rétablis.",
    "libelle_source": "Libellé tel qu'imprimé dans la source (facultatif).",
    "actes": "Références d'actes du tableau, de la forme dispositif/acte.",
    "dispositifs": "Identifiants de dispositifs du tableau des interventions.",
    "textes": "Textes de référence en vigueur (identifiants de donnees/textes/).",
    "textes_historiques": "Textes abrogés cités pour l'historique.",
    "date": 'Date entre guillemets : "AAAA-MM-JJ", "AAAA-MM" ou "AAAA".',
    "verifie_le": 'Date de la dernière vérification, entre guillemets : "AAAA-MM-JJ".',
    "a_revoir_avant": 'Date limite de la prochaine revue, entre guillemets : "AAAA-MM-JJ".',
    "referent": "Fonction de la personne référente de la page (jamais un nom de personne accompagnée).",
    "forme_developpee": "Forme développée d'un sigle, exactement comme dans la source (obligatoire pour un sigle).",
    "non_developpe": "Sigle qu'aucune source ne développe et dont aucune forme usuelle n'est connue : pas de forme_developpee, une definition.",
    "terme": "Le sigle tel qu'écrit, ou le terme.",
    "statut": "Statut du texte : en-vigueur, abroge, modifie ou non-precise.",
    "abroge_par": "Texte qui abroge celui-ci (obligatoire si statut: abroge).",
    "contexte": "Contexte d'exercice : personnel-justice, spip ou departement.",
    "contextes": "Contextes d'exercice : personnel-justice, spip, departement.",
}

_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class _Generator(GenerateJsonSchema):
    """Describes what the loader accepts, not only what pydantic stores.

    A number written without quotes (`page: 27`) is accepted as text, and a list
    element may be plain text (`- "Accueil"`) instead of a block; without this the
    editor would underline valid sources.
    """

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        func = schema["function"]["function"]
        if func is base._to_text:
            if inner.get("type") == "string":
                return {**inner, "type": ["string", "number"]}
            return inner
        if func is base._element_from_text:
            return {"anyOf": [{"type": "string", "minLength": 1}, inner]}
        return inner

    def function_after_schema(
        self, schema: core_schema.AfterValidatorFunctionSchema
    ) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        if schema["function"]["function"] is base._check_date:
            inner = {**inner, "pattern": _DATE_PATTERN, "type": "string"}
        return inner


def _french(node: Any) -> None:
    """Replace developers' docstrings by French help, and pydantic titles by key names."""
    if isinstance(node, list):
        for item in node:
            _french(item)
        return
    if not isinstance(node, dict):
        return
    if isinstance(node.get("description"), str):
        del node["description"]
    for key, value in node.items():
        if key in ("properties", "$defs") and isinstance(value, dict):
            for name, sub in value.items():
                _french(sub)
                if key == "properties" and isinstance(sub, dict):
                    sub.pop("title", None)
                    if name in AIDE:
                        sub["description"] = AIDE[name]
        else:
            _french(value)


def schema_for(name: str) -> dict[str, Any]:
    model, title, _ = SCHEMAS[name]
    schema = model.model_json_schema(schema_generator=_Generator)
    for key in _NOT_YAML | _LOADER_FILLED.get(model.__name__, set()):
        schema.get("properties", {}).pop(key, None)
    _french(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        **schema,
        "title": title,
    }


def render_all() -> dict[str, str]:
    """File name → JSON text, stable (sorted keys, final newline) so diffs stay small."""
    return {
        f"{name}.schema.json": json.dumps(
            schema_for(name), ensure_ascii=False, indent=2, sort_keys=True
        )
        + "\n"
        for name in SCHEMAS
    }
