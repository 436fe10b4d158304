"""Results derived from the models of a few files at generation, cached like the files.

A generation from the per-file cache still compared the same versions of the same
fiches word by word (difflib) and rebuilt the same exports (JSON data, CSV and ODS of
the tableau and the glossary): 0.7 s of a 1.5 s generation at 10× (issue 6). Each
depends on nothing but the models of known files (and, for citations, the sources
registry), so it is kept under the key of those files' bytes (`Referentiel.empreintes`)
in the per-file cache's folder (`cache.py`: same invalidation by code version, same
safety), one folder per kind. Editing one fiche recomputes the fiches' part only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from referentiel.perf.cache import FileCache, for_checkout, key_of
from referentiel.models.base import Located
from referentiel.models.referentiel import Referentiel

T = TypeVar("T")


def derived(ref: Referentiel, kind: str, models: Located | Sequence[Located] | None, compute: Callable[[], T],
            *extra: str) -> T:
    """`compute()`, a function of `models` (and of `extra`) alone, cached by their files."""
    if models is None:
        return compute()
    group = [models] if isinstance(models, Located) else list(models)
    digests = [ref.empreintes.get(m.file) for m in group]
    if not group or None in digests:  # built by hand (tests) or unreadable: nothing to key on
        return compute()
    cache: FileCache[T] | None = ref.derived.get(kind)
    if cache is None:
        cache = ref.derived[kind] = for_checkout(ref.root, kind)
    parts = [f"{d}:{m._path!r}" for d, m in zip(digests, group)]
    return cache.get(kind, key_of(*parts, *extra), compute)


def prune(ref: Referentiel) -> None:
    """Drop entries of files that no longer exist or changed (after a generation)."""
    for cache in ref.derived.values():
        cache.prune()
