"""Reproducible builds: two builds of the same commit with SOURCE_DATE_EPOCH set are
byte-identical, file by file (sitemap.xml.gz included), so a published release can be
rebuilt and compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from outils import ROOT
from referentiel.site.mkdocs import build_site


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_deux_constructions_identiques(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    first = _files(_build(tmp_path / "a"))
    second = _files(_build(tmp_path / "b"))
    assert "sitemap.xml.gz" in first and len(first) > 100
    assert sorted(first) == sorted(second)
    differing = [rel for rel in first if first[rel] != second[rel]]
    assert differing == []


def _build(folder: Path) -> Path:
    site = folder / "site"
    build_site(ROOT, site)
    return site
