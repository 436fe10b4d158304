"""The HTML a reader's browser receives, decided by the real Markdown pipeline.

A checker that guesses where Markdown sees code (its own fence masking) and where it
sees HTML can be led astray by fences Markdown reads otherwise (```` vs ```, ~~~,
indented or unclosed fences): the rest of a body then escaped every check (issue 11).
So nothing is guessed here: each fragment is converted by Python-Markdown with the
extensions the site is built with (mkdocs.yml's `markdown_extensions`, plus the three
MkDocs adds to every build), and the resulting HTML is compared with an allow-list:

- every start tag, attribute and URL is read back with a tokenizer and checked against
  the lists below (what Markdown itself produces and what the hand-written pages need);
- the same HTML goes through nh3 (html5ever, the parser of a browser) with the same
  allow-list; if what nh3 keeps differs from what the tokenizer saw, a browser would read
  the markup otherwise than the checker: that is refused too, so a parser trick cannot
  pass between the two readers.

The project's own extension (`referentiel.site.abbr`) is left out: it is a faster
matcher for `abbr`, whose HTML it reproduces exactly, and it belongs to the site layer.
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import nh3

from referentiel.sources.files import site_config

# MkDocs 1.x adds these to the extensions of mkdocs.yml for every build
# (mkdocs/config/defaults.py, `markdown_extensions.builtins`; a test keeps them in sync).
MKDOCS_BUILTINS: tuple[str, ...] = ("toc", "tables", "fenced_code")
# mkdocs.yml's list as of this version, for a checkout without mkdocs.yml (test fixtures);
# a test proves it equals the repository's file.
DEFAULT_EXTENSIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("abbr", {}),
    ("attr_list", {}),
    ("md_in_html", {}),
    ("admonition", {}),
    ("tables", {}),
    ("def_list", {}),
    ("toc", {"permalink": True, "permalink_title": "Lien vers cette section"}),
)
# Extensions of the project itself, not loaded by the checker (see the module's doc).
_OWN = "referentiel."

# --- the allow-list ------------------------------------------------------------------

# What Python-Markdown and its extensions produce, and what hand-written pages use.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        *("p", "br", "hr", "div", "span", "section", "blockquote", "pre", "code"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "abbr"),
        *("em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup"),
        *("kbd", "q", "cite", "dfn", "time"),
        *("ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"),
        *("details", "summary", "figure", "figcaption"),
    }
)
# Attributes allowed on every allowed tag.
GENERIC_ATTRIBUTES: frozenset[str] = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "ol": frozenset({"start", "reversed"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
}
# Pagefind's own markers (search indexing), written in the hand-written search page.
DATA_PREFIX = "data-pagefind-"
# The only `style` the pipeline writes: column alignment of a Markdown table.
ALLOWED_STYLES: frozenset[str] = frozenset(
    f"text-align: {side};" for side in ("left", "right", "center")
)
URL_ATTRIBUTES: frozenset[str] = frozenset(
    {
        *("href", "src", "cite", "action", "formaction", "xlink:href", "poster"),
        *("background", "data", "srcset", "ping", "codebase", "longdesc", "manifest"),
    }
)
ALLOWED_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
# Classes of Material's own interface (`md-dialog`, `md-header`…) would let a page draw a
# fake piece of the site's chrome (a login overlay); ids starting with `__` would shadow
# the theme's configuration (`__config`) through the DOM.
FORBIDDEN_CLASS_PREFIX = "md-"
FORBIDDEN_ID_PREFIX = "__"
# Tags the HTML parser of a browser adds by itself: not a difference of reading.
_IMPLIED = frozenset({"html", "head", "body", "tbody", "colgroup"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_URL_DROPPED = re.compile(r"[\x00-\x20\x7f]")


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in an attribute value (entities already decoded by the
    tokenizer): the URL parser drops tab, LF and CR anywhere and leading blanks."""
    squeezed = _URL_DROPPED.sub("", value).lower()
    m = _SCHEME.match(squeezed)
    return m.group(1) if m else None


