"""Every sigle written anywhere in the content is defined in glossary.yml."""

from __future__ import annotations

from collections.abc import Iterator

from referentiel.diagnostics import Diagnostic
from referentiel.load.schema_errors import suggest
from referentiel.models.referentiel import Referentiel
from referentiel.sources.prose import body_prose, doc_prose, find_sigles


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    if ref.glossaire is None:
        return
    known = set(ref.glossaire.sigles())
    known.update(h.mot for h in ref.glossaire.hors_glossaire)
    seen: dict[str, set[str]] = {}
    for entree in ref.glossaire.entrees:
        for forme in entree.graphies:
            if forme in seen.setdefault("_graphies", set()):
                yield Diagnostic(
                    entree.where("terme"),
                    "GLO002",
                    f"sigle « {forme} » défini dans plusieurs entrées du glossaire",
                )
            seen["_graphies"].add(forme)
    from referentiel.checks.fichier import findings

    docs = {doc.path: doc for doc in ref.docs}
    bodies = {body.path: body for body in ref.bodies}
    for path, found in findings(ref).items():
        unknown = found.words() - known
        if not unknown:
            continue
        # Rare: read the file's prose again to place each unknown word exactly.
        pieces = [
            *(doc_prose(docs[path]) if path in docs else ()),
            *(body_prose(bodies[path]) if path in bodies else ()),
        ]
        for piece in pieces:
            for m in find_sigles(piece.text):
                word = m.group()
                if word not in unknown:
                    continue
                hint = suggest(word, sorted(known))
                yield Diagnostic(
                    piece.locate(m.start(), word),
                    "GLO001",
                    f"sigle « {word} » absent de glossary.yml : ajoutez-le avec sa forme "
                    f"développée telle que la source la donne{hint}",
                )
