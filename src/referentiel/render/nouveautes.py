"""The Nouveautés page: what changed between published versions, from the data.

A version is a git tag `v*`. The page shows, newest first, the changes between each
pair of consecutive tags, and those since the last tag when HEAD is past it; with no
tag, the changes from the first commit to HEAD. Each pair is computed by the editors'
`referentiel diff` code and cached on disk by commit pair (a commit never changes),
so `mkdocs serve` rebuilds stay fast. Outside a git checkout (an archive, a test
fixture) the page says the history is unavailable instead of failing the build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .. import diff
from ..referentiel import Referentiel
from .md import Page, esc

CACHE_DIR = ".cache/referentiel/nouveautes"
CACHE_VERSION = "1"  # bump when diff.snapshot or diff.compare change meaning
MAX_PAIRS = 10


@dataclass(frozen=True)
class Pair:
    titre: str
    old: str  # commit ids
    new: str
    date: str


def _toplevel(root: Path) -> bool:
    try:
        top = diff.git(root, "rev-parse", "--show-toplevel").strip()
    except (diff.RevisionError, OSError):
        return False
    return Path(top).resolve() == root.resolve()


def pairs(root: Path) -> list[Pair] | None:
    """Revision pairs to show, newest first; None when root is not a git checkout."""
    if not _toplevel(root):
        return None
    try:
        head = diff.resolve(root, "HEAD")
    except diff.RevisionError:
        return None  # a repository without commits
    tags = [t for t in diff.git(root, "tag", "--list", "v*", "--sort=-v:refname").split() if t]
    shas = [diff.resolve(root, t) for t in tags]

    def date(sha: str) -> str:
        return diff.git(root, "log", "-1", "--format=%cs", sha).strip()

    result: list[Pair] = []
    if not tags:
        first = diff.git(root, "rev-list", "--max-parents=0", "HEAD").split()[-1]
        if first != head:
            result.append(Pair("Depuis le début de l'historique", first, head, date(head)))
        return result
    if shas[0] != head:
        result.append(Pair(f"Depuis {tags[0]} (pas encore publié comme version)", shas[0], head, date(head)))
    for (tag, sha), (_, older) in zip(zip(tags, shas), zip(tags[1:], shas[1:])):
        if sha != older:
            result.append(Pair(f"Version {tag}", older, sha, date(sha)))
    return result[:MAX_PAIRS]


def changes_for(root: Path, pair: Pair) -> diff.Changes:
    cache = root / CACHE_DIR / f"{pair.old}-{pair.new}-v{CACHE_VERSION}.json"
    if cache.is_file():
        try:
            return diff.from_json(json.loads(cache.read_text(encoding="utf-8")))
        except (ValueError, KeyError):
            pass  # a damaged cache entry is recomputed
    old, _ = diff.snapshot_at(root, pair.old)
    new, _ = diff.snapshot_at(root, pair.new)
    changes = diff.compare(old, new)
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    tmp.write_text(json.dumps(diff.to_json(changes, pair.old, pair.new), ensure_ascii=False), encoding="utf-8")
    tmp.replace(cache)
    return changes


def nouveautes_page(ref: Referentiel) -> Page:
    out = ["# Nouveautés", "",
           "Ce qui a changé dans le référentiel d'une version à l'autre : fiches, actes du tableau, sigles, "
           "textes et procédures ajoutés, supprimés ou modifiés (champ par champ). Cette page est calculée "
           "à partir des données ; les rédacteurs obtiennent le même résumé avec `referentiel diff`.", ""]
    try:
        found = pairs(ref.root)
    except (diff.RevisionError, OSError):
        found = None
    if found is None:
        out += ["Historique indisponible : ce site a été construit hors d'un dépôt git.", ""]
    elif not found:
        out += ["Aucun changement à afficher pour l'instant (une seule version).", ""]
    for pair in found or []:
        out += [f"## {esc(pair.titre)}", "", f"*{pair.date}* — révisions `{pair.old[:10]}` → `{pair.new[:10]}`", ""]
        body = diff.to_markdown(changes_for(ref.root, pair), level=2)
        out.append(body)
    return Page("nouveautes/index.md", "Nouveautés", "\n".join(out), "donnees/")
