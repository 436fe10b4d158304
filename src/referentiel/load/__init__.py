"""Sources → validated `Referentiel`: every file read strictly, typed, located.

Depends on `sources` and `models` only; never on checks, rendering or the site.
"""

from referentiel.load.loader import load

__all__ = ["load"]
