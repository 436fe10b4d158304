"""Spot checks of the real content against the published export (referentiel.json):
a handful of facts per source, each checked by hand against the source document."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from referentiel.checks import run_checks
from referentiel.load import load
from referentiel.render.exports import exports

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def publie() -> dict[str, bytes]:
    ref, diags = load(ROOT)
    assert [
        d.format_text() for d in [*diags, *run_checks(ref)] if d.severity.value == "erreur"
    ] == []
    return exports(ref)


@pytest.fixture(scope="module")
def donnees(publie: dict[str, bytes]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(publie["donnees/referentiel.json"])
    return data


def _by_id(items: list[dict[str, Any]], ident: str) -> dict[str, Any]:
    return next(x for x in items if x["id"] == ident)


def test_crts_hierarchie_drhas_et_technique_cnts(donnees: dict[str, Any]) -> None:
    # Circulaire du 21 septembre 2018, II.3.
    crts = _by_id(donnees["fiches"], "coordonnateur-regional-en-travail-social")
    natures = {(r["nature"], r.get("fiche", r["libelle"])) for r in crts["rattachements"]}
    assert (
        "hierarchique",
        "Chef du département des ressources humaines et de l'action sociale (DRHAS)",
    ) in natures
    assert ("technique", "coordonnateur-national-en-travail-social") in natures


def test_code_penal_226_13_un_an_et_15000_euros(donnees: dict[str, Any]) -> None:
    # Circulaire de 2018, annexe II.
    article = _by_id(donnees["textes"], "code-penal-226-13")
    assert "un an d'emprisonnement et de 15 000 euros d'amende" in article["texte_integral"]


def test_circulaire_2018_abroge_celle_de_2005(donnees: dict[str, Any]) -> None:
    nouvelle = _by_id(donnees["textes"], "circulaire-2018-09-21")
    ancienne = _by_id(donnees["textes"], "circulaire-2005-03-21")
    assert "circulaire-2005-03-21" in nouvelle["abroge"]
    assert ancienne["statut"] == "abroge" and ancienne["abroge_par"] == "circulaire-2018-09-21"
    assert nouvelle["numero"].endswith("JUST1827699C")


def test_ass_en_spip_deux_versions_de_la_dap(donnees: dict[str, Any]) -> None:
    # Mémoire 2015 : fiche de poste initiale et fiche « modifiée ».
    fiche = _by_id(donnees["fiches"], "assistant-de-service-social-en-spip")
    assert [v["id"] for v in fiche["versions"]] == ["dap-initiale", "dap-modifiee"]
    assert fiche["contexte"] == "spip"


def test_tableau_complet_et_dans_l_ordre_de_la_source(
    donnees: dict[str, Any], publie: dict[str, bytes]
) -> None:
    # Schéma départemental, fiche action 2, tableau des interventions.
    champs = donnees["tableau"]["champs"]
    assert [c["id"] for c in champs][:2] == ["acces-aux-droits", "logement-hebergement"]
    assert len(champs) == 9
    assert sum(len(c["dispositifs"]) for c in champs) == 41
    rows = list(
        csv.DictReader(io.StringIO(publie["donnees/tableau-des-interventions.csv"].decode("utf-8")))
    )
    assert len(rows) == 166 == sum(len(d["actes"]) for c in champs for d in c["dispositifs"])
    assert rows[0]["acte"] == "Information sur les critères d'attribution du droit"
    expulsions = [r["acte"] for r in rows if r["dispositif_id"] == "prevention-des-expulsions"]
    assert "Rédaction d'une note sociale à destination de la CCAPEX" in expulsions
    fonctions = donnees["tableau"]["fonctions"]["elements"]
    assert fonctions == [
        "accueil",
        "écoute",
        "information",
        "évaluation",
        "conseil",
        "orientation",
        "médiation",
    ]


def test_anas_incoherence_signalee(donnees: dict[str, Any]) -> None:
    anas = next(e for e in donnees["glossaire"]["entrees"] if e["terme"] == "ANAS")
    assert anas["forme_developpee"].startswith("Association")
    assert any(f["forme"].startswith("Agence") for f in anas["autres_formes"])
    assert "Agence" in anas["notes"]


def test_referentiel_activites_ass_igas_six_fonctions(donnees: dict[str, Any]) -> None:
    cadre = _by_id(donnees["cadres"], "referentiel-activites-ass")
    texte = json.dumps(cadre, ensure_ascii=False)
    assert "six fonctions" in texte


def test_glossaire_csv_une_ligne_par_entree(
    donnees: dict[str, Any], publie: dict[str, bytes]
) -> None:
    rows = list(csv.DictReader(io.StringIO(publie["donnees/glossaire.csv"].decode("utf-8"))))
    assert len(rows) == len(donnees["glossaire"]["entrees"])
    ccapex = next(r for r in rows if r["terme"] == "CCAPEX")
    assert "expulsions" in ccapex["forme_developpee"].lower()
    assert ccapex["sources"]


def test_infobulles_du_glossaire_distinguent_forme_usuelle() -> None:
    from referentiel.render.glossaire import abbreviations

    ref, _ = load(ROOT)
    bulles = abbreviations(ref)
    assert bulles["CCAPEX"].startswith("Commission")
    assert "(forme usuelle, non donnée par les sources)" not in bulles["CCAPEX"]
    assert (
        bulles["ENM"]
        == "École nationale de la magistrature (forme usuelle, non donnée par les sources)"
    )


def test_export_json_lisible_et_identique_au_format_publie(
    donnees: dict[str, Any], publie: dict[str, bytes]
) -> None:
    """The fast serializer must keep the published format byte for byte: UTF-8 accents
    unescaped, one-space indentation, key order of the models (people diff the file)."""
    attendu = (json.dumps(donnees, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    assert publie["donnees/referentiel.json"] == attendu
    assert "é".encode() in attendu and b"\\u00e9" not in attendu


def test_serialisation_des_modeles_identique_a_pydantic() -> None:
    """The export walks the models by hand (no serializer to build at generation):
    it must give exactly what pydantic's model_dump gives, field order included."""
    from referentiel.render.exports import plain

    ref, _ = load(ROOT)
    modeles = [
        ref.glossaire,
        ref.tableau,
        ref.orientation,
        *ref.textes.values(),
        *ref.fiches.values(),
        *ref.procedures.values(),
        *ref.organisations.values(),
        *ref.cadres.values(),
        *ref.sources.values(),
        *ref.contextes.values(),
        *ref.parcours.values(),
    ]
    assert len(modeles) > 150
    for modele in modeles:
        assert modele is not None
        attendu = modele.model_dump(mode="json", exclude_none=True)
        assert json.dumps(plain(modele)) == json.dumps(attendu), modele


