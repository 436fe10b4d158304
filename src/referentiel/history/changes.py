"""What changed in the référentiel between two revisions, as data.

`referentiel diff` (tools/diff.py) prints it for a pull-request description and the
Nouveautés page (render/changes.py) shows it, so readers and reviewers see one account
of a change.
Both revisions are extracted with `git archive` into temporary folders and loaded
by the normal loader: the comparison is between loaded models (a re-indented file
or a moved comment is not a change; a changed value is), field by field.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from referentiel.diagnostics import Severity
from referentiel.load import load
from referentiel.models.referentiel import Referentiel

# What an editor changes; everything else in the tree (code, tests) is not extracted.
SOURCE_PATHS = ("glossary.yml", "donnees/", "fiches/", "procedures/")

# Kind → (title on the page, feminine noun?) in the order the page shows them.
KINDS: dict[str, tuple[str, bool]] = {
    "fiches": ("Fiches de poste", True),
    "actes": ("Actes du tableau des interventions", False),
    "sigles": ("Sigles et termes du glossaire", False),
    "textes": ("Textes de référence", False),
    "procedures": ("Procédures", True),
}

Snapshot = dict[str, dict[str, dict[str, Any]]]  # kind → id → field → JSON value


def snapshot(ref: Referentiel) -> Snapshot:
    """The comparable content of a loaded référentiel: plain JSON values per id."""
    snap: Snapshot = {kind: {} for kind in KINDS}
    for ident, fiche in ref.fiches.items():
        snap["fiches"][ident] = {
            **fiche.model_dump(mode="json", exclude_defaults=True),
            "corps": fiche.corps.strip(),
        }
    for ident, proc in ref.procedures.items():
        snap["procedures"][ident] = {
            **proc.model_dump(mode="json", exclude_defaults=True),
            "corps": proc.corps.strip(),
        }
    for ident, texte in ref.textes.items():
        snap["textes"][ident] = texte.model_dump(mode="json", exclude_defaults=True)
    if ref.glossaire:
        for entree in ref.glossaire.entrees:
            snap["sigles"][entree.id] = entree.model_dump(mode="json", exclude_defaults=True)
    for key, (champ, disp, acte) in ref.actes().items():
        snap["actes"][key] = {
            **acte.model_dump(mode="json", exclude_defaults=True),
            "champ": champ.libelle,
            "dispositif": disp.libelle,
        }
    for table in snap.values():
        for fields in table.values():
            if fields.get("corps") == "":
                del fields["corps"]
    return snap


def label(kind: str, fields: dict[str, Any]) -> str:
    for key in ("intitule", "titre", "terme", "libelle"):
        if isinstance(fields.get(key), str):
            return str(fields[key])
    return ""


@dataclass
class FieldChange:
    champ: str
    avant: Any
    apres: Any


@dataclass
class Item:
    id: str
    libelle: str
    champs: list[FieldChange] = field(default_factory=list)


@dataclass
class KindChanges:
    ajouts: list[Item] = field(default_factory=list)
    suppressions: list[Item] = field(default_factory=list)
    modifications: list[Item] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.ajouts or self.suppressions or self.modifications)


Changes = dict[str, KindChanges]


def compare(old: Snapshot, new: Snapshot) -> Changes:
    result: Changes = {}
    for kind in KINDS:
        before, after = old.get(kind, {}), new.get(kind, {})
        changes = KindChanges()
        for ident in sorted(after.keys() - before.keys()):
            changes.ajouts.append(Item(ident, label(kind, after[ident])))
        for ident in sorted(before.keys() - after.keys()):
            changes.suppressions.append(Item(ident, label(kind, before[ident])))
        for ident in sorted(before.keys() & after.keys()):
            a, b = before[ident], after[ident]
            names = list(dict.fromkeys([*a, *b]))
            fields = [FieldChange(n, a.get(n), b.get(n)) for n in names if a.get(n) != b.get(n)]
            if fields:
                changes.modifications.append(Item(ident, label(kind, b), fields))
        result[kind] = changes
    return result


def is_empty(changes: Changes) -> bool:
    return all(c.empty() for c in changes.values())


# --- reading a revision -----------------------------------------------------------


class RevisionError(Exception):
    """A revision that git does not know, or a folder that is not a git checkout."""


def git(root: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if proc.returncode != 0:
        raise RevisionError(
            proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} a échoué"
        )
    return proc.stdout.decode("utf-8")


def resolve(root: Path, rev: str) -> str:
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except RevisionError as err:
        raise RevisionError(f"révision « {rev} » inconnue de git") from err


def extract(root: Path, sha: str, dest: Path) -> None:
    """Write the source files of commit `sha` into `dest` (tar members are checked)."""
    proc = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", sha], capture_output=True, check=False
    )
    if proc.returncode != 0:
        raise RevisionError(proc.stderr.decode("utf-8", "replace").strip())
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        members = [
            m
            for m in tar.getmembers()
            if m.isfile() and (m.name in SOURCE_PATHS or m.name.startswith(SOURCE_PATHS[1:]))
        ]
        tar.extractall(dest, members=members, filter="data")


def snapshot_at(root: Path, sha: str) -> tuple[Snapshot, int]:
    """The revision's content and its number of loading errors (unreadable files)."""
    with tempfile.TemporaryDirectory(prefix="referentiel-diff-") as tmp:
        extract(root, sha, Path(tmp))
        ref, diags = load(Path(tmp))
        errors = sum(
            1 for d in diags if d.severity is Severity.ERROR and d.message != "fichier manquant"
        )
        return snapshot(ref), errors


def diff_revisions(root: Path, rev1: str, rev2: str) -> tuple[Changes, dict[str, int]]:
    """Changes from rev1 to rev2, and the loading errors of each revision (by name)."""
    old, err1 = snapshot_at(root, resolve(root, rev1))
    new, err2 = snapshot_at(root, resolve(root, rev2))
    return compare(old, new), {rev: n for rev, n in ((rev1, err1), (rev2, err2)) if n}


def to_json(changes: Changes, rev1: str, rev2: str) -> dict[str, Any]:
    def item(i: Item) -> dict[str, Any]:
        data: dict[str, Any] = {"id": i.id, "libelle": i.libelle}
        if i.champs:
            data["champs"] = [
                {"champ": f.champ, "avant": f.avant, "apres": f.apres} for f in i.champs
            ]
        return data

    return {
        "de": rev1,
        "a": rev2,
        "changements": {
            kind: {
                "ajouts": [item(i) for i in c.ajouts],
                "suppressions": [item(i) for i in c.suppressions],
                "modifications": [item(i) for i in c.modifications],
            }
            for kind, c in changes.items()
        },
    }


def from_json(data: dict[str, Any]) -> Changes:
    """Inverse of `to_json` (the Nouveautés cache stores this form)."""

    def item(d: dict[str, Any]) -> Item:
        return Item(
            d["id"],
            d["libelle"],
            [FieldChange(f["champ"], f["avant"], f["apres"]) for f in d.get("champs", [])],
        )

    return {
        kind: KindChanges(
            [item(x) for x in c["ajouts"]],
            [item(x) for x in c["suppressions"]],
            [item(x) for x in c["modifications"]],
        )
        for kind, c in data["changements"].items()
    }
