"""Load every source file of a référentiel checkout into typed models.

Loading never stops at the first problem: each file that cannot be read or validated
adds diagnostics and is skipped, and the rest still loads so the editor sees
everything that is wrong in one run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from referentiel.diagnostics import Diagnostic, Location
from referentiel.load.schema_errors import to_diagnostics
from referentiel.models.base import Located
from referentiel.models.cadre import Cadre
from referentiel.models.fiche import Fiche
from referentiel.models.glossaire import Glossaire
from referentiel.models.organisation import Organisation
from referentiel.models.orientation import Orientation
from referentiel.models.parcours import RegistreParcours
from referentiel.models.procedure import Procedure
from referentiel.models.referentiel import Referentiel
from referentiel.models.registres import RegistreContextes, RegistreSources
from referentiel.models.tableau import Tableau
from referentiel.models.texte import Texte
from referentiel.perf.cache import FileCache, for_checkout
from referentiel.perf.gcpause import gc_paused
from referentiel.sources.files import (
    Body,
    Rule,
    declared_assets,
    inventory,
    read_markdown,
    read_source,
    read_yaml,
    split_front_matter,
)
from referentiel.sources.layout import (
    CADRE,
    CONTEXTES,
    DONNEES,
    FICHES,
    GLOSSAIRE,
    HAND_WRITTEN,
    IMAGES,
    ORGANISATION,
    ORIENTATION,
    PARCOURS,
    PROCEDURES,
    SOURCES,
    TABLEAU,
    TEXTES,
)
from referentiel.sources.yamlstrict import YamlDoc, decode

M = TypeVar("M", bound=Located)


def validate(
    model: type[M], doc: YamlDoc, diags: list[Diagnostic], extra: dict[str, object] | None = None
) -> M | None:
    data = doc.data
    if not isinstance(data, dict):
        diags.append(
            Diagnostic(
                doc.where(()), "SCH003", "le fichier doit contenir un bloc de clés (clé: valeur)"
            )
        )
        return None
    try:
        obj = model.model_validate({**data, **(extra or {})})
    except ValidationError as err:
        # A value already reported by the YAML reader (e.g. an impossible date) is not
        # reported a second time by the schema.
        reported = {d.location for d in diags if d.location.path == doc.path}
        diags.extend(d for d in to_diagnostics(err, model, doc) if d.location not in reported)
        return None
    obj.bind(doc, ())
    return obj


def _files(root: Path, folder: str, suffix: str, diags: list[Diagnostic]) -> list[str]:
    """The files of a content folder; anything else in it (a link, a FIFO, a `.yaml`, a
    `.MD`, a sub-folder) is reported rather than silently ignored."""
    return inventory(root, folder, Rule(frozenset({suffix})), diags)


def _exists(root: Path, rel: str) -> bool:
    """Whether there is an entry at `rel`, without following a link (lstat)."""
    try:
        os.lstat(root / rel)
    except OSError:
        return False
    return True


def _hand_written(root: Path, ref: Referentiel, diags: list[Diagnostic]) -> None:
    """docs/: every entry inventoried, each page kept for the text checks."""
    rule = Rule(
        IMAGES | {".md"}, recursive=True, paths=declared_assets(root, HAND_WRITTEN), assets=True
    )
    for rel in inventory(root, HAND_WRITTEN, rule, diags):
        if not rel.endswith(".md"):
            continue
        raw, problem = read_source(root, rel)
        if problem is not None or raw is None:
            diags.extend([problem] if problem else [])
            continue
        text, problems = decode(rel, raw)
        diags.extend(problems)
        if text is None:
            continue
        ref.empreintes[rel] = FileCache.name(rel, raw)
        body, first = text, 1
        if text.startswith("---"):
            split = split_front_matter(rel, text)
            if not isinstance(split, Diagnostic):
                _, _, body, first = split
        ref.pages.append(Body(rel, body, first))


def _check_file_id(rel: str, obj: BaseModel, doc: YamlDoc, diags: list[Diagnostic]) -> None:
    stem = Path(rel).stem
    ident = getattr(obj, "id", None)
    if isinstance(ident, str) and ident != stem:
        diags.append(
            Diagnostic(
                doc.where(("id",)),
                "ID002",
                f"identifiant « {ident} » différent du nom du fichier « {stem} » ; "
                f"renommez le fichier en « {ident}{Path(rel).suffix} » ou corrigez l'id",
            )
        )


@dataclass(frozen=True)
class Kind:
    """How to read one kind of source file."""

    model: type[Located]
    markdown: bool = False  # front matter + body (fiches, procédures)
    id_from_name: bool = False  # the id is the file's name (organisation charts)
    id_is_name: bool = False  # the id written in the file must match its name (ID002)


@dataclass
class FileResult:
    """Everything learned from one file alone: what the per-file cache keeps."""

    doc: YamlDoc | None
    body: Body | None
    obj: Located | None
    diags: list[Diagnostic]


def read_file(root: Path, rel: str, kind: Kind, raw: bytes | None) -> FileResult:
    """Read, validate and scan one file; depends on nothing but its path and bytes."""
    diags: list[Diagnostic] = []
    body = None
    if kind.markdown:
        md = read_markdown(root, rel, diags, raw)
        if md is None or md.doc is None:
            return FileResult(None, None, None, diags)
        doc = md.doc
        body = Body(rel, md.body, md.body_line)
        extra: dict[str, object] | None = {"corps": md.body, "corps_ligne": md.body_line}
    else:
        read = read_yaml(root, rel, diags, raw)
        if read is None:
            return FileResult(None, None, None, diags)
        doc = read
        extra = {"id": Path(rel).stem} if kind.id_from_name else None
    obj = validate(kind.model, doc, diags, extra)
    if obj is not None and kind.id_is_name:
        _check_file_id(rel, obj, doc, diags)
    return FileResult(doc, body, obj, diags)


def load(root: Path, *, cache: bool = True) -> tuple[Referentiel, list[Diagnostic]]:
    """Every source of the checkout at `root`, typed, with the problems found on the way.

    `cache=False` reads every file again, ignoring the per-file cache on disk
    (`perf/cache.py`). Callers that need the référentiel twice pass it on rather than
    loading it again (the MkDocs hook hands its own to the generation).
    """
    with gc_paused():
        return _load(Path(root), for_checkout(root, "fichiers") if cache else FileCache(None))


def _encode(result: FileResult) -> dict[str, Any]:
    """A file's result as JSON data for the cache (the model as its JSON dump)."""
    doc, body, obj = result.doc, result.body, result.obj
    return {
        "doc": None if doc is None else [doc.path, doc.text(), doc.offset],
        "body": None if body is None else [body.path, body.text, body.first_line],
        "obj": None if obj is None else obj.model_dump(mode="json"),
        "diags": [d.as_dict() for d in result.diags],
    }


