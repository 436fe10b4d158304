"""`referentiel terminer` reads the site once and must find exactly what the separate
commands find (scan, links), give Pagefind the same index, and tell a PDF that a PDF=0
build did not print from a missing file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from referentiel.diagnostics import sort_diagnostics
from referentiel.models.referentiel import Referentiel
from referentiel.models.routes import Tome
from referentiel.publish import apres, pdf, search
from referentiel.publish.liens import check_links, check_links_notes
from referentiel.publish.scan import KnownScripts, scan

PAGE = (
    '<!doctype html><html lang="fr" class="no-js"><head><meta charset="utf-8">'
    "<title>{title} - Référentiel</title></head><body>"
    '<nav class="md-nav"><a href="{up}index.html">Accueil</a> <a href="{up}fiches/a/">Fiche</a></nav>'
    '<article class="md-content__inner md-typeset">{body}</article>'
    '<footer><a href="{up}index.html#haut">Haut</a></footer></body></html>'
)


def _write(site: Path, rel: str, title: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    up = "../" * rel.count("/")
    path.write_text(PAGE.format(title=title, up=up, body=body), encoding="utf-8")


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    _write(site, "index.html", "Accueil", '<h1 id="haut">Accueil</h1><p>Évaluation sociale.</p>')
    _write(
        site,
        "fiches/a/index.html",
        "Assistant de service social",
        '<h1 id="a">Assistant de service social</h1>'
        '<p><abbr title="Revenu de solidarité active">RSA</abbr> et accompagnement.</p>'
        '<a href="../../pdf/fiches/a.pdf" download>PDF</a> '
        '<a href="../../pdf/fiches/absente.pdf">PDF inconnu</a> '
        '<a href="../../disparu/">cassé</a> <a href="#nulle-part">ancre</a>'
        "<div data-pagefind-ignore><p>Texte ignoré par la recherche.</p></div>",
    )
    _write(
        site,
        "impression/index.html",
        "Le référentiel en PDF",
        '<h1 id="imp">En PDF</h1><a href="../pdf/referentiel/tome-01.pdf">Tome 1</a>'
        '<img src="x.png" onerror="alert(1)"><script>alert(2)</script>',
    )
    (site / "dessin.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(3)</script></svg>',
        encoding="utf-8",
    )
    return site


TOMES = [Tome(1, ("Fiches de poste",), ("fiches/a",))]


@pytest.fixture
def fini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, apres.Outcome]:
    monkeypatch.setattr(apres, "tomes", lambda ref: TOMES)
    site = _site(tmp_path)
    done = apres.finish(
        tmp_path, site, pdf_printed=False, ref=Referentiel(root=tmp_path), known=KnownScripts([])
    )
    return site, done


def test_une_lecture_trouve_ce_que_trouvent_scan_et_liens(
    fini: tuple[Path, apres.Outcome],
) -> None:
    site, done = fini
    assert done.security == sort_diagnostics(list(scan(site, KnownScripts([]))))
    assert [d.code for d in done.security] == ["SEC003"] * 3  # onerror, two scripts
    planned = pdf.planned(site, TOMES)
    assert done.links == sort_diagnostics(list(check_links(site, planned)))
    assert sorted((d.code, d.message.split(" : ")[0]) for d in done.links) == [
        ("LIEN001", "lien « ../../disparu/ »"),
        ("LIEN001", "lien « ../../pdf/fiches/absente.pdf »"),
        ("LIEN001", "lien « x.png »"),
        ("LIEN002", "lien « #nulle-part »"),
    ]


def test_pdf_non_imprimes_signales_et_non_casses(fini: tuple[Path, apres.Outcome]) -> None:
    """PDF=0: the fiche's PDF and the volume are planned by the PDF step, so their links
    are noted; a PDF that no step prints (« absente ») stays a broken link."""
    _, done = fini
    assert sorted(n.pdf for n in done.unprinted) == [
        "pdf/fiches/a.pdf",
        "pdf/referentiel/tome-01.pdf",
    ]
    assert str(done.unprinted[0].location).startswith("site/")


def test_build_normal_un_pdf_absent_reste_une_erreur(tmp_path: Path) -> None:
    site = _site(tmp_path)
    diags, notes = check_links_notes(site)  # PDFs printed: nothing is expected missing
    assert notes == []
    cassés = {d.message.split("« ")[1].split(" »")[0] for d in diags if d.code == "LIEN001"}
    assert {"../../pdf/fiches/a.pdf", "../pdf/referentiel/tome-01.pdf"} <= cassés
    (site / "pdf" / "fiches").mkdir(parents=True)
    (site / "pdf" / "fiches" / "a.pdf").write_bytes(b"%PDF-1.4")
    diags, _ = check_links_notes(site)
    assert "../../pdf/fiches/a.pdf" not in {d.message.split("« ")[1].split(" »")[0] for d in diags}


def test_pagefind_recoit_l_article_seul_et_donne_le_meme_index(tmp_path: Path) -> None:
    """The staged copy keeps only `<html>`, `<title>` and the article: Pagefind writes
    the same files, byte for byte, as from the whole pages."""
    site = _site(tmp_path)
    (site / "dessin.svg").unlink()
    outs = []
    for name, shape in (("entier", lambda html: html), ("article", search.content_only)):
        staging = tmp_path / f"copie-{name}"
        for page in search.indexed_pages(site):
            target = staging / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                shape(search.prepare_html(page.read_text(encoding="utf-8"))), encoding="utf-8"
            )
        out = tmp_path / f"index-{name}"
        subprocess.run(search.pagefind_command(staging, out), check=True)
        outs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]
    assert len(search.content_only(PAGE.format(title="t", up="", body="x"))) < len(PAGE)


def test_une_page_sans_article_unique_est_donnee_entiere() -> None:
    deux = "<html><body><article>a</article><article>b</article></body></html>"
    assert search.content_only(deux) == deux
    aucun = "<html><body><p>rien</p></body></html>"
    assert search.content_only(aucun) == aucun
