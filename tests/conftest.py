"""Shared fixtures: a copy of the small valid référentiel (plain and buildable)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from outils import VALIDE, buildable


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture référentiel."""
    target = tmp_path / "depot"
    shutil.copytree(VALIDE, target)
    return target


@pytest.fixture
def depot_constructible(depot: Path) -> Path:
    """The fixture copy, ready for `build_site` (see `outils.buildable`)."""
    return buildable(depot)