def _decoder(kind: Kind) -> Callable[[Any], FileResult]:
    def decode(data: dict[str, Any]) -> FileResult:
        doc = None if data["doc"] is None else YamlDoc.lazy(*data["doc"])
        body = None if data["body"] is None else Body(*data["body"])
        obj = None
        if data["obj"] is not None and doc is not None:
            fields = data["obj"]
            if body is not None:
                fields = {**fields, "corps": body.text, "corps_ligne": body.first_line}
            obj = kind.model.model_validate(fields)
            obj.bind(doc, ())
        return FileResult(doc, body, obj, [Diagnostic.from_dict(d) for d in data["diags"]])

    return decode


def _load(root: Path, cache: FileCache[FileResult]) -> tuple[Referentiel, list[Diagnostic]]:
    root = Path(root)
    diags: list[Diagnostic] = []
    ref = Referentiel(root=root)

    def read(rel: str, kind: Kind) -> FileResult:
        raw, problem = read_source(root, rel)
        if problem is not None or raw is None:  # a link, a FIFO, too big: not cached
            diags.append(problem or Diagnostic(Location(rel), "FIC001", "fichier illisible"))
            return FileResult(None, None, None, [])
        name = FileCache.name(rel, raw)
        ref.empreintes[rel] = name
        result = cache.get(name, lambda: read_file(root, rel, kind, raw), _encode, _decoder(kind))
        diags.extend(result.diags)
        if result.doc is not None:
            ref.docs.append(result.doc)
        if result.body is not None:
            ref.bodies.append(result.body)
        return result

    def one(rel: str, model: type[M]) -> M | None:
        if not _exists(root, rel):
            diags.append(Diagnostic(Location(rel), "FIC001", "fichier manquant"))
            return None
        return read(rel, Kind(model)).obj  # type: ignore[return-value]

    registre = one(SOURCES, RegistreSources)
    if registre:
        ref.sources = {s.id: s for s in registre.sources}
    contextes = one(CONTEXTES, RegistreContextes)
    if contextes:
        ref.contextes = {c.id.value: c for c in contextes.contextes}
    ref.glossaire = one(GLOSSAIRE, Glossaire)
    ref.tableau = one(TABLEAU, Tableau)

    # First holder of each id, placed only when a duplicate is reported: a location can
    # cost a parse of the file when it came from the cache.
    seen: dict[str, dict[str, Located]] = {}

    def register(kind: str, obj: Located, table: dict[str, Any]) -> None:
        ident = obj.id  # type: ignore[attr-defined]
        earlier = seen.setdefault(kind, {}).get(ident)
        if earlier is not None:
            diags.append(
                Diagnostic(
                    obj.where("id"),
                    "ID001",
                    f"identifiant « {ident} » déjà utilisé ({earlier.where('id')})",
                )
            )
            return
        seen[kind][ident] = obj
        table[ident] = obj

    for folder, suffix, kind, table, name in (
        (TEXTES, ".yml", Kind(Texte, id_is_name=True), ref.textes, "texte"),
        (FICHES, ".md", Kind(Fiche, markdown=True, id_is_name=True), ref.fiches, "fiche"),
        (
            PROCEDURES,
            ".md",
            Kind(Procedure, markdown=True, id_is_name=True),
            ref.procedures,
            "procedure",
        ),
    ):
        for rel in _files(root, folder, suffix, diags):
            if suffix == ".md" and Path(rel).name in ("README.md", "index.md"):
                continue
            obj = read(rel, kind).obj
            if obj is None:
                ref.unloaded.add(Path(rel).stem)
            else:
                register(name, obj, table)

    for rel in _files(root, ORGANISATION, ".yml", diags):
        org = read(rel, Kind(Organisation, id_from_name=True)).obj
        if isinstance(org, Organisation):
            ref.organisations[org.id] = org

    for rel in _files(root, CADRE, ".yml", diags):
        cadre = read(rel, Kind(Cadre, id_is_name=True)).obj
        if cadre is not None:
            register("cadre", cadre, ref.cadres)

    if _exists(root, ORIENTATION):
        ref.orientation = one(ORIENTATION, Orientation)
    if _exists(root, PARCOURS):
        registre_parcours = one(PARCOURS, RegistreParcours)
        for parcours in registre_parcours.parcours if registre_parcours else []:
            if parcours.contexte.value in ref.parcours:
                diags.append(
                    Diagnostic(
                        parcours.where("contexte"),
                        "ID001",
                        f"parcours du contexte « {parcours.contexte.value} » déjà défini",
                    )
                )
            else:
                ref.parcours[parcours.contexte.value] = parcours

    # donnees/ itself holds only the registers above and the content folders.
    known = {SOURCES, CONTEXTES, TABLEAU, ORIENTATION, PARCOURS}
    inventory(
        root,
        DONNEES,
        Rule(names=frozenset(Path(p).name for p in known)),
        diags,
        skip=(TEXTES, ORGANISATION, CADRE),
    )
    _hand_written(root, ref, diags)

    cache.prune()
    ref.lecture = (cache.hits, cache.misses)
    ref.cache = cache.folder is not None
    ref.textes = dict(sorted(ref.textes.items()))
    ref.fiches = dict(sorted(ref.fiches.items()))
    ref.procedures = dict(sorted(ref.procedures.items()))
    return ref, diags