# --- Issue 16 : faits relus sur les sources -----------------------------------------


def test_codir_psh_ne_valide_que_la_fiche_action_6(donnees: dict[str, Any]) -> None:
    # Schéma départemental : « validation du CODIR » pour le DSL (tableau, ligne 1617),
    # « Validation en CODIR PSH » pour la fiche action 6 (lignes 2823-2824) seulement.
    org = next(o for o in donnees["organisations"] if "Tarn-et-Garonne" in o["titre"])
    noeuds = {n["id"]: n for n in org["noeuds"]}
    assert "développement social local" not in noeuds["codir-psh"]["description"]
    assert "fiche action 6" in noeuds["codir-psh"]["description"]
    assert "développement social local" in noeuds["codir"]["description"]
    assert "ne précise pas" in noeuds["codir"]["description"]
    # Lignes 2587-2588, 2621-2622, 2706-2707 : groupe de suivi n° 6 AST pour les fiches 1, 2
    # et 4 ; les fiches 3 et 5 n'ont pas de « Processus de décision ».
    suivi = noeuds["groupe-de-suivi-ast"]["description"]
    assert "fiches action 1, 2 et 4" in suivi and "fiches action 3 et 5" in suivi


def test_service_social_volant_renforce_ses_collegues_sans_cadres_cites(
    donnees: dict[str, Any],
) -> None:
    # Schéma départemental, lignes 341-363 : renfort « en soutien de leurs collègues » ;
    # les responsables de MDS ne sont pas nommés.
    fiche = _by_id(donnees["fiches"], "ass-cesf-volant")
    partenaires = [p["libelle"] for p in fiche["partenaires_internes"]]
    assert not any("esponsable" in p for p in partenaires)
    assert any("leurs collègues" in p for p in partenaires)


