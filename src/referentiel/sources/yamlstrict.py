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
# C0 and C1 controls (but tab, line feed, carriage return and NEL, handled apart), a byte
# order mark inside the text, non-characters and lone surrogates: libyaml's reader refuses
# them with an English message and no line, so they are found (and located) first.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]"
)


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
            if key == "<<" and not key_node.style:
                self.error(
                    key_node,
                    "YAML008",
                    "clé de fusion YAML « << » non autorisée : recopiez les clés voulues",
                )
                continue
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


# Every problem libyaml can report (its scanner, parser and reader), in French, with the
# code an editor looks up. The needle is a prefix of libyaml's `problem` text; the English
# text itself never reaches an editor (an unknown problem gets the generic sentence).
_PROBLEMS: list[tuple[str, str, str]] = [
    ("found character '\\t'", "YAML002", "tabulation interdite : indentez avec des espaces"),
    ("found a tab character", "YAML002", "tabulation interdite : indentez avec des espaces"),
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
    (
        "block sequence entries are not allowed",
        "YAML001",
        "élément de liste « - » inattendu à cet endroit : vérifiez l'indentation",
    ),
    (
        "mapping keys are not allowed",
        "YAML001",
        "clé « ? » inattendue à cet endroit : mettez la valeur entre guillemets",
    ),
    ("found undefined alias", "YAML008", "alias YAML non autorisé (et inconnu)"),
    ("found duplicate anchor", "YAML008", "ancre YAML non autorisée (et définie deux fois)"),
    ("found unhashable key", "YAML001", "clé invalide"),
    (
        "did not find expected ',' or ']'",
        "YAML001",
        "liste entre crochets non fermée : il manque « , » ou « ] »",
    ),
    (
        "did not find expected ',' or '}'",
        "YAML001",
        "bloc entre accolades non fermé : il manque « , » ou « } »",
    ),
    (
        "did not find expected node content",
        "YAML001",
        "valeur attendue à cet endroit (virgule en trop, ou « : » à mettre entre guillemets)",
    ),
    (
        "found character that cannot start any token",
        "YAML001",
        (
            "caractère qui ne peut pas commencer une valeur (` @ % …) : "
            "mettez la valeur entre guillemets"
        ),
    ),
    (
        "found unexpected ':'",
        "YAML001",
        "deux-points inattendu : mettez la valeur entre guillemets si elle contient « : »",
    ),
    (
        "found unexpected end of stream",
        "YAML001",
        "fin du fichier atteinte avant la fin de la valeur (guillemet non fermé ?)",
    ),
    (
        "found unexpected document indicator",
        "YAML001",
        (
            "ligne « --- » ou « ... » au milieu d'une valeur entre guillemets : "
            "fermez le guillemet avant"
        ),
    ),
    (
        "found unknown escape character",
        "YAML023",
        (
            "séquence d'échappement inconnue entre guillemets doubles : écrivez « \\\\ » pour une "
            "barre oblique inverse, ou mettez la valeur entre guillemets simples"
        ),
    ),
    (
        "did not find expected hexdecimal number",
        "YAML023",
        (
            "séquence d'échappement « \\x », « \\u » ou « \\U » incomplète entre guillemets doubles : "
            "écrivez « \\\\ » pour une barre oblique inverse, ou utilisez des guillemets simples"
        ),
    ),
    (
        "found invalid Unicode character escape code",
        "YAML023",
        (
            "séquence d'échappement « \\u » qui ne désigne aucun caractère : écrivez le caractère "
            "lui-même"
        ),
    ),
    (
        "did not find expected alphabetic or numeric character",
        "YAML008",
        ("« & » ou « * » (ancre ou alias YAML) non autorisé : mettez la valeur entre guillemets"),
    ),
    ("found undefined tag handle", "YAML008", "étiquette YAML « ! » non autorisée"),
    ("did not find the expected '>'", "YAML008", "étiquette YAML « !<…> » non autorisée"),
    ("did not find expected tag URI", "YAML008", "étiquette YAML « ! » non autorisée"),
    ("did not find URI escaped octet", "YAML008", "étiquette YAML « ! » non autorisée"),
    ("did not find expected '!'", "YAML008", "étiquette YAML « ! » non autorisée"),
    (
        "did not find expected whitespace",
        "YAML001",
        "espace attendue après une étiquette ou une directive YAML",
    ),
    (
        "did not find expected comment or line break",
        "YAML001",
        (
            "après « | » ou « > », rien d'autre qu'un commentaire sur la même ligne : "
            "le texte commence à la ligne suivante"
        ),
    ),
    (
        "found an indentation indicator equal to 0",
        "YAML001",
        "indicateur d'indentation 0 après « | » ou « > » : retirez ce chiffre",
    ),
    (
        "found unknown directive name",
        "YAML024",
        "ligne commençant par « % » (directive YAML) : mettez la valeur entre guillemets",
    ),
    ("found incompatible YAML document", "YAML024", "directive « %YAML » non prise en charge"),
    ("found duplicate %YAML", "YAML024", "directive « %YAML » répétée"),
    ("found duplicate %TAG", "YAML024", "directive « %TAG » répétée"),
    ("found extremely long version number", "YAML024", "directive « %YAML » invalide"),
    ("did not find expected version number", "YAML024", "directive « %YAML » invalide"),
    ("did not find expected digit", "YAML024", "directive « %YAML » invalide"),
    ("could not find expected directive name", "YAML024", "directive « % » sans nom"),
    (
        "found unexpected non-alphabetical character",
        "YAML024",
        "directive « % » invalide",
    ),
    (
        "did not find expected <document start>",
        "YAML024",
        "texte après la fin du document (« ... ») : un seul document par fichier",
    ),
    ("did not find expected <stream-start>", "YAML001", "fichier YAML illisible"),
    (
        "expected a single document",
        "YAML024",
        "plusieurs documents YAML dans le fichier (ligne « --- ») : un seul document par fichier",
    ),
]
_GENERIC = "syntaxe YAML invalide à cet endroit"