# --- the pipeline --------------------------------------------------------------------


def extensions_of(root: Path) -> tuple[tuple[str, dict[str, Any]], ...]:
    """The Markdown extensions of the site built from `root`, as MkDocs loads them."""
    found: list[tuple[str, dict[str, Any]]] = []
    listed = site_config(root).get("markdown_extensions")
    if not isinstance(listed, list):
        return DEFAULT_EXTENSIONS
    for item in listed:
        if isinstance(item, str):
            found.append((item, {}))
        elif isinstance(item, dict):
            for name, options in item.items():
                found.append((str(name), dict(options or {})))
    return tuple(found)


class Pipeline:
    """One Python-Markdown converter with the site's extensions, reused between fragments."""

    def __init__(self, extensions: tuple[tuple[str, dict[str, Any]], ...]) -> None:
        names: list[str] = []
        configs: dict[str, dict[str, Any]] = {}
        for name, options in extensions:
            if name.startswith(_OWN):
                continue
            if name not in names:
                names.append(name)
            configs.setdefault(name, {}).update(options)
        for name in MKDOCS_BUILTINS:
            if name not in names:
                names.append(name)
        self.names = tuple(names)
        self.key = repr(sorted((n, sorted(configs.get(n, {}).items())) for n in names))
        self._md = markdown.Markdown(extensions=list(names), extension_configs=configs)

    def convert(self, text: str) -> tuple[str, list[str]]:
        """HTML of `text`, and the URL of every reference definition (used or not: a
        definition in one value can serve a link written in another)."""
        self._md.reset()
        out = self._md.convert(text)
        references = getattr(self._md, "references", {})
        return out, [url for url, _ in references.values()]


_pipelines: dict[str, Pipeline] = {}
_read: dict[tuple[str, int, int], tuple[tuple[str, dict[str, Any]], ...]] = {}


def pipeline(root: Path | None) -> Pipeline:
    """The converter of the site built from `root` (mkdocs.yml read again only when it
    changes), one per distinct list of extensions."""
    extensions = DEFAULT_EXTENSIONS
    if root is not None:
        try:
            st = os.stat(root / "mkdocs.yml")
            stamp = (str(root), st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (str(root), 0, -1)
        if stamp not in _read:
            _read[stamp] = extensions_of(root)
        extensions = _read[stamp]
    key = repr(extensions)
    found = _pipelines.get(key)
    if found is None:
        found = _pipelines[key] = Pipeline(extensions)
    return found


# --- reading the HTML back -----------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    kind: str  # "balise", "attribut", "lien", "lecture"
    tag: str
    name: str = ""  # attribute name, or URL scheme
    value: str = ""

    @property
    def code(self) -> str:
        return "SEC002" if self.kind == "lien" else "SEC001"

    @property
    def needles(self) -> tuple[str, ...]:
        """What the source most likely holds literally, to place the finding."""
        if self.kind == "balise":
            return (f"<{self.tag}", self.tag)
        if self.kind == "attribut":
            return (self.name, f"<{self.tag}")
        if self.kind == "lien":
            return (self.name, self.value[:12], "](", "]:")
        return ("<",)

    def message(self) -> str:
        if self.kind == "balise":
            return (
                f"balise HTML « <{self.tag}> » interdite : elle pourrait exécuter du code "
                "dans le navigateur des lecteurs ; utilisez la syntaxe Markdown"
            )
        if self.kind == "attribut":
            if self.name.startswith("on"):
                return f"attribut HTML « {self.name} » interdit : il exécute du code"
            if self.name == "style":
                return (
                    "attribut HTML « style » interdit : une feuille de style peut masquer "
                    "ou imiter la page ; utilisez la syntaxe Markdown"
                )
            if self.name == "class" or self.name == "id":
                return (
                    f"{'classe' if self.name == 'class' else 'identifiant'} « {self.value} » "
                    f"interdit sur « <{self.tag}> » : il appartient à l'interface du site"
                )
            return (
                f"attribut HTML « {self.name} » interdit sur « <{self.tag}> » : il n'est pas "
                "dans la liste des attributs admis (guide, codes des messages)"
            )
        if self.kind == "lien":
            if self.name == "data":
                return "lien « data: » interdit : il peut contenir une page ou un script entier"
            if self.name in ("javascript", "vbscript"):
                return (
                    f"lien « {self.name}: » interdit (il exécute du code, même écrit avec des "
                    "entités HTML ou des majuscules)"
                )
            return f"lien « {self.name}: » interdit : seuls http:, https: et mailto: sont admis"
        return (
            "HTML que le navigateur lirait autrement que le vérificateur (balise mal formée "
            f"ou imbriquée de façon trompeuse près de « {self.value[:40]} ») ; écrivez en Markdown"
        )


def _attribute_violations(tag: str, name: str, value: str) -> Iterator[Violation]:
    allowed = name in GENERIC_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, ())
    if not allowed and not name.startswith(DATA_PREFIX):
        yield Violation("attribut", tag, name, value)
        return
    if (
        name == "style"
        and value.strip() not in ALLOWED_STYLES
        or name == "class"
        and any(c.startswith(FORBIDDEN_CLASS_PREFIX) for c in value.split())
        or name == "id"
        and value.startswith(FORBIDDEN_ID_PREFIX)
    ):
        yield Violation("attribut", tag, name, value)
    if name in URL_ATTRIBUTES:
        scheme = url_scheme(value)
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            yield Violation("lien", tag, scheme, value)