def test_missions_generales_de_l_ass_en_spip_communes_aux_deux_fiches(
    donnees: dict[str, Any],
) -> None:
    # Mémoire 2015, ligne 732 : « Les missions générales se retrouvent sur les deux fiches
    # de poste » ; leur formulation n'est citée que d'après la fiche « modifiée » (note 17).
    fiche = _by_id(donnees["fiches"], "assistant-de-service-social-en-spip")
    communs = [c for c in fiche["versions_commun"] if c["champ"] == "missions"]
    connues = [c["libelle"] for c in communs if c.get("formulation_connue") == "dap-modifiee"]
    assert len(connues) == 3
    assert connues[0].startswith("Facilite « la nécessaire prise en compte")
    for version in fiche["versions"]:
        assert not any(m in connues for m in version["contenu"].get("missions", []))


def test_comparaison_des_fiches_dap_ne_montre_pas_les_missions_generales_ajoutees() -> None:
    from referentiel.render.pages import versions_block

    ref, _ = load(ROOT)
    fiche = ref.fiches["assistant-de-service-social-en-spip"]
    bloc = versions_block(ref, fiche.versions, fiche.versions_commun)
    lignes = [ligne for ligne in bloc.splitlines() if "Agit en lien étroit" in ligne]
    assert len(lignes) == 1
    assert (
        "formulation non connue" in lignes[0]
        and "commun" in lignes[0]
        and "ajouté" not in lignes[0]
    )


def test_surendettement_banque_de_france_et_commission_avec_provenance(
    donnees: dict[str, Any],
) -> None:
    # Circulaire de 2005, lignes 93-94 : dossier « instruit par la Banque de France » ;
    # rapport IGAS, ligne 3076 : « commission de surendettement ».
    proc = _by_id(donnees["procedures"], "surendettement")
    assert "instruit par la Banque de France" in proc["precisions"]
    assert "commission de surendettement" in proc["precisions"]
    assert "non précisés par la source" not in proc["precisions"]
    cites = {(s["source"], s.get("lignes")) for s in proc["sources"]}
    assert ("circulaire-2005-service-social-justice", "83-94") in cites
    assert ("igas-2005-intervention-sociale-proximite", "3074-3077") in cites


def test_sigles_non_developpes_sans_description_dans_la_forme(donnees: dict[str, Any]) -> None:
    entrees = {e["terme"]: e for e in donnees["glossaire"]["entrees"]}
    for terme in ("SIGD", "D.S.I.T.", "DEF", "MISS"):
        assert entrees[terme]["non_developpe"] is True
        assert "forme_developpee" not in entrees[terme] and entrees[terme]["definition"]
    appi = entrees["APPI"]
    assert appi["forme_hors_sources"] is True
    assert all("retenue" not in (s.get("note") or "") for s in appi["sources"])
    # La forme développée d'autres_formes n'est qu'une forme, jamais un commentaire.
    for entree in entrees.values():
        for autre in entree.get("autres_formes", []):
            assert "(au pluriel" not in autre["forme"], entree["terme"]


def _texte_du_site() -> list[tuple[str, int, str]]:
    """Le texte propre du site (hors citations « … » et formes développées recopiées)."""
    out = []
    fichiers = [
        *ROOT.glob("fiches/*.md"),
        *ROOT.glob("procedures/*.md"),
        *ROOT.glob("donnees/**/*.yml"),
        ROOT / "glossary.yml",
    ]
    for f in sorted(fichiers):
        profondeur = 0
        for n, ligne in enumerate(f.read_text(encoding="utf-8").split("\n"), start=1):
            propre = []
            for car in ligne:
                if car == "«":
                    profondeur += 1
                elif car == "»":
                    profondeur = max(0, profondeur - 1)
                elif profondeur == 0:
                    propre.append(car)
            if "forme_developpee:" not in ligne and "libelle_source:" not in ligne:
                out.append((f.relative_to(ROOT).as_posix(), n, "".join(propre)))
    return out


