"""Reading source files: bytes → text → (front matter, body) → located YAML.

Kept apart from the models so that every tool (checker, formatter, diff) reads files
the same way and reports the same `path:line:col`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from referentiel.diagnostics import Diagnostic, Location
from referentiel.sources.yamlstrict import YamlDoc, decode, parse_yaml


@dataclass
class MarkdownSource:
    doc: YamlDoc | None
    body: str
    body_line: int  # 1-based line of the body's first line in the file


def read_text(
    root: Path, rel: str, diags: list[Diagnostic], raw: bytes | None = None
) -> str | None:
    """The file's text; `raw`, when given, is its bytes already read by the caller."""
    if raw is None:
        try:
            raw = (root / rel).read_bytes()
        except OSError as err:
            diags.append(Diagnostic(Location(rel), "FIC001", f"fichier illisible : {err.strerror}"))
            return None
    text, problems = decode(rel, raw)
    diags.extend(problems)
    return text


def read_yaml(
    root: Path, rel: str, diags: list[Diagnostic], raw: bytes | None = None
) -> YamlDoc | None:
    text = read_text(root, rel, diags, raw)
    if text is None:
        return None
    doc, problems = parse_yaml(rel, text)
    diags.extend(problems)
    if doc is not None and doc.data is None:
        diags.append(Diagnostic(Location(rel, 1, 1), "FIC002", "fichier vide (aucune donnée YAML)"))
        return None
    if problems and any(
        p.code.startswith(("YAML00", "FIC")) and p.code in ("YAML001", "YAML002") for p in problems
    ):
        return None
    return doc


def split_front_matter(rel: str, text: str) -> tuple[str, int, str, int] | Diagnostic:
    """Return (yaml_text, yaml_first_line_offset, body, body_first_line) or a diagnostic."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Diagnostic(
            Location(rel, 1, 1),
            "FIC003",
            "le fichier doit commencer par une ligne « --- » suivie de l'en-tête YAML",
        )
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:i]) + "\n"
            body = "\n".join(lines[i + 1 :])
            return yaml_text, 1, body, i + 2
    return Diagnostic(
        Location(rel, 1, 1),
        "FIC003",
        "en-tête YAML ouvert par « --- » ligne 1 mais jamais fermé par une ligne « --- »",
    )


def read_markdown(
    root: Path, rel: str, diags: list[Diagnostic], raw: bytes | None = None
) -> MarkdownSource | None:
    text = read_text(root, rel, diags, raw)
    if text is None:
        return None
    split = split_front_matter(rel, text)
    if isinstance(split, Diagnostic):
        diags.append(split)
        return None
    yaml_text, offset, body, body_line = split
    if not yaml_text.strip():
        diags.append(Diagnostic(Location(rel, 2, 1), "FIC002", "en-tête YAML vide"))
        return None
    doc, problems = parse_yaml(rel, yaml_text, offset)
    diags.extend(problems)
    if doc is None or any(p.code in ("YAML001", "YAML002") for p in problems):
        return None
    return MarkdownSource(doc, body, body_line)


@dataclass
class Body:
    """A Markdown body (below a front matter) kept for text checks and rendering."""

    path: str
    text: str
    first_line: int
