"""Checks: pure functions from the loaded référentiel to diagnostics.

Each module yields diagnostics for one rule family; `run_checks` gathers them all and
the CLI sorts and prints them. No check stops at the first problem.
"""

from __future__ import annotations

from referentiel.checks import (
    ancres,
    dates,
    fichier,
    orientation,
    refs,
    revue,
    sigles,
    squelettes,
    tableau,
)
from referentiel.diagnostics import Diagnostic
from referentiel.models.referentiel import Referentiel
from referentiel.perf.gcpause import gc_paused


def run_checks(ref: Referentiel) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    with gc_paused():
        # Unfilled skeletons (NOU001) and overdue reviews (REV001, a warning) included.
        for module in (
            refs,
            tableau,
            sigles,
            fichier,
            orientation,
            squelettes,
            revue,
            ancres,
            dates,
        ):
            diags.extend(module.check(ref))
    return diags
