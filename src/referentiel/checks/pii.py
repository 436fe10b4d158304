"""Personal-data lint: what looks like data about a person helped.

The text is first made what a reader sees (`normalise`): HTML character references
decoded, compatibility forms folded (NFKC: full-width digits, ligatures), invisible
characters removed (zero-width spaces and joiners, soft hyphens, word joiners), every
kind of space made one space, and the usual ways of hiding an e-mail address
(`[at]`, `(at)`, ` arobase `, `[dot]`) undone. Findings keep their offset in the
original text.

A NIR or an IBAN is flagged when its check key is valid (python-stdnum), which keeps
false positives on legal references, dates and page numbers near zero; a NIR written
without its key (or with the key set apart) is flagged when its 13 digits have a NIR's
structure (sex, month, département). Phone numbers are flagged when they have the shape
of a French subscriber number (01–07, 09, overseas included: a person can hold one) or
of any international number; service numbers (08…, 3919, 115, 119) cannot be personal.
E-mail addresses are flagged unless their domain is institutional.
"""

from __future__ import annotations

import html
import re
import unicodedata
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

# --- what a reader sees ----------------------------------------------------------------

_CHAR_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{1,31};?)")
# Removed: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, invisible
# operators, Mongolian vowel separator, combining grapheme joiner.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u2061\u2062\u2063\u2064\u180e\u034f")
_AT = re.compile(
    r"\s*[\[\(\{<]\s*(?:at|arobase|arrobase|chez|@)\s*[\]\)\}>]\s*|\s+(?:arobase|arrobase)\s+|\s+@\s*|\s*@\s+",
    re.IGNORECASE,
)
_DOT = re.compile(r"\s*[\[\(\{<]\s*(?:dot|point)\s*[\]\)\}>]\s*", re.IGNORECASE)


def _decode(text: str) -> tuple[list[str], list[int]]:
    chars: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _CHAR_REF.finditer(text) if "&" in text else ():
        for i in range(pos, m.start()):
            chars.append(text[i])
            origin.append(i)
        for c in html.unescape(m.group()):
            chars.append(c)
            origin.append(m.start())
        pos = m.end()
    for i in range(pos, len(text)):
        chars.append(text[i])
        origin.append(i)
    return chars, origin


def _fold(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    out: list[str] = []
    where: list[int] = []
    for c, o in zip(chars, origin, strict=True):
        if c in _INVISIBLE:
            continue
        if c.isspace():
            out.append(" ")
            where.append(o)
            continue
        if c.isascii():
            out.append(c)
            where.append(o)
            continue
        for f in unicodedata.normalize("NFKC", c):
            out.append(" " if f.isspace() else f)
            where.append(o)
    return out, where


def _substitute(
    pattern: re.Pattern[str], repl: str, chars: list[str], origin: list[int]
) -> tuple[list[str], list[int]]:
    text = "".join(chars)
    if not pattern.search(text):
        return chars, origin
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        out.extend(chars[pos : m.start()])
        where.extend(origin[pos : m.start()])
        out.append(repl)
        where.append(origin[m.start()] if m.start() < len(origin) else len(text))
        pos = m.end()
    out.extend(chars[pos:])
    where.extend(origin[pos:])
    return out, where


_SPACES = {c: " " for c in range(0x3001) if chr(c).isspace()}
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")


def normalise(text: str) -> tuple[str, list[int]]:
    """The text as a browser shows it, and for each of its characters the offset of the
    character of `text` it comes from."""
    spaced = text.translate(_SPACES)  # same length: offsets unchanged
    if (
        "&" not in spaced
        and not _INVISIBLE_RE.search(spaced)
        and unicodedata.is_normalized("NFKC", spaced)
    ):
        chars, origin = list(spaced), list(range(len(spaced)))  # the common case
    else:
        chars, origin = _fold(*_decode(spaced))
    if _AT.search(spaced) or "@" in chars or "&" in spaced:
        chars, origin = _substitute(_AT, "@", chars, origin)
        if "@" in chars:
            chars, origin = _substitute(_DOT, ".", chars, origin)
    return "".join(chars), origin


# --- the patterns, on normalised text ----------------------------------------------------

_SEP = r"[ .\-/]{0,3}"  # what people put between groups of digits
# Not inside a longer run of digit groups (a SIRET, a list of numbers).
_ALONE_BEFORE = r"(?<!\d )(?<!\d\.)(?<!\d-)(?<!\d/)"
_ALONE_AFTER = r"(?![ .\-/]\d)"
# Sex (1–4, 7, 8 for temporary numbers), then 12 digits or 2A/2B, the key optional.
_NIR = re.compile(
    _ALONE_BEFORE
    + r"(?<![\w.,/-])[1-478](?:"
    + _SEP
    + r"[0-9AB]){12}(?:"
    + _SEP
    + r"\d{2})?(?![\w])"
    + _ALONE_AFTER,
    re.IGNORECASE,
)
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[ \-]?\d{2}")
_PHONE_FR = re.compile(
    _ALONE_BEFORE
    + r"(?<![\w+.,/-])(?:(?:\+|00) ?33 ?(?:\(0\) ?)?|0)[1-79](?:"
    + _SEP
    + r"\d){8}(?![\w])"
    + _ALONE_AFTER
)
# Any other international number: « + » or « 00 », a country code, 6 digits or more.
_PHONE_INTL = re.compile(
    _ALONE_BEFORE + r"(?<![\w+])(?:\+|\b00) ?[1-9](?:" + _SEP + r"\d){6,13}(?![\w])" + _ALONE_AFTER
)
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_DIGIT = re.compile(r"\d")
# A digit (any script), an at sign (any width), or a character reference.
_HINT = re.compile(r"[\d@&\uff20\ufe6b]")


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum()).upper()


