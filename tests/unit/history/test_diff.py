"""`referentiel diff` on real git revisions of a temporary repository: it lists exactly
the changes made, in French, and the same changes in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outils import commit_all, git, run_cli


@pytest.fixture
def depot_git(depot: Path) -> Path:
    """The valid fixture référentiel as a git repository with one tagged commit."""
    git(depot, "init", "-q", "-b", "main")
    commit_all(depot, "version initiale", tag="v1")
    return depot


NOUVEAU_SIGLE = """  - id: caf
    type: sigle
    terme: CAF
    forme_developpee: "Caisse d'allocations familiales"
    sources:
      - source: schema-departemental-82
        section: "Glossaire"
"""


def faire_trois_changements(root: Path) -> None:
    """Add a sigle, remove an acte from the tableau, change a fiche's intitulé."""
    gloss = root / "glossary.yml"
    text = gloss.read_text(encoding="utf-8")
    gloss.write_text(
        text.replace("hors_glossaire:", NOUVEAU_SIGLE + "hors_glossaire:"), encoding="utf-8"
    )
    tableau = root / "donnees/tableau.yml"
    text = tableau.read_text(encoding="utf-8")
    acte = (
        "          - id: participation-ccapex\n"
        '            libelle: "Participation aux commissions CCAPEX"\n'
    )
    assert acte in text
    tableau.write_text(text.replace(acte, ""), encoding="utf-8")
    fiche = root / "fiches/assistant-de-service-social.md"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(
        text.replace(
            'intitule: "Assistant de service social"',
            'intitule: "Assistant de service social de secteur"',
        ),
        encoding="utf-8",
    )


ATTENDU = """## Changements du référentiel entre `v1` et `HEAD`

### Fiches de poste

- Modifiée : **Assistant de service social de secteur** (`assistant-de-service-social`)
  - `intitule` : « Assistant de service social » → « Assistant de service social de secteur »

### Actes du tableau des interventions

- Supprimé : **Participation aux commissions CCAPEX** (`prevention-des-expulsions/participation-ccapex`)

### Sigles et termes du glossaire

- Ajouté : **CAF** (`caf`)
"""


def test_diff_liste_exactement_les_changements(depot_git: Path) -> None:
    faire_trois_changements(depot_git)
    commit_all(depot_git, "trois changements")
    assert run_cli("--racine", str(depot_git), "check").code == 0
    result = run_cli("--racine", str(depot_git), "diff", "v1", "HEAD")
    assert (result.code, result.err) == (0, "")
    assert result.out == ATTENDU


def test_diff_json(depot_git: Path) -> None:
    faire_trois_changements(depot_git)
    commit_all(depot_git, "trois changements")
    result = run_cli("--racine", str(depot_git), "diff", "v1", "HEAD", "--format", "json")
    data = json.loads(result.out)
    resume = {
        kind: {k: [i["id"] for i in v] for k, v in c.items() if v}
        for kind, c in data["changements"].items()
        if any(c.values())
    }
    assert resume == {
        "fiches": {"modifications": ["assistant-de-service-social"]},
        "actes": {"suppressions": ["prevention-des-expulsions/participation-ccapex"]},
        "sigles": {"ajouts": ["caf"]},
    }
    assert data["changements"]["fiches"]["modifications"][0]["champs"] == [
        {
            "champ": "intitule",
            "avant": "Assistant de service social",
            "apres": "Assistant de service social de secteur",
        }
    ]


def test_mise_en_forme_seule_n_est_pas_un_changement(depot_git: Path) -> None:
    """Re-indenting or commenting a file changes no value: diff says so."""
    tableau = depot_git / "donnees/tableau.yml"
    text = tableau.read_text(encoding="utf-8")
    text = text.replace(
        '"Logement / hébergement"', "'Logement / hébergement'  # guillemets simples"
    )
    text = text.replace(
        'libelle: "Prévention des expulsions"', "libelle:     Prévention des expulsions"
    )
    tableau.write_text("# commentaire ajouté\n" + text, encoding="utf-8")
    commit_all(depot_git, "mise en forme")
    result = run_cli("--racine", str(depot_git), "diff", "v1", "HEAD")
    assert result.out.endswith("Aucun changement dans le contenu du référentiel.\n")


def test_revision_inconnue(depot_git: Path) -> None:
    result = run_cli("--racine", str(depot_git), "diff", "v9", "HEAD")
    assert result.code == 1
    assert "révision « v9 » inconnue" in result.err
    assert "Traceback" not in result.err


def test_revision_en_erreur_signalee(depot_git: Path) -> None:
    """A revision whose files do not load would show its content as removed: say so."""
    (depot_git / "donnees/tableau.yml").write_text("champs: [\n", encoding="utf-8")
    commit_all(depot_git, "tableau cassé")
    result = run_cli("--racine", str(depot_git), "diff", "v1", "HEAD")
    assert result.code == 0
    assert "attention : la révision « HEAD » contient 1 erreur(s)" in result.err


def test_page_nouveautes_entre_etiquettes(depot_git: Path, tmp_path: Path) -> None:
    from referentiel.build import generate

    faire_trois_changements(depot_git)
    commit_all(depot_git, "trois changements", tag="v2")
    out = tmp_path / "docs"
    generate(depot_git, out)
    page = (out / "nouveautes/index.md").read_text(encoding="utf-8")
    assert "## Version v2" in page
    assert ATTENDU.split("\n", 2)[2].strip() in page  # same account as `referentiel diff`
    assert list(
        (depot_git / ".cache/referentiel/nouveautes").glob("*.json")
    )  # cached by commit pair


def test_page_nouveautes_hors_git(depot: Path, tmp_path: Path) -> None:
    from referentiel.build import generate

    generate(depot, tmp_path / "docs")
    page = (tmp_path / "docs/nouveautes/index.md").read_text(encoding="utf-8")
    assert "Historique indisponible : ce site a été construit hors d'un dépôt git." in page
