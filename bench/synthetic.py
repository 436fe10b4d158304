"""A synthetic référentiel with the real content's shape, at N times its size.

WHY clone the real sources instead of inventing a schema-shaped generator: the shape
that matters for speed (how many fiches, actes, sigles, cross-references, how long the
prose is, how deep the YAML goes) is exactly the real one, and stays so as editors add
content. Each copy k of every file gets its own ids (`<id>-s<k>`), its references are
rewritten into the same copy (so every link resolves and the link graph keeps its
density), its sigles get their own spellings (`CCAPEX` → `CCAPEX7`, defined in the
copied glossary, so tooltips scale with the glossary) and its prose is replaced by
shuffled real French sentences of the same length (so search and Markdown see French
text, not N identical pages). Copy 0 keeps the real ids: hand-written pages that link
to generated ones stay valid.
"""

from __future__ import annotations

import random
import re
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from referentiel.load import load
from referentiel.models.referentiel import Referentiel
from referentiel.sources.layout import (
    CADRE,
    CONTEXTES,
    FICHES,
    GLOSSAIRE,
    ORGANISATION,
    PROCEDURES,
    SOURCES,
    TABLEAU,
    TEXTES,
)
from referentiel.sources.prose import SIGLE, Prose, body_prose, doc_prose

# Files the build needs besides the content: configuration, templates, hand-written
# pages, the hook, and the registries every copy points into (never multiplied).
SUPPORT = ("mkdocs.yml", "docs", "overrides", "scripts", SOURCES, CONTEXTES, "package.json")

# Keys whose value is kept as written: provenance, vocabularies, dates, citations.
VERBATIM = frozenset(
    {
        "source",
        "sources",
        "contexte",
        "contextes",
        "type",
        "statut",
        "nature",
        "date",
        "date_libelle",
        "verifie_le",
        "a_revoir_avant",
        "lignes",
        "page",
        "numero",
        "libelle_source",
        "code",
        "article",
        "niveau",
        "fichier",
        "terme",
        "variantes",
        "hors_glossaire",
        "champ",
        "role",
    }
)
# Keys whose value is an id (or a list of ids) of something copied: rewritten per copy.
REFERENCES = frozenset(
    {
        "id",
        "fiche",
        "abroge_par",
        "de",
        "vers",
        "dispositifs",
        "textes",
        "textes_historiques",
        "abroge",
        "modifie",
        "modifie_par",
        "voir_aussi",
        "formulation_connue",
    }
)
# Characters that would turn shuffled words into Markdown or HTML constructs.
_UNSAFE = re.compile(r"[\[\]()<>|*_`#{}\\]|https?:|@")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_LINE_PREFIX = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*)(.*)$")
_KEEP_LINE = ("```", "~~~", "|", "<", "!!!", "???", ":", "{", "    ")


def prose(ref: Referentiel) -> Iterator[Prose]:
    """Every piece of prose of a loaded référentiel (YAML values and Markdown bodies)."""
    for doc in ref.docs:
        yield from doc_prose(doc)
    for body in ref.bodies:
        yield from body_prose(body)


def ident(value: str, copy: int) -> str:
    """The id of `value` in copy `copy` (copy 0 keeps the real id)."""
    return value if copy == 0 else f"{value}-s{copy}"


def acte_ref(value: str, copy: int) -> str:
    disp, _, acte = value.partition("/")
    return f"{ident(disp, copy)}/{ident(acte, copy)}"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


@dataclass
class Shape:
    """What a référentiel contains, counted the same way for the real and synthetic ones."""

    fiches: int
    procedures: int
    textes: int
    cadres: int
    organisations: int
    champs: int
    dispositifs: int
    actes: int
    entrees: int
    sigles: int
    renvois: int
    caracteres: int

    @classmethod
    def of(cls, ref: Referentiel) -> Shape:
        sigles = ref.glossaire.sigles() if ref.glossaire else {}
        return cls(
            fiches=len(ref.fiches),
            procedures=len(ref.procedures),
            textes=len(ref.textes),
            cadres=len(ref.cadres),
            organisations=len(ref.organisations),
            champs=len(ref.champs()),
            dispositifs=len(ref.dispositifs()),
            actes=len(ref.actes()),
            entrees=len(ref.glossaire.entrees) if ref.glossaire else 0,
            sigles=len({id(e) for e in sigles.values()}),
            renvois=sum(_count_refs(doc.data) for doc in ref.docs if multiplied(doc.path)),
            caracteres=sum(len(p.text) for p in prose(ref)),
        )


