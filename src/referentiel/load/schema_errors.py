"""Pydantic validation errors → French diagnostics located in the YAML file.

Pydantic reports a `loc` tuple per error; the YAML reader recorded where each path
stands, so an editor gets `fiche.md:14:5` and a sentence in French, never a traceback
or pydantic's English.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from referentiel.diagnostics import Diagnostic
from referentiel.models.base import LIGNES_PATTERN
from referentiel.sources.yamlstrict import Path, YamlDoc

_TYPES = {
    "string_type": "texte attendu",
    "list_type": "liste attendue (éléments précédés de « - »)",
    "dict_type": "bloc de clés attendu",
    "model_type": "bloc de clés attendu",
    "model_attributes_type": "bloc de clés attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "bool_type": "true ou false attendu",
    "too_short": "liste vide : au moins un élément est attendu",
    "string_too_short": "texte vide",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
}


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    """The model classes reachable inside an annotation (list[X], X | None, Annotated…)."""
    found: list[type[BaseModel]] = []
    stack = [annotation]
    while stack:
        ann = stack.pop()
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            found.append(ann)
            continue
        stack.extend(typing.get_args(ann))
    return found


def _enum_at(annotation: Any) -> type[Enum] | None:
    stack = [annotation]
    while stack:
        ann = stack.pop()
        if isinstance(ann, type) and issubclass(ann, Enum):
            return ann
        if not isinstance(ann, types.GenericAlias) and not typing.get_args(ann):
            continue
        stack.extend(typing.get_args(ann))
    return None


def _model_at(model: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        inner = _inner_models(field.annotation)
        current = inner[0] if inner else None
    return current


def _field_annotation(model: type[BaseModel], loc: Path) -> Any:
    parent = _model_at(model, tuple(p for p in loc[:-1]))
    last = next((p for p in reversed(loc) if isinstance(p, str)), None)
    if parent is None or last is None or last not in parent.model_fields:
        return None
    return parent.model_fields[last].annotation


def suggest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def _clean_loc(loc: tuple[Any, ...]) -> Path:
    # Pydantic inserts validator tags such as 'function-before[...]' into loc.
    return tuple(p for p in loc if isinstance(p, int) or not re.match(r"^[\w-]+\[", str(p)))


def to_diagnostics(
    err: ValidationError, model: type[BaseModel], doc: YamlDoc, base: Path = ()
) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for e in err.errors():
        loc = _clean_loc(tuple(e["loc"]))
        full = base + loc
        kind = e["type"]
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        value = e.get("input")
        if kind == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            allowed = sorted(parent.model_fields) if parent else []
            msg = f"clé « {field} » inconnue{suggest(field, allowed)}"
            if allowed and not suggest(field, allowed):
                msg += f" (clés permises : {', '.join(allowed)})"
            diags.append(Diagnostic(doc.where(full, key=True), "SCH001", msg))
        elif kind == "missing":
            diags.append(
                Diagnostic(
                    doc.where(full[:-1]), "SCH002", f"champ obligatoire « {field} » manquant"
                )
            )
        elif kind == "string_pattern_mismatch" and isinstance(value, str):
            pattern = str(e.get("ctx", {}).get("pattern", ""))
            if "/" in pattern:
                msg = (
                    f"référence d'acte « {value} » mal formée : attendu « dispositif/acte » "
                    "en minuscules, chiffres et tirets"
                )
                diags.append(Diagnostic(doc.where(full), "SCH004", msg))
            elif pattern == LIGNES_PATTERN:
                diags.append(
                    Diagnostic(
                        doc.where(full),
                        "SCH003",
                        f"lignes « {value} » : écrivez une plage « 120-134 », "
                        "éventuellement plusieurs séparées par des virgules",
                    )
                )
            elif "\\d{4}" in pattern:
                diags.append(
                    Diagnostic(
                        doc.where(full),
                        "SCH003",
                        f'date « {value} » : format attendu "AAAA-MM-JJ", "AAAA-MM" ou "AAAA"',
                    )
                )
            else:
                slug = re.sub(r"[^a-z0-9]+", "-", _ascii(value).lower()).strip("-")
                msg = (
                    f"identifiant « {value} » mal formé : minuscules sans accent, chiffres et tirets"
                    f" ; par exemple « {slug} »"
                )
                diags.append(Diagnostic(doc.where(full), "SCH004", msg))
        elif kind == "enum":
            enum = _enum_at(_field_annotation(model, loc))
            allowed = [m.value for m in enum] if enum else []
            msg = f"valeur « {value} » non permise pour « {field} »{suggest(str(value), allowed)}"
            if allowed:
                msg += f" (valeurs permises : {', '.join(allowed)})"
            diags.append(Diagnostic(doc.where(full), "SCH003", msg))
        elif kind == "value_error":
            reason = str(e.get("ctx", {}).get("error", e["msg"]))
            diags.append(Diagnostic(doc.where(full), "SCH003", reason))
        else:
            label = _TYPES.get(kind, e["msg"])
            shown = (
                f" (valeur lue : « {value} »)" if isinstance(value, (str, int, float, bool)) else ""
            )
            where = f"« {field} » : " if field else ""
            diags.append(Diagnostic(doc.where(full), "SCH003", f"{where}{label}{shown}"))
    return diags


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
