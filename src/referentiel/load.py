"""Load every source file of a référentiel checkout into typed models.

Loading never stops at the first problem: each file that cannot be read or validated
adds diagnostics and is skipped, and the rest still loads so the editor sees
everything that is wrong in one run.
"""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Location
from .models.base import Located
from .models.cadre import Cadre
from .models.fiche import Fiche
from .models.glossaire import Glossaire
from .models.organisation import Organisation
from .models.orientation import Orientation
from .models.parcours import RegistreParcours
from .models.procedure import Procedure
from .models.registres import RegistreContextes, RegistreSources
from .models.tableau import Tableau
from .models.texte import Texte
from .referentiel import Body, Referentiel
from .schema_errors import to_diagnostics
from .sourcefiles import read_markdown, read_yaml
from .yamlstrict import YamlDoc

M = TypeVar("M", bound=Located)

# Where each content type lives, relative to the checkout's root.
GLOSSAIRE = "glossary.yml"
TABLEAU = "donnees/tableau.yml"
SOURCES = "donnees/sources.yml"
CONTEXTES = "donnees/contextes.yml"
FICHES = "fiches"
PROCEDURES = "procedures"
TEXTES = "donnees/textes"
ORGANISATION = "donnees/organisation"
CADRE = "donnees/cadre"
# Optional: a référentiel without them simply has no orientation page or parcours.
ORIENTATION = "donnees/orientation.yml"
PARCOURS = "donnees/parcours.yml"


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


# One `make build` used to read and validate every source four times (the CLI's check,
# then the MkDocs hook's on_config, on_pre_build and the search index): the biggest
# cost of ours in the build at scale (issue 6). The last result is reused while the
# bytes of the content files are the same; a content hash, not mtimes, so a file
# rewritten within the same clock tick is never missed.
_CONTENT = (GLOSSAIRE, "donnees", FICHES, PROCEDURES)
_last: dict[Path, tuple[bytes, Referentiel, list[Diagnostic]]] = {}


def _fingerprint(root: Path) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    for name in _CONTENT:
        base = root / name
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in paths:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.digest()


def load(root: Path) -> tuple[Referentiel, list[Diagnostic]]:
    """Every source of the checkout at `root`, typed, with the problems found on the way.

    The Referentiel returned may be shared with earlier callers: treat it as read-only.
    """
    key = _fingerprint(Path(root))
    where = Path(root).resolve()
    hit = _last.get(where)
    if hit is None or hit[0] != key:
        _last.clear()  # one référentiel in memory, not one per checkout ever seen
        # Loading creates millions of small objects and no cycles worth collecting: the
        # cyclic GC rescanning them made load superlinear at 50× (issue 6, bench/).
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            hit = (key, *_load(Path(root)))
        finally:
            if was_enabled:
                gc.enable()
        _last[where] = hit
    return hit[1], list(hit[2])


def _load(root: Path) -> tuple[Referentiel, list[Diagnostic]]:
    root = Path(root)
    diags: list[Diagnostic] = []
    ref = Referentiel(root=root)

    def one(rel: str, model: type[M]) -> M | None:
        if not (root / rel).exists():
            diags.append(Diagnostic(Location(rel), "FIC001", "fichier manquant"))
            return None
        doc = read_yaml(root, rel, diags)
        if doc is None:
            return None
        ref.docs.append(doc)
        return validate(model, doc, diags)

    registre = one(SOURCES, RegistreSources)
    if registre:
        ref.sources = {s.id: s for s in registre.sources}
    contextes = one(CONTEXTES, RegistreContextes)
    if contextes:
        ref.contextes = {c.id.value: c for c in contextes.contextes}
    ref.glossaire = one(GLOSSAIRE, Glossaire)
    ref.tableau = one(TABLEAU, Tableau)

    seen: dict[str, dict[str, Location]] = {}

    def register(kind: str, obj: Located, table: dict[str, M], item: M) -> None:
        ident = obj.id  # type: ignore[attr-defined]
        earlier = seen.setdefault(kind, {}).get(ident)
        if earlier is not None:
            diags.append(Diagnostic(obj.where("id"), "ID001",
                                    f"identifiant « {ident} » déjà utilisé ({earlier})"))
            return
        seen[kind][ident] = obj.where("id")
        table[ident] = item

    for rel in _files(root, TEXTES, ".yml"):
        doc = read_yaml(root, rel, diags)
        texte = validate(Texte, doc, diags) if doc else None
        if doc:
            ref.docs.append(doc)
        if texte is None:
            ref.unloaded.add(Path(rel).stem)
        else:
            _check_file_id(rel, texte, doc, diags)
            register("texte", texte, ref.textes, texte)

    for folder, model, table, kind in (
        (FICHES, Fiche, ref.fiches, "fiche"),
        (PROCEDURES, Procedure, ref.procedures, "procedure"),
    ):
        for rel in _files(root, folder, ".md"):
            if Path(rel).name.lower() in ("readme.md", "index.md"):
                continue
            md = read_markdown(root, rel, diags)
            if md is None or md.doc is None:
                ref.unloaded.add(Path(rel).stem)
                continue
            ref.docs.append(md.doc)
            ref.bodies.append(Body(rel, md.body, md.body_line))
            obj = validate(model, md.doc, diags, {"corps": md.body, "corps_ligne": md.body_line})
            if obj is None:
                ref.unloaded.add(Path(rel).stem)
            else:
                _check_file_id(rel, obj, md.doc, diags)
                register(kind, obj, table, obj)

    for rel in _files(root, ORGANISATION, ".yml"):
        doc = read_yaml(root, rel, diags)
        if doc is None:
            continue
        ref.docs.append(doc)
        org = validate(Organisation, doc, diags, {"id": Path(rel).stem})
        if org:
            ref.organisations[org.id] = org

    for rel in _files(root, CADRE, ".yml"):
        doc = read_yaml(root, rel, diags)
        if doc is None:
            continue
        ref.docs.append(doc)
        cadre = validate(Cadre, doc, diags)
        if cadre:
            _check_file_id(rel, cadre, doc, diags)
            register("cadre", cadre, ref.cadres, cadre)

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

    ref.textes = dict(sorted(ref.textes.items()))
    ref.fiches = dict(sorted(ref.fiches.items()))
    ref.procedures = dict(sorted(ref.procedures.items()))
    return ref, diags
