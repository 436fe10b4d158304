"""The command line's own frame in French: argparse's usage, headings and errors.

argparse looks its messages up through `gettext` at the moment it prints them; the
référentiel's editors are social workers, so `referentiel --help` and a mistyped
option must read in French too. `francais()` swaps argparse's lookup for this
catalogue while a command line is parsed, and restores it afterwards.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

CATALOGUE = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choisir parmi %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s attendu) : %(value)r",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "au plus une valeur attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "valeur %r ignorée",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "commande inconnue %(parser_name)r (choix : %(choices)s)",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "unexpected option string: %s": "option inattendue : %s",
    "subcommands": "commandes",
}
PLURIELS = {
    "expected %s argument": ("%s valeur attendue", "%s valeurs attendues"),
}


def traduire(message: str) -> str:
    return CATALOGUE.get(message, message)


def traduire_pluriel(singulier: str, pluriel: str, n: int) -> str:
    formes = PLURIELS.get(singulier)
    if formes is None:
        return singulier if n == 1 else pluriel
    return formes[0] if n == 1 else formes[1]


@contextmanager
def francais() -> Iterator[None]:
    """argparse speaks French inside the block (its gettext lookups are swapped)."""
    module = argparse.__dict__
    saved: tuple[Callable[..., str], Callable[..., str]] = (module["_"], module["ngettext"])
    module["_"], module["ngettext"] = traduire, traduire_pluriel
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved


class Formateur(argparse.HelpFormatter):
    """Help with the defaults spelled « par défaut » and a width that fits a terminal."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)
