"""Checks: pure functions from the loaded référentiel to diagnostics.

Each module yields diagnostics for one rule family; `run_checks` gathers them all and
the CLI sorts and prints them. No check stops at the first problem.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..gcpause import gc_paused
from ..referentiel import Referentiel
from . import orientation, refs, safety, sigles, tableau


def run_checks(ref: Referentiel) -> list[Diagnostic]:
    # Editors' workflow: unfilled skeletons (NOU001) and overdue reviews (REV001, a warning).
    from .. import nouveau, revue

    diags: list[Diagnostic] = []
    with gc_paused():
        for module in (refs, tableau, sigles, safety, orientation, nouveau, revue):
            diags.extend(module.check(ref))
    return diags
