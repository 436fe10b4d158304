"""The coverage figures reported for the content come from this computation: prove it
classifies a source's capitalised tokens as a reader would."""

from __future__ import annotations

from pathlib import Path

from referentiel.load import load
from referentiel.tools.couverture import compute


def test_classement_des_sigles_d_une_source(depot: Path, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    texte = (
        "Le SPIP et l'ASS121 saisissent la CCAPEX. Voir le chapitre II. Le LOGEMENT est un droit : "
        "le logement. Selon Isabelle GORCE, la DGCS décide.\n"
    )
    (seeds / "000_38c10e1b411a5d61.txt").write_text(texte, encoding="utf-8")
    ref, _ = load(depot)
    cov = next(c for c in compute(ref, seeds) if c.source == "memoire-ass-spip-2015")
    assert sorted(cov.definis) == ["ASS", "CCAPEX", "SPIP"]  # « ASS121 » : appel de note collé
    assert cov.hors_glossaire == ["II"]
    assert cov.mots_en_capitales == ["LOGEMENT"]
    assert cov.noms_propres == ["GORCE"]
    assert cov.non_definis == ["DGCS"]
    assert cov.fiches == 0 and cov.entrees_glossaire == 2


def test_inventaire_roles_textes_et_procedures_decrits(depot: Path, tmp_path: Path) -> None:
    """The inventory finds, by its rules, a text cited and not stored, a role described
    with its missions and without a fiche, a dispositif described step by step and without
    a procédure, and counts as covered what the référentiel already has (issue 16)."""
    from referentiel.tools.couverture import inventorier

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "004_f98c7e2276aad789.txt").write_text(
        "La présente circulaire du 21 septembre 2018 abroge la circulaire DAGE/05/13/B.\n"
        "Le projet de loi sur la prévention de la délinquance a été un levier.\n"
        "Les missions des assistantes sociales de l'éducation nationale sont décrites par une circulaire.\n"
        "Vis-à-vis des élèves, les objectifs des assistantes sociales de l'éducation nationale sont la protection "
        "de l'enfance.\n"
        # « personnel(s) » au sens de tout le personnel : pas le service social du personnel.
        "Les missions des assistantes sociales font appel aux conseils de personnels spécialisés.\n"
        "Les assistantes sociales ont pour mission de gérer la disponibilité des personnels.\n",
        encoding="utf-8",
    )
    tableau = depot / "donnees" / "tableau.yml"
    tableau.write_text(
        tableau.read_text(encoding="utf-8").replace(
            "    dispositifs:\n",
            "    dispositifs:\n"
            "      - id: siao\n"
            "        libelle: \"Service intégré d'accueil et d'orientation\"\n"
            "        actes:\n"
            '          - {id: constitution, libelle: "Constitution de la demande"}\n'
            '          - {id: note, libelle: "Rédaction de la note sociale"}\n'
            '          - {id: suivi, libelle: "Suivi de la demande"}\n',
            1,
        ),
        encoding="utf-8",
    )
    ref, diags = load(depot)
    assert [d for d in diags if d.severity.value == "erreur"] == []
    inv = inventorier(ref, seeds)
    textes = {m.libelle: m.couvert_par for m in inv.textes}
    assert textes["circulaire du 21 septembre 2018"] == ["circulaire-2018-09-21"]
    assert textes["circulaire DAGE/05/13/B"] == ["circulaire-2005-03-21"]
    assert [m.libelle for m in inv.textes if not m.couvert_par] == [
        "projet de loi sur la prévention de la délinquance a été un levier"
    ]
    assert [(m.libelle, m.ligne, m.couvert_par) for m in inv.roles] == [
        ("assistant de service social (éducation nationale), 2 phrases", 3, [])
    ]
    assert [(m.libelle, m.couvert_par) for m in inv.procedures] == [
        ("Service intégré d'accueil et d'orientation (3 actes)", [])
    ]
