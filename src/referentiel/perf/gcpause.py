"""Pause Python's cyclic garbage collector around bulk work on the loaded content.

Loading and checking create millions of small, long-lived, acyclic objects (models,
positions, strings). Each full collection rescans all of them, which made `check`
superlinear at 50× and cost a third of its time at 10× (issue 6, bench/). Reference
counting still frees everything; only the cycle detector waits until the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
