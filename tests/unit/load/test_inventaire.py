"""Every source folder is inventoried by lstat before anything is read (issue 11, class 3):
links, FIFOs, sockets, devices and oversized files are refused with a located French
message; files a content folder would silently ignore are reported; docs/ included."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from referentiel.cli import collect
from referentiel.sources.files import MAX_BYTES, read_source

FICHE = "fiches/assistant-de-service-social.md"


def _codes(depot: Path) -> list[tuple[str, str]]:
    return sorted(
        (d.location.path, d.code)
        for d in collect(depot, cache=False)
        if d.code.startswith("FIC") or d.code.startswith("SEC")
    )


def test_le_depot_de_test_est_propre(depot: Path) -> None:
    assert _codes(depot) == []


LINKS = {
    "fiche-vers-fichier-systeme": ("fiches/contacts.md", "/etc/passwd"),
    "glossaire-remplace-par-un-lien": ("glossary.yml", "/etc/hostname"),
    "page-vers-peripherique": ("docs/flux.md", "/dev/zero"),
    "texte-vers-un-autre-texte": ("donnees/textes/copie.yml", "code-penal-226-13.yml"),
    "dossier-lien": ("docs/systeme", "/etc"),
    "lien-casse": ("procedures/absente.md", "nulle-part.md"),
}


@pytest.mark.parametrize("name", sorted(LINKS))
def test_lien_symbolique_refuse(name: str, depot: Path) -> None:
    rel, target = LINKS[name]
    path = depot / rel
    if path.exists():
        path.unlink()
    path.symlink_to(target)
    assert (rel, "FIC005") in _codes(depot)


def test_lien_vers_peripherique_jamais_lu(depot: Path) -> None:
    """/dev/zero never ends: reading it would exhaust memory; lstat decides first."""
    (depot / "docs" / "zero.md").symlink_to("/dev/zero")
    raw, problem = read_source(depot, "docs/zero.md")
    assert raw is None and problem is not None and problem.code == "FIC005"


def _run_check(depot: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "referentiel.cli", "--racine", str(depot), "check"],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("rel", [FICHE, "fiches/nouvelle.md", "glossary.yml", "docs/page.md"])
def test_fifo_ne_bloque_pas(rel: str, depot: Path) -> None:
    """A FIFO named like a source: refused at once (a reader would wait forever)."""
    path = depot / rel
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    run = _run_check(depot)  # a hang fails the test by TimeoutExpired
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert (
        f"{rel}: erreur FIC006 — « {rel} » est un tube nommé (FIFO), pas un fichier" in run.stdout
    )


def test_socket_refusee(depot: Path, tmp_path: Path) -> None:
    path = depot / "procedures" / "s.md"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        assert ("procedures/s.md", "FIC006") in _codes(depot)


def test_peripherique_refuse(depot: Path) -> None:
    path = depot / "donnees" / "textes" / "null.yml"
    try:
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3))  # a character device
    except PermissionError:
        pytest.skip("création d'un périphérique non permise ici")
    assert ("donnees/textes/null.yml", "FIC006") in _codes(depot)


@pytest.mark.parametrize("rel", ["fiches/enorme.md", "docs/enorme.md", "donnees/tableau.yml"])
def test_fichier_trop_grand_jamais_lu(rel: str, depot: Path) -> None:
    """A sparse file over the cap: refused from its size (lstat), never read."""
    path = depot / rel
    with path.open("ab") as f:
        f.truncate(MAX_BYTES + 1)
    diags = [d for d in collect(depot, cache=False) if d.location.path == rel]
    assert [d.code for d in diags] == ["FIC007"]
    assert "au-delà de la limite de 16 Mio" in diags[0].message


EXTENSIONS = {
    "yaml-au-lieu-de-yml": ("donnees/textes/loi-2007-293.yaml", "FIC008", "loi-2007-293.yml"),
    "md-en-majuscules": ("fiches/cesf.MD", "FIC008", "cesf.md"),
    "yml-en-majuscules": ("donnees/textes/x.YML", "FIC008", "x.yml"),
    "markdown": ("procedures/p.markdown", "FIC008", ""),
    "htm-dans-docs": ("docs/annonce.htm", "FIC008", ""),
    "html-dans-docs": ("docs/guide/page.html", "FIC008", ""),
    "svg-dans-docs": ("docs/assets/logo.svg", "FIC008", ""),
    "registre-inconnu": ("donnees/contacts.yml", "FIC008", ""),
    "sous-dossier-de-fiches": ("fiches/archives/vieille.md", "FIC008", ""),
    "script-non-declare": ("docs/assets/js/suivi.js", "FIC009", ""),
    "feuille-non-declaree": ("docs/assets/piege.css", "FIC009", ""),
    "module-non-declare": ("docs/assets/x.mjs", "FIC009", ""),
}


@pytest.mark.parametrize("name", sorted(EXTENSIONS))
def test_fichier_ignore_signale(name: str, depot: Path) -> None:
    rel, code, hint = EXTENSIONS[name]
    path = depot / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<script>alert(1)</script>\n", encoding="utf-8")
    diags = [d for d in collect(depot, cache=False) if d.code == code]
    reported = rel if "/archives/" not in rel else "fiches/archives"
    assert [d.location.path for d in diags] == [reported]
    if hint:
        assert f"renommez-le « {hint} »" in diags[0].message


def test_scripts_declares_admis() -> None:
    """The real docs/assets: every .js and .css is declared in mkdocs.yml."""
    from outils import ROOT

    assert [d for d in collect(ROOT) if d.code.startswith("FIC")] == []
    assert list((ROOT / "docs" / "assets" / "js").glob("*.js"))


def test_page_ecrite_a_la_main_verifiee(depot: Path) -> None:
    page = depot / "docs" / "index.md"
    page.write_text('# Accueil\n\n<meta http-equiv="refresh" content="0;url=//x.invalid">\n')
    assert ("docs/index.md", "SEC001") in _codes(depot)
