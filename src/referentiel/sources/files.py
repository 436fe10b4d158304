"""Reading source files: bytes → text → (front matter, body) → located YAML.

Kept apart from the models so that every tool (checker, formatter, diff) reads files
the same way and reports the same `path:line:col`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from referentiel.diagnostics import Diagnostic, Location
from referentiel.sources.yamlstrict import YamlDoc, decode, parse_yaml


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml holds `!ENV` tags: read as nothing, the lists it declares are plain."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_config(root: Path) -> dict[str, object]:
    """mkdocs.yml of the checkout as plain data ({} when absent or unreadable): the
    Markdown extensions the site is built with and the assets its theme ships."""
    raw, problem = read_source(root, "mkdocs.yml")
    if raw is None or problem is not None:
        return {}
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_AnyTagLoader)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def declared_assets(root: Path, docs: str) -> frozenset[str]:
    """The scripts and style sheets mkdocs.yml ships (`extra_javascript`, `extra_css`),
    as paths of the checkout: the only .js and .css a hand-written folder may hold."""
    config = site_config(root)
    out: set[str] = set()
    for key in ("extra_javascript", "extra_css"):
        items = config.get(key)
        for item in items if isinstance(items, list) else []:
            path = item.get("path") if isinstance(item, dict) else item
            if isinstance(path, str) and "://" not in path and not path.startswith("/"):
                out.add(f"{docs}/{path}")
    return frozenset(out)


@dataclass
class MarkdownSource:
    doc: YamlDoc | None
    body: str
    body_line: int  # 1-based line of the body's first line in the file


# The largest source a checkout may hold. The biggest real file is glossary.yml (160 KB);
# the benchmark's 50× référentiel makes it 8 MB. Above 16 MiB a file is no editor's work
# (a dump, a disk image committed by mistake) and reading it would only cost memory.
MAX_BYTES = 16 * 1024 * 1024


def _mio(size: int) -> str:
    return f"{size / 1048576:.1f}".replace(".", ",")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "un tube nommé (FIFO)"
    if stat.S_ISSOCK(mode):
        return "une socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "un périphérique"
    return "un fichier spécial"


def refuse(root: Path, rel: str, st: os.stat_result | None = None) -> Diagnostic | None:
    """Why the entry `rel` must not be read (looked at with lstat, never opened), or None.

    A symbolic link would publish whatever it points to (a system file was copied into
    the site); a FIFO blocks the reader forever; a device can be endless."""
    if st is None:
        try:
            st = os.lstat(root / rel)
        except OSError as err:
            return Diagnostic(Location(rel), "FIC001", f"fichier illisible : {err.strerror}")
    if stat.S_ISLNK(st.st_mode):
        try:
            target = os.readlink(root / rel)
        except OSError:
            target = "?"
        return Diagnostic(
            Location(rel),
            "FIC005",
            f"lien symbolique (vers « {target} ») refusé : il publierait le fichier qu'il "
            "désigne ; remplacez-le par le fichier lui-même",
        )
    if stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        return Diagnostic(
            Location(rel),
            "FIC006",
            f"« {rel} » est {_kind(st.st_mode)}, pas un fichier : supprimez-le du dépôt",
        )
    if st.st_size > MAX_BYTES:
        return Diagnostic(
            Location(rel),
            "FIC007",
            f"fichier de {_mio(st.st_size)} Mio, au-delà de la limite de "
            f"{MAX_BYTES // 1048576} Mio d'une source : découpez-le ou retirez-le",
        )
    return None


def read_source(root: Path, rel: str) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of a regular file, never following a link nor waiting on a FIFO.

    lstat decides first; the file is then opened without following links and without
    blocking, and checked again on the open descriptor (it may have been replaced)."""
    problem = refuse(root, rel)
    if problem is not None:
        return None, problem
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(root / rel, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return None, refuse(root, rel)
        return None, Diagnostic(Location(rel), "FIC001", f"fichier illisible : {err.strerror}")
    try:
        st = os.fstat(fd)
        problem = refuse(root, rel, st)
        if problem is None and stat.S_ISDIR(st.st_mode):
            problem = Diagnostic(Location(rel), "FIC001", "dossier à la place d'un fichier")
        if problem is not None:
            return None, problem
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            return None, refuse(root, rel, os.fstat(fd)) or Diagnostic(
                Location(rel), "FIC007", "fichier plus grand que la limite d'une source"
            )
        return b"".join(chunks), None
    except OSError as err:
        return None, Diagnostic(Location(rel), "FIC001", f"fichier illisible : {err.strerror}")
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Rule:
    """What a content folder may hold: file names ending with one of `suffixes` (exact
    case), or one of `names`; `recursive` looks into sub-folders."""

    suffixes: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    recursive: bool = False
    ignored: frozenset[str] = frozenset({"README.md", ".gitkeep"})
    paths: frozenset[str] = frozenset()  # exact paths admitted besides (declared assets)
    assets: bool = False  # a folder the theme serves: undeclared .js/.css reported apart

    def allows(self, rel: str) -> bool:
        name = rel.rsplit("/", 1)[-1]
        return (
            rel in self.paths or name in self.names or any(name.endswith(s) for s in self.suffixes)
        )


_ACTIVE_ASSETS = (".js", ".mjs", ".css")


def _unknown(rel: str, rule: Rule) -> Diagnostic:
    name = rel.rsplit("/", 1)[-1]
    if rule.assets and name.lower().endswith(_ACTIVE_ASSETS):
        return Diagnostic(
            Location(rel),
            "FIC009",
            f"« {name} » n'est pas déclaré dans mkdocs.yml (extra_javascript, extra_css) : "
            "un script ou une feuille de style que le projet ne livre pas serait publié "
            "et pourrait être chargé ; retirez-le ou déclarez-le",
        )
    stem, dot, ext = name.rpartition(".")
    hint = ""
    for allowed in sorted(rule.suffixes):
        if dot and ("." + ext).lower() == allowed.lower():
            hint = f" ; renommez-le « {stem}{allowed} » (extension en minuscules)"
            break
        if dot and ext.lower() == "yaml" and allowed == ".yml":
            hint = f" ; renommez-le « {stem}.yml »"
            break
    allowed_text = ", ".join(sorted([*rule.suffixes, *rule.names]))
    if rule.paths:
        allowed_text += " et les fichiers déclarés dans mkdocs.yml"
    return Diagnostic(
        Location(rel),
        "FIC008",
        f"fichier « {name} » ignoré par la vérification et la publication : ce dossier "
        f"n'admet que {allowed_text}{hint}",
    )


def inventory(
    root: Path, folder: str, rule: Rule, diags: list[Diagnostic], skip: Iterable[str] = ()
) -> list[str]:
    """Regular files of `folder` that `rule` admits, sorted; every other entry reported.

    Entries are looked at with lstat only (os.scandir does not follow links): nothing is
    opened here, so a FIFO cannot block and a link cannot lead outside the checkout."""
    found: list[str] = []
    skipped = set(skip)
    base = root / folder
    try:
        st = os.lstat(base)
    except OSError:
        return found
    if stat.S_ISLNK(st.st_mode):
        diags.append(refuse(root, folder, st) or Diagnostic(Location(folder), "FIC005", ""))
        return found
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(root / current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            rel = f"{current}/{entry.name}"
            if rel in skipped or entry.name in rule.ignored:
                continue
            est = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(est.st_mode):
                if rule.recursive:
                    pending.append(rel)
                else:
                    skipped_dir = entry.name.startswith(".")
                    if not skipped_dir and not any(s.startswith(rel + "/") for s in skipped):
                        diags.append(_unknown(rel, rule))
                continue
            problem = refuse(root, rel, est)
            if problem is not None:
                diags.append(problem)
            elif not rule.allows(rel):
                diags.append(_unknown(rel, rule))
            else:
                found.append(rel)
    return sorted(found)


def read_text(
    root: Path, rel: str, diags: list[Diagnostic], raw: bytes | None = None
) -> str | None:
    """The file's text; `raw`, when given, is its bytes already read by the caller."""
    if raw is None:
        raw, problem = read_source(root, rel)
        if problem is not None or raw is None:
            diags.append(problem or Diagnostic(Location(rel), "FIC001", "fichier illisible"))
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
