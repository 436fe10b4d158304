"""Broken input at scale: seeded mutations of the real source files never crash the
checker, and a broken file never builds silently.

Each mutation (truncation, duplicated key, changed indentation, control character,
random bytes) is applied to one real source file placed at its own path in a copy of
the small fixture référentiel: loading and checking stay fast (a few hundredths of a
second), so hundreds of mutations fit in the suite. The real file's own diagnostics in
that context (references to content the fixture lacks) are the baseline; a mutation is

- **caught** when it adds a diagnostic (`make check`, hence `make build`, fails);
- **still valid** when nothing new is reported: the file still reads as correct
  content (a truncation at the end of a list item, a blank moved…), and the pages are
  then generated from it without error;
- a **crash** when the checker or the generation raises (the CLI's exit 2): never.

The tally is written to tests/artefacts/mutations.json for the closing note.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from outils import ROOT, VALIDE
from referentiel.build import generate
from referentiel.cli import collect
from referentiel.diagnostics import Severity

SEED = 20261123
COUNT = 300
_KEY_LINE = re.compile(rb"^(\s*(?:- )?)([a-z_]+):")
CONTROL = [bytes([c]) for c in (*range(9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]


def real_sources() -> list[str]:
    files = [ROOT / "glossary.yml"]
    for folder in ("donnees", "fiches", "procedures"):
        files += sorted(p for p in (ROOT / folder).rglob("*") if p.suffix in (".yml", ".md"))
    return [p.relative_to(ROOT).as_posix() for p in files if p.is_file() and p.name != "README.md"]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(0, max(1, len(data)))]


def duplicate_key(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    keyed = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
    if not keyed:
        return truncate(data, rng)
    i = rng.choice(keyed)
    indent, key = _KEY_LINE.match(lines[i]).groups()  # type: ignore[union-attr]
    copy = b" " * len(indent) + key + b': "valeur en double"'
    return b"\n".join(lines[: i + 1] + [copy] + lines[i + 1 :])


def reindent(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    indented = [i for i, line in enumerate(lines) if line.startswith(b" ")] or [0]
    i = rng.choice(indented)
    stripped = lines[i].lstrip(b" ")
    depth = len(lines[i]) - len(stripped)
    lines[i] = (
        rng.choice([b"\t", b" " * (depth + 1), b" " * max(0, depth - 2), b" " * (depth + 2)])
        + stripped
    )
    return b"\n".join(lines)


def control_char(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(0, len(data) + 1)
    return data[:at] + rng.choice(CONTROL) + data[at:]


def random_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(0, len(out))] = rng.randrange(0, 256)
    return bytes(out)


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "troncature": truncate,
    "cle-en-double": duplicate_key,
    "indentation": reindent,
    "caractere-de-controle": control_char,
    "octets-aleatoires": random_bytes,
}


def _difference(before: bytes, after: bytes) -> str:
    """Where the mutation changed the file, for a reader of the artefact."""
    start = next(
        (i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after))
    )
    return repr(after[max(0, start - 30) : start + 30])


def _signature(root: Path) -> Counter[tuple[str, str]]:
    return Counter((d.location.path, d.code) for d in collect(root) if d.severity is Severity.ERROR)


@pytest.fixture(scope="module")
def bilan(tmp_path_factory: pytest.TempPathFactory, artefacts_dir: Path) -> dict[str, Counter[str]]:
    rng = random.Random(SEED)
    base = tmp_path_factory.mktemp("mutations") / "depot"
    shutil.copytree(VALIDE, base)
    sources = real_sources()
    baseline: dict[str, Counter[tuple[str, str]]] = {}
    results: dict[str, Counter[str]] = {kind: Counter() for kind in MUTATIONS}
    examples: list[dict[str, str]] = []
    for n in range(COUNT):
        rel = rng.choice(sources)
        kind = rng.choice(sorted(MUTATIONS))
        original = (ROOT / rel).read_bytes()
        target = base / rel
        previous = target.read_bytes() if target.exists() else None
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel not in baseline:
            target.write_bytes(original)
            baseline[rel] = _signature(base)
        mutated = MUTATIONS[kind](original, rng)
        target.write_bytes(mutated)
        try:
            new = _signature(base) - baseline[rel]
            if new:
                outcome = "detectee"
            else:
                generate(base, base.parent / "docs-genere")  # still valid: it must render
                outcome = "toujours-valide" if mutated != original else "identique"
        except Exception as exc:  # noqa: BLE001 - a crash is what this test counts
            outcome = "plantage"
            examples.append(
                {
                    "n": str(n),
                    "fichier": rel,
                    "mutation": kind,
                    "resultat": outcome,
                    "erreur": repr(exc),
                }
            )
        results[kind][outcome] += 1
        if outcome == "toujours-valide":
            examples.append(
                {
                    "n": str(n),
                    "fichier": rel,
                    "mutation": kind,
                    "resultat": outcome,
                    "difference": _difference(original, mutated),
                }
            )
        if previous is None:
            target.unlink()
        else:
            target.write_bytes(previous)
    total: Counter[str] = sum(results.values(), Counter())
    (artefacts_dir / "mutations.json").write_text(
        json.dumps(
            {
                "graine": SEED,
                "essayees": COUNT,
                "total": total,
                "par_mutation": results,
                "exemples": examples,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return results


@pytest.fixture(scope="module")
def artefacts_dir() -> Path:
    folder = ROOT / "tests" / "artefacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_aucun_plantage(bilan: dict[str, Counter[str]]) -> None:
    assert sum(c["plantage"] for c in bilan.values()) == 0
    assert sum(sum(c.values()) for c in bilan.values()) == COUNT


def test_caractere_de_controle_toujours_detecte(bilan: dict[str, Counter[str]]) -> None:
    counts = bilan["caractere-de-controle"]
    assert counts["detectee"] > 0 and counts["detectee"] == sum(counts.values())
