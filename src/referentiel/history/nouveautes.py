"""What changed between published versions: the data of the Nouveautés page.

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

from referentiel.history import changes as diff

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
        result.append(
            Pair(f"Depuis {tags[0]} (pas encore publié comme version)", shas[0], head, date(head))
        )
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
    tmp.write_text(
        json.dumps(diff.to_json(changes, pair.old, pair.new), ensure_ascii=False), encoding="utf-8"
    )
    tmp.replace(cache)
    return changes


@dataclass(frozen=True)
class Version:
    """One pair of revisions and what changed between them."""

    pair: Pair
    changes: diff.Changes


def versions(root: Path) -> list[Version] | None:
    """The versions the Nouveautés page shows, newest first; None outside a git checkout."""
    try:
        found = pairs(root)
    except (diff.RevisionError, OSError):
        return None
    if found is None:
        return None
    return [Version(pair, changes_for(root, pair)) for pair in found]
