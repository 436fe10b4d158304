"""The per-file cache (`referentiel.perf.cache`): a check served from it says exactly
what a full re-read says, redoes only the files whose bytes changed, survives a
damaged cache, never writes anywhere but its own folder, and never trusts an entry it
did not write itself (no code runs from it; a committed or forged entry is ignored)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from outils import run_cli, snapshot
from referentiel.checks import run_checks
from referentiel.diagnostics import sort_diagnostics
from referentiel.load import load
from referentiel.perf.cache import ENV, KEY_ENV, code_key
from referentiel.sources.yamlstrict import YamlDoc, parse_yaml

FICHE = "fiches/assistant-de-service-social.md"
TEXTE = "donnees/textes/code-penal-226-13.yml"


def _diagnostics(root: Path, *, cache: bool = True) -> tuple[list[str], tuple[int, int]]:
    """Diagnostics as a new `referentiel check` process prints them (nothing in memory)."""
    ref, diags = load(root, cache=cache)
    return [d.format_text() for d in sort_diagnostics([*diags, *run_checks(ref)])], ref.lecture


@pytest.fixture
def propre(depot: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture copy with its own cache in `.cache/referentiel/`, as on an editor's machine."""
    monkeypatch.delenv(ENV, raising=False)
    return depot


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _with_errors(root: Path) -> None:
    """Errors whose location a cached run must compute again from the file's text:
    an unknown sigle, an unknown source, a duplicate id in another file, a hostile tag."""
    _edit(
        root,
        FICHE,
        '"Prévenir les expulsions locatives."',
        '"Prévenir les expulsions avec le FSLX."',
    )
    _edit(
        root,
        FICHE,
        'section: "Fiche action 2"',
        'section: "Fiche action 2"\n  - source: inconnue\n    section: "x"',
    )
    _edit(root, TEXTE, 'titre: "', 'titre: "<script>alert(1)</script> ')
    copie = root / "donnees/textes/copie.yml"
    copie.write_text((root / TEXTE).read_text(encoding="utf-8"), encoding="utf-8")


def test_un_passage_servi_par_le_cache_dit_exactement_la_meme_chose(propre: Path) -> None:
    _with_errors(propre)
    sans_cache, lecture = _diagnostics(propre, cache=False)
    assert lecture[0] == 0
    codes = {line.split(" ")[2] for line in sans_cache}
    assert {"GLO001", "PRV001", "ID001", "ID002", "SEC001"} <= codes, sans_cache

    premier, lecture_froide = _diagnostics(propre)
    assert lecture_froide[0] == 0 and lecture_froide[1] > 5
    second, lecture_chaude = _diagnostics(propre)
    assert lecture_chaude == (lecture_froide[1], 0)
    assert premier == sans_cache
    assert second == sans_cache  # same messages, same file:line:col


def test_seul_le_fichier_modifie_est_relu(propre: Path) -> None:
    avant, _ = _diagnostics(propre)
    assert [d for d in avant if " erreur " in d] == []
    total = sum(load(propre)[0].lecture)

    _edit(
        propre,
        FICHE,
        '"Prévenir les expulsions locatives."',
        '"Prévenir les expulsions avec le FSLX."',
    )
    apres, lecture = _diagnostics(propre)
    assert lecture == (total - 1, 1)
    assert any(f"{FICHE}:6:" in d and "GLO001" in d and "FSLX" in d for d in apres), apres

    _edit(
        propre,
        FICHE,
        '"Prévenir les expulsions avec le FSLX."',
        '"Prévenir les expulsions locatives."',
    )
    retour, lecture = _diagnostics(propre)
    assert retour == avant
    # The entry for the original bytes was pruned when the edit replaced it: read again.
    assert lecture == (total - 1, 1)


def test_entree_abimee_relue_sans_erreur(propre: Path) -> None:
    avant, _ = _diagnostics(propre)
    dossier = propre / ".cache" / "referentiel" / code_key() / "fichiers"
    entrees = sorted(dossier.glob("*.json"))
    assert entrees
    entrees[0].write_bytes(b"pas du JSON")
    entrees[1].write_bytes(entrees[1].read_bytes()[:20])
    apres, lecture = _diagnostics(propre)
    assert apres == avant
    assert lecture[1] == 2
    mac, _, payload = entrees[0].read_bytes().partition(b"\n")
    assert len(mac) == 64 and json.loads(payload)["diags"] == []  # rewritten whole