def _syntax_diagnostic(path: str, err: yaml.MarkedYAMLError, offset: int) -> Diagnostic:
    problem = err.problem or ""
    context = err.context or ""
    where = err.problem_mark or err.context_mark
    line = (where.line + 1 + offset) if where else 1 + offset
    col = (where.column + 1) if where else 1
    if "directive" in context:
        return Diagnostic(
            Location(path, line, col),
            "YAML024",
            "ligne commençant par « % » (directive YAML) invalide : retirez-la, ou mettez "
            "la valeur entre guillemets",
        )
    for needle, code, message in _PROBLEMS:
        if problem.startswith(needle):
            if code == "YAML001" and "quoted scalar" in context and err.context_mark is not None:
                mark = err.context_mark
                return Diagnostic(
                    Location(path, mark.line + 1 + offset, mark.column + 1),
                    "YAML001",
                    "guillemet ouvert ici et jamais fermé",
                )
            return Diagnostic(Location(path, line, col), code, message)
    return Diagnostic(Location(path, line, col), "YAML001", _GENERIC)


# Characters libyaml counts as line breaks while Python's split("\n") and every editor's
# status bar do not: left in, they shift every later line number of every message.
_HIDDEN_BREAKS = {
    "\u2028": "séparateur de ligne U+2028",
    "\u2029": "séparateur de paragraphe U+2029",
    "\x85": "passage à la ligne U+0085 (NEL)",
}
_HIDDEN_BREAK = re.compile("[\u2028\u2029\x85]")
_LONE_CR = re.compile(r"\r(?!\n)")


