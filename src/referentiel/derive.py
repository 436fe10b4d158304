"""Results derived from one file's models at generation, cached like the file itself.

A generation from the per-file cache still compared the same versions of the same
fiches word by word (difflib): 0.3 s at 10× (issue 6). A comparison depends on nothing
but the models of one file, so it is kept under the key of that file's bytes
(`Referentiel.empreintes`), in the per-file cache's folder (`cache.py`: same
invalidation by code version, same safety), one folder per kind.

Not used for the JSON export's plain data: an entry per model costs as much to read
back (an open and a small unpickle each) as walking the model again (measured at 10×).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .cache import FileCache, for_checkout, key_of
from .models.base import Located
from .referentiel import Referentiel

T = TypeVar("T")


def derived(ref: Referentiel, kind: str, model: Located, compute: Callable[[], T], *extra: str) -> T:
    """`compute()`, a function of `model` (and of `extra`) alone, cached by its file."""
    digest = ref.empreintes.get(model.file)
    if digest is None:  # built by hand (tests) or unreadable: nothing to key on
        return compute()
    cache: FileCache[T] | None = ref.derived.get(kind)
    if cache is None:
        cache = ref.derived[kind] = for_checkout(ref.root, kind)
    return cache.get(model.file, key_of(digest, repr(model._path), *extra), compute)


def prune(ref: Referentiel) -> None:
    """Drop entries of files that no longer exist or changed (after a generation)."""
    for cache in ref.derived.values():
        cache.prune()
