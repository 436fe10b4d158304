"""Shared fixtures: a copy of the small valid référentiel, and a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VALIDE = ROOT / "tests" / "fixtures" / "valide"


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture référentiel."""
    target = tmp_path / "depot"
    shutil.copytree(VALIDE, target)
    return target


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    proc = subprocess.run([sys.executable, "-m", "referentiel.cli", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def buildable(depot: Path) -> Path:
    """Make a copy of the fixture référentiel buildable as a site: the real theme
    overrides, hook and hand-written pages, and mkdocs.yml without its nav (which names
    pages only the real content has), so a strict build of it has no warning."""
    import re

    (depot / "scripts").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "scripts" / "mkdocs_hook.py", depot / "scripts")
    shutil.copytree(ROOT / "overrides", depot / "overrides", dirs_exist_ok=True)
    for path in (ROOT / "docs").rglob("*"):
        target = depot / "docs" / path.relative_to(ROOT / "docs")
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (depot / "mkdocs.yml").write_text(re.sub(r"(?ms)^nav:.*?(?=^\S|\Z)", "", config), encoding="utf-8")
    return depot


@pytest.fixture
def depot_constructible(depot: Path) -> Path:
    """The fixture copy, ready for `build_site` (see `buildable`)."""
    return buildable(depot)
