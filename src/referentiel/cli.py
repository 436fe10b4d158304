"""`referentiel` command line: check, generate, export, and the editors' tools.

Content problems never produce a traceback: they are diagnostics (exit 1). Only a bug
in the engine itself exits 2, with a short French message and the traceback hidden
unless REFERENTIEL_DEBUG is set.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from .checks import run_checks
from .diagnostics import Diagnostic, Severity, render, sort_diagnostics
from .load import load

EXIT_OK, EXIT_CONTENT, EXIT_INTERNAL = 0, 1, 2


def collect(root: Path, *, cache: bool = True) -> list[Diagnostic]:
    ref, diags = load(root, cache=cache)
    diags.extend(run_checks(ref))
    return sort_diagnostics(diags)


def cmd_check(args: argparse.Namespace) -> int:
    diags = collect(Path(args.racine), cache=not args.sans_cache)
    if args.fichiers:
        wanted = {Path(f).as_posix() for f in args.fichiers}
        diags = [d for d in diags if d.location.path in wanted]
    out = render(diags, args.format)
    if out:
        print(out)
    errors = sum(1 for d in diags if d.severity is Severity.ERROR)
    if args.format == "text":
        if errors:
            print(f"\n{errors} erreur(s) : corrigez-les puis relancez « make check ».", file=sys.stderr)
        else:
            print("Aucune erreur : le référentiel est cohérent.", file=sys.stderr)
    return EXIT_CONTENT if errors else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="referentiel", description="Outils du référentiel du service social")
    parser.add_argument("--racine", default=".", help="dossier du dépôt (par défaut : le dossier courant)")
    sub = parser.add_subparsers(dest="commande", required=True)

    p = sub.add_parser("check", help="vérifier toutes les sources et afficher chaque problème")
    p.add_argument("--format", choices=("text", "github", "json"), default="text")
    p.add_argument("--sans-cache", action="store_true",
                   help="relire et revérifier chaque fichier sans le cache .cache/referentiel/ "
                        "(par défaut, seuls les fichiers modifiés depuis la dernière vérification le sont)")
    p.add_argument("fichiers", nargs="*", help="ne montrer que les problèmes de ces fichiers")
    p.set_defaults(func=cmd_check)

    from . import commands  # registers the other sub-commands (generate, export…)

    commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        return 130
    except Exception:  # noqa: BLE001 - last-resort guard: never a bare traceback
        if os.environ.get("REFERENTIEL_DEBUG"):
            traceback.print_exc()
        print("erreur interne de l'outil referentiel (pas une erreur de contenu) ; relancez avec "
              "REFERENTIEL_DEBUG=1 pour le détail et signalez-la à l'équipe technique.", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    """Console entry point: `main`, then exit without tearing the heap down.

    Freeing the loaded référentiel object by object at interpreter exit took 0.35 s of
    a 4 s `check` at 10× (issue 6); the process is ending, so the OS reclaims it at
    once. Output is flushed first, so nothing printed is lost. Only for the console
    command: `main` called from Python (tests, the bench) returns normally.
    """
    # A command runs for seconds over millions of acyclic objects: the cycle detector
    # would rescan them all for nothing (0.17 s of a warm `check` at 10×, issue 6).
    gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, OSError):  # `referentiel check | head`: reader gone
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
