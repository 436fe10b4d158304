"""French typography for everything the site writes: one place, tested.

Dates are written in words (« 1er novembre 2027 »), never in ISO form, on reader pages.
"""

from __future__ import annotations

import datetime as dt

MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def date_fr(day: dt.date) -> str:
    """« 3 novembre 2026 » (« 1er » for the first of the month), as French readers expect."""
    jour = "1er" if day.day == 1 else str(day.day)
    return f"{jour} {MOIS[day.month - 1]} {day.year}"


def date_text_fr(value: str) -> str:
    """« 2027-11-01 » → « 1er novembre 2027 »; « 2027-11 » → « novembre 2027 »."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date_fr(dt.date(*parts))
    if len(parts) == 2:
        return f"{MOIS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])
