"""Personal-data lint: what looks like data about a person helped.

A NIR or an IBAN is only flagged when its check key is valid (python-stdnum), which
keeps false positives on legal references, dates and page numbers near zero. Phone
numbers are flagged when they have the shape of a French subscriber number (01–07, 09:
a person can hold one); service numbers (08…, 3919, 115, 119) cannot be personal.
E-mail addresses are flagged unless their domain is institutional.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban
from stdnum.fr import nir

# Institutional mailboxes may appear in the content (a service's generic address);
# personal ones may not. A domain is allowed with all its sub-domains (« gouv.fr » covers
# « justice.gouv.fr »). Example domains are reserved and reach nobody.
ALLOWED_EMAIL_DOMAINS = (
    "gouv.fr",
    "tarnetgaronne.fr",
    "ledepartement82.fr",
    "exemple.fr",
    "example.org",
    "example.com",
    "example.net",
)
# Institutional subscriber numbers published in the sources (switchboards), written as
# ten digits. Empty: no source gives one yet.
ALLOWED_PHONES: frozenset[str] = frozenset()

_SEP = r"[\s.\-]?"
# Sex (1–4, 7, 8 for temporary numbers), then 14 digits or 2A/2B with optional separators;
# stdnum decides (key, Corsica).
_NIR = re.compile(r"(?<![\w.,/-])[1-478](?:" + _SEP + r"[0-9AB]){14}(?![\w])", re.IGNORECASE)
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?(?![\w])")
_PHONE = re.compile(
    r"(?<![\w+.,/-])(?:(?:\+|00)33\s?(?:\(0\)\s?)?|0)[1-79](?:" + _SEP + r"\d{2}){4}(?![\w])"
)
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isalnum()).upper()


_DIGIT = re.compile(r"\d")


def _national(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    for prefix in ("0033", "330", "33"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 9:
            return "0" + digits[len(prefix) :]
    return digits


def find_personal_data(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(offset, matched text, code, message) for each probable piece of personal data."""
    if "@" not in text and not _DIGIT.search(text):
        return  # cheap pre-test: most prose has neither
    taken: list[tuple[int, int]] = []  # a phone-like run inside a NIR or an IBAN is not a phone
    for m in _NIR.finditer(text):
        if nir.is_valid(_digits(m.group())):
            taken.append(m.span())
            yield (
                m.start(),
                m.group(),
                "DON001",
                (
                    "numéro de sécurité sociale (NIR) à clé valide : aucune donnée personnelle de "
                    "personne accompagnée dans le référentiel (secret professionnel) ; supprimez-le"
                ),
            )
    for m in _IBAN.finditer(text):
        if iban.is_valid(m.group()):
            taken.append(m.span())
            yield (
                m.start(),
                m.group(),
                "DON002",
                "IBAN valide : aucune coordonnée bancaire dans le référentiel ; supprimez-le",
            )
    for m in _PHONE.finditer(text):
        inside = any(start <= m.start() < end for start, end in taken)
        if not inside and _national(m.group()) not in ALLOWED_PHONES:
            yield (
                m.start(),
                m.group(),
                "DON003",
                (
                    f"numéro de téléphone « {m.group()} » : seuls les numéros de service (115, 119, "
                    "3919, 08…) et les standards institutionnels listés sont admis ; supprimez-le"
                ),
            )
    for m in _EMAIL.finditer(text) if "@" in text else ():
        domain = m.group(1).lower()
        if not any(domain == d or domain.endswith("." + d) for d in ALLOWED_EMAIL_DOMAINS):
            yield (
                m.start(),
                m.group(),
                "DON004",
                f"adresse électronique « {m.group()} » hors des domaines institutionnels admis ; supprimez-la",
            )
