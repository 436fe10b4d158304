"""Load every source file of a référentiel checkout into typed models.

Loading never stops at the first problem: each file that cannot be read or validated
adds diagnostics and is skipped, and the rest still loads so the editor sees
everything that is wrong in one run.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from referentiel.perf.cache import FileCache, for_checkout
from referentiel.diagnostics import Diagnostic, Location
from referentiel.perf.gcpause import gc_paused
from referentiel.models.base import Located
from referentiel.models.cadre import Cadre
from referentiel.models.fiche import Fiche
from referentiel.models.glossaire import Glossaire
from referentiel.models.organisation import Organisation
from referentiel.models.orientation import Orientation
from referentiel.models.parcours import RegistreParcours
from referentiel.models.procedure import Procedure
from referentiel.models.registres import RegistreContextes, RegistreSources
from referentiel.models.tableau import Tableau
from referentiel.models.texte import Texte
from referentiel.models.referentiel import Referentiel
from referentiel.sources.files import Body
from referentiel.load.schema_errors import to_diagnostics
from referentiel.sources.files import read_markdown, read_yaml
from referentiel.sources.layout import (CADRE, CONTEXTES, FICHES, GLOSSAIRE, ORGANISATION, ORIENTATION, PARCOURS,
                                        PROCEDURES, SOURCES, TABLEAU, TEXTES)
from referentiel.sources.yamlstrict import YamlDoc

M = TypeVar("M", bound=Located)



def validate(model: type[M], doc: YamlDoc, diags: list[Diagnostic], extra: dict[str, object] | None = None) -> M | None:
    data = doc.data
    if not isinstance(data, dict):
        diags.append(Diagnostic(doc.where(()), "SCH003", "le fichier doit contenir un bloc de clés (clé: valeur)"))
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


def _files(root: Path, folder: str, suffix: str) -> list[str]:
    base = root / folder
    if not base.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in base.glob(f"*{suffix}") if p.is_file())


def _check_file_id(rel: str, obj: BaseModel, doc: YamlDoc, diags: list[Diagnostic]) -> None:
    stem = Path(rel).stem
    ident = getattr(obj, "id", None)
    if isinstance(ident, str) and ident != stem:
        diags.append(Diagnostic(doc.where(("id",)), "ID002",
                                f"identifiant « {ident} » différent du nom du fichier « {stem} » ; "
                                f"renommez le fichier en « {ident}{Path(rel).suffix} » ou corrigez l'id"))


@dataclass(frozen=True)
class Kind:
    """How to read one kind of source file."""

    model: type[Located]
    markdown: bool = False      # front matter + body (fiches, procédures)
    id_from_name: bool = False  # the id is the file's name (organisation charts)
    id_is_name: bool = False    # the id written in the file must match its name (ID002)


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
        doc = read_yaml(root, rel, diags, raw)
        if doc is None:
            return FileResult(None, None, None, diags)
        extra = {"id": Path(rel).stem} if kind.id_from_name else None
    obj = validate(kind.model, doc, diags, extra)
    if obj is not None and kind.id_is_name:
        _check_file_id(rel, obj, doc, diags)
    return FileResult(doc, body, obj, diags)


# One `make build` used to read and validate every source four times (the CLI's check,
# then the MkDocs hook's on_config, on_pre_build and the search index): the biggest
# cost of ours in the build at scale (issue 6). The last result is reused while the
# bytes of the content files are the same; a content hash, not mtimes, so a file
# rewritten within the same clock tick is never missed.
_CONTENT = (GLOSSAIRE, "donnees", FICHES, PROCEDURES)
_last: dict[Path, tuple[bytes, Referentiel, list[Diagnostic]]] = {}


def _snapshot(root: Path) -> tuple[bytes, dict[str, tuple[bytes, str]]]:
    """A hash of every content file's path and bytes, and by path those bytes and their
    cache entry's name (read and hashed once: `_load` takes them from here)."""
    digest = hashlib.blake2b(digest_size=20)
    files: dict[str, tuple[bytes, str]] = {}
    base = str(root)
    for name in _CONTENT:
        top = os.path.join(base, name)
        if os.path.isfile(top):
            paths = [top]
        else:
            paths = sorted(os.path.join(folder, f) for folder, _, names in os.walk(top) for f in names)
        for path in paths:
            rel = os.path.relpath(path, base).replace(os.sep, "/")
            try:
                with open(path, "rb") as f:
                    raw = f.read()
            except OSError:
                continue  # reported by the loader, which tries again
            name = FileCache.name(rel, raw)  # itself a hash of the path and bytes
            files[rel] = (raw, name)
            digest.update(name.encode())
    return digest.digest(), files


