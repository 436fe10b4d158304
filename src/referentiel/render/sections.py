"""Cadre de référence pages and the index page of each section."""

from __future__ import annotations

from referentiel.models.cadre import Cadre
from referentiel.models.fiche import Role
from referentiel.models.referentiel import Referentiel
from referentiel.models.texte import statut_libelle
from referentiel.render.md import Page, bullet_list, esc, link, provenance_short, sources_block
from referentiel.render.pages import TYPE_TEXTE


def resolve(ref: Referentiel, ident: str) -> str:
    """A link to whatever an id names (fiche, procédure, dispositif, texte, cadre, sigle)."""
    if ident in ref.fiches:
        return f"[{esc(ref.fiches[ident].intitule)}]({link('fiches', ident)})"
    if ident in ref.procedures:
        return f"[{esc(ref.procedures[ident].titre)}]({link('procedures', ident)})"
    disps = ref.dispositifs()
    if ident in disps:
        return f"[{esc(disps[ident][1].libelle)}]({link('dispositifs', ident)})"
    if ident in ref.textes:
        return f"[{esc(ref.textes[ident].titre)}]({link('textes', ident)})"
    if ident in ref.cadres:
        return f"[{esc(ref.cadres[ident].titre)}]({link('cadre', ident)})"
    if ref.glossaire:
        for e in ref.glossaire.entrees:
            if e.id == ident:
                return f"[{esc(e.terme)}]({link('glossaire', '', ident)})"
    return esc(ident)


def cadre_page(ref: Referentiel, cadre: Cadre) -> Page:
    out = [f"# {esc(cadre.titre)}", ""]
    if cadre.contexte and cadre.contexte.value in ref.contextes:
        out += [f"**Contexte d'exercice :** {esc(ref.contextes[cadre.contexte.value].libelle)}", ""]
    if cadre.introduction:
        out += [cadre.introduction.strip(), ""]
    for section in cadre.sections:
        out += [f"## {esc(section.titre)} {{#{section.id}}}", ""]
        if section.corps:
            out += [section.corps.strip(), ""]
        if section.elements:
            out.append(bullet_list([esc(e) for e in section.elements]))
        if section.voir_aussi:
            out += ["*Voir aussi :* " + ", ".join(resolve(ref, v) for v in section.voir_aussi), ""]
        out += [
            "*Source : " + esc("; ".join(provenance_short(ref, p) for p in section.sources)) + "*",
            "",
        ]
    out.append(sources_block(ref, cadre.sources))
    return Page(
        f"cadre/{cadre.id}.md", cadre.titre, "\n".join(out), f"donnees/cadre/{cadre.id}.yml"
    )


def _by_contexte(
    ref: Referentiel,
    items: list[tuple[str, str, str]],
    section: str,
    suffixes: dict[str, str] | None = None,
) -> list[str]:
    """items: (contexte id, id, label) → one heading per contexte with its anchor;
    `suffixes` (id → text) follow an item's link (« rôle partenaire »)."""
    out: list[str] = []
    suffixes = suffixes or {}
    for ctx in ref.contextes.values():
        mine = sorted(
            [(label, ident) for c, ident, label in items if c == ctx.id.value],
            key=lambda x: x[0].casefold(),
        )
        if not mine:
            continue
        out += [f"## {esc(ctx.libelle)} {{#{ctx.id.value}}}", ""]
        out.append(
            bullet_list(
                [
                    f"[{esc(label)}]({link(section, ident)})"
                    + (f" — {esc(suffixes[ident])}" if ident in suffixes else "")
                    for label, ident in mine
                ]
            )
        )
    return out


def fiches_index(ref: Referentiel) -> Page:
    items = [(f.contexte.value, f.id, f.intitule) for f in ref.fiches.values()]
    partenaires = {
        f.id: f"rôle partenaire ({f.institution})"
        for f in ref.fiches.values()
        if f.role is Role.PARTENAIRE
    }
    out = [
        "# Fiches de poste",
        "",
        f"{len(items)} fiches, par contexte d'exercice"
        + (
            f", dont {len(partenaires)} de rôles partenaires (autres institutions)"
            if partenaires
            else ""
        )
        + ".",
        "",
    ]
    out += _by_contexte(ref, items, "fiches", partenaires)
    return Page("fiches/index.md", "Fiches de poste", "\n".join(out), "fiches/")


def procedures_index(ref: Referentiel) -> Page:
    items = [(c.value, p.id, p.titre) for p in ref.procedures.values() for c in p.contextes]
    out = [
        "# Procédures",
        "",
        f"{len(ref.procedures)} procédures, pas à pas, par contexte d'exercice.",
        "",
    ]
    out += _by_contexte(ref, items, "procedures")
    return Page("procedures/index.md", "Procédures", "\n".join(out), "procedures/")


def textes_index(ref: Referentiel) -> Page:
    out = [
        "# Textes de référence",
        "",
        f"{len(ref.textes)} textes cités par les sources, avec leur statut.",
        "",
    ]
    for type_value, label in TYPE_TEXTE.items():
        mine = [t for t in ref.textes.values() if t.type.value == type_value]
        if not mine:
            continue
        mine.sort(key=lambda t: (t.date or "", t.titre))
        out += [f"## {label} {{#{type_value}}}", ""]
        out.append(
            bullet_list(
                [f"[{esc(t.titre)}]({link('textes', t.id)}) — {statut_libelle(t)}" for t in mine]
            )
        )
    return Page("textes/index.md", "Textes de référence", "\n".join(out), "donnees/textes/")


def cadre_index(ref: Referentiel) -> Page:
    out = [
        "# Cadre de référence",
        "",
        (
            "Notions, référentiels d'activités, fiches action et recommandations, "
            "tels que les sources les exposent."
        ),
        "",
    ]
    out.append(
        bullet_list(
            [
                f"[{esc(c.titre)}]({link('cadre', c.id)})"
                for c in sorted(ref.cadres.values(), key=lambda c: c.titre)
            ]
        )
    )
    return Page("cadre/index.md", "Cadre de référence", "\n".join(out), "donnees/cadre/")


def organisation_index(ref: Referentiel) -> Page:
    out = [
        "# Organisation",
        "",
        "Qui relève de qui, dans chaque contexte d'exercice, avec les instances.",
        "",
    ]
    out.append(
        bullet_list(
            [
                f"[{esc(o.titre)}]({link('organisation', o.id)})"
                for o in sorted(ref.organisations.values(), key=lambda o: o.titre)
            ]
        )
    )
    return Page("organisation/index.md", "Organisation", "\n".join(out), "donnees/organisation/")


def sources_page(ref: Referentiel) -> Page:
    out = [
        "# Documents sources",
        "",
        (
            "Tout le contenu du référentiel provient de ces documents ; chaque page cite "
            "le titre, la date et la section dont elle est tirée."
        ),
        "",
    ]
    for s in ref.sources.values():
        out.append(f"- *{esc(s.titre)}* — {esc(s.emetteur)}, {esc(s.date_libelle or s.date)}")
    out.append("")
    return Page("sources/index.md", "Documents sources", "\n".join(out), "donnees/sources.yml")