def test_typographie_du_texte_propre_du_site() -> None:
    import re

    fautes = [
        f"{p}:{n}: {t.strip()[:80]}"
        for p, n, t in _texte_du_site()
        if re.search(r"\bEtats?\b|\bA tout moment\b|\basssum", t)
    ]
    assert fautes == []


def test_dispositifs_ecrits_comme_la_source(donnees: dict[str, Any]) -> None:
    # Tableau des interventions : « 115/ 115 Violence intra-familiale », « Le pari, Tapaj ».
    texte = json.dumps(donnees["fiches"], ensure_ascii=False)
    assert "violence intrafamiliale" not in texte and "violence intra-familiale" in texte
    assert "Le Pari, TAPAJ" not in texte and "Le pari, Tapaj" in texte


def test_roles_partenaires_decrits_et_affiches_comme_tels(donnees: dict[str, Any]) -> None:
    # Rapport IGAS : ASS de l'éducation nationale (§ 3.1.3.1, circulaire de 1991), ASS et
    # CESF des CAF (§ 3.1.3.1), CESF salariés des OPAC (§ 3.3.3.1).
    from referentiel.render.pages import fiche_page
    from referentiel.render.sections import fiches_index

    partenaires = {f["id"]: f for f in donnees["fiches"] if f["role"] == "partenaire"}
    assert set(partenaires) == {
        "assistant-de-service-social-de-l-education-nationale",
        "travailleurs-sociaux-des-caf",
        "conseiller-en-economie-sociale-familiale-des-opac",
    }
    assert (
        "circulaire-1991-09-11"
        in partenaires["assistant-de-service-social-de-l-education-nationale"]["textes"]
    )
    assert all(f["role"] == "poste" for f in donnees["fiches"] if f["id"] not in partenaires)
    ref, _ = load(ROOT)
    page = fiche_page(ref, ref.fiches["travailleurs-sociaux-des-caf"]).body
    assert '!!! note "Rôle partenaire"' in page and "(CAF)" in page
    index = fiches_index(ref).body
    assert "rôle partenaire (OPAC)" in index and "dont 3 de rôles partenaires" in index


def test_textes_cites_par_les_sources_ajoutes(donnees: dict[str, Any]) -> None:
    textes = {t["id"]: t for t in donnees["textes"]}
    for ident in (
        "arrete-delegation-conseil-general-rhone",
        "note-2001-06-29-inspection-academique-rhone",
        "note-1983-12-29-rapport-mensuel",
        "code-deontologie-medicale",
        "projet-de-loi-prevention-delinquance",
        "plan-cohesion-sociale",
        "plan-pluriannuel-pauvrete",
        "plan-action-travail-social-developpement-social",
    ):
        assert textes[ident]["statut"] == "non-precise", ident
        assert all(s.get("lignes") for s in textes[ident]["sources"]), ident
    # La frise ne permet pas de dater le plan avec certitude : pas de date.
    assert "date" not in textes["plan-pluriannuel-pauvrete"]


def test_procedures_des_dispositifs_decrits_par_le_tableau(donnees: dict[str, Any]) -> None:
    # Schéma départemental, tableau des interventions : chaque dispositif décrit de la
    # demande à sa suite a sa procédure, étape par étape, avec les lignes de ses actes.
    procedures = {p["id"]: p for p in donnees["procedures"]}
    attendues = {
        "siao": "siao",
        "commission-coordination-logement-social": "commission-coordination-logement-social",
        "logement-reservataire": "logement-reservataire-conseil-departemental",
        "centre-maternel": "centre-maternel",
        "tisf": "tisf",
        "aed": "aed",
        "mdph": "enfance-mdph",
        "agrement-accueillants-familiaux": "agrement-accueillants-familiaux",
    }
    for ident, dispositif in attendues.items():
        proc = procedures[ident]
        assert dispositif in proc["dispositifs"], ident
        assert all(s.get("lignes") for e in proc["etapes"] for s in e["sources"]), ident
        assert "non précisé" not in proc.get("declencheur", ""), ident
    agrement = procedures["agrement-accueillants-familiaux"]
    assert any("commission d'agrément" in e["libelle"] for e in agrement["etapes"])
    assert "mdph" in [p["id"] for p in donnees["procedures"] if "sante-mdph" in p["dispositifs"]]


