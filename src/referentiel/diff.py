"""`referentiel diff REV1 REV2`: what changed in the référentiel between two revisions.

Editors paste the output into a pull-request description, and the Nouveautés page is
built from the same function, so readers and reviewers see one account of a change.
Both revisions are extracted with `git archive` into temporary folders and loaded
by the normal loader: the comparison is between loaded models (a re-indented file
or a moved comment is not a change; a changed value is), field by field.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Severity
from .load import load
from .referentiel import Referentiel
from .render.md import esc

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
        snap["fiches"][ident] = {**fiche.model_dump(mode="json", exclude_defaults=True), "corps": fiche.corps.strip()}
    for ident, proc in ref.procedures.items():
        snap["procedures"][ident] = {**proc.model_dump(mode="json", exclude_defaults=True), "corps": proc.corps.strip()}
    for ident, texte in ref.textes.items():
        snap["textes"][ident] = texte.model_dump(mode="json", exclude_defaults=True)
    if ref.glossaire:
        for entree in ref.glossaire.entrees:
            snap["sigles"][entree.id] = entree.model_dump(mode="json", exclude_defaults=True)
    for key, (champ, disp, acte) in ref.actes().items():
        snap["actes"][key] = {**acte.model_dump(mode="json", exclude_defaults=True),
                              "champ": champ.libelle, "dispositif": disp.libelle}
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
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True)
    if proc.returncode != 0:
        raise RevisionError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} a échoué")
    return proc.stdout.decode("utf-8")


def resolve(root: Path, rev: str) -> str:
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except RevisionError as err:
        raise RevisionError(f"révision « {rev} » inconnue de git") from err


def extract(root: Path, sha: str, dest: Path) -> None:
    """Write the source files of commit `sha` into `dest` (tar members are checked)."""
    proc = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", sha], capture_output=True)
    if proc.returncode != 0:
        raise RevisionError(proc.stderr.decode("utf-8", "replace").strip())
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        members = [m for m in tar.getmembers()
                   if m.isfile() and (m.name in SOURCE_PATHS or m.name.startswith(SOURCE_PATHS[1:]))]
        tar.extractall(dest, members=members, filter="data")


def snapshot_at(root: Path, sha: str) -> tuple[Snapshot, int]:
    """The revision's content and its number of loading errors (unreadable files)."""
    with tempfile.TemporaryDirectory(prefix="referentiel-diff-") as tmp:
        extract(root, sha, Path(tmp))
        ref, diags = load(Path(tmp))
        errors = sum(1 for d in diags if d.severity is Severity.ERROR and d.message != "fichier manquant")
        return snapshot(ref), errors


def diff_revisions(root: Path, rev1: str, rev2: str) -> tuple[Changes, dict[str, int]]:
    """Changes from rev1 to rev2, and the loading errors of each revision (by name)."""
    old, err1 = snapshot_at(root, resolve(root, rev1))
    new, err2 = snapshot_at(root, resolve(root, rev2))
    return compare(old, new), {rev: n for rev, n in ((rev1, err1), (rev2, err2)) if n}


# --- output ------------------------------------------------------------------------

def _short(value: Any, limit: int = 160) -> str:
    if value is None:
        return "(vide)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    text = esc(f"{text[: limit - 1]}…" if len(text) > limit else text)
    return f"« {text} »"


def _field_lines(change: FieldChange) -> list[str]:
    before, after = change.avant, change.apres
    if isinstance(before, list) and isinstance(after, list):
        added = [x for x in after if x not in before]
        removed = [x for x in before if x not in after]
        parts = [f"ajouté {_short(x)}" for x in added] + [f"retiré {_short(x)}" for x in removed]
        if not parts:
            parts = ["ordre modifié"]
        return [f"  - `{change.champ}` : " + " ; ".join(parts)]
    if before is None:
        return [f"  - `{change.champ}` ajouté : {_short(after)}"]
    if after is None:
        return [f"  - `{change.champ}` retiré (était {_short(before)})"]
    return [f"  - `{change.champ}` : {_short(before)} → {_short(after)}"]


def _item(item: Item) -> str:
    return f"**{esc(item.libelle)}** (`{item.id}`)" if item.libelle else f"`{item.id}`"


def to_markdown(changes: Changes, title: str | None = None, level: int = 2) -> str:
    out: list[str] = []
    if title:
        out += [f"{'#' * level} {title}", ""]
    if is_empty(changes):
        return "\n".join(out + ["Aucun changement dans le contenu du référentiel.", ""])
    for kind, (heading, feminine) in KINDS.items():
        c = changes[kind]
        if c.empty():
            continue
        e = "e" if feminine else ""
        out += [f"{'#' * (level + 1)} {heading}", ""]
        out += [f"- Ajouté{e} : {_item(i)}" for i in c.ajouts]
        out += [f"- Supprimé{e} : {_item(i)}" for i in c.suppressions]
        for i in c.modifications:
            out.append(f"- Modifié{e} : {_item(i)}")
            for f in i.champs:
                out += _field_lines(f)
        out.append("")
    return "\n".join(out)


def to_json(changes: Changes, rev1: str, rev2: str) -> dict[str, Any]:
    def item(i: Item) -> dict[str, Any]:
        data: dict[str, Any] = {"id": i.id, "libelle": i.libelle}
        if i.champs:
            data["champs"] = [{"champ": f.champ, "avant": f.avant, "apres": f.apres} for f in i.champs]
        return data

    return {"de": rev1, "a": rev2, "changements": {
        kind: {"ajouts": [item(i) for i in c.ajouts], "suppressions": [item(i) for i in c.suppressions],
               "modifications": [item(i) for i in c.modifications]}
        for kind, c in changes.items()}}


def from_json(data: dict[str, Any]) -> Changes:
    """Inverse of `to_json` (the Nouveautés cache stores this form)."""
    def item(d: dict[str, Any]) -> Item:
        return Item(d["id"], d["libelle"], [FieldChange(f["champ"], f["avant"], f["apres"]) for f in d.get("champs", [])])

    return {kind: KindChanges([item(x) for x in c["ajouts"]], [item(x) for x in c["suppressions"]],
                              [item(x) for x in c["modifications"]])
            for kind, c in data["changements"].items()}


def cmd_diff(args: argparse.Namespace) -> int:
    root = Path(args.racine)
    try:
        changes, errors = diff_revisions(root, args.rev1, args.rev2)
    except RevisionError as err:
        print(f"referentiel diff : {err}", file=sys.stderr)
        return 1
    for rev, count in errors.items():
        print(f"attention : la révision « {rev} » contient {count} erreur(s) de chargement ; le contenu "
              "des fichiers illisibles y apparaît comme supprimé (voir « make check » à cette révision)",
              file=sys.stderr)
    if args.format == "json":
        print(json.dumps(to_json(changes, args.rev1, args.rev2), ensure_ascii=False, indent=2))
    else:
        print(to_markdown(changes, f"Changements du référentiel entre `{args.rev1}` et `{args.rev2}`").rstrip())
    return 0
