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
