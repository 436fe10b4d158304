"""Hostile content and personal data.

Python-Markdown passes raw HTML through, so a `<script>` typed in a fiche would run in
every reader's browser; and the secret professionnel forbids any personal data of a
person helped. Both are rejected at the source, with their location.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..referentiel import Referentiel
from .pii import find_personal_data
from .textwalk import prose

_TAGS = re.compile(r"<\s*/?\s*(script|iframe|object|embed|applet|form|input|button|style|link|meta|base|svg|math|frame|frameset|template)\b",
                   re.IGNORECASE)
_EVENT = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
_SCHEME = re.compile(r"(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t)\s*:", re.IGNORECASE)
_DATA_LINK = re.compile(r"(\]\(\s*|(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*)data\s*:", re.IGNORECASE)


def hostile(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, code, message) for each dangerous construct; entities decoded first."""
    candidates = [text]
    decoded = html.unescape(text)
    if decoded != text:
        candidates.append(decoded)
    seen: set[str] = set()
    for variant in candidates:
        for m in _TAGS.finditer(variant):
            key = f"tag:{m.group(1).lower()}"
            if key not in seen:
                seen.add(key)
                yield (m.start() if variant is text else 0, "SEC001",
                       f"balise HTML « <{m.group(1).lower()}> » interdite : elle pourrait exécuter du code "
                       "dans le navigateur des lecteurs ; utilisez la syntaxe Markdown")
        for m in _EVENT.finditer(variant):
            yield (m.start(1) if variant is text else 0, "SEC001",
                   f"attribut HTML « {m.group(1)} » interdit : il exécute du code")
        for m in _SCHEME.finditer(variant):
            yield (m.start() if variant is text else 0, "SEC002",
                   "lien « javascript: » interdit (éventuellement masqué par des entités HTML)")
        for m in _DATA_LINK.finditer(variant):
            yield (m.end() - 5 if variant is text else 0, "SEC002", "lien « data: » interdit")


def _needle(text: str, offset: int) -> str:
    end = text.find("\n", offset)
    return text[offset:min(end if end >= 0 else len(text), offset + 12)]


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    for piece in prose(ref):
        done: set[tuple[int, str]] = set()
        for offset, code, message in hostile(piece.text):
            if (offset, code) in done:
                continue
            done.add((offset, code))
            yield Diagnostic(piece.locate(offset, _needle(piece.text, offset)), code, message)
        for offset, matched, code, message in find_personal_data(piece.text):
            yield Diagnostic(piece.locate(offset, matched), code, message)
