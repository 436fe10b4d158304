"""Hostile content, invisible characters and personal data, at their source's place.

Python-Markdown passes raw HTML through, so a `<script>` typed in a fiche would run in
every reader's browser; and the secret professionnel forbids any personal data of a
person helped. Both are rejected at the source, with their location.

What is hostile is decided on the HTML the site's own Markdown pipeline produces
(`rendu`), never by guessing where Markdown sees code: a fence Markdown does not close
can no longer hide what follows it, and a `<script>` inside a real code block (shown as
text) is not reported. A finding is then placed on its source line: the body is cut at
its blank lines and each prefix rendered again; a finding belongs to the first piece
from which every longer prefix shows it (a fence left open in a prefix shows its code
as HTML only until it closes). The post-build scan (`referentiel.publish.scan`) is the
second line of defence on the generated site.

Personal data is looked for everywhere a reader can see it, code blocks included, on
the text as a browser shows it (`pii.normalise`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from referentiel.checks.pii import find_personal_data
from referentiel.checks.rendu import Pipeline, Violation, pipeline, render_violations
from referentiel.diagnostics import Diagnostic, Location
from referentiel.sources.files import Body
from referentiel.sources.prose import Prose, walk_strings
from referentiel.sources.yamlstrict import YamlDoc

# C0 controls but tab, LF and CR; DEL; C1 controls (U+0085 NEL among them); the line and
# paragraph separators U+2028 and U+2029, which YAML escapes (`\e`, `\0`, `\N`, `\L`,
# `\P`, `\x1b`, `\u2028`) put in a value although the file's text shows none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_IN_BODY = _CONTROL
# A piece of YAML text can only produce markup outside the allow-list through raw HTML
# (`<`), an attribute list (`{`), a link or a reference definition, or an admonition
# (its class): other values are not converted at all.
_MARKUP = re.compile(r"[<{]|\]\(|\]:|\]\[|!!!")
# Bound on the prefixes rendered again to place findings in one body (the cost of an
# error path only: a clean body is converted once).
MAX_PIECES = 48


def _control_message(char: str) -> str:
    return f"caractère de contrôle U+{ord(char):04X} interdit ; supprimez-le"


def _needle_at(lines: list[str], start: int, end: int, needles: tuple[str, ...]) -> tuple[int, int]:
    """(line index, col) of the first needle found in lines[start:end], else the start."""
    for needle in needles:
        if not needle:
            continue
        low = needle.lower()
        for i in range(start, end):
            col = lines[i].lower().find(low)
            if col >= 0:
                if needle in ("](", "]:"):  # a link: point at its URL
                    col += 2
                    col += len(lines[i][col:]) - len(lines[i][col:].lstrip(" <"))
                return i, col + 1
    first = next((i for i in range(start, end) if lines[i].strip()), start)
    return first, len(lines[first]) - len(lines[first].lstrip()) + 1 if lines else 1


def place_violations(pipe: Pipeline, text: str) -> list[tuple[int, int, Violation]]:
    """(line index, col, violation) for each violation of the rendered `text`."""
    found = render_violations(pipe, text)
    if not found:
        return []
    lines = text.split("\n")
    starts = [0] + [
        i for i in range(1, len(lines)) if not lines[i - 1].strip() and lines[i].strip()
    ]
    if len(starts) > MAX_PIECES:
        step = -(-len(starts) // MAX_PIECES)
        starts = starts[::step]
    ends = [*starts[1:], len(lines)]
    counts = [Counter(render_violations(pipe, "\n".join(lines[:end]))) for end in ends[:-1]]
    counts.append(Counter(found))
    out: list[tuple[int, int, Violation]] = []
    for violation, total in Counter(found).items():
        for j in range(1, total + 1):
            piece = 0
            for i in range(len(counts) - 1, -1, -1):
                if counts[i][violation] < j:
                    piece = i + 1
                    break
            line, col = _needle_at(lines, starts[piece], ends[piece], violation.needles)
            out.append((line, col, violation))
    return out


def _body_location(body: Body, text: str, offset: int) -> Location:
    line = body.first_line + text.count("\n", 0, offset)
    return Location(body.path, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def scan_doc(doc: YamlDoc, root: Path | None = None) -> Iterator[Diagnostic]:
    """Invisible characters, hostile markup and personal data in every value (ids,
    citations and provenance notes included: all of them reach a page or an export)."""
    pipe = pipeline(root)
    for path, text in walk_strings(doc.data):
        m = _CONTROL.search(text)
        if m:
            yield Diagnostic(doc.where(path), "FIC004", _control_message(m.group()))
        piece = Prose(text, doc, doc.positions.get(path, (1, 1)), doc.path, path)
        if _MARKUP.search(text):
            found = place_violations(pipe, text)
            if "{" in text and "\n" not in text.strip():
                # A value printed as a heading (`## titre`) takes an attribute list there.
                found += place_violations(pipe, "# " + text.strip())
            lines = text.split("\n")
            for line, col, violation in found:
                offset = sum(len(x) + 1 for x in lines[:line]) + col - 1
                needle = lines[line][col - 1 : col + 11] if line < len(lines) else ""
                where = piece.locate(min(offset, len(text)), needle or text[:12])
                yield Diagnostic(where, violation.code, violation.message())
        for offset, needle, code, message in find_personal_data(text):
            yield Diagnostic(piece.locate(offset, needle), code, message)


def scan_comments(doc: YamlDoc) -> Iterator[Diagnostic]:
    """Personal data in YAML comments: the file is published in the repository, and a
    comment is the first place a careless editor pastes a contact."""
    lines = doc.lines
    for n, line in enumerate(lines, start=1 + doc.offset):
        if "#" not in line:
            continue
        for offset, _needle, code, message in find_personal_data(line):
            if "#" in line[:offset]:
                yield Diagnostic(Location(doc.path, n, offset + 1), code, message)


def scan_body(body: Body, root: Path | None = None) -> Iterator[Diagnostic]:
    """The same in a Markdown body, rendered whole, plus control characters."""
    # The front matter's reader rejects control characters; the body needs the same
    # rule (an invisible U+001B would otherwise reach the page silently).
    for m in _CONTROL_IN_BODY.finditer(body.text):
        yield Diagnostic(
            _body_location(body, body.text, m.start()), "FIC004", _control_message(m.group())
        )
    for line, col, violation in place_violations(pipeline(root), body.text):
        yield Diagnostic(
            Location(body.path, body.first_line + line, col), violation.code, violation.message()
        )
    for offset, _needle, code, message in find_personal_data(body.text):
        yield Diagnostic(_body_location(body, body.text, offset), code, message)


def hostile(text: str, root: Path | None = None) -> list[tuple[int, int, str, str]]:
    """(line, col, code, message), 1-based, of each violation in the Markdown `text`."""
    return [
        (line + 1, col, v.code, v.message())
        for line, col, v in place_violations(pipeline(root), text)
    ]
