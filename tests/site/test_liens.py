"""Internal links and anchors are gated twice: by MkDocs' strict build (links between
Markdown pages) and by an independent check of the built HTML (`referentiel liens`),
which also sees raw HTML, templates and generated blocks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from referentiel.publish.liens import check_links
from referentiel.site.mkdocs import build_site

PAGE = "docs/a-propos.md"
GOOD = "# À propos\n\n## Sources {#sources}\n\nVoir [les sources](#sources) et [l'accueil](index.md).\n"


def _build(depot: Path, tmp_path: Path, page: str) -> Path:
    (depot / PAGE).write_text(page, encoding="utf-8")
    site = tmp_path / "site"
    build_site(depot, site, pdf=True)  # fiche pages link to their PDF
    return site


def test_page_valide_construite_strictement_et_liens_valides(
    depot_constructible: Path, tmp_path: Path
) -> None:
    site = _build(depot_constructible, tmp_path, GOOD)
    assert list(check_links(site)) == []


@pytest.mark.parametrize(
    "cassure",
    [
        "[l'accueil](accueil-disparu.md)",
        "[les sources](#source-disparue)",
        "[la fiche](fiches/assistant-de-service-social.md#ancre-disparue)",
    ],
)
def test_build_strict_refuse_un_lien_ou_une_ancre_casses(
    depot_constructible: Path, tmp_path: Path, cassure: str
) -> None:
    with pytest.raises(Abort):
        _build(depot_constructible, tmp_path, GOOD + f"\nEt {cassure}.\n")


def test_verification_du_html_voit_ce_que_mkdocs_ne_voit_pas(
    depot_constructible: Path, tmp_path: Path
) -> None:
    """Raw HTML links are not validated by MkDocs: the strict build passes, the HTML
    check fails with the place of each broken link."""
    page = GOOD + '\n<p><a href="../disparu/">x</a> <a href="#nulle-part">y</a></p>\n'
    site = _build(depot_constructible, tmp_path, page)
    found = sorted((d.location.path, d.code, d.message.split(" : ")[0]) for d in check_links(site))
    assert found == [
        ("site/a-propos/index.html", "LIEN001", "lien « ../disparu/ »"),
        ("site/a-propos/index.html", "LIEN002", "lien « #nulle-part »"),
    ]
    run = subprocess.run(
        [sys.executable, "-m", "referentiel.cli", "liens", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1 and "site/a-propos/index.html:" in run.stdout


def test_site_reel_sans_lien_interne_casse(site_dir: Path) -> None:
    assert [d.format_text() for d in check_links(site_dir)] == []
