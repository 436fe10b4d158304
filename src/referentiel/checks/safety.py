"""Hostile content and personal data.

Python-Markdown passes raw HTML through, so a `<script>` typed in a fiche would run in
every reader's browser; and the secret professionnel forbids any personal data of a
person helped. Both are rejected at the source, with their location.

The patterns are applied to the text as the *browser* will read it: HTML character
references are decoded first (`j&#97;vascript:`, `&#x6A;avascript:`, `&colon;`), and the
characters a URL parser silently drops inside a scheme (tab, line feed, carriage
return) are allowed between its letters. Markdown bodies are scanned whole, so a tag
split over several lines (`<img` ⏎ `onerror=…>`) is still seen. The post-build scan
(`referentiel.publish.scan`) is the second line of defence on the generated HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from referentiel.checks.pii import find_personal_data
from referentiel.diagnostics import Diagnostic, Location
from referentiel.sources.files import Body
from referentiel.sources.prose import doc_prose
from referentiel.sources.yamlstrict import YamlDoc

_TAGS = re.compile(
    r"<\s*(script|iframe|object|embed|applet|form|input|button|textarea|select|style|link|meta|base"
    r"|svg|math|frame|frameset|template|portal|noscript|xmp|plaintext|noembed|noframes)\b",
    re.IGNORECASE,
)
# An event handler inside a tag (after a blank, a slash or a closing quote: `<svg/onload=`,
# `<img src="x"onerror=`) or inside a Markdown attribute list (`# Titre {: onclick=… }`).
_EVENT = re.compile(r"(?:<[^>]*?[\s/\"']|\{[^}\n]*?[\s:])(on[a-z]+)\s*=", re.IGNORECASE)
_GAP = r"[\t\n\r]*"  # what the URL parser strips inside a scheme


def _spread(word: str) -> str:
    return _GAP.join(word)


_SCHEME = re.compile(
    r"(?<![a-z0-9+.\-])({}|{}){}:".format(_spread("javascript"), _spread("vbscript"), _GAP),
    re.IGNORECASE,
)
# `data:` is ordinary prose (« les data: … ») except where a URL is expected.
_URL_START = (
    r"(?:\]\(\s*<?|^\s*\[[^\]\n]+\]:\s*<?|<|"
    r"\b(?:href|src|action|formaction|xlink:href|data|poster|background|srcset|content)\s*=\s*[\"']?)"
)
_DATA_LINK = re.compile(
    _URL_START + r"[\x00-\x20]*(" + _spread("data") + _GAP + ":)", re.IGNORECASE | re.MULTILINE
)
_CHAR_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_STRIPPED = str.maketrans("", "", "\t\n\r")


def _squeeze(text: str) -> str:
    """`text` without tab, LF and CR: three C-level replaces are ~20× faster than
    `str.translate` with a deletion table on long prose (issue 6 profile)."""
    return text.replace("\t", "").replace("\n", "").replace("\r", "")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_references(text: str) -> tuple[str, list[int] | None]:
    """The text with character references decoded, and for each decoded character its
    offset in `text` (None when nothing was decoded), so findings keep their place."""
    if "&" not in text:
        return text, None
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _CHAR_REF.finditer(text):
        parts.append(text[pos : m.start()])
        origin.extend(range(pos, m.start()))
        decoded = html.unescape(m.group())
        parts.append(decoded)
        origin.extend([m.start()] * len(decoded))
        pos = m.end()
    parts.append(text[pos:])
    origin.extend(range(pos, len(text) + 1))
    return "".join(parts), origin


def hostile(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset in `text`, code, message) for each construct that could run code."""
    decoded, origin = decode_references(text)

    def at(i: int) -> int:
        return origin[i] if origin is not None else i

    if "<" in decoded or "{" in decoded:
        for m in _TAGS.finditer(decoded):
            yield (
                at(m.start()),
                "SEC001",
                (
                    f"balise HTML « <{m.group(1).lower()}> » interdite : elle pourrait exécuter du code "
                    "dans le navigateur des lecteurs ; utilisez la syntaxe Markdown"
                ),
            )
        for m in _EVENT.finditer(decoded):
            yield (
                at(m.start(1)),
                "SEC001",
                f"attribut HTML « {m.group(1)} » interdit : il exécute du code",
            )
    # One cheap pass tells whether the (slower) scheme patterns can match at all.
    squeezed = _squeeze(decoded).lower()
    if "script:" in squeezed:
        for m in _SCHEME.finditer(decoded):
            yield (
                at(m.start()),
                "SEC002",
                (
                    f"lien « {m.group(1).translate(_STRIPPED).lower()}: » interdit (il exécute du code, "
                    "même écrit avec des entités HTML ou des majuscules)"
                ),
            )
    if "data:" in squeezed:
        for m in _DATA_LINK.finditer(decoded):
            yield (
                at(m.start(1)),
                "SEC002",
                "lien « data: » interdit : il peut contenir une page ou un script entier",
            )


def _mask_fences(text: str) -> str:
    """Blank out fenced code blocks (Markdown escapes them), keeping every offset."""
    out: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        fence = line.lstrip().startswith(("```", "~~~"))
        out.append(" " * len(line) if in_fence or fence else line)
        if fence:
            in_fence = not in_fence
    return "\n".join(out)


def _body_location(body: Body, text: str, offset: int) -> Location:
    line = body.first_line + text.count("\n", 0, offset)
    return Location(body.path, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _needle(text: str, offset: int) -> str:
    end = text.find("\n", offset)
    return text[offset : min(end if end >= 0 else len(text), offset + 12)]


def _findings(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(offset, needle, code, message), each (offset, code) once."""
    done: set[tuple[int, str]] = set()
    for offset, code, message in hostile(text):
        if (offset, code) not in done:
            done.add((offset, code))
            yield offset, _needle(text, offset), code, message
    yield from find_personal_data(text)


def scan_doc(doc: YamlDoc) -> Iterator[Diagnostic]:
    """Hostile constructs and personal data in the values of one YAML document."""
    for piece in doc_prose(doc):
        for offset, needle, code, message in _findings(piece.text):
            yield Diagnostic(piece.locate(offset, needle), code, message)


def scan_body(body: Body) -> Iterator[Diagnostic]:
    """The same in a Markdown body, read whole, plus control characters."""
    # The front matter's reader rejects control characters; the body needs the same
    # rule (an invisible U+001B would otherwise reach the page silently).
    for m in _CONTROL.finditer(body.text):
        yield Diagnostic(
            _body_location(body, body.text, m.start()),
            "FIC004",
            f"caractère de contrôle U+{ord(m.group()):04X} interdit ; supprimez-le",
        )
    text = _mask_fences(body.text)
    for offset, _, code, message in _findings(text):
        yield Diagnostic(_body_location(body, text, offset), code, message)
