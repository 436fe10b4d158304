"""`referentiel` command line: every sub-command is registered here, and only here.

Content problems never produce a traceback: they are diagnostics (exit 1). Only a bug
in the engine itself exits 2, with a short French message and the traceback hidden
unless REFERENTIEL_DEBUG is set. The frame (usage, help, errors) is in French.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from referentiel.checks import run_checks
from referentiel.cli import commandes
from referentiel.cli.francais import Formateur, francais
from referentiel.diagnostics import Diagnostic, Severity, render, sort_diagnostics
from referentiel.load import load
from referentiel.models.base import Contexte
from referentiel.models.texte import TypeTexte

EXIT_OK, EXIT_CONTENT, EXIT_INTERNAL = 0, 1, 2
SITE = "dossier du site construit (par défaut : site)"


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
            print(
                f"\n{errors} erreur(s) : corrigez-les puis relancez « make check ».",
                file=sys.stderr,
            )
        else:
            print("Aucune erreur : le référentiel est cohérent.", file=sys.stderr)
    return EXIT_CONTENT if errors else EXIT_OK


def _parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    aide: str,
    func: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    p = sub.add_parser(
        name, help=aide, description=aide[0].upper() + aide[1:] + ".", formatter_class=Formateur
    )
    p.set_defaults(func=func)
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="referentiel",
        description="Outils du référentiel du service social.",
        formatter_class=Formateur,
    )
    parser.add_argument(
        "--racine", default=".", help="dossier du dépôt (par défaut : le dossier courant)"
    )
    sub = parser.add_subparsers(
        dest="commande", required=True, title="commandes", metavar="COMMANDE"
    )

    # Sources
    p = _parser(sub, "check", "vérifier toutes les sources et afficher chaque problème", cmd_check)
    p.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text : pour un terminal ; github : annotations de demande de fusion ; json : pour un outil",
    )
    p.add_argument(
        "--sans-cache",
        action="store_true",
        help="relire et revérifier chaque fichier sans le cache .cache/referentiel/ "
        "(par défaut, seuls les fichiers modifiés depuis la dernière vérification le sont)",
    )
    p.add_argument("fichiers", nargs="*", help="ne montrer que les problèmes de ces fichiers")

    # Site
    p = _parser(
        sub, "generate", "générer les pages et les exports dans build/docs", commandes.generer
    )
    p.add_argument(
        "--sortie",
        default="build/docs",
        help="dossier des pages générées (par défaut : build/docs)",
    )
    p = _parser(
        sub,
        "index",
        "indexer le site construit pour la recherche (site/pagefind/)",
        commandes.index,
    )
    p.add_argument("site", nargs="?", default="site", help=SITE)
    p = _parser(
        sub,
        "pdf",
        "imprimer en PDF chaque fiche de poste et tout le référentiel (site/pdf/)",
        commandes.pdf,
    )
    p.add_argument("site", nargs="?", default="site", help=SITE)
    p = _parser(
        sub, "csp", "écrire les en-têtes de sécurité nginx (CSP) d'un site construit", commandes.csp
    )
    p.add_argument("site", nargs="?", default="site", help=SITE)
    p.add_argument(
        "--sortie", default="-", help="fichier à écrire (par défaut : la sortie standard)"
    )
    p = _parser(
        sub,
        "empreinte",
        "noter (ou vérifier) le commit d'où vient le site construit (site/construction.json)",
        commandes.empreinte,
    )
    p.add_argument("site", nargs="?", default="site", help=SITE)
    p.add_argument(
        "--depot", default=".", help="dossier du dépôt git (par défaut : le dossier courant)"
    )
    p.add_argument(
        "--verifier",
        action="store_true",
        help="ne rien écrire ; code 1 si le site ne vient pas du commit courant, sans modification",
    )
    p = _parser(
        sub,
        "scan",
        "vérifier qu'aucun code étranger au site n'a atteint le site construit",
        commandes.analyser,
    )
    p.add_argument("site", nargs="?", default="site", help=SITE)
    p = _parser(
        sub, "liens", "vérifier les liens internes et les ancres du site construit", commandes.liens
    )
    p.add_argument("site", nargs="?", default="site", help=SITE)
    sans_pdf = (
        "site construit sans ses PDF (PDF=0 make build) : un lien vers un PDF que "
        "« referentiel pdf » aurait imprimé est signalé, pas compté comme cassé"
    )
    p.add_argument("--sans-pdf", action="store_true", help=sans_pdf)
    p = _parser(
        sub,
        "terminer",
        "après le constructeur, en une lecture du site : index de recherche, analyse de "
        "sécurité et liens internes (make build)",
        commandes.terminer,
    )
    p.add_argument("site", nargs="?", default="site", help=SITE)
    p.add_argument("--sans-pdf", action="store_true", help=sans_pdf)
    p = _parser(
        sub,
        "liens-externes",
        "vérifier les liens externes (Légifrance…) : accès réseau requis",
        commandes.liens_externes,
    )
    p.add_argument("--sortie", default="build/docs", help="dossier des pages générées à vérifier")

    # Editors' tools
    p = _parser(
        sub,
        "nouveau",
        "créer le squelette d'une fiche, procédure, d'un texte ou d'un sigle",
        commandes.nouveau_,
    )
    kinds = p.add_subparsers(dest="genre", required=True, title="genres", metavar="GENRE")
    contextes = [c.value for c in Contexte]
    k = kinds.add_parser("fiche", help="fiches/<id>.md", formatter_class=Formateur)
    k.add_argument(
        "--contexte", required=True, choices=contextes, help="contexte d'exercice de la fiche"
    )
    k.add_argument("--intitule", help="intitulé du poste")
    k = kinds.add_parser("procedure", help="procedures/<id>.md", formatter_class=Formateur)
    k.add_argument(
        "--contexte",
        required=True,
        choices=contextes,
        action="append",
        help="contexte d'exercice (répétable)",
    )
    k.add_argument("--titre", help="titre de la procédure")
    k = kinds.add_parser("texte", help="donnees/textes/<id>.yml", formatter_class=Formateur)
    k.add_argument(
        "--type", required=True, choices=[t.value for t in TypeTexte], help="nature du texte"
    )
    k.add_argument("--titre", help="titre officiel du texte")
    k = kinds.add_parser(
        "sigle", help="une entrée ajoutée à glossary.yml", formatter_class=Formateur
    )
    k.add_argument("--terme", help="le sigle ou le terme, tel que la source l'écrit")
    k.add_argument("--forme-developpee", help="forme développée, telle que la source la donne")
    for k in kinds.choices.values():
        k.add_argument("id", help="identifiant : minuscules, chiffres et tirets")
        k.add_argument("--source", help="identifiant du document source (donnees/sources.yml)")
    p = _parser(
        sub, "revue", "fiches et procédures dont la revue est dépassée ou proche", commandes.revue
    )
    p.add_argument("--dans", type=int, default=30, help="horizon en jours (par défaut : 30)")
    p.add_argument(
        "--date", help="date du jour AAAA-MM-JJ (par défaut : SOURCE_DATE_EPOCH ou aujourd'hui)"
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text : tableau ; json : pour un outil",
    )
    p = _parser(
        sub, "diff", "ce qui a changé dans le référentiel entre deux révisions git", commandes.diff
    )
    p.add_argument("rev1", help="révision de départ (étiquette, branche, commit)")
    p.add_argument("rev2", nargs="?", default="HEAD", help="révision d'arrivée (par défaut : HEAD)")
    p.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="markdown : pour une demande de fusion ; json : pour un outil",
    )
    p = _parser(
        sub,
        "format",
        "mettre en forme les sources YAML sans rien perdre (facultatif)",
        commandes.format_,
    )
    p.add_argument(
        "fichiers", nargs="*", help="fichiers à mettre en forme (par défaut : toutes les sources)"
    )
    p.add_argument(
        "--verifier", action="store_true", help="ne rien écrire ; code 1 si un fichier changerait"
    )
    p = _parser(
        sub,
        "schemas",
        "exporter les schémas JSON des sources (complétion dans VS Code)",
        commandes.schemas_,
    )
    p.add_argument("--sortie", default="schemas", help="dossier des schémas (par défaut : schemas)")
    p = _parser(
        sub,
        "couverture",
        "couverture des cinq documents sources (sigles, fiches, textes…)",
        commandes.couverture_,
    )
    p.add_argument(
        "--sources", default="../shared/seeds", help="dossier des extractions texte des sources"
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text : tableau ; json : pour un outil",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with francais():
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as stop:  # --help, or a mistyped command line (argparse printed why)
            return int(stop.code or 0)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `referentiel diff | head`: the reader has gone; what it read is all it wanted.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception:  # noqa: BLE001 - last-resort guard: never a bare traceback
        if os.environ.get("REFERENTIEL_DEBUG"):
            traceback.print_exc()
        print(
            "erreur interne de l'outil referentiel (pas une erreur de contenu) ; relancez avec "
            "REFERENTIEL_DEBUG=1 pour le détail et signalez-la à l'équipe technique.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> None:
    """Console entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
