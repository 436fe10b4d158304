"""PDFs are printed again only when what Chromium reads has changed: with nothing
changed, a build copies every PDF from the signed store and starts no browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel.models.routes import Tome
from referentiel.perf.cache import KEY_ENV, BlobStore
from referentiel.publish import pdf

TOMES = [Tome(1, ("Fiches de poste",), ("fiches/ass", "fiches/cesf"))]


class NoBrowser:
    def new_context(self, **_: object) -> object:
        raise AssertionError("Chromium lancé alors que rien n'a changé")


def _site(root: Path) -> Path:
    site = root / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "print.css").write_text("h1 { color: black }", encoding="utf-8")
    page = '<link rel="stylesheet" href="{}assets/print.css"><title>{} - R</title>{}'
    (site / "index.html").write_text(page.format("", "Accueil", ""), encoding="utf-8")
    for ident in ("ass", "cesf"):
        folder = site / "fiches" / ident
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(
            page.format(
                "../../", ident, f'<article class="md-content__inner md-typeset">{ident}</article>'
            ),
            encoding="utf-8",
        )
    return site


def test_la_cle_suit_la_page_et_ses_feuilles_de_style(tmp_path: Path) -> None:
    site = _site(tmp_path)
    fiche = site / "fiches" / "ass" / "index.html"
    avant = pdf.inputs_key(fiche, "Chromium 1")
    assert pdf.inputs_key(fiche, "Chromium 1") == avant
    assert pdf.inputs_key(fiche, "Chromium 2") != avant
    (site / "assets" / "print.css").write_text("h1 { color: red }", encoding="utf-8")
    assert pdf.inputs_key(fiche, "Chromium 1") != avant


def test_rien_de_change_aucune_impression(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "cle"))
    monkeypatch.setattr(pdf, "chromium_version", lambda: "Chromium test")
    site = _site(tmp_path)
    store = BlobStore(tmp_path / "pdf")
    # First build: nothing in the store yet; fake the printing of each job.
    printed: list[Path] = []

    def fake_print(browser: object, jobs: list[tuple[Path, Path]]) -> list[pdf.Printed]:
        for _, target in jobs:
            target.write_bytes(b"%PDF-1.4 " + target.name.encode())
            printed.append(target)
        return [pdf.Printed(target, 0.1) for _, target in jobs]

    monkeypatch.setattr(pdf, "_print_jobs", fake_print)
    first = pdf.print_pdfs(site, tomes=TOMES, store=store)
    assert len(printed) == 3 and not any(p.reused for p in first)  # two fiches + one volume
    # Second build, same inputs: copied from the store, no browser at all.
    monkeypatch.setattr(pdf, "_print_jobs", lambda browser, jobs: NoBrowser().new_context())
    second = pdf.print_pdfs(site, tomes=TOMES, store=BlobStore(tmp_path / "pdf"))
    assert all(p.reused for p in second) and len(second) == 3
    assert (site / "pdf" / "fiches" / "ass.pdf").read_bytes() == b"%PDF-1.4 ass.pdf"
    # One fiche changes: only it is printed again.
    printed.clear()
    monkeypatch.setattr(pdf, "_print_jobs", fake_print)
    fiche = site / "fiches" / "cesf" / "index.html"
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace("cesf</article>", "cesf modifiée</article>"),
        encoding="utf-8",
    )
    third = pdf.print_pdfs(site, tomes=TOMES, store=BlobStore(tmp_path / "pdf"))
    assert sorted(p.name for p in printed) == ["cesf.pdf", "tome-01.pdf"]
    assert sum(p.reused for p in third) == 1


def test_une_entree_forgee_est_reimprimee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "cle"))
    store = BlobStore(tmp_path / "pdf")
    store.put("x.pdf", b"%PDF vrai")
    (tmp_path / "pdf" / "x.pdf").write_bytes(b"%PDF faux")
    assert BlobStore(tmp_path / "pdf").get("x.pdf") is None


def test_les_tomes_restent_bornes() -> None:
    """Whatever the size of the référentiel, no volume exceeds its page budget, sections
    stay in reading order, and a big section is cut into several volumes."""
    from types import SimpleNamespace

    from referentiel.models.routes import tomes

    ref = SimpleNamespace(
        fiches={f"f{i:04d}": None for i in range(450)},
        procedures={f"p{i}": None for i in range(30)},
        textes={f"t{i:03d}": None for i in range(120)},
        cadres={},
        organisations={},
        glossaire=object(),
        champs=lambda: [object()],
    )
    volumes = tomes(ref, taille=200)  # type: ignore[arg-type]
    assert [len(t.pages) for t in volumes] == [200, 200, 81, 121]
    assert volumes[2].sections == (
        "Fiches de poste (suite)",
        "Procédures",
        "Tableau des interventions",
    )
    pages = [p for t in volumes for p in t.pages]
    assert pages[0] == "fiches/f0000" and pages[-1] == "glossaire" and len(pages) == len(set(pages))
