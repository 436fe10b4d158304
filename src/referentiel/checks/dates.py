"""Dates outside what the content can plausibly hold (issue 11, class 7).

The reader accepts any calendar date; a typo (`1026`, `2207`) was then published as the
date of a text or of a review without a word. Bounds, evaluated at the control day
(SOURCE_DATE_EPOCH, see `revue.build_date`):

- no date before 1900-01-01: the oldest date of the real content is 1946-04-08 (a
  text of 1946); 1900 leaves room for older texts while catching a dropped digit;
- no date more than 10 years after the control day: the only date facing the future
  is `a_revoir_avant`, and the content plans its reviews one year ahead; ten years
  allows any real plan and catches `2207` for `2027`;
- `verifie_le` not after the control day (a page cannot have been checked in the
  future; one day of margin for time zones).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from referentiel.checks.revue import build_date
from referentiel.diagnostics import Diagnostic
from referentiel.models.base import Located, nested_fields
from referentiel.models.referentiel import Referentiel

EARLIEST = dt.date(1900, 1, 1)
FUTURE_YEARS = 10
DATE_FIELDS = ("date", "verifie_le", "a_revoir_avant")


def _parse(value: str) -> dt.date | None:
    try:
        parts = [int(p) for p in value.split("-")]
        return dt.date(
            parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
        )
    except (ValueError, IndexError):
        return None


def _walk(obj: object) -> Iterator[Located]:
    if isinstance(obj, Located):
        yield obj
        for name in nested_fields(type(obj)):
            yield from _walk(getattr(obj, name))
    elif isinstance(obj, list):
        for item in obj:
            yield from _walk(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _walk(item)


def _models(ref: Referentiel) -> Iterator[Located]:
    singles = (ref.glossaire, ref.tableau, ref.orientation)
    for root in (
        *(m for m in singles if m is not None),
        *ref.sources.values(),
        *ref.textes.values(),
        *ref.fiches.values(),
        *ref.procedures.values(),
        *ref.organisations.values(),
        *ref.cadres.values(),
    ):
        yield from _walk(root)


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    today = build_date()
    latest = today.replace(year=today.year + FUTURE_YEARS, day=min(today.day, 28))
    for model in _models(ref):
        for name in DATE_FIELDS:
            value = getattr(model, name, None)
            if not isinstance(value, str):
                continue
            date = _parse(value)
            if date is None:
                continue  # an impossible date is the reader's (YAML007, SCH003)
            if date < EARLIEST:
                problem = (
                    f"antérieure à {EARLIEST.year} : aucun texte du référentiel n'est si ancien"
                )
            elif date > latest:
                problem = (
                    f"plus de {FUTURE_YEARS} ans après la date du contrôle ({today.isoformat()})"
                )
            elif name == "verifie_le" and date > today + dt.timedelta(days=1):
                problem = f"postérieure à la date du contrôle ({today.isoformat()}) : une vérification ne peut être datée du futur"
            else:
                continue
            yield Diagnostic(
                model.where(name),
                "DAT001",
                f"date « {value} » ({name}) {problem} ; corrigez la faute de frappe",
                valeur=value,
            )
