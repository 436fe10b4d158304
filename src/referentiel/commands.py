"""Sub-commands beyond `check`; each delegates to its module."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    from . import build

    p = sub.add_parser("generate", help="générer les pages et les exports dans build/docs")
    p.add_argument("--sortie", default="build/docs")
    p.set_defaults(func=build.cmd_generate)
