"""The guide's page of message codes, rendered from tested examples (checks/exemples.py).

The build passes the examples in; tests/unit/test_guide.py applies every one and
proves both halves, so the guide cannot show an example that no longer triggers its
code, nor a fix that does not clear it.
"""

from __future__ import annotations

from referentiel.checks.exemples import EXAMPLES_DIR, Example
from referentiel.diagnostics import CODES
from referentiel.render.md import Page, esc

FAMILLES = [
    ("FIC", "Fichiers"),
    ("YAML", "Écriture YAML"),
    ("SCH", "Clés et valeurs"),
    ("ID", "Identifiants"),
    ("PRV", "Provenance"),
    ("REF", "Références"),
    ("GLO", "Glossaire et sigles"),
    ("TAB", "Tableau des interventions"),
    ("SEC", "Sécurité"),
    ("DON", "Données personnelles"),
    ("REV", "Revue"),
    ("NOU", "Squelettes à compléter"),
    ("ORI", "Orientation"),
    ("PAR", "Parcours d'intégration"),
]


def _code_block(text: str, lang: str = "yaml") -> list[str]:
    shown = text.replace("\t", "→   ").replace("\x07", "�")
    fence = "````" if "```" in shown else "```"
    return [f"{fence}{lang}", *shown.rstrip("\n").split("\n"), fence]


def _order(code: str) -> tuple[int, str]:
    for i, (prefix, _) in enumerate(FAMILLES):
        if code.startswith(prefix) and code[len(prefix) :].isdigit():
            return (i, code)
    return (len(FAMILLES), code)


def _family(code: str) -> str:
    index = _order(code)[0]
    return FAMILLES[index][1] if index < len(FAMILLES) else "Autres"


def codes_page(examples: dict[str, Example]) -> Page:
    out = [
        "# Codes des messages du vérificateur",
        "",
        (
            "Chaque message de `make check` porte un code stable. Pour chacun : ce qu'il signifie, un exemple "
            "d'erreur tiré du petit référentiel d'exemple, le message affiché et la correction. Ces exemples "
            "sont vérifiés automatiquement : chacun produit bien son code, et sa correction le fait disparaître."
        ),
        "",
        (
            "Un message se lit ainsi : `fichier:ligne:colonne: erreur CODE — explication` ; "
            "voir [Lire un message du vérificateur](messages.md)."
        ),
        "",
    ]
    current = ""
    for code, meaning in sorted(CODES.items(), key=lambda kv: _order(kv[0])):
        family = _family(code)
        if family != current:
            out += [f"## {family}", ""]
            current = family
        out += [f"### {code} — {esc(meaning)} {{#{code.lower()}}}", ""]
        ex = examples.get(code)
        if ex is None:
            out += ["*Exemple à rédiger.*", ""]
            continue
        out += [esc(ex.explication) if "`" not in ex.explication else ex.explication, ""]
        encodage = f" (enregistré en {ex.encodage})" if ex.encodage else ""
        # Examples in a fiche's body are a sentence (no final newline); others are YAML lines.
        body = ex.fichier.endswith(".md") and not (ex.remplacer or "\n").endswith("\n")
        lang = "markdown" if body else "yaml"
        out += [f"**À ne pas faire** — dans `{ex.fichier}`{encodage} :", ""]
        out += _code_block(ex.faux or "(fichier vide)", lang) + [""]
        if ex.message:
            out += ["Message affiché :", ""] + _code_block(ex.message, "text") + [""]
        out += ["**Correction :**", ""] + _code_block(ex.correct, lang) + [""]
    from referentiel import diagnostics

    site_codes: dict[str, str] = getattr(diagnostics, "SITE_CODES", {})
    if site_codes:
        out += [
            "## Contrôles du site construit",
            "",
            (
                "Ces codes viennent de l'analyse du site après sa construction (`make build`). Ils concernent "
                "l'équipe technique ; si l'un d'eux apparaît dans la CI de votre demande de fusion, "
                "signalez-le-lui."
            ),
            "",
        ]
        out += [
            f"- **{code}** — {esc(meaning)}" for code, meaning in sorted(site_codes.items())
        ] + [""]
    return Page(
        "guide/codes.md", "Codes des messages du vérificateur", "\n".join(out), EXAMPLES_DIR + "/"
    )