def multiplied(rel: str) -> bool:
    """Whether the generator makes N copies of this source (others are kept once, as is)."""
    return rel in (GLOSSAIRE, TABLEAU) or rel.rsplit("/", 1)[0] in (
        FICHES,
        PROCEDURES,
        TEXTES,
        CADRE,
        ORGANISATION,
    )


def _count_refs(value: Any, key: str | None = None) -> int:
    if isinstance(value, dict):
        return sum(_count_refs(v, k) for k, v in value.items() if k not in VERBATIM)
    if isinstance(value, list):
        return sum(_count_refs(v, key) for v in value)
    if isinstance(value, str) and (key in REFERENCES - {"id"} or key == "actes"):
        return 1
    return 0


class Phrases:
    """Real French sentences from the content, re-cut to the length of each text."""

    def __init__(self, ref: Referentiel, known: set[str]) -> None:
        self.words: list[str] = []
        self.starts: list[int] = []
        seen: set[str] = set()
        for piece in prose(ref):
            for sentence in _SENTENCE_END.split(piece.text.replace("\n", " ")):
                sentence = " ".join(sentence.split())
                if (
                    len(sentence) < 12
                    or sentence in seen
                    or _UNSAFE.search(sentence)
                    or any(m.group() not in known for m in SIGLE.finditer(sentence))
                ):
                    continue
                seen.add(sentence)
                self.starts.append(len(self.words))
                self.words += sentence.split()
        if not self.words:
            raise ValueError("aucune phrase réutilisable dans le contenu réel")

    def text(self, length: int, rng: random.Random) -> str:
        """About `length` characters of consecutive real words, from a sentence start."""
        i = rng.choice(self.starts)
        out: list[str] = []
        size = 0
        while size < length or not out:
            word = self.words[i % len(self.words)]
            out.append(word)
            size += len(word) + 1
            i += 1
        text = " ".join(out)
        return text[0].upper() + text[1:]


