"""Organisation charts: the DOT source Graphviz draws at build time (build/graphviz.py)
as SVG, with no CDN and no JavaScript, printable, and always paired with the same
information as text for screen readers."""

from __future__ import annotations

from referentiel.models.organisation import (
    NATURE_LIBELLE,
    NatureLien,
    Noeud,
    Organisation,
    TypeNoeud,
)
from referentiel.models.referentiel import Referentiel
from referentiel.render.md import Page, bullet_list, esc, link, sources_block

_STYLE = {
    NatureLien.HIERARCHIQUE: 'style=solid, color="#1a1a1a"',
    NatureLien.TECHNIQUE: 'style=dashed, color="#1f4e8c"',
    NatureLien.FONCTIONNEL: 'style=dotted, color="#1f4e8c"',
    NatureLien.MEMBRE: 'style=dashed, color="#5c5c5c", arrowhead=odot',
    NatureLien.REND_COMPTE: 'style=dotted, color="#5c5c5c"',
    NatureLien.SAISIT: 'style=solid, color="#8a3b00", arrowhead=vee',
}
_SHAPE = {
    TypeNoeud.POSTE: 'shape=box, style="rounded,filled", fillcolor="#e8f0fb"',
    TypeNoeud.SERVICE: 'shape=box, style=filled, fillcolor="#f2f2f2"',
    TypeNoeud.INSTANCE: 'shape=ellipse, style=filled, fillcolor="#fff4e0"',
    TypeNoeud.AUTORITE: 'shape=box, style="bold,filled", fillcolor="#ffffff"',
}


def _q(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped + '"'


def dot_source(org: Organisation) -> str:
    lines = [
        "digraph G {",
        "rankdir=TB;",
        "nodesep=0.25;",
        "ranksep=0.45;",
        'node [fontname="DejaVu Sans", fontsize=12, margin="0.12,0.06"];',
        'edge [fontname="DejaVu Sans", fontsize=9];',
    ]
    for n in org.noeuds:
        label = "\n".join(_wrap(n.libelle, 22))
        lines.append(f"{_q(n.id)} [label={_q(label)}, {_SHAPE[n.type]}];")
    for lien in org.liens:
        # Edges point from the superior to the subordinate for readability top-down.
        upward = lien.nature in (
            NatureLien.HIERARCHIQUE,
            NatureLien.TECHNIQUE,
            NatureLien.FONCTIONNEL,
            NatureLien.REND_COMPTE,
        )
        src, dst = (lien.vers, lien.de) if upward else (lien.de, lien.vers)
        lines.append(f"{_q(src)} -> {_q(dst)} [{_STYLE[lien.nature]}];")
    lines.append("}")
    return "\n".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for w in words:
        if current and len(current) + 1 + len(w) > width:
            lines.append(current)
            current = w
        else:
            current = f"{current} {w}".strip()
    return lines + [current] if current else lines


def organisation_page(ref: Referentiel, org: Organisation, svg_available: bool) -> Page:
    out = [f"# {esc(org.titre)}", ""]
    ctx = ref.contextes.get(org.contexte.value)
    if ctx:
        out += [f"**Contexte d'exercice :** {esc(ctx.libelle)}", ""]
    if org.description:
        out += [esc(org.description), ""]
    if svg_available:
        out += [
            '<div class="ref-organigramme" markdown="1">',
            "",
            f"![Organigramme : {esc(org.titre)} (version textuelle ci-dessous)]({org.id}.svg)",
            "",
            "</div>",
            "",
            f"[Ouvrir l'organigramme en grand]({org.id}.svg)",
            "",
            (
                "*Légende : trait plein = autorité hiérarchique ; tirets bleus = autorité technique ; "
                "pointillés = lien fonctionnel ou compte rendu ; ellipses = instances.*"
            ),
            "",
        ]
    out += ["## Qui relève de qui", ""]
    names = {n.id: n for n in org.noeuds}
    items = []
    for lien in org.liens:
        a, b = names.get(lien.de), names.get(lien.vers)
        if a and b:
            extra = f" ({esc(lien.libelle)})" if lien.libelle else ""
            items.append(f"{_node(a)} — {NATURE_LIBELLE[lien.nature]} → {_node(b)}{extra}")
    out.append(bullet_list(items))
    out += ["## Postes, services et instances", ""]
    out.append(
        bullet_list(
            [
                f"{_node(n)} — {n.type.value}"
                + (f" : {esc(n.description)}" if n.description else "")
                for n in org.noeuds
            ]
        )
    )
    out.append(sources_block(ref, org.sources))
    return Page(
        f"organisation/{org.id}.md", org.titre, "\n".join(out), f"donnees/organisation/{org.id}.yml"
    )


def _node(n: Noeud) -> str:
    return f"[{esc(n.libelle)}]({link('fiches', n.fiche)})" if n.fiche else esc(n.libelle)
