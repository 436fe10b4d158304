"""`python -m referentiel.cli`: the same as the `referentiel` command."""

from referentiel.cli import run

run()