class Copier:
    """Rewrites one source document into copy k: ids, references, sigles, prose."""

    def __init__(self, ref: Referentiel) -> None:
        self.sigles = set(ref.glossaire.sigles()) if ref.glossaire else set()
        hors = {h.mot for h in ref.glossaire.hors_glossaire} if ref.glossaire else set()
        self.phrases = Phrases(ref, self.sigles | hors)
        self.memo: dict[tuple[int, str, int], str] = {}

    def sigle(self, word: str, copy: int) -> str:
        return word if copy == 0 or word not in self.sigles else f"{word}{copy + 1}"

    def prose(self, text: str, copy: int, salt: int = 0) -> str:
        """Same input, same copy → same output: equal items stay equal (versions diff)."""
        key = (copy, text, salt)
        if key not in self.memo:
            rng = random.Random(f"{copy}\x00{salt}\x00{text}")
            if "\n" in text:
                out = "\n".join(self._line(line, copy, rng) for line in text.split("\n"))
            else:
                out = self._rename(self.phrases.text(len(text), rng), copy)
            self.memo[key] = out
        return self.memo[key]

    def _line(self, line: str, copy: int, rng: random.Random) -> str:
        if not line.strip() or line.lstrip().startswith(_KEEP_LINE) or line.startswith("    "):
            return line
        match = _LINE_PREFIX.match(line)
        assert match is not None
        prefix, rest = match.groups()
        if not rest.strip():
            return line
        return prefix + self._rename(self.phrases.text(len(rest), rng), copy)

    def _rename(self, text: str, copy: int) -> str:
        if copy == 0:
            return text
        return SIGLE.sub(lambda m: self.sigle(m.group(), copy), text)

    def value(self, value: Any, copy: int, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: self.value(v, copy, k) for k, v in value.items()}
        if key in VERBATIM:
            return value
        if isinstance(value, list):
            return [self.value(v, copy, key) for v in value]
        if isinstance(value, str):
            if key == "actes":
                return acte_ref(value, copy)
            if key in REFERENCES:
                return ident(value, copy)
            return self.prose(value, copy)
        return value

    # --- one method per file kind ------------------------------------------------
    def glossaire(self, data: dict[str, Any], copies: int) -> dict[str, Any]:
        entrees = []
        for copy in range(copies):
            for entree in data["entrees"]:
                new = self.value(entree, copy)
                if copy:
                    suffix = f"{copy + 1}" if entree.get("type") == "sigle" else f" ({copy + 1})"

                    def rename(g: str, suffix: str = suffix) -> str:
                        return g + suffix

                    new["terme"] = rename(entree["terme"])
                    if "variantes" in entree:
                        new["variantes"] = [rename(v) for v in entree["variantes"]]
                entrees.append(new)
        return {**data, "entrees": entrees}

    def tableau(self, data: dict[str, Any], copies: int) -> dict[str, Any]:
        out = {k: self.value(v, 0, k) for k, v in data.items() if k != "champs"}
        out["champs"] = [
            self._champ(champ, copy) for copy in range(copies) for champ in data["champs"]
        ]
        return out

    def _champ(self, champ: dict[str, Any], copy: int) -> dict[str, Any]:
        new: dict[str, Any] = self.value(champ, copy)
        for old_disp, disp in zip(champ.get("dispositifs", []), new.get("dispositifs", [])):
            seen: set[str] = set()
            for old, acte in zip(old_disp.get("actes", []), disp.get("actes", [])):
                salt = 0
                while _norm(acte["libelle"]) in seen:  # TAB003: libellés unique in a dispositif
                    salt += 1
                    acte["libelle"] = self.prose(old["libelle"], copy, salt)
                seen.add(_norm(acte["libelle"]))
        return new


class _NoAliasDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The checker refuses anchors and aliases (YAML008): an object shared by two copies
    (a source list reused by the copier) is written out in full each time."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100)


def _copy_support(source: Path, dest: Path) -> None:
    for name in SUPPORT:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name, dirs_exist_ok=True)
        elif src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def generate(source: Path, dest: Path, copies: int, support: Path | None = None) -> Shape:
    """Write a checkout `copies` times the size of `source` into `dest`; return the shape
    of the real content (multiply by `copies` for the expected one). Configuration and
    hand-written pages come from `support` (default: `source`)."""
    if copies < 1:
        raise ValueError("l'échelle doit être un entier ≥ 1")
    ref, _ = load(source)
    copier = Copier(ref)
    dest.mkdir(parents=True, exist_ok=True)
    _copy_support(support or source, dest)
    for name in (SOURCES, CONTEXTES):
        if (source / name).is_file():
            shutil.copy2(source / name, dest / name)
    bodies = {b.path: b.text for b in ref.bodies}
    for doc in ref.docs:
        rel = doc.path
        if rel in (SOURCES, CONTEXTES):
            continue
        if rel == GLOSSAIRE:
            _write(dest / rel, _dump(copier.glossaire(doc.data, copies)))
        elif rel == TABLEAU:
            _write(dest / rel, _dump(copier.tableau(doc.data, copies)))
        elif not multiplied(rel):  # a content type this generator does not know: kept once
            _write(dest / rel, (source / rel).read_text(encoding="utf-8"))
        else:
            folder = rel.rsplit("/", 1)[0]
            for copy in range(copies):
                data = copier.value(doc.data, copy)
                name = ident(Path(rel).stem, copy)
                if folder in (FICHES, PROCEDURES):
                    body = (
                        copier.prose(bodies.get(rel, ""), copy)
                        if bodies.get(rel, "").strip()
                        else bodies.get(rel, "")
                    )
                    _write(dest / folder / f"{name}.md", f"---\n{_dump(data)}---\n{body}")
                else:
                    _write(dest / folder / f"{name}.yml", _dump(data))
    return Shape.of(ref)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
