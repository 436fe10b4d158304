"""Where each content type lives, relative to the root of a checkout.

One place for every path the loader, the snapshot of a revision and the tools read."""

GLOSSAIRE = "glossary.yml"
TABLEAU = "donnees/tableau.yml"
SOURCES = "donnees/sources.yml"
CONTEXTES = "donnees/contextes.yml"
FICHES = "fiches"
PROCEDURES = "procedures"
TEXTES = "donnees/textes"
ORGANISATION = "donnees/organisation"
CADRE = "donnees/cadre"
# Optional: a référentiel without them simply has no orientation page or parcours.
ORIENTATION = "donnees/orientation.yml"
PARCOURS = "donnees/parcours.yml"
DONNEES = "donnees"
# Hand-written pages and the assets the theme ships (css and js declared in mkdocs.yml).
HAND_WRITTEN = "docs"
# Images a hand-written page may show. Not SVG: an SVG is a document that can run script.
IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico"})
