"""Strict YAML reading: every value keeps its place, nothing changes type silently.

PyYAML's `safe_load` follows YAML 1.1: `no` becomes False, `01234` becomes 668, `9:30`
becomes 570, duplicate keys silently overwrite each other and a bad date raises a bare
ValueError without a line. Editors of this référentiel are not YAML experts, so we
compose the node tree ourselves and convert it with our own, smaller rules, reporting
each surprise as a located French diagnostic instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from referentiel.diagnostics import Diagnostic, Location

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """No implicit type resolution: every plain scalar is composed as text and our own
    converter decides (and reports) what it is; PyYAML's resolvers would only be
    overridden afterwards, at a third of the composition time."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[object]]] = {}


Path = tuple[str | int, ...]

_BOOL_11 = re.compile(
    r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|True|TRUE|False|FALSE)$"
)
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$|^0o?[0-7]+$|^0x[0-9a-fA-F]+$|^0b[01]+$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([Tt ]|\s+)\d{1,2}:\d{2}")
_STD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class YamlDoc:
    """Plain data read from YAML plus where each value and key stands in the file."""

    path: str
    data: Any
    lines: list[str] = field(default_factory=list)
    offset: int = 0
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    # --- lazy documents, for the per-file cache (perf/cache.py) --------------------
    # A cached document is kept as its text; the data and the positions of every key
    # and value (a third of the cache's loading time at 10×) are rebuilt by parsing
    # that text again the first time they are read. A cached check reads them only to
    # place a diagnostic, so most documents are never parsed again.
    @classmethod
    def lazy(cls, path: str, text: str, offset: int) -> YamlDoc:
        doc = cls.__new__(cls)
        doc.__dict__.update(path=path, offset=offset, _text=text)
        return doc

    def text(self) -> str:
        """The YAML text the document was read from (without parsing a lazy one)."""
        lazy = self.__dict__.get("_text")
        return lazy if lazy is not None else "\n".join(self.lines)

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set: the lazily rebuilt ones.
        if name in _LAZY and "_text" in self.__dict__:
            doc, _ = parse_yaml(self.path, self.__dict__.pop("_text"), self.offset)
            for attr in _LAZY:
                self.__dict__[attr] = getattr(doc, attr) if doc is not None else _EMPTY[attr]()
            return self.__dict__[name]
        raise AttributeError(name)

    def contains(self, needle: str) -> bool:
        """Whether the YAML text holds `needle` (without rebuilding a lazy document)."""
        text = self.__dict__.get("_text")
        if text is not None:
            return needle in text
        return any(needle in line for line in self.lines)

    def where(self, path: Path, *, key: bool = False) -> Location:
        """Location of the value (or key) at `path`, or of its nearest located parent."""
        table = self.key_positions if key else self.positions
        p = tuple(path)
        if p in table:
            line, col = table[p]
            return Location(self.path, line, col)
        while p:
            p = p[:-1]
            if p in self.positions:
                line, col = self.positions[p]
                return Location(self.path, line, col)
        return Location(self.path, 1, 1)


_LAZY = ("data", "lines", "positions", "key_positions")
_EMPTY: dict[str, Any] = {
    "data": lambda: None,
    "lines": list,
    "positions": dict,
    "key_positions": dict,
}


def find_in_lines(doc: YamlDoc, start: tuple[int, int], needle: str) -> tuple[int, int] | None:
    """First place of `needle` at or after `start` (file line, col) in the YAML text."""
    line, col = start
    index = line - 1 - doc.offset
    while 0 <= index < len(doc.lines):
        found = doc.lines[index].find(needle, col - 1 if index == line - 1 - doc.offset else 0)
        if found >= 0:
            return (index + 1 + doc.offset, found + 1)
        index += 1
    return None


