"""Orientation and parcours: every id resolves, pages render, git dates are computed once."""

from __future__ import annotations

import subprocess
from pathlib import Path

from referentiel.build import files
from referentiel.build.cadre import Settings, frame
from referentiel.checks import run_checks
from referentiel.history.dates import GitDates, last_commit_times, parse_log
from referentiel.load import load
from referentiel.render.cadre import report_url
from referentiel.render.glossaire import abbr_pattern
from referentiel.render.typographie import date_text_fr

ORIENTATION = """\
besoins:
  - id: expulsion
    libelle: "Menace d'expulsion"
    mots: ["expulsion", "huissier"]
    champs: [logement]
    dispositifs: [prevention-des-expulsions]
  - id: perdu
    libelle: "Besoin mal relié"
    mots: ["perdu"]
    dispositifs: [prevention-des-expulsion]
    procedures: [inconnue]
  - id: vide
    libelle: "Besoin sans cible"
    mots: ["rien"]
"""

PARCOURS = """\
parcours:
  - contexte: departement
    titre: "Parcours"
    premier_jour:
      - page: fiches/assistant-de-service-social
      - page: tableau#logement
      - page: fiches/inconnue
      - page: fiches/assistant-de-service-social
    premier_mois:
      - page: tableau#nulle-part
"""


def _codes(depot: Path) -> list[tuple[str, int, str]]:
    ref, diags = load(depot)
    diags += run_checks(ref)
    return sorted((d.location.path, d.location.line, d.code) for d in diags)


def test_references_inconnues_localisees(depot: Path) -> None:
    (depot / "donnees/orientation.yml").write_text(ORIENTATION, encoding="utf-8")
    (depot / "donnees/parcours.yml").write_text(PARCOURS, encoding="utf-8")
    assert _codes(depot) == [
        ("donnees/orientation.yml", 10, "REF001"),
        ("donnees/orientation.yml", 11, "REF001"),
        ("donnees/orientation.yml", 12, "ORI001"),
        ("donnees/parcours.yml", 7, "REF001"),
        ("donnees/parcours.yml", 8, "PAR001"),
        ("donnees/parcours.yml", 10, "REF001"),
    ]


def test_page_orienter_derive_le_professionnel_des_fiches(depot: Path) -> None:
    (depot / "donnees/orientation.yml").write_text(
        ORIENTATION.split("  - id: perdu")[0], encoding="utf-8"
    )
    ref, diags = load(depot)
    assert not diags and not run_checks(ref)
    page = files(ref, depot)["orienter/index.md"].decode("utf-8")
    bloc = page.split('id="besoin-expulsion"')[1].split("</section>")[0]
    assert "[Prévention des expulsions](../dispositifs/prevention-des-expulsions.md)" in bloc
    # The fixture's fiche performs an acte of this dispositif: it is the professional.
    assert "../fiches/assistant-de-service-social.md" in bloc
    # The procédure tied to the dispositif in the data is offered without being listed.
    assert "../procedures/prevention-des-expulsions.md" in bloc
    assert 'data-mots="menace d&#x27;expulsion expulsion huissier' in page


def test_sans_fichiers_ni_page_ni_erreur(depot: Path) -> None:
    ref, diags = load(depot)
    out = files(ref, depot)
    assert not diags and "orienter/index.md" not in out and "parcours/index.md" not in out
    assert "contextes/departement.md" in out


def test_dates_git_en_une_passe() -> None:
    log = "\x1e200\n\nfiches/a.md\nglossary.yml\n\x1e100\n\nfiches/a.md\nfiches/b.md\n"
    times = parse_log(log)
    assert times == {"fiches/a.md": 200, "glossary.yml": 200, "fiches/b.md": 100}
    dates = GitDates(times, epoch=150)
    assert dates.timestamp("fiches/a.md") == 150  # clamped to SOURCE_DATE_EPOCH
    assert dates.timestamp("fiches/") == 150
    assert GitDates(times).timestamp("fiches/") == 200
    assert dates.timestamp("absent.md") is None


def test_hors_git_aucune_date(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    assert last_commit_times(tmp_path) == {}


def test_depot_git_reel(tmp_path: Path) -> None:
    env = {
        "GIT_AUTHOR_DATE": "@1700000000 +0000",
        "GIT_COMMITTER_DATE": "@1700000000 +0000",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    subprocess.run(["git", "-C", str(tmp_path), "add", "a.md"], check=True, env=env)
    subprocess.run(["git", "-C", str(tmp_path), "commit", "-qm", "a"], check=True, env=env)
    assert last_commit_times(tmp_path) == {"a.md": 1700000000}


def test_infos_de_page_revue_et_signalement() -> None:
    page = (
        '---\ntitle: "Demande au FSL"\nsource: "procedures/fsl.md"\n'
        'verifie_le: "2026-11-01"\na_revoir_avant: "2027-11"\n'
        'referent: "Conseillère technique"\n---\n\n# Demande au FSL\n\nLe FSL aide.\n'
    )
    content = {"index.md": b"# Accueil\n", "procedures/index.md": "# Procédures\n".encode()}
    content["procedures/fsl.md"] = page.encode("utf-8")
    settings = Settings(
        edit="https://forge/edit/main", report="mailto:ref@intranet", site="https://intranet/"
    )
    abbrs = {"FSL": "Fonds de solidarité pour le logement", "RSA": "Revenu de solidarité active"}
    out = frame(
        content,
        GitDates({"procedures/fsl.md": 1700000000}),
        abbrs,
        abbr_pattern(abbrs),
        settings,
    )["procedures/fsl.md"].decode("utf-8")
    assert out.startswith(page.split("\n# ")[0].rstrip("\n")), "front matter kept as written"
    assert '<time datetime="2026-11-01">1er novembre 2026</time>' in out
    assert ">novembre 2027</time>" in out
    assert "<dd>Conseillère technique</dd>" in out
    assert '<time datetime="2023-11-14">14 novembre 2023</time>' in out
    assert 'href="https://forge/edit/main/procedures/fsl.md"' in out
    assert "mailto:ref@intranet?subject=Erreur%20dans%20le%20r%C3%A9f%C3%A9rentiel" in out
    assert "https%3A//intranet/procedures/fsl/" in out
    # Breadcrumb: Accueil, then the section index, as Markdown links every builder resolves.
    assert "[Accueil](../index.md)" in out and "[Procédures](index.md)" in out
    # Tooltips: the definitions of the sigles the page uses, and only those.
    assert "*[FSL]: Fonds de solidarité pour le logement" in out
    assert "*[RSA]" not in out


def test_infos_de_page_sans_adresses_ni_git() -> None:
    content = {"guide/index.md": b"# Guide\n\nTexte.\n"}
    out = frame(content, None, {}, None, Settings(edit="", report="", site=""))
    text = out["guide/index.md"].decode("utf-8")
    assert "Modifier cette page" not in text and "Signaler une erreur" not in text
    assert "Modifié le" not in text
    assert text.startswith("# Guide"), "no breadcrumb without a home page"


def test_signaler_vers_un_formulaire() -> None:
    assert (
        report_url("https://intranet/form?x=1", "T", "https://i/p/")
        == "https://intranet/form?x=1&page=https%3A%2F%2Fi%2Fp%2F"
    )
    assert report_url("", "T", "u") == ""
    assert date_text_fr("2027") == "2027"
