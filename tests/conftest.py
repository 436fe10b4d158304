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
