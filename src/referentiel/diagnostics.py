"""Diagnostics: the one shape in which every problem reaches an editor.

Checks never raise for content problems; they yield `Diagnostic`s, and a single runner
sorts and prints them. Codes are stable: the editors' guide documents each one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column are 1-based (0 = unknown)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{max(self.col, 1)}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    code: str
    message: str
    severity: Severity = Severity.ERROR
    # The offending value (an unknown id, a sigle…), for tools that act on it.
    valeur: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)

    def format_text(self) -> str:
        return f"{self.location}: {self.severity.value} {self.code} — {self.message}"

    def format_github(self) -> str:
        """GitHub Actions workflow command: an inline annotation on the pull request."""
        level = "error" if self.severity is Severity.ERROR else "warning"
        loc = self.location
        parts = [f"file={loc.path}"]
        if loc.line:
            parts += [f"line={loc.line}", f"col={max(loc.col, 1)}"]
        parts.append(f"title={self.code}")
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} {','.join(parts)}::{msg}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        """Inverse of `as_dict` (the per-file cache keeps diagnostics as JSON)."""
        return cls(
            Location(**data["location"]),
            data["code"],
            data["message"],
            Severity(data["severity"]),
            data.get("valeur"),
        )


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = {(d.sort_key(), d.severity): d for d in diags}
    return sorted(unique.values(), key=Diagnostic.sort_key)


def report(diags: list[Diagnostic], failure: str, success: str) -> int:
    """Print diagnostics and a closing sentence (stderr); exit code 1 if any, else 0."""
    import sys

    if diags:
        print(render(diags, "text"))
        print(f"\n{len(diags)} {failure}", file=sys.stderr)
        return 1
    print(success, file=sys.stderr)
    return 0


def render(diags: list[Diagnostic], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([d.as_dict() for d in diags], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.format_github() for d in diags)
    return "\n".join(d.format_text() for d in diags)


# Stable codes and their one-line meaning; the guide's page of codes is generated from
# this table, and a test proves every code emitted anywhere is listed here.
CODES: dict[str, str] = {
    "FIC001": "fichier illisible : encodage autre que UTF-8",
    "FIC002": "fichier vide",
    "FIC003": "en-tête YAML (front matter) absent ou non fermé",
    "FIC004": "caractère de contrôle interdit dans le fichier ou dans une valeur",
    "FIC005": "lien symbolique refusé",
    "FIC006": "tube nommé (FIFO), socket ou périphérique à la place d'un fichier",
    "FIC007": "fichier plus grand que la limite d'une source (16 Mio)",
    "FIC008": "fichier ignoré : extension inconnue ou mal écrite dans un dossier de contenu",
    "FIC009": "script ou feuille de style non déclaré dans mkdocs.yml",
    "YAML001": "syntaxe YAML invalide",
    "YAML002": "tabulation utilisée pour l'indentation",
    "YAML003": "clé en double",
    "YAML004": "valeur ambiguë lue comme un booléen par YAML 1.1 (yes, no, on, off…)",
    "YAML005": "nombre commençant par zéro (lu comme octal)",
    "YAML006": "valeur de la forme 9:30 (lue comme un nombre sexagésimal)",
    "YAML007": "date impossible",
    "YAML008": "étiquette, ancre, alias ou clé de fusion (<<) YAML non autorisés",
    # YAML009 à YAML019 : réservés (messages d'indentation et de dates).
    "YAML020": "séparateur de ligne invisible (U+2028, U+2029, U+0085) qui décalerait les lignes",
    "YAML021": "retour chariot (CR) seul comme fin de ligne",
    "YAML022": "imbrication trop profonde",
    "YAML023": "séquence d'échappement invalide entre guillemets doubles",
    "YAML024": "plusieurs documents ou directive YAML dans un fichier",
    "SCH001": "clé inconnue",
    "SCH002": "champ obligatoire manquant",
    "SCH003": "valeur invalide (type, format ou liste de valeurs permises)",
    "SCH004": "identifiant mal formé",
    "ID001": "identifiant en double",
    "ID002": "identifiant différent du nom du fichier",
    "PRV001": "source inconnue dans une provenance",
    "REF001": "référence inconnue",
    "REF002": "acte inconnu",
    "REF003": "texte abrogé cité comme en vigueur",
    "REF004": "relations d'abrogation incohérentes",
    "REF005": "élément qui se désigne lui-même (fiche rattachée à elle-même…)",
    "DAT001": "date hors des bornes plausibles (avant 1900, plus de 10 ans après le contrôle)",
    "ANC001": "titre écrit à la main qui prend l'ancre d'une section générée",
    "GLO001": "sigle non défini dans le glossaire",
    "GLO002": "sigle défini deux fois dans le glossaire",
    "TAB001": "champ d'intervention sans dispositif",
    "TAB002": "dispositif sans acte",
    "TAB003": "acte en double dans un dispositif",
    "SEC001": "HTML pouvant exécuter du code",
    "SEC002": "lien javascript: ou data:",
    "DON001": "numéro de sécurité sociale (NIR) valide",
    "DON002": "IBAN valide",
    "DON003": "numéro de téléphone personnel",
    "DON004": "adresse électronique hors liste des adresses institutionnelles",
    "REV001": "date de revue dépassée",
    "NOU001": "valeur « À compléter » laissée dans un squelette créé par « referentiel nouveau »",
    "ORI001": "besoin d'orientation sans champ, dispositif ni procédure",
    "PAR001": "page en double dans un parcours d'intégration",
}


# Codes of the checks run on the *built* site (`make build`: referentiel scan, liens).
# They concern the technical team, not the editors: kept apart from CODES, whose every
# entry has an editor's example in the guide.
SITE_CODES: dict[str, str] = {
    "SEC003": "code ou ressource étrangère au site trouvé dans le site construit (analyse après construction)",
    "LIEN001": "lien interne vers une page ou un fichier absent du site construit",
    "LIEN002": "lien vers une ancre absente de la page cible",
}
