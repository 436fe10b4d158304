"""Personal-data lint: what looks like data about a person helped.

A NIR or an IBAN is only flagged when its check key is valid (python-stdnum), which
keeps false positives on legal references and dates near zero. Phone numbers and
e-mail addresses are flagged unless they belong to an institutional allow-list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban
from stdnum.fr import nir

# Institutional addresses and numbers may appear in the content (a service's switchboard,
# a generic mailbox); personal ones may not.
ALLOWED_EMAIL_DOMAINS = ("justice.gouv.fr", "tarnetgaronne.fr", "ledepartement82.fr", "igas.gouv.fr",
                         "social.gouv.fr", "exemple.fr", "example.org")
ALLOWED_PHONES = {"115", "119", "3919", "17", "15", "18", "112", "114"}

_NIR = re.compile(r"(?<![\w])[12]\s?\d{2}\s?(?:0[1-9]|1[0-2]|[2-9]\d)\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}\s?\d{2}(?![\w])", re.IGNORECASE)
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?(?![\w])")
_PHONE = re.compile(r"(?<![\w+])(?:\+33\s?|0033\s?|0)[1-9](?:[\s.\-]?\d{2}){4}(?![\w])")
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def find_personal_data(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(offset, matched text, code, message) for each probable piece of personal data."""
    for m in _NIR.finditer(text):
        if nir.is_valid(m.group()):
            yield (m.start(), m.group(), "DON001",
                   "numéro de sécurité sociale (NIR) à clé valide : aucune donnée personnelle de "
                   "personne accompagnée dans le référentiel (secret professionnel) ; supprimez-le")
    for m in _IBAN.finditer(text):
        if iban.is_valid(m.group()):
            yield (m.start(), m.group(), "DON002",
                   "IBAN valide : aucune coordonnée bancaire dans le référentiel ; supprimez-le")
    for m in _PHONE.finditer(text):
        yield (m.start(), m.group(), "DON003",
               f"numéro de téléphone « {m.group()} » : seuls les numéros institutionnels courts "
               f"({', '.join(sorted(ALLOWED_PHONES))}) sont admis ; supprimez-le")
    for m in _EMAIL.finditer(text):
        domain = m.group(1).lower()
        if not any(domain == d or domain.endswith("." + d) for d in ALLOWED_EMAIL_DOMAINS):
            yield (m.start(), m.group(), "DON004",
                   f"adresse électronique « {m.group()} » hors des domaines institutionnels admis ; supprimez-la")
