"""Sub-commands beyond `check`; each delegates to its module."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    from . import build

    p = sub.add_parser("generate", help="générer les pages et les exports dans build/docs")
    p.add_argument("--sortie", default="build/docs")
    p.set_defaults(func=build.cmd_generate)

    from . import couverture

    p = sub.add_parser("couverture", help="couverture des cinq documents sources (sigles, fiches, textes…)")
    p.add_argument("--sources", default="../shared/seeds", help="dossier des extractions texte des sources")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=couverture.cmd_couverture)

    register_redaction(sub)

    from . import deploy

    deploy.register(sub)  # csp, scan, liens, liens-externes (issue 5)


def register_redaction(sub: Any) -> None:
    """The editors' tools (issue 7): schemas, formatter, diff, scaffolding, review."""
    from . import diff, formatter, nouveau, revue, schemas

    nouveau.register(sub)
    revue.register(sub)

    p = sub.add_parser("schemas", help="exporter les schémas JSON des sources (complétion dans VS Code)")
    p.add_argument("--sortie", default=schemas.SCHEMAS_DIR)
    p.set_defaults(func=schemas.cmd_schemas)

    p = sub.add_parser("format", help="mettre en forme les sources YAML sans rien perdre (facultatif)")
    p.add_argument("fichiers", nargs="*", help="fichiers à mettre en forme (par défaut : toutes les sources)")
    p.add_argument("--verifier", action="store_true", help="ne rien écrire ; code 1 si un fichier changerait")
    p.set_defaults(func=formatter.cmd_format)

    p = sub.add_parser("diff", help="ce qui a changé dans le référentiel entre deux révisions git")
    p.add_argument("rev1", help="révision de départ (étiquette, branche, commit)")
    p.add_argument("rev2", nargs="?", default="HEAD", help="révision d'arrivée (par défaut : HEAD)")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.set_defaults(func=diff.cmd_diff)

    from . import pdf

    p = sub.add_parser("pdf", help="imprimer en PDF chaque fiche de poste et tout le référentiel (site/pdf/)")
    p.add_argument("site", nargs="?", default="site", help="dossier du site construit (par défaut : site)")
    p.set_defaults(func=pdf.cmd_pdf)
