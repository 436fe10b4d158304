#!/usr/bin/env python3
"""Couverture des documents sources par le référentiel (« referentiel couverture »)."""

import sys

from referentiel.cli import main

sys.exit(main(["couverture", *sys.argv[1:]]))
