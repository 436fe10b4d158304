"""Référentiel du service social: strict sources → typed models → checks → site.

The package holds all logic; MkDocs only calls it through a thin hook, so the engine
can move to another static-site builder (ProperDocs, Zensical) without rewrite.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
