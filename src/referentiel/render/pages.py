"""One function per page type: models in, Markdown out. Presentation only.

Generated pages live one folder deep (`fiches/<id>.md`), so every cross-link is
`../section/id.md` and MkDocs' strict validation checks each of them.
"""

from __future__ import annotations

import itertools

from referentiel.models.base import Element, ElementCommun, Version
from referentiel.models.fiche import LISTES_FICHE, Fiche, Role
from referentiel.models.procedure import Procedure
from referentiel.models.referentiel import Referentiel
from referentiel.models.texte import Statut, Texte, statut_libelle
from referentiel.render.md import (
    Page,
    backlinks,
    bullet_list,
    esc,
    link,
    provenance_short,
    sources_block,
)
from referentiel.render.typographie import date_text_fr
from referentiel.render.usage import Usages
from referentiel.render.versions import Change, compare

TYPE_TEXTE = {
    "loi": "Loi",
    "ordonnance": "Ordonnance",
    "decret": "Décret",
    "arrete": "Arrêté",
    "circulaire": "Circulaire",
    "instruction": "Instruction",
    "code": "Code",
    "article": "Article de code",
    "rapport": "Rapport",
    "autre": "Autre texte",
}


def contexte_label(ref: Referentiel, ident: str) -> str:
    ctx = ref.contextes.get(ident)
    return ctx.libelle if ctx else ident


def texte_link(ref: Referentiel, ident: str) -> str:
    texte = ref.textes.get(ident)
    if texte is None:
        return esc(ident)
    return f"[{esc(texte.titre)}]({link('textes', ident)}) — {statut_libelle(texte)}"


def fiche_link(ref: Referentiel, ident: str | None, label: str) -> str:
    if ident and ident in ref.fiches:
        return f"[{esc(label)}]({link('fiches', ident)})"
    return esc(label)


def acte_link(ref: Referentiel, key: str) -> str:
    found = ref.actes().get(key)
    if found is None:
        return esc(key)
    _, disp, acte = found
    return f"[{esc(acte.libelle)}]({link('dispositifs', disp.id, 'acte-' + acte.id)}) ({esc(disp.libelle)})"


def _element(ref: Referentiel, el: Element) -> str:
    text = esc(el.libelle)
    extras = [acte_link(ref, a) for a in el.actes]
    extras += [
        f"[{esc(ref.dispositifs()[d][1].libelle)}]({link('dispositifs', d)})"
        for d in el.dispositifs
        if d in ref.dispositifs()
    ]
    if extras:
        text += " — " + " ; ".join(extras)
    if el.sources:
        text += " *(" + esc("; ".join(provenance_short(ref, p) for p in el.sources)) + ")*"
    return text


def _common_row(el: ElementCommun, old: Version, new: Version) -> tuple[str, str, str]:
    """A common item: the same in both columns, or « formulation non connue » on the side
    whose wording the sources do not give."""
    text = esc(" ".join(el.libelle.split()))
    unknown = "*(formulation non connue)*"
    if el.formulation_connue == new.id:
        return unknown, text, f"commun (formulation connue : {esc(new.libelle)})"
    if el.formulation_connue == old.id:
        return text, unknown, f"commun (formulation connue : {esc(old.libelle)})"
    return text, text, Change.COMMON.value


def versions_block(
    ref: Referentiel, versions: list[Version], commun: list[ElementCommun] | None = None
) -> str:
    """Side-by-side comparison of consecutive versions, field by field, from the data.
    Items stored as common to all versions (`commun`) head each field's table."""
    if len(versions) < 2:
        return ""
    commun = commun or []
    out = ["## Évolution entre versions", ""]
    for old, new in itertools.pairwise(versions):
        out.append(f"### {esc(old.libelle)} → {esc(new.libelle)}")
        out.append("")
        fields = list(dict.fromkeys([*(c.champ for c in commun), *old.contenu, *new.contenu]))
        for name in fields:
            rows = compare(old.contenu.get(name, []), new.contenu.get(name, []))
            shared = [_common_row(c, old, new) for c in commun if c.champ == name]
            counts = {c: sum(1 for r in rows if r.change is c) for c in Change}
            out.append(f"#### {esc(LISTES_FICHE.get(name, name.replace('_', ' ').capitalize()))}")
            out.append("")
            out.append(
                (f"{len(shared)} commun(s) aux deux versions, " if shared else "")
                + f"{counts[Change.SAME]} identique(s), {counts[Change.REWORDED]} reformulé(s), "
                f"{counts[Change.ADDED]} ajouté(s), {counts[Change.REMOVED]} supprimé(s)."
            )
            out.append("")
            out.append(f"| {esc(old.libelle)} | {esc(new.libelle)} | Évolution |")
            out.append("|---|---|---|")
            for before, after, change in shared:
                out.append(f"| {before} | {after} | {change} |")
            for row in rows:
                before = esc(" ".join((row.before or "—").split()))
                after = esc(" ".join((row.after or "—").split()))
                out.append(f"| {before} | {after} | {row.change.value} |")
            out.append("")
        provs = [*old.sources, *new.sources, *(p for c in commun for p in c.sources)]
        out.append(sources_block(ref, provs, "Sources des versions").replace("## ", "#### "))
    return "\n".join(out) + "\n"


