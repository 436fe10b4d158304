"""Personal-data lint on a corpus of true and false positives, and on the real content.

Valid NIR keys are computed with python-stdnum (Corsica 2A/2B included), so the corpus
holds numbers a real person could have, not strings that only look like them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from stdnum.fr import nir

from outils import ROOT, run_cli
from referentiel.checks.pii import find_personal_data


def _nir(first13: str) -> str:
    return first13 + nir.calc_check_digits(first13)


NIR_PLAIN = _nir("1850578006084")
NIR_2A = _nir("29012" + "2A" + "004123")
NIR_2B = _nir("18512" + "2B" + "050018")
NIR_OUTRE_MER = _nir("2930197112345")

# (text, expected code): each must be found, with this code.
TRUE_POSITIVES: dict[str, tuple[str, str]] = {
    "nir-colle": (f"NIR de Mme X : {NIR_PLAIN}.", "DON001"),
    "nir-espaces": (f"n° SS {nir.format(NIR_PLAIN)}", "DON001"),
    "nir-corse-2a": (f"Assurée {nir.format(NIR_2A)} suivie à Ajaccio", "DON001"),
    "nir-corse-2b-colle": (f"immatriculé {NIR_2B}", "DON001"),
    "nir-corse-minuscule": (f"nir : {NIR_2A.lower()}", "DON001"),
    "nir-outre-mer": (f"NIR {NIR_OUTRE_MER} (Guadeloupe)", "DON001"),
    "nir-points": (f"Numéro : {nir.format(NIR_PLAIN, '.')}", "DON001"),
    "nir-espace-insecable": (f"NIR\u00a0: {nir.format(NIR_PLAIN, chr(0xA0))}", "DON001"),
    "iban-fr-groupes": ("Virement sur FR76 3000 6000 0112 3456 7890 189.", "DON002"),
    "iban-fr-colle": ("RIB : FR7630006000011234567890189", "DON002"),
    "iban-de": ("IBAN DE89 3704 0044 0532 0130 00 du fils", "DON002"),
    "mobile-espaces": ("Joindre Mme Y au 06 12 34 56 78 le matin.", "DON003"),
    "mobile-points": ("tél. 07.81.23.45.67", "DON003"),
    "mobile-tirets": ("tél. 06-12-34-56-78", "DON003"),
    "fixe-colle": ("domicile : 0563123456", "DON003"),
    "international": ("+33 6 12 34 56 78", "DON003"),
    "international-colle": ("+33612345678", "DON003"),
    "international-zero": ("+33 (0)6 12 34 56 78", "DON003"),
    "prefixe-0033": ("0033 5 63 12 34 56", "DON003"),
    "espaces-insecables": ("06\u00a012\u00a034\u00a056\u00a078", "DON003"),
    "box-09": ("09 72 12 34 56", "DON003"),
    "courriel-gmail": ("écrire à jean.dupont@gmail.com", "DON004"),
    "courriel-orange": ("contact : m.martin82@orange.fr", "DON004"),
    "courriel-majuscules": ("Dupont.Marie@Laposte.NET", "DON004"),
    "courriel-faux-institutionnel": ("x@justice.gouv.fr.evil.com", "DON004"),
    "courriel-mailto": ("[écrire](mailto:famille.durand@free.fr)", "DON004"),
}

# Text the référentiel really contains, or could: never personal data.
FALSE_POSITIVES: dict[str, str] = {
    "loi": "Loi n° 2007-293 du 5 mars 2007 réformant la protection de l'enfance",
    "decret": "décret n° 2019-768 du 24 juillet 2019",
    "date-iso": "vérifié le 2026-11-01, revu le 2024-02-29",
    "date-francaise": "le 05/03/2007, puis le 21.09.2018",
    "articles": "articles L. 226-2-1, L. 411-3 et R. 411-1 du CASF ; article 226-13 du Code pénal",
    "nor": "Circulaire NOR JUST1827699C du 21 septembre 2018 ; DAGE/05/13/B",
    "pages": "pages 27 à 31, p. 112, lignes 1137-1210",
    "numeros-courts": "Appeler le 115, le 119 (enfance en danger), le 3919 ou le 17.",
    "numero-vert": "Numéro vert : 0 800 05 12 34 ; 0800 123 456",
    "numero-de-service": "ligne 08 00 12 34 56 (appel gratuit)",
    "codes-postaux": "82000 Montauban, 31000 Toulouse",
    "siret": "SIRET 130 005 481 00010",
    "montants": "1 234 567,89 € en 2024 ; 12 345 678 habitants",
    "heures": "de 9 h 30 à 12 h 00, 14:00-17:30",
    "courriel-institutionnel": "service.social@justice.gouv.fr, drhas@social.gouv.fr",
    "courriel-departement": "mds.montauban@tarnetgaronne.fr",
    "courriel-exemple": "prenom.nom@exemple.fr",
    "nir-cle-invalide": f"{NIR_PLAIN[:13]}{(int(NIR_PLAIN[13:]) + 1) % 100:02d}",
    "iban-cle-invalide": "FR76 3000 6000 0112 3456 7890 188",
    "identifiant-jorf": "JORFTEXT000000823100 et LEGIARTI000006797403",
    "annees": "de 1985 à 2005, 2018-2025",
    "liste-numeros": "fiches 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15",
    "version": "version 1.6.1, Material 9.8.1",
}


@pytest.mark.parametrize("name", sorted(TRUE_POSITIVES))
def test_donnee_personnelle_detectee(name: str) -> None:
    text, code = TRUE_POSITIVES[name]
    found = list(find_personal_data(text))
    assert [c for _, _, c, _ in found] == [code]
    offset, matched, _, _ = found[0]
    assert text[offset : offset + len(matched)] == matched  # the location points at it


@pytest.mark.parametrize("name", sorted(FALSE_POSITIVES))
def test_pas_de_faux_positif(name: str) -> None:
    assert list(find_personal_data(FALSE_POSITIVES[name])) == []


def test_corpus_rappel_et_faux_positifs() -> None:
    """The figures of the issue's closing note, computed on the corpus."""
    caught = sum(
        1
        for text, code in TRUE_POSITIVES.values()
        if code in [c for _, _, c, _ in find_personal_data(text)]
    )
    false = sum(1 for text in FALSE_POSITIVES.values() if list(find_personal_data(text)))
    assert (caught, false) == (len(TRUE_POSITIVES), 0)


def test_contenu_reel_sans_faux_positif() -> None:
    """The real référentiel has no personal data: any DON finding would be a false one."""
    run = run_cli("--racine", str(ROOT), "check", "--format", "json")
    assert "Traceback" not in run.err
    assert '"DON0' not in run.out


def test_localisation_dans_une_fiche(depot: Path) -> None:
    fiche = depot / "fiches" / "assistant-de-service-social.md"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(
        text.rstrip("\n") + f"\n\nContact de la famille : 06 12 34 56 78, NIR {NIR_2B}.\n",
        encoding="utf-8",
    )
    line = text.rstrip("\n").count("\n") + 3
    run = run_cli("--racine", str(depot), "check")
    assert run.code == 1
    assert f"fiches/assistant-de-service-social.md:{line}:25: erreur DON003" in run.out
    assert f"fiches/assistant-de-service-social.md:{line}:45: erreur DON001" in run.out
