"""What the text checks find in one source file alone, computed once per file's bytes.

The safety scan (hostile HTML, personal data) and the search for sigles read every
word of the content: 40 % of `check` at 10× (issue 6). Neither depends on any other
file, so `load` runs them file by file and the per-file cache (`cache.py`) keeps their
results with the parsed file; only the glossary lookup, which depends on the whole
référentiel, runs on every check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path as PathlibPath
from typing import Any

from referentiel.checks.rendu import pipeline
from referentiel.checks.safety import scan_body, scan_comments, scan_doc
from referentiel.diagnostics import Diagnostic
from referentiel.models.base import Located, provenances
from referentiel.models.referentiel import Referentiel
from referentiel.perf.cache import FileCache, for_checkout
from referentiel.sources.files import Body
from referentiel.sources.prose import body_prose, doc_prose, find_sigles
from referentiel.sources.yamlstrict import Path, YamlDoc

RootPath = PathlibPath


@dataclass(frozen=True)
class FileFindings:
    safety: tuple[Diagnostic, ...]
    # For each piece of prose holding sigle-shaped words: its YAML path (() in a
    # Markdown body) and those words, known to the glossary or not.
    sigles: tuple[tuple[Path, frozenset[str]], ...]
    # Ids of the source documents the file's provenances cite (checked against the
    # registry, which is another file, on every run).
    sources: frozenset[str] = frozenset()

    def words(self) -> frozenset[str]:
        return frozenset().union(*(words for _, words in self.sigles))


def analyse(
    doc: YamlDoc | None,
    body: Body | None,
    model: Located | None = None,
    root: RootPath | None = None,
    *,
    hand_written: bool = False,
) -> FileFindings:
    """`hand_written`: a page of docs/, published as it is, whose prose is the guide's
    own (its sigles are not the content's and are not looked up in the glossary)."""
    safety: list[Diagnostic] = []
    sigles: list[tuple[Path, frozenset[str]]] = []
    if doc is not None:
        safety.extend(scan_doc(doc, root))
        safety.extend(scan_comments(doc))
        for piece in doc_prose(doc):
            words = frozenset(m.group() for m in find_sigles(piece.text))
            if words:
                sigles.append((piece.yaml_path, words))
    if body is not None:
        safety.extend(scan_body(body, root))
    if body is not None and not hand_written:
        words = frozenset(m.group() for piece in body_prose(body) for m in find_sigles(piece.text))
        if words:
            sigles.append(((), words))
    sources = frozenset(p.source for p in provenances(model)) if model is not None else frozenset()
    return FileFindings(tuple(safety), tuple(sigles), sources)


def findings(ref: Referentiel) -> dict[str, FileFindings]:
    """Findings of every file of `ref`, by path, computed once per référentiel: from the
    per-file cache when the file's bytes are known (`Referentiel.empreintes`), else
    afresh (files added to `ref` by hand in tests)."""
    docs = {doc.path: doc for doc in ref.docs}
    bodies = {body.path: body for body in ref.bodies}
    pages = {page.path: page for page in ref.pages}
    bodies.update(pages)
    missing = (docs.keys() | bodies.keys()) - ref.findings.keys()
    if missing:
        models = {m.file: m for m in _models(ref)}
        renderer = hashlib.blake2b(pipeline(ref.root).key.encode(), digest_size=4).hexdigest()
        cache: FileCache[FileFindings] = (
            for_checkout(ref.root, "analyses") if ref.cache else FileCache(None)
        )
        for path in sorted(missing):

            def compute(path: str = path) -> FileFindings:
                return analyse(
                    docs.get(path),
                    bodies.get(path),
                    models.get(path),
                    ref.root,
                    hand_written=path in pages,
                )

            name = ref.empreintes.get(path)
            if name:
                # The findings depend on the site's Markdown extensions too (mkdocs.yml).
                name = renderer + name
            ref.findings[path] = cache.get(name, compute, _encode, _decode) if name else compute()
        cache.prune()
    return {path: ref.findings[path] for path in sorted(docs.keys() | bodies.keys())}


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    """Hostile content and personal data found in each file (see `safety`, `pii`)."""
    for found in findings(ref).values():
        yield from found.safety


def _models(ref: Referentiel) -> list[Located]:
    singles = (ref.glossaire, ref.tableau, ref.orientation)
    return [
        *(m for m in singles if m is not None),
        *ref.textes.values(),
        *ref.fiches.values(),
        *ref.procedures.values(),
        *ref.organisations.values(),
        *ref.cadres.values(),
    ]


def _encode(found: FileFindings) -> dict[str, Any]:
    return {
        "safety": [d.as_dict() for d in found.safety],
        "sigles": [[list(path), sorted(words)] for path, words in found.sigles],
        "sources": sorted(found.sources),
    }


def _decode(data: dict[str, Any]) -> FileFindings:
    return FileFindings(
        tuple(Diagnostic.from_dict(d) for d in data["safety"]),
        tuple((tuple(path), frozenset(words)) for path, words in data["sigles"]),
        frozenset(data["sources"]),
    )
