"""Shared building blocks of the content models.

Every model forbids unknown keys (a typo in a key must not silently drop content) and
remembers the file and YAML path it came from, so a check that runs long after loading
can still tell the editor `file:line:col`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from referentiel.diagnostics import Location
from referentiel.sources.yamlstrict import Path, YamlDoc

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LIGNES_PATTERN = r"^\d+(-\d+)?(, ?\d+(-\d+)?)*$"
_ID_RE = re.compile(ID_PATTERN)


def _to_text(value: Any) -> Any:
    """Numbers written without quotes (page: 27) are kept as the text the editor typed."""
    if isinstance(value, bool):
        return value  # let validation reject it with a clear message
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _check_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        raise ValueError(f"date « {value} » impossible") from err
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, BeforeValidator(_to_text), Field(min_length=1)]
DateText = Annotated[
    str,
    BeforeValidator(_to_text),
    Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    AfterValidator(_check_date),
]
ActeRef = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")]


class Contexte(str, Enum):
    PERSONNEL_JUSTICE = "personnel-justice"
    SPIP = "spip"
    DEPARTEMENT = "departement"


_NESTED: dict[type, tuple[str, ...]] = {}


def _may_hold_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_model(arg) for arg in get_args(annotation))


def nested_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """Names of the fields of `cls` whose type can hold a model (directly or in a list).

    Walks over the model tree (bind, provenance checks) used to visit every field of
    every model, strings included: 220,000 calls at 10× (issue 6). The answer depends
    only on the class, so it is computed once per class."""
    names = _NESTED.get(cls)
    if names is None:
        names = tuple(
            name for name, info in cls.model_fields.items() if _may_hold_model(info.annotation)
        )
        _NESTED[cls] = names
    return names


class Located(BaseModel):
    """Base of every content model: strict keys, and a memory of where it was read."""

    # defer_build: the validators are built on first use, not at import. A `check`
    # served by the per-file cache validates nothing and starts 0.2 s sooner (issue 6).
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, use_enum_values=False, defer_build=True
    )

    _doc: YamlDoc | None = PrivateAttr(default=None)
    _path: Path = PrivateAttr(default=())

    def bind(self, doc: YamlDoc, path: Path) -> None:
        """Attach the source file and YAML path to this object and all nested models."""
        self._doc = doc
        self._path = path
        for name in nested_fields(type(self)):
            value = getattr(self, name)
            if isinstance(value, Located):
                value.bind(doc, path + (name,))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, Located):
                        item.bind(doc, path + (name, i))

    def where(self, *sub: str | int, key: bool = False) -> Location:
        if self._doc is None:
            return Location("<inconnu>")
        return self._doc.where(self._path + sub, key=key)

    @property
    def file(self) -> str:
        return self._doc.path if self._doc else "<inconnu>"


def provenances(obj: object) -> Iterator[Provenance]:
    """Every provenance in a model tree (or list of models), depth first."""
    if isinstance(obj, Provenance):
        yield obj
    elif isinstance(obj, Located):
        for name in nested_fields(type(obj)):
            yield from provenances(getattr(obj, name))
    elif isinstance(obj, list):
        for item in obj:
            yield from provenances(item)


class Provenance(Located):
    """Where a statement comes from: a registered source document and its section."""

    source: Id
    section: Text
    page: Text | None = None
    lignes: Annotated[str, BeforeValidator(_to_text), Field(pattern=LIGNES_PATTERN)] | None = None
    note: Text | None = None


Sources = Annotated[list[Provenance], Field(min_length=1)]


def _element_from_text(value: Any) -> Any:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return {"libelle": str(value)}
    return value


class Element(Located):
    """One item of a fiche's list (a mission, an activity…): text plus optional links."""

    libelle: Text
    actes: list[ActeRef] = []
    dispositifs: list[Id] = []
    sources: list[Provenance] = []


Elements = list[Annotated[Element, BeforeValidator(_element_from_text)]]


class Version(Located):
    """A dated version of a fiche or texte, compared field by field on the site."""

    id: Id
    libelle: Text
    date: DateText | None = None
    sources: Sources
    contenu: dict[str, list[Text]]


class ElementCommun(Located):
    """An item that the sources give as common to every version of a fiche.

    Stored once, not copied into each version: the comparison then shows it as
    common instead of « ajouté » in the version that happens to be quoted (issue 16:
    the mémoire says the DAP's general missions are on both fiches but quotes them
    from the « modifiée » only). `formulation_connue` names that version when only its
    wording is known; without it, the item is the source's own summary of both."""

    champ: Text
    libelle: Text
    formulation_connue: Id | None = None
    sources: list[Provenance] = []


class Revue(Located):
    """Review metadata that editors keep on fiches and procédures."""

    verifie_le: DateText | None = None
    a_revoir_avant: DateText | None = None
    referent: Text | None = None


class AvecCorps(Located):
    """A model read from a Markdown file: its body is kept beside the front matter."""

    # Not YAML: the Markdown body below the front matter and its first line in the file.
    corps: str = Field(default="", exclude=True)
    corps_ligne: int = Field(default=0, exclude=True)


def is_id(value: str) -> bool:
    return bool(_ID_RE.match(value))
