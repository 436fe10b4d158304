"""The tested examples of every message code, shown on the guide's page of codes.

Each code of `diagnostics.CODES` has one example file in checks/exemples/: a change to
the small valid référentiel (tests/fixtures/valide) that produces the code, the
message the checker prints, and the correction. They are part of the product (the
guide shows them), read with the same strict reader as the content.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from referentiel.sources.yamlstrict import parse_yaml

FOLDER = Path(__file__).parent / "exemples"
# As the page's « Modifier » link names it, relative to the root of the repository.
EXAMPLES_DIR = "src/referentiel/checks/exemples"


@dataclass(frozen=True)
class Example:
    code: str
    fichier: str
    explication: str
    faux: str
    correct: str
    remplacer: str | None = None
    encodage: str | None = None
    message: str | None = None
    # Examples about the file itself rather than its text (FIC005–FIC009): the wrong
    # version is a symbolic link to `lien`, a FIFO (`special: fifo`) or a file of
    # `taille` bytes; the correction is written to `fichier_correct` (a renamed file),
    # or is the removal of the file (`supprimer`).
    lien: str | None = None
    special: str | None = None
    taille: int | None = None
    fichier_correct: str | None = None
    supprimer: bool = False

    def apply(self, base: Path, correct: bool) -> None:
        """Write the wrong (or corrected) version of the example into a copy of the base."""
        target = base / self.fichier
        if correct and (self.fichier_correct or self.supprimer):
            if not self.supprimer:
                dest = base / (self.fichier_correct or self.fichier)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(self.correct, encoding="utf-8")
            return
        if not correct and (self.lien or self.special or self.taille):
            target.parent.mkdir(parents=True, exist_ok=True)
            if self.lien:
                target.symlink_to(self.lien)
            elif self.special == "fifo":
                os.mkfifo(target)
            elif self.taille:
                with target.open("wb") as f:
                    f.truncate(self.taille)  # sparse: no disk used
            return
        new = self.correct if correct else self.faux
        if self.remplacer is not None:
            text = target.read_text(encoding="utf-8")
            if self.remplacer not in text:
                raise ValueError(f"{self.code} : texte à remplacer absent de {self.fichier}")
            new = text.replace(self.remplacer, new, 1)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(new.encode(self.encodage if self.encodage and not correct else "utf-8"))


class ExampleError(Exception):
    """An example file that the strict reader refuses: a bug of the product, not content."""


def load_examples(folder: Path = FOLDER) -> dict[str, Example]:
    found: dict[str, Example] = {}
    for path in sorted(folder.glob("*.yml")):
        doc, diags = parse_yaml(path.name, path.read_text(encoding="utf-8"))
        if doc is None or diags or not isinstance(doc.data, dict):
            raise ExampleError(
                f"{path}: exemple illisible ({'; '.join(d.format_text() for d in diags)})"
            )
        example = Example(**{str(k): v for k, v in doc.data.items()})
        found[example.code] = example
    return found