def load(root: Path, *, cache: bool = True) -> tuple[Referentiel, list[Diagnostic]]:
    """Every source of the checkout at `root`, typed, with the problems found on the way.

    The Referentiel returned may be shared with earlier callers: treat it as read-only.
    `cache=False` reads every file again, ignoring both the in-memory result and the
    per-file cache on disk (`cache.py`).
    """
    key, files = _snapshot(Path(root))
    where = Path(root).resolve()
    hit = _last.get(where) if cache else None
    if hit is None or hit[0] != key:
        _last.clear()  # one référentiel in memory, not one per checkout ever seen
        with gc_paused():
            hit = (key, *_load(Path(root), for_checkout(root) if cache else FileCache(None), files))
        _last[where] = hit
    return hit[1], list(hit[2])


def _load(root: Path, cache: FileCache[FileResult],
          files: dict[str, tuple[bytes, str]] | None = None) -> tuple[Referentiel, list[Diagnostic]]:
    root = Path(root)
    diags: list[Diagnostic] = []
    ref = Referentiel(root=root)

    def read(rel: str, kind: Kind) -> FileResult:
        known = (files or {}).get(rel)
        if known is not None:
            raw, name = known
        else:
            try:
                raw = (root / rel).read_bytes()
            except OSError:
                result = read_file(root, rel, kind, None)  # reports the error (FIC001); not cached
                diags.extend(result.diags)
                return result
            name = FileCache.name(rel, raw)
        ref.empreintes[rel] = name
        result = cache.get(rel, raw, lambda: read_file(root, rel, kind, raw), name)
        diags.extend(result.diags)
        if result.doc is not None:
            ref.docs.append(result.doc)
        if result.body is not None:
            ref.bodies.append(result.body)
        return result

    def one(rel: str, model: type[M]) -> M | None:
        if not (root / rel).exists():
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

    def register(kind: str, obj: Located, table: dict[str, M]) -> None:
        ident = obj.id  # type: ignore[attr-defined]
        earlier = seen.setdefault(kind, {}).get(ident)
        if earlier is not None:
            diags.append(Diagnostic(obj.where("id"), "ID001",
                                    f"identifiant « {ident} » déjà utilisé ({earlier.where('id')})"))
            return
        seen[kind][ident] = obj
        table[ident] = obj  # type: ignore[assignment]

    for folder, suffix, kind, table, name in (
        (TEXTES, ".yml", Kind(Texte, id_is_name=True), ref.textes, "texte"),
        (FICHES, ".md", Kind(Fiche, markdown=True, id_is_name=True), ref.fiches, "fiche"),
        (PROCEDURES, ".md", Kind(Procedure, markdown=True, id_is_name=True), ref.procedures, "procedure"),
    ):
        for rel in _files(root, folder, suffix):
            if suffix == ".md" and Path(rel).name.lower() in ("readme.md", "index.md"):
                continue
            obj = read(rel, kind).obj
            if obj is None:
                ref.unloaded.add(Path(rel).stem)
            else:
                register(name, obj, table)

    for rel in _files(root, ORGANISATION, ".yml"):
        org = read(rel, Kind(Organisation, id_from_name=True)).obj
        if isinstance(org, Organisation):
            ref.organisations[org.id] = org

    for rel in _files(root, CADRE, ".yml"):
        cadre = read(rel, Kind(Cadre, id_is_name=True)).obj
        if cadre is not None:
            register("cadre", cadre, ref.cadres)

    if (root / ORIENTATION).exists():
        ref.orientation = one(ORIENTATION, Orientation)
    if (root / PARCOURS).exists():
        registre_parcours = one(PARCOURS, RegistreParcours)
        for parcours in registre_parcours.parcours if registre_parcours else []:
            if parcours.contexte.value in ref.parcours:
                diags.append(Diagnostic(parcours.where("contexte"), "ID001",
                                        f"parcours du contexte « {parcours.contexte.value} » déjà défini"))
            else:
                ref.parcours[parcours.contexte.value] = parcours

    cache.prune()
    ref.lecture = (cache.hits, cache.misses)
    ref.cache = cache.folder is not None
    ref.textes = dict(sorted(ref.textes.items()))
    ref.fiches = dict(sorted(ref.fiches.items()))
    ref.procedures = dict(sorted(ref.procedures.items()))
    return ref, diags
