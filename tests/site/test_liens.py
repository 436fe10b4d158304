"""Internal links and anchors are gated twice: by MkDocs' strict build (links between
Markdown pages) and by an independent check of the built HTML (`referentiel liens`),
which also sees raw HTML, templates and generated blocks."""

from __future__ import annotations

import shutil
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


@pytest.fixture(scope="module")
def site_sans_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real référentiel built as `PDF=0 make build` builds it: no PDF printed."""
    from outils import ROOT

    out = tmp_path_factory.mktemp("sans-pdf") / "site"
    build_site(ROOT, out, pdf=False)
    return out


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "referentiel.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_pdf0_les_liens_vers_les_pdf_non_imprimes_sont_signales(site_sans_pdf: Path) -> None:
    """`PDF=0 make build` passes: its last step reports the links to the PDFs it did not
    print (info), checks every other link, and the same site checked as a normal build
    (PDFs expected) fails on exactly those links."""
    fin = _cli("terminer", str(site_sans_pdf), "--sans-pdf")
    assert fin.returncode == 0, fin.stdout + fin.stderr
    assert "info : " in fin.stderr and "PDF non imprimé(s) (PDF=0)" in fin.stderr
    assert "Liens internes de" in fin.stderr and "aucun code étranger" in fin.stderr
    normal = _cli("liens", str(site_sans_pdf))
    assert normal.returncode == 1
    lignes = [line for line in normal.stdout.splitlines() if "LIEN00" in line]
    assert lignes and all("pdf/" in line and "LIEN001" in line for line in lignes)
    assert _cli("liens", str(site_sans_pdf), "--sans-pdf").returncode == 0


def test_build_normal_un_pdf_manquant_reste_une_erreur(site_dir: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    perdu = min((site / "pdf" / "fiches").glob("*.pdf"))
    perdu.unlink()
    fin = _cli("terminer", str(site))
    assert fin.returncode == 1
    lignes = [line for line in fin.stdout.splitlines() if "LIEN001" in line]
    assert lignes and all(f"pdf/fiches/{perdu.name}" in line for line in lignes)
