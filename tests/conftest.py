"""Shared fixtures: a copy of the small valid référentiel (plain and buildable)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from outils import VALIDE, buildable
from referentiel.perf.cache import ENV, KEY_ENV

CHROMIUM_FIXTURES = frozenset({"page", "navigateur"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium carries the `browser` marker, whoever wrote it:
    `pytest -m "not browser"` then runs exactly the tests that need no browser."""
    for item in items:
        if CHROMIUM_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def cache_partage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One per-file cache for the whole run, outside every checkout (tests compare
    checkouts file by file), shared by content: repeated loads of the same fixture are
    served from it, so every test also exercises the cache. Inherited by subprocesses."""
    folder = tmp_path_factory.mktemp("cache-referentiel")
    saved = {name: os.environ.get(name) for name in (ENV, KEY_ENV)}
    os.environ[ENV] = str(folder)
    os.environ[KEY_ENV] = str(tmp_path_factory.mktemp("cle-cache") / "cle")
    yield folder
    for name, old in saved.items():
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old
    # No test may leave a cache inside the fixtures (the sources are compared byte for byte).
    assert not list(VALIDE.parent.rglob(".cache")), "un test a écrit un cache dans tests/fixtures"


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