def test_le_cache_n_ecrit_que_dans_son_dossier_et_se_nettoie(propre: Path) -> None:
    sources = snapshot(propre)
    mon_fichier = propre / ".cache" / "referentiel" / "notes.txt"
    ancienne_version = propre / ".cache" / "referentiel" / ("0" * 20)
    (ancienne_version / "fichiers").mkdir(parents=True)
    (ancienne_version / "fichiers" / "a.json").write_bytes(b"x")
    mon_fichier.write_text("à moi", encoding="utf-8")

    _diagnostics(propre)
    apres = snapshot(propre)
    assert {k: v for k, v in apres.items() if not k.startswith(".cache/")} == sources
    assert not ancienne_version.exists()  # entries of another version of the tool
    assert mon_fichier.read_text(encoding="utf-8") == "à moi"  # not ours: kept

    # An entry no file has any more is removed once a run had something to recompute.
    (propre / TEXTE).unlink()
    nb = len(list((propre / ".cache" / "referentiel" / code_key() / "fichiers").glob("*.json")))
    _diagnostics(propre)
    assert (
        len(list((propre / ".cache" / "referentiel" / code_key() / "fichiers").glob("*.json")))
        == nb - 1
    )


def test_sans_cache_rien_n_est_ecrit(propre: Path) -> None:
    result = run_cli("--racine", str(propre), "check", "--sans-cache")
    assert result.code == 0, result.err
    assert not (propre / ".cache").exists()


def test_cache_desactive_par_l_environnement(propre: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "0")
    _diagnostics(propre)
    assert not (propre / ".cache").exists()


def test_document_yaml_mis_en_cache_retrouve_ses_positions() -> None:
    """A cached document is stored as its text; data and positions come back on use."""
    text = 'id: x\nliste:\n  - "un"\n  - deux: 2\n'
    doc, diags = parse_yaml("a.yml", text, 4)
    assert doc is not None and diags == []
    copie = YamlDoc.lazy(doc.path, doc.text(), doc.offset)
    assert "positions" not in copie.__dict__  # not rebuilt until needed
    assert copie.text() == doc.text()  # reading its text does not parse it
    assert "positions" not in copie.__dict__
    assert copie.contains("deux") and not copie.contains("trois")
    assert copie.where(("liste", 1, "deux")) == doc.where(("liste", 1, "deux"))
    assert (copie.data, copie.key_positions, copie.lines) == (
        doc.data,
        doc.key_positions,
        doc.lines,
    )


def _entrees(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "referentiel" / code_key() / "fichiers").glob("*.json"))


def test_une_entree_forgee_ne_change_aucun_verdict(propre: Path) -> None:
    """An entry that says « no problem » for a hostile file, signed with another key
    (made on another machine, or by hand), is ignored: the file is read again."""
    _edit(propre, TEXTE, 'titre: "', 'titre: "<script>alert(1)</script> ')
    avant, _ = _diagnostics(propre)
    assert any("SEC001" in line for line in avant)
    for entree in _entrees(propre):
        _, _, payload = entree.read_bytes().partition(b"\n")
        data = json.loads(payload)
        data["diags"] = []
        entree.write_bytes(b"0" * 64 + b"\n" + json.dumps(data).encode())
    apres, lecture = _diagnostics(propre)
    assert apres == avant
    assert lecture[0] == 0  # not one forged entry was used


def test_un_cache_venu_d_une_autre_cle_est_relu(
    propre: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _diagnostics(propre)
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "autre-cle"))
    _, lecture = _diagnostics(propre)
    assert lecture[0] == 0 and lecture[1] > 0


def test_un_cache_suivi_par_git_n_est_pas_utilise(propre: Path) -> None:
    """A cache folder committed with the sources (a merge request can add one) is
    never read: every file is read and checked again."""
    _diagnostics(propre)
    git = ["git", "-C", str(propre)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-f", ".cache"], check=True)
    _, lecture = _diagnostics(propre)
    assert lecture[0] == 0


def test_depot_reel_identique_avec_et_sans_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from outils import ROOT

    monkeypatch.setenv(ENV, str(tmp_path / "cache"))
    racine = tmp_path / "depot"
    racine.mkdir()
    for name in ("glossary.yml", "donnees", "fiches", "procedures"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, racine / name)
    sans, _ = _diagnostics(racine, cache=False)
    _diagnostics(racine)
    avec, lecture = _diagnostics(racine)
    assert lecture[1] == 0 and lecture[0] > 150
    assert avec == sans


def test_generation_servie_par_le_cache_identique_apres_modification(
    propre: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an edit, a generation from the per-file cache writes byte for byte what a
    generation without cache writes."""
    from referentiel.build import generate

    avec, sans = tmp_path / "avec", tmp_path / "sans"
    generate(propre, avec)  # fills the caches
    _edit(
        propre,
        FICHE,
        '"Prévenir les expulsions locatives."',
        '"Prévenir les expulsions, toujours."',
    )
    _edit(
        propre, "glossary.yml", '"Assistant de service social"', '"Assistant(e) de service social"'
    )
    assert generate(propre, avec).written >= 3  # the fiche's page, the JSON, the glossary exports
    monkeypatch.setenv(ENV, "0")
    generate(propre, sans)
    assert snapshot(avec) == snapshot(sans)
    donnees = (avec / "donnees" / "referentiel.json").read_text(encoding="utf-8")
    assert "toujours" in donnees and "Assistant(e)" in donnees
    assert "Assistant(e)" in (avec / "donnees" / "glossaire.csv").read_text(encoding="utf-8")