def _national(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    for prefix in ("0033", "330", "33"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 9:
            return "0" + digits[len(prefix) :]
    return digits


def _nir_structure(number: str) -> bool:
    """13 characters shaped like a NIR without its key: sex, year, month (01–12, or
    20–42 and 50–99 for a month unknown at registration), département (01–99, 2A, 2B)."""
    month = number[3:5]
    dept = number[5:7]
    return (
        month.isdigit()
        and (1 <= int(month) <= 12 or 20 <= int(month) <= 42 or 50 <= int(month) <= 99)
        and (dept in ("2A", "2B") or (dept.isdigit() and dept != "00"))
        and number[7:].isdigit()
    )


def _nir(candidate: str) -> bool:
    number = _alnum(candidate)
    if len(number) == 15:
        return bool(nir.is_valid(number))
    return len(number) == 13 and number[:5].isdigit() and _nir_structure(number)


def _ibans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of valid IBANs (any case, spaced or hyphenated), the longest valid first."""
    for m in _IBAN_START.finditer(text):
        ends: list[int] = []
        count = 0
        i = m.start()
        while i < len(text) and count < 34:
            c = text[i]
            if c.isascii() and c.isalnum():
                count += 1
                i += 1
                if count >= 15:
                    ends.append(i)
            elif (
                c in " -" and i + 1 < len(text) and text[i + 1].isascii() and text[i + 1].isalnum()
            ):
                i += 1
            else:
                break
        for end in reversed(ends):
            after = text[end] if end < len(text) else " "
            if not (after.isascii() and after.isalnum()) and iban.is_valid(
                _alnum(text[m.start() : end])
            ):
                yield m.start(), end
                break


def find_personal_data(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(offset, matched text, code, message) for each probable piece of personal data;
    offsets and matched text are those of `text` as written."""
    if not _HINT.search(text) and not _AT.search(text):
        return  # cheap pre-test: most prose has none of these
    norm, origin = normalise(text)
    if "@" not in norm and not _DIGIT.search(norm):
        return

    def span(start: int, end: int) -> tuple[int, str]:
        first = origin[start]
        last = origin[end - 1] if end - 1 < len(origin) else len(text) - 1
        while last + 1 < len(text) and text[last] == "&" and ";" in text[last : last + 12]:
            last = text.index(";", last)
        return first, text[first : last + 1]

    taken: list[tuple[int, int]] = []  # a phone-like run inside a NIR or an IBAN is not a phone
    for m in _NIR.finditer(norm):
        if _nir(m.group()):
            taken.append(m.span())
            offset, shown = span(*m.span())
            full = len(_alnum(m.group())) == 15
            yield (
                offset,
                shown,
                "DON001",
                (
                    "numéro de sécurité sociale (NIR) "
                    + ("à clé valide" if full else "sans sa clé")
                    + " : aucune donnée personnelle de personne accompagnée dans le "
                    "référentiel (secret professionnel) ; supprimez-le"
                ),
            )
    for start, end in _ibans(norm):
        taken.append((start, end))
        offset, shown = span(start, end)
        yield (
            offset,
            shown,
            "DON002",
            "IBAN valide : aucune coordonnée bancaire dans le référentiel ; supprimez-le",
        )
    phones = [m.span() for m in _PHONE_FR.finditer(norm)]
    for m in _PHONE_INTL.finditer(norm):
        if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e in phones):
            phones.append(m.span())
    for start, end in sorted(phones):
        if any(s <= start < e for s, e in taken):
            continue
        if _national(norm[start:end]) in ALLOWED_PHONES:
            continue
        offset, shown = span(start, end)
        yield (
            offset,
            shown,
            "DON003",
            (
                f"numéro de téléphone « {shown} » : seuls les numéros de service (115, 119, "
                "3919, 08…) et les standards institutionnels listés sont admis ; supprimez-le"
            ),
        )
    for m in _EMAIL.finditer(norm) if "@" in norm else ():
        domain = m.group(1).lower()
        if not any(domain == d or domain.endswith("." + d) for d in ALLOWED_EMAIL_DOMAINS):
            offset, shown = span(*m.span())
            yield (
                offset,
                shown,
                "DON004",
                f"adresse électronique « {shown} » hors des domaines institutionnels admis ; supprimez-la",
            )
