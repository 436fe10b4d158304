"""Markdown helpers shared by every page renderer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from referentiel.models.base import Provenance
from referentiel.models.referentiel import Referentiel


@dataclass
class Page:
    """A generated page: its path under the docs folder, title, body and source file."""

    path: str
    title: str
    body: str
    source: str  # file an editor changes to change this page
    meta: dict[str, str] = field(default_factory=dict)

    def render(self) -> str:
        lines = ["---", f"title: {_yaml_str(self.title)}", f"source: {_yaml_str(self.source)}"]
        lines += [f"{k}: {_yaml_str(v)}" for k, v in sorted(self.meta.items())]
        lines += ["---", "", self.body.rstrip(), ""]
        return "\n".join(lines)


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def esc(text: str) -> str:
    """Escape Markdown so that source text is shown as written, never interpreted."""
    # Most values hold no special character: a search is 4× cheaper than a sub that
    # expands its template (100,000 calls in a generation at 10×, issue 6).
    return _MD_SPECIAL.sub(r"\\\1", text) if _MD_SPECIAL.search(text) else text


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return esc(" ".join(text.split()))


def link(section: str, ident: str = "", anchor: str = "") -> str:
    """Relative link from any generated page (all live one folder deep)."""
    target = f"../{section}/{ident}.md" if ident else f"../{section}/index.md"
    return f"{target}#{anchor}" if anchor else target


def provenance_short(ref: Referentiel, prov: Provenance) -> str:
    doc = ref.sources.get(prov.source)
    label = doc.libelle_court if doc else prov.source
    where = f", {prov.section}" if prov.section else ""
    page = f", p. {prov.page}" if prov.page else ""
    return f"{label}{where}{page}"


def sources_block(ref: Referentiel, provs: list[Provenance], title: str = "Sources") -> str:
    """The « Sources » section every page ends with: title, issuer, date, section."""
    if not provs:
        return ""
    out = [f"## {title}", ""]
    seen: set[tuple[str, str, str]] = set()
    for prov in provs:
        key = (prov.source, prov.section, prov.page or "")
        if key in seen:
            continue
        seen.add(key)
        doc = ref.sources.get(prov.source)
        cite = (
            f"*{esc(doc.titre)}*, {esc(doc.emetteur)}, {esc(doc.date_libelle or doc.date)}"
            if doc
            else esc(prov.source)
        )
        detail = f" — {esc(prov.section)}"
        if prov.page:
            detail += f", p. {esc(prov.page)}"
        if prov.lignes:
            detail += f" (lignes {esc(prov.lignes)} de l'extraction)"
        out.append(f"- {cite}{detail}")
        if prov.note:
            out.append(f"    - *Note de lecture :* {esc(prov.note)}")
    return "\n".join(out) + "\n"


def bullet_list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items) + "\n" if items else ""


def backlinks(pages: set[tuple[str, str]], title: str) -> str:
    if not pages:
        return ""
    items = [f"[{esc(t)}](../{p})" for p, t in sorted(pages, key=lambda x: (x[1].casefold(), x[0]))]
    return f"## {title}\n\n" + bullet_list(items) + "\n"