def _line_col(text: str, index: int, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1 + offset
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def line_break_problems(path: str, text: str, offset: int = 0) -> list[Diagnostic]:
    """Carriage returns alone and Unicode line separators, located by "\n" lines."""
    diags: list[Diagnostic] = []
    m = _LONE_CR.search(text)
    if m:
        line, col = _line_col(text, m.start(), offset)
        if "\n" not in text:
            message = (
                "le fichier sépare ses lignes par un retour chariot seul (CR, fins de ligne "
                "des anciens Mac) : enregistrez-le avec des fins de ligne LF (Unix) ou CRLF"
            )
        else:
            message = (
                "retour chariot (CR) isolé au milieu d'une ligne : supprimez-le "
                "(il décalerait les numéros de ligne)"
            )
        diags.append(Diagnostic(Location(path, line, col), "YAML021", message))
    for m in _HIDDEN_BREAK.finditer(text):
        line, col = _line_col(text, m.start(), offset)
        diags.append(
            Diagnostic(
                Location(path, line, col),
                "YAML020",
                f"caractère invisible {_HIDDEN_BREAKS[m.group()]}, lu comme un retour à la "
                "ligne : supprimez-le (ou remplacez-le par une espace)",
            )
        )
        if len(diags) >= 20:
            break
    return diags


def check_text(path: str, text: str, offset: int = 0) -> list[Diagnostic]:
    """Problems visible in the raw text, located more precisely than the parser does."""
    diags: list[Diagnostic] = line_break_problems(path, text, offset)
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


# Nesting deeper than this is refused before anything recurses on it (the real content
# nests 7 levels at most). libyaml itself does not recurse, but its scanner costs grow
# with the square of the nesting (100 000 nested « [ » or « - » took 20 to 56 s and
# 10 to 20 GB), so nesting is also bounded before libyaml sees the text: below
# `_CHEAP_BOUND`, a bound read from the text's characters proves libyaml's stacks stay
# small; above it, PyYAML's pure-Python scanner (the same algorithm) is run with a guard.
MAX_DEPTH = 24
_CHEAP_BOUND = 200
_BLOCK_PREFIX = re.compile(r"^[ ?\-]*", re.MULTILINE)


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("too deep")
        self.mark = mark


class _GuardedScanner(yaml.reader.Reader, yaml.scanner.Scanner):
    """PyYAML's own scanner, stopped as soon as its flow level or indentation stack
    (the two stacks whose size drives libyaml's cost) exceed the depth allowed."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)

    def add_indent(self, column: int) -> bool:
        added: bool = super().add_indent(column)
        if len(self.indents) > MAX_DEPTH + 1:
            raise _TooDeep(self.get_mark())
        return added

    def fetch_flow_collection_start(self, TokenClass: type) -> None:
        if self.flow_level >= MAX_DEPTH:
            raise _TooDeep(self.get_mark())
        super().fetch_flow_collection_start(TokenClass)


def _too_deep(path: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        Location(path, line, col),
        "YAML022",
        f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de listes ou de blocs) : "
        "simplifiez la structure",
    )


def _nesting_guard(path: str, text: str, offset: int) -> list[Diagnostic]:
    """Refuse a text whose nesting could make libyaml slow, before libyaml reads it."""
    openers = text.count("[") + text.count("{")
    prefix = max((len(m) for m in _BLOCK_PREFIX.findall(text)), default=0)
    if openers <= _CHEAP_BOUND and prefix <= _CHEAP_BOUND:
        return []
    scanner = _GuardedScanner(text)
    try:
        while scanner.check_token():
            scanner.get_token()  # type: ignore[no-untyped-call]
    except _TooDeep as deep:
        return [_too_deep(path, deep.mark.line + 1 + offset, deep.mark.column + 1)]
    except yaml.MarkedYAMLError as err:
        # The same scanner as libyaml's: its error is the one libyaml would report, and
        # libyaml must not read beyond a point this guard did not reach.
        return [_syntax_diagnostic(path, err, offset)]
    except yaml.YAMLError:
        return [Diagnostic(Location(path, 1 + offset, 1), "YAML001", _GENERIC)]
    return []


_MAX_PROBLEMS = 10
_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _compose(path: str, text: str, offset: int) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """The node tree, composed from libyaml's events by a loop (no recursion), after
    refusing anchors, aliases, a second document and nesting deeper than `MAX_DEPTH`.

    Refused before any node is built: an alias bomb (a billion laughs) is never
    expanded, a recursive alias never followed."""
    problems: list[Diagnostic] = []

    def at(mark: Any) -> Location:
        return Location(path, mark.line + 1 + offset, mark.column + 1)

    stack: list[yaml.MappingNode | yaml.SequenceNode] = []
    root: yaml.Node | None = None
    documents = 0
    event: Any  # PyYAML's C and Python events differ only in their marks' types
    for event in yaml.parse(text, Loader=_Loader):
        if len(problems) >= _MAX_PROBLEMS:  # an alias bomb: the first ones say it all
            break
        start: Any = event.start_mark
        end: Any = event.end_mark
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                Diagnostic(
                    at(start),
                    "YAML008",
                    f"alias YAML « *{event.anchor} » non autorisé : recopiez la valeur",
                )
            )
            continue
        if anchor is not None:
            problems.append(
                Diagnostic(
                    at(start),
                    "YAML008",
                    f"ancre YAML « &{anchor} » non autorisée : retirez-la "
                    "(et recopiez la valeur là où elle était reprise)",
                )
            )
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                problems.append(
                    Diagnostic(
                        at(start),
                        "YAML024",
                        "plusieurs documents YAML dans le fichier (ligne « --- ») : "
                        "un seul document par fichier",
                    )
                )
                break
            continue
        node: yaml.Node
        if isinstance(event, yaml.ScalarEvent):
            tag = event.tag if event.tag not in (None, "!") else "tag:yaml.org,2002:str"
            node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
        elif isinstance(event, _COLLECTION_START):
            if len(stack) >= MAX_DEPTH:
                mark = start
                problems.append(_too_deep(path, mark.line + 1 + offset, mark.column + 1))
                break
            if isinstance(event, yaml.MappingStartEvent):
                default = "tag:yaml.org,2002:map"
                node = yaml.MappingNode(
                    event.tag if event.tag not in (None, "!") else default,
                    [],
                    start,
                    end,
                )
            else:
                default = "tag:yaml.org,2002:seq"
                node = yaml.SequenceNode(
                    event.tag if event.tag not in (None, "!") else default,
                    [],
                    start,
                    end,
                )
        elif isinstance(event, _COLLECTION_END):
            stack.pop()
            continue
        else:  # stream start/end, document end
            continue
        if stack:
            parent = stack[-1]
            if isinstance(parent, yaml.MappingNode):
                pending = getattr(parent, "_key", None)
                if pending is None:
                    parent._key = node  # type: ignore[attr-defined]
                else:
                    parent.value.append((pending, node))
                    parent._key = None  # type: ignore[attr-defined]
            else:
                parent.value.append(node)
        else:
            root = node
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            stack.append(node)
    return (None if problems else root), problems


def parse_yaml(path: str, text: str, offset: int = 0) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """Parse one YAML document; `offset` shifts line numbers (front matter in a .md file).

    Never raises on any text: every problem is a located diagnostic."""
    diags = check_text(path, text, offset)
    if any(d.code in _BLOCKING for d in diags):
        return None, diags
    guard = _nesting_guard(path, text, offset)
    if guard:
        return None, [*diags, *guard]
    try:
        node, problems = _compose(path, text, offset)
    except yaml.MarkedYAMLError as err:
        return None, [*diags, _syntax_diagnostic(path, err, offset)]
    except yaml.YAMLError:
        return None, [*diags, Diagnostic(Location(path, 1 + offset, 1), "YAML001", _GENERIC)]
    if problems:
        return None, [*diags, *problems]
    if node is None:
        return YamlDoc(path, None), diags
    conv = _Converter(path, offset, diags)
    conv.doc.lines = text.split("\n")
    conv.doc.offset = offset
    conv.doc.data = conv.convert(node, ())
    return conv.doc, diags


_BLOCKING = frozenset({"YAML002", "FIC004", "YAML020", "YAML021"})


_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 (gros-boutiste)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (petit-boutiste)"),
    (b"\xfe\xff", "UTF-16 (gros-boutiste)"),
    (b"\xff\xfe", "UTF-16 (petit-boutiste)"),
)


def _wide_encoding(raw: bytes) -> str | None:
    """The name of a UTF-16 or UTF-32 encoding, told by its byte order mark or, without
    one, by where its nul bytes fall (ASCII text in UTF-16 has one nul byte in two)."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    sample = raw[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    quads = [sample[i::4].count(0) for i in range(4)]
    pairs = [sample[0::2].count(0), sample[1::2].count(0)]
    n4, n2 = len(sample) // 4, len(sample) // 2
    if quads[1] > n4 * 0.9 and quads[2] > n4 * 0.9:
        return "UTF-32 (petit-boutiste)" if quads[3] > n4 * 0.9 else "UTF-32 (gros-boutiste)"
    if pairs[1] > n2 * 0.6 and pairs[0] < n2 * 0.1:
        return "UTF-16 (petit-boutiste)"
    if pairs[0] > n2 * 0.6 and pairs[1] < n2 * 0.1:
        return "UTF-16 (gros-boutiste)"
    return None


def decode(path: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """Bytes → text, with a located message naming the encoding a file was saved in
    (UTF-16 or UTF-32, Latin-1 or Windows-1252) and refusing line breaks that would
    shift every line number (a carriage return alone, U+2028…)."""
    wide = _wide_encoding(raw)
    if wide is not None:
        return None, [
            Diagnostic(
                Location(path, 1, 1),
                "FIC001",
                f"le fichier est enregistré en {wide}, pas en UTF-8 : "
                "enregistrez-le en UTF-8 (dans VS Code : barre d'état, « Enregistrer avec "
                "l'encodage », UTF-8)",
            )
        ]
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
    lone_cr = [d for d in line_break_problems(path, text) if d.code == "YAML021"]
    if lone_cr:
        return None, lone_cr
    return text, []