# --- Issue 16, seconde relecture ------------------------------------------------------


def test_forme_developpee_sans_commentaire(donnees: dict[str, Any]) -> None:
    # Une forme développée n'est qu'une forme : « (lecture probable) », « (de l'anglais…) »,
    # « (sous-direction de la DAP) » vont dans les notes (AST, COVID, PMJ).
    entrees = {e["terme"]: e for e in donnees["glossaire"]["entrees"]}
    fautes = [t for t, e in entrees.items() if "(" in e.get("forme_developpee", "")]
    assert fautes == []
    assert "lecture probable" in entrees["AST"]["notes"]
    assert "sous-direction de la DAP" in entrees["PMJ"]["notes"]
    assert "coronavirus disease" in entrees["COVID"]["notes"]


def test_ass_developpe_par_la_circulaire_de_2018(donnees: dict[str, Any]) -> None:
    # Circulaire du 21 septembre 2018, ligne 88 : « des assistants de service social du
    # personnel (ASS) du ministère de la justice » : le sigle y est développé.
    ass = next(e for e in donnees["glossaire"]["entrees"] if e["terme"] == "ASS")
    cite = next(
        s for s in ass["sources"] if s["source"] == "circulaire-2018-service-social-justice"
    )
    assert "non développé" not in cite["note"] and cite["lignes"] == "88"
    formes = {f["forme"]: f for f in ass["autres_formes"]}
    assert formes["assistants de service social du personnel"]["sources"][0]["lignes"] == "88"


def _lignes(item: dict[str, Any]) -> str:
    return " ".join(s.get("lignes", "") for s in item["sources"])


def test_partenaires_de_l_ass_en_spip_citent_les_lignes_qui_les_disent(
    donnees: dict[str, Any],
) -> None:
    # Mémoire 2015 : le SIAO est le passage de l'hébergement au droit commun (l. 3380-3386),
    # non un « passage obligé » ; la psychologue « a vocation à intervenir avec tous les
    # CPIP » (l. 3023-3025) ; les DPIP accompagnent la prise de fonction (l. 2849-2853, 3603).
    fiche = _by_id(donnees["fiches"], "assistant-de-service-social-en-spip")
    externes = {p["libelle"].split(" ")[0]: p for p in fiche["partenaires_externes"]}
    assert "passage obligé" not in externes["SIAO"]["libelle"]
    assert "3380-3386" in _lignes(externes["SIAO"])
    assert "2121-2124" in _lignes(externes["UCSA"])
    assert "3443-3449" in _lignes(externes["CAF"])
    internes = {p["libelle"].split(" ")[0]: p for p in fiche["partenaires_internes"]}
    assert "3023-3025" in _lignes(internes["Psychologue"])
    assert "2849-2853" in _lignes(internes["DPIP"]) and "3602-3606" in _lignes(internes["DPIP"])


def test_etapes_citent_chaque_fait_qu_elles_affirment(donnees: dict[str, Any]) -> None:
    # Saisine de l'ASS : l'instruction des dossiers (mémoire, l. 1659-1661), les copies au
    # CPIP (l. 3293-3295) et les réunions de synthèse (l. 778-779) ; expulsions : la visite
    # « imposée par le cadre réglementaire » (schéma, l. 1954-1958).
    saisine = {
        e["libelle"].split(" :")[0]: e
        for e in _by_id(donnees["procedures"], "saisine-ass-par-le-cpip")["etapes"]
    }
    assert "1659-1661" in _lignes(saisine["Intervention de l'ASS"])
    compte_rendu = _lignes(saisine["Compte rendu au CPIP"])
    assert "3293-3295" in compte_rendu and "778-779" in compte_rendu
    expulsions = _by_id(donnees["procedures"], "prevention-des-expulsions")["etapes"]
    visite = next(e for e in expulsions if "imposée par le cadre réglementaire" in e["libelle"])
    assert "1954-1958" in _lignes(visite)