def review_block(obj: Fiche | Procedure) -> str:
    parts = []
    if obj.verifie_le:
        parts.append(f"Vérifié le {obj.verifie_le}")
    if obj.a_revoir_avant:
        parts.append(f"à revoir avant le {obj.a_revoir_avant}")
    if obj.referent:
        parts.append(f"référent : {esc(obj.referent)}")
    return ("*" + " — ".join(parts) + "*\n\n") if parts else ""


def fiche_page(ref: Referentiel, fiche: Fiche) -> Page:
    out = [f"# {esc(fiche.intitule)}", ""]
    out.append(
        f"**Contexte d'exercice :** [{esc(contexte_label(ref, fiche.contexte.value))}]"
        f"({link('fiches', '', fiche.contexte.value)})"
    )
    out.append("")
    if fiche.role is Role.PARTENAIRE:
        out += [
            '!!! note "Rôle partenaire"',
            "",
            (
                f"    Ce rôle relève d'une autre institution ({esc(fiche.institution or '')}) ; la fiche dit ce que "
                "les sources en rapportent, pour travailler avec lui."
            ),
            "",
        ]
    out.append(review_block(fiche))
    if fiche.resume:
        out += [esc(fiche.resume), ""]
    if fiche.corps.strip():
        out += ["## Présentation", "", fiche.corps.strip(), ""]
    if fiche.rattachements:
        out += ["## Rattachement", "", "| Nature | Niveau | Rattaché à |", "|---|---|---|"]
        for r in fiche.rattachements:
            out.append(
                f"| {r.nature.value.replace('hierarchique', 'hiérarchique')} | N+{r.niveau} | "
                f"{fiche_link(ref, r.fiche, r.libelle)} |"
            )
        out.append("")
    for name, title in LISTES_FICHE.items():
        items = getattr(fiche, name)
        if items:
            out += [f"## {title}", "", bullet_list([_element(ref, e) for e in items])]
    if fiche.textes:
        out += [
            "## Textes de référence",
            "",
            bullet_list([texte_link(ref, t) for t in fiche.textes]),
        ]
    if fiche.textes_historiques:
        out += [
            "## Textes historiques (abrogés)",
            "",
            bullet_list([texte_link(ref, t) for t in fiche.textes_historiques]),
        ]
    out.append(versions_block(ref, fiche.versions, fiche.versions_commun))
    out.append(sources_block(ref, fiche.sources))
    return Page(
        f"fiches/{fiche.id}.md", fiche.intitule, "\n".join(out), fiche.file, _review_meta(fiche)
    )


def _review_meta(obj: Fiche | Procedure) -> dict[str, str]:
    meta = {}
    for key in ("verifie_le", "a_revoir_avant", "referent"):
        value = getattr(obj, key)
        if value:
            meta[key] = value
    return meta