class _Converter:
    def __init__(self, path: str, line_offset: int, diags: list[Diagnostic]) -> None:
        self.path = path
        self.offset = line_offset
        self.diags = diags
        self.doc = YamlDoc(path, None)

    def loc(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def error(self, node: yaml.Node, code: str, message: str) -> None:
        line, col = self.loc(node)
        self.diags.append(Diagnostic(Location(self.path, line, col), code, message))

    def convert(self, node: yaml.Node, path: Path) -> Any:
        self.doc.positions[path] = self.loc(node)
        if node.tag not in _STD_TAGS and not node.tag.startswith("tag:yaml.org,2002:"):
            self.error(node, "YAML008", f"étiquette YAML « {node.tag} » non autorisée")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, path + (i,)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(
                    key_node, "YAML001", "une clé doit être un simple mot, pas une liste ni un bloc"
                )
                continue
            key = str(key_node.value)
            line, col = self.loc(key_node)
            if key in result:
                self.error(
                    key_node,
                    "YAML003",
                    f"clé « {key} » en double (déjà définie ligne {first_seen[key]}) : "
                    "YAML garderait la dernière valeur sans prévenir ; fusionnez les deux",
                )
                continue
            first_seen[key] = line
            self.doc.key_positions[path + (key,)] = (line, col)
            result[key] = self.convert(value_node, path + (key,))
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        if node.style:  # quoted or block scalar: always text (libyaml gives '' for plain)
            return value
        if not _looks_special(value):
            return value
        if value in ("", "~", "null", "Null", "NULL"):
            return None
        if value == "true":
            return True
        if value == "false":
            return False
        if _BOOL_11.match(value):
            self.error(
                node,
                "YAML004",
                f"valeur « {value} » ambiguë : YAML la lirait comme un booléen ; "
                f'écrivez "{value}" entre guillemets pour du texte, ou true / false',
            )
            return value
        if _LEADING_ZERO.match(value):
            self.error(
                node,
                "YAML005",
                f"valeur « {value} » : un nombre commençant par 0 serait lu en octal ; "
                f'écrivez "{value}" entre guillemets',
            )
            return value
        if _SEXAGESIMAL.match(value):
            self.error(
                node,
                "YAML006",
                f"valeur « {value} » : YAML la lirait comme un nombre sexagésimal ; "
                f'écrivez "{value}" entre guillemets',
            )
            return value
        m = _DATE.match(value)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                self.error(
                    node, "YAML007", f"date « {value} » impossible (jour ou mois hors calendrier)"
                )
                return value
        if _TIMESTAMP.match(value):
            self.error(
                node,
                "YAML006",
                f"valeur « {value} » lue comme un horodatage ; mettez-la entre guillemets",
            )
            return value
        if _INT.match(value):
            return int(value.replace("_", ""))
        if _FLOAT.match(value):
            return float(value.replace("_", ""))
        return value


def _looks_special(value: str) -> bool:
    """True when a plain scalar could be re-read as non-text by YAML 1.1 rules."""
    return bool(
        value in ("", "~", "null", "Null", "NULL", "true", "false")
        or _BOOL_11.match(value)
        or _LEADING_ZERO.match(value)
        or _SEXAGESIMAL.match(value)
        or _DATE.match(value)
        or _TIMESTAMP.match(value)
        or _INT.match(value)
        or _FLOAT.match(value)
    )


_PROBLEMS = [
    ("found character '\\t'", "YAML002", "tabulation interdite : indentez avec des espaces"),
    (
        "mapping values are not allowed",
        "YAML001",
        "deux-points inattendu : mettez la valeur entre guillemets si elle contient « : »",
    ),
    (
        "could not find expected ':'",
        "YAML001",
        "deux-points attendu après la clé (ou valeur sur plusieurs lignes sans guillemets)",
    ),
    (
        "expected <block end>",
        "YAML001",
        "indentation incohérente : alignez cette ligne sur ses voisines",
    ),
    ("did not find expected key", "YAML001", "indentation incohérente : clé attendue à ce niveau"),
    ("did not find expected '-' indicator", "YAML001", "indentation incohérente dans une liste"),
    ("found undefined alias", "YAML008", "alias YAML inconnu"),
    ("found unhashable key", "YAML001", "clé invalide"),
]


def _syntax_diagnostic(path: str, err: yaml.MarkedYAMLError, offset: int) -> Diagnostic:
    problem = err.problem or ""
    context = err.context or ""
    if "quoted scalar" in context and err.context_mark is not None:
        mark = err.context_mark
        return Diagnostic(
            Location(path, mark.line + 1 + offset, mark.column + 1),
            "YAML001",
            "guillemet ouvert ici et jamais fermé",
        )
    where = err.problem_mark or err.context_mark
    line = (where.line + 1 + offset) if where else 1
    col = (where.column + 1) if where else 1
    for needle, code, message in _PROBLEMS:
        if needle in problem:
            return Diagnostic(Location(path, line, col), code, message)
    detail = f"{context} : {problem}".strip(" :")
    return Diagnostic(Location(path, line, col), "YAML001", f"syntaxe YAML invalide ({detail})")


def check_text(path: str, text: str, offset: int = 0) -> list[Diagnostic]:
    """Problems visible in the raw text, located more precisely than the parser does."""
    diags: list[Diagnostic] = []
    # split("\n"), not splitlines(): \x0b, \x0c and \x1c-\x1e must not shift line numbers.
    for n, line in enumerate(text.split("\n"), start=1 + offset):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            col = len(line) - len(stripped) + 1
            diags.append(
                Diagnostic(
                    Location(path, n, col),
                    "YAML002",
                    "tabulation interdite dans l'indentation : indentez avec des espaces",
                )
            )
        m = _CONTROL.search(line)
        if m:
            diags.append(
                Diagnostic(
                    Location(path, n, m.start() + 1),
                    "FIC004",
                    f"caractère de contrôle U+{ord(m.group()):04X} interdit ; supprimez-le",
                )
            )
    return diags


def parse_yaml(path: str, text: str, offset: int = 0) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """Parse one YAML document; `offset` shifts line numbers (front matter in a .md file)."""
    diags = check_text(path, text, offset)
    if any(d.code in ("YAML002", "FIC004") for d in diags):
        return None, diags
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        return None, [*diags, _syntax_diagnostic(path, err, offset)]
    except yaml.YAMLError as err:  # pragma: no cover - reader errors without marks
        return None, [
            *diags,
            Diagnostic(Location(path, 1 + offset, 1), "YAML001", f"YAML illisible : {err}"),
        ]
    if node is None:
        return YamlDoc(path, None), diags
    conv = _Converter(path, offset, diags)
    conv.doc.lines = text.split("\n")
    conv.doc.offset = offset
    conv.doc.data = conv.convert(node, ())
    return conv.doc, diags


def decode(path: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """Bytes → text, with a located message for a file saved in Latin-1 or Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = raw[err.start]
        return None, [
            Diagnostic(
                Location(path, line, col),
                "FIC001",
                f"octet 0x{byte:02X} invalide en UTF-8 : le fichier semble enregistré en Latin-1 "
                "ou Windows-1252 ; enregistrez-le en UTF-8",
            )
        ]
    if not text.strip():
        return None, [Diagnostic(Location(path, 1, 1), "FIC002", "fichier vide")]
    return text, []
