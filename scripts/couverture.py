#!/usr/bin/env python3
"""Couverture des documents sources par le référentiel (voir referentiel.couverture)."""
from referentiel.couverture import main

main()