def procedure_page(ref: Referentiel, proc: Procedure) -> Page:
    out = [f"# {esc(proc.titre)}", ""]
    ctx = ", ".join(
        f"[{esc(contexte_label(ref, c.value))}]({link('procedures', '', c.value)})"
        for c in proc.contextes
    )
    out += [f"**Contexte d'exercice :** {ctx}", "", review_block(proc)]
    if proc.resume:
        out += [esc(proc.resume), ""]
    if proc.declencheur:
        out += ["## Déclencheur", "", esc(proc.declencheur), ""]
    if proc.acteurs:
        out += [
            "## Acteurs",
            "",
            bullet_list([fiche_link(ref, a.fiche, a.libelle) for a in proc.acteurs]),
        ]
    out += ["## Étapes", ""]
    for n, etape in enumerate(proc.etapes, start=1):
        out.append(f"{n}. {esc(etape.libelle)}")
        details = []
        if etape.acteur or etape.fiche:
            fiche = ref.fiches.get(etape.fiche or "")
            label = etape.acteur or (fiche.intitule if fiche else etape.fiche or "")
            details.append(f"**Acteur :** {fiche_link(ref, etape.fiche, label)}")
        if etape.documents:
            details.append("**Documents :** " + ", ".join(esc(d) for d in etape.documents))
        if etape.delai:
            details.append(f"**Délai :** {esc(etape.delai)}")
        if etape.actes:
            details.append("**Actes :** " + " ; ".join(acte_link(ref, a) for a in etape.actes))
        if etape.sources:
            details.append(
                "*Source : " + esc("; ".join(provenance_short(ref, p) for p in etape.sources)) + "*"
            )
        for d in details:
            out.append(f"    - {d}")
    out.append("")
    if proc.documents:
        out += ["## Documents produits", "", bullet_list([esc(d) for d in proc.documents])]
    if proc.delais:
        out += ["## Délais", "", bullet_list([esc(d) for d in proc.delais])]
    if proc.dispositifs:
        disps = ref.dispositifs()
        out += [
            "## Dispositifs",
            "",
            bullet_list(
                [
                    f"[{esc(disps[d][1].libelle)}]({link('dispositifs', d)})"
                    if d in disps
                    else esc(d)
                    for d in proc.dispositifs
                ]
            ),
        ]
    if proc.textes:
        out += [
            "## Textes de référence",
            "",
            bullet_list([texte_link(ref, t) for t in proc.textes]),
        ]
    if proc.textes_historiques:
        out += [
            "## Textes historiques (abrogés)",
            "",
            bullet_list([texte_link(ref, t) for t in proc.textes_historiques]),
        ]
    if proc.corps.strip():
        out += ["## Précisions", "", proc.corps.strip(), ""]
    out.append(sources_block(ref, proc.sources))
    return Page(
        f"procedures/{proc.id}.md", proc.titre, "\n".join(out), proc.file, _review_meta(proc)
    )


def texte_page(ref: Referentiel, texte: Texte, usages: Usages) -> Page:
    out = [f"# {esc(texte.titre)}", ""]
    if texte.statut is Statut.ABROGE and texte.abroge_par:
        out += [
            '!!! warning "Texte abrogé"',
            "",
            f"    Ce texte est abrogé par {texte_link(ref, texte.abroge_par)}.",
            "",
        ]
    rows = [("Type", TYPE_TEXTE[texte.type.value])]
    if texte.numero:
        rows.append(("Numéro", esc(texte.numero)))
    if texte.date:
        rows.append(("Date", date_text_fr(texte.date)))
    if texte.code:
        rows.append(("Code", esc(texte.code)))
    if texte.article:
        rows.append(("Article", esc(texte.article)))
    rows.append(("Statut", statut_libelle(texte)))
    out += (
        ["| Caractéristique | Valeur |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows] + [""]
    )
    for field, title in (
        ("abroge", "Abroge"),
        ("modifie", "Modifie"),
        ("modifie_par", "Modifié par"),
    ):
        values = getattr(texte, field)
        if values:
            out += [f"## {title}", "", bullet_list([texte_link(ref, t) for t in values])]
    if texte.resume:
        out += ["## Ce qu'en disent les sources", "", esc(texte.resume), ""]
    if texte.texte_integral:
        out += ["## Texte intégral (tel que cité par la source)", ""]
        for para in texte.texte_integral.strip().split("\n"):
            out.append(f"> {esc(para)}" if para.strip() else ">")
        out.append("")
    out.append(versions_block(ref, texte.versions))
    out.append(backlinks(usages.textes.get(texte.id, set()), "Cité par"))
    out.append(sources_block(ref, texte.sources))
    return Page(f"textes/{texte.id}.md", texte.titre, "\n".join(out), texte.file)
