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
