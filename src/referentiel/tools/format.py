"""`referentiel format`: a safe, opt-in normaliser of the YAML sources.

Editors copy-paste YAML between files and end up with uneven indentation, trailing
spaces and missing final newlines. This formatter fixes only that layout, through
ruamel.yaml's round-trip mode, which keeps comments, quotes, flow lists and key
order. Nothing is reordered. The house style is the one of the guide's examples:
two-space mappings, list dashes indented under their key, one value per line. Long
prose is never folded (and folded prose is joined back): a continuation line is
where non-developers most often break YAML, by indenting it one space short.

Safety net: a file is rewritten only if the strict reader (the checker's own) reads
exactly the same data from the new text as from the old one; otherwise the file is
left untouched and reported. The build never calls this module.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from referentiel.diagnostics import Diagnostic
from referentiel.sources.files import split_front_matter
from referentiel.sources.layout import CADRE, FICHES, GLOSSAIRE, ORGANISATION, PROCEDURES, TEXTES
from referentiel.sources.yamlstrict import parse_yaml

WIDTH = 1_000_000  # never fold (see module docstring)


@dataclass
class Outcome:
    path: str
    changed: bool
    problem: str = ""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _strict_data(text: str) -> object:
    doc, diags = parse_yaml("<format>", text)
    # Locations differ between layouts; only the values and the problems' codes matter.
    return (doc.data if doc else None, sorted(d.code for d in diags))


def _strip_trailing(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))


def format_yaml(text: str) -> str:
    """Normalised YAML text; raises ValueError if it could change what the file says."""
    yaml = _yaml()
    try:
        data = yaml.load(text)
    except (YAMLError, ValueError) as err:  # ruamel raises ValueError on 2024-02-30
        raise ValueError(
            f"YAML illisible, corrigez d'abord l'erreur signalée par « make check » ({err.__class__.__name__})"
        ) from err
    if data is None:
        return text
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    before = _strict_data(text)
    stripped = _strip_trailing(result).rstrip("\n") + "\n"
    # Trailing spaces inside a literal block (|) are content: keep them if they matter.
    if _strict_data(stripped) == before:
        return stripped
    if _strict_data(result) == before:
        return result
    raise ValueError("la mise en forme changerait une valeur ; fichier laissé tel quel")


def format_source(rel: str, text: str) -> str:
    """Format a .yml file, or the front matter of a .md file (its body is untouched)."""
    if not rel.endswith(".md"):
        return format_yaml(text)
    split = split_front_matter(rel, text)
    if isinstance(split, Diagnostic):
        raise ValueError(split.message)  # noqa: TRY004 - a content problem, reported as such
    yaml_text, _, body, _ = split
    return "---\n" + format_yaml(yaml_text) + "---\n" + body


def source_files(root: Path) -> list[str]:
    """Every YAML source an editor maintains (and the fiches' and procédures' front matter)."""
    found = [GLOSSAIRE] if (root / GLOSSAIRE).is_file() else []
    for folder in ("donnees", TEXTES, ORGANISATION, CADRE):
        found += sorted(p.relative_to(root).as_posix() for p in (root / folder).glob("*.yml"))
    for folder in (FICHES, PROCEDURES):
        found += sorted(
            p.relative_to(root).as_posix()
            for p in (root / folder).glob("*.md")
            if p.name.lower() not in ("index.md", "readme.md")
        )
    return list(dict.fromkeys(found))


def format_files(root: Path, files: list[str], write: bool) -> list[Outcome]:
    outcomes = []
    for rel in files:
        path = root / rel
        try:
            old = path.read_bytes().decode("utf-8")
            new = format_source(rel, old)
        except (OSError, UnicodeDecodeError, ValueError) as err:
            outcomes.append(Outcome(rel, False, str(err)))
            continue
        if new != old and write:
            path.write_bytes(new.encode("utf-8"))
        outcomes.append(Outcome(rel, new != old))
    return outcomes