class _Reader(HTMLParser):
    """Start tags, attributes (entities decoded) and text, as the tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.violations: list[Violation] = []
        self.shape: list[tuple[str, ...]] = []  # allowed tags and attributes, text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag not in ALLOWED_TAGS:
            self.violations.append(Violation("balise", tag))
            return
        kept: list[tuple[str, str]] = []
        for name, value in attrs:
            name = name.lower()
            found = list(_attribute_violations(tag, name, value or ""))
            self.violations.extend(found)
            if not found:
                kept.append((name, value or ""))
        if tag not in _IMPLIED:
            self.shape.append(("<", tag, *(f"{n}={v}" for n, v in sorted(kept))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            if self.shape and self.shape[-1][0] == "t":
                self.shape[-1] = ("t", self.shape[-1][1] + " " + text)
            else:
                self.shape.append(("t", text))


def _tokenize(fragment: str) -> _Reader:
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    return reader


_NH3_ATTRIBUTES = {
    tag: set(GENERIC_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset())) for tag in ALLOWED_TAGS
}


def _keep_data_attributes(tag: str, name: str, value: str) -> str | None:
    return value


def _sanitized(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes=_NH3_ATTRIBUTES,
        generic_attribute_prefixes={DATA_PREFIX},
        url_schemes=set(ALLOWED_SCHEMES),
        strip_comments=True,
        link_rel=None,
        clean_content_tags={"script", "style"},
    )


def violations(fragment: str) -> list[Violation]:
    """What in this HTML is outside the allow-list, or read otherwise by a browser."""
    if "<" not in fragment:
        return []
    reader = _tokenize(fragment)
    if reader.violations:
        return reader.violations
    # Nothing refused by the tokenizer: the browser's parser must see the same thing.
    again = _tokenize(_sanitized(fragment))
    if again.shape != reader.shape:
        first = next(
            (a for a, b in zip(reader.shape, again.shape, strict=False) if a != b),
            reader.shape[min(len(reader.shape), len(again.shape)) - 1] if reader.shape else ("",),
        )
        return [Violation("lecture", "", "", " ".join(first[1:]))]
    return []


def reference_violations(urls: list[str]) -> list[Violation]:
    found: list[Violation] = []
    for url in urls:
        scheme = url_scheme(html.unescape(url))
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            found.append(Violation("lien", "a", scheme, url))
    return found


def render_violations(pipe: Pipeline, text: str) -> list[Violation]:
    out, references = pipe.convert(text)
    return violations(out) + reference_violations(references)


def signature_counts(found: list[Violation]) -> Counter[Violation]:
    return Counter(found)