def test_cpip_travailleurs_sociaux_penitentiaires_du_rapport_lhuilier(
    donnees: dict[str, Any],
) -> None:
    # Mémoire 2015, lignes 375-405 : le rapport Lhuilier (2007) sur les « travailleurs
    # sociaux pénitentiaires » (les CIP) : « un entre-deux accompagnement-insertion et
    # contrôle-probation ». La couverture des rôles le comptait sans fiche.
    fiche = _by_id(donnees["fiches"], "conseiller-penitentiaire-d-insertion-et-de-probation")
    limite = next(x for x in fiche["limites"] if "Lhuilier" in x["libelle"])
    assert "un entre-deux accompagnement-insertion et contrôle-probation" in limite["libelle"]
    assert _lignes(limite) == "375-405"


def test_citations_aux_mots_de_la_source(donnees: dict[str, Any]) -> None:
    # Rapport IGAS, ligne 180 : « garantir et de valoriser » ; mémoire, ligne 1333 :
    # « (articles 411-1 à 411-6 du Code…) », sans article ; circulaire de 2018, ligne 32 :
    # « Par le Secrétariat Général » (diffusion, non émission).
    texte = json.dumps(donnees, ensure_ascii=False)
    assert "« garantir et valoriser" not in texte and "« garantir et de valoriser" in texte
    assert "« les articles 411-1" not in texte
    # Rapport IGAS, l. 1750 : « du décret du 11 juin 2004 » ; schéma, l. 2005 : « la famille
    # ( couple et 5 enfants) a été accueillie au CADA » : l'élision se marque.
    assert "« le décret du 11 juin 2004 »" not in texte
    assert (
        "« la famille a été accueillie" not in texte
        and "« la famille (…) a été accueillie" in texte
    )
    sg = next(e for e in donnees["glossaire"]["entrees"] if e["terme"] == "SG")
    assert "émise par" not in sg["notes"] and "« Par le Secrétariat Général »" in sg["notes"]


def test_caf_partenaire_des_ass_des_spip_et_non_d_un_service_social(
    donnees: dict[str, Any],
) -> None:
    # Mémoire 2015, lignes 3443-3449 : « Les assistantes sociales interrogées ont amorcé un
    # travail auprès des Conseils Généraux et des CAF » ; le mémoire ne parle pas de
    # « services sociaux des SPIP ».
    fiche = _by_id(donnees["fiches"], "travailleurs-sociaux-des-caf")
    texte = json.dumps(fiche, ensure_ascii=False)
    assert "Services sociaux des SPIP" not in texte
    spip = next(p for p in fiche["partenaires_externes"] if "SPIP" in p["libelle"])
    assert "« afin de faciliter la mise à jour des droits »" in spip["libelle"]
    assert "3443-3449" in _lignes(spip)


def test_surendettement_en_spip_cpip_ou_pad(donnees: dict[str, Any]) -> None:
    # Mémoire 2015, lignes 2218-2220 : « Certains CPIP aident directement les détenus à
    # constituer un dossier de surendettement, d'autres orientent systématiquement vers le PAD ».
    proc = _by_id(donnees["procedures"], "surendettement")
    assert "orientent systématiquement vers le PAD" in proc["precisions"]
    cites = {(s["source"], s.get("lignes")) for s in proc["sources"]}
    assert ("memoire-ass-spip-2015", "2218-2220") in cites


def test_fiches_spip_citent_le_mandat_et_la_reunion_de_synthese(donnees: dict[str, Any]) -> None:
    # Mémoire 2015 : « les missions de CPIP car le mandat judiciaire l'encadrait »
    # (l. 3311-3314) ; l'instance que le DPIP promeut est la réunion de synthèse (l. 3060-3085).
    ff = _by_id(donnees["fiches"], "ass-faisant-fonction-de-cpip")
    mandat = next(m for m in ff["missions"] if "mandat judiciaire" in m["libelle"])
    assert "3311-3314" in _lignes(mandat)
    dpip = _by_id(donnees["fiches"], "directeur-penitentiaire-d-insertion-et-de-probation")
    synthese = next(a for a in dpip["activites"] if "réunion de synthèse" in a["libelle"])
    assert _lignes(synthese) == "3060-3090"
