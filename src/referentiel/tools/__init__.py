"""Editors' commands (nouveau, revue, diff, format, couverture, schemas): built on
the engine's stages, never imported by them.
"""
