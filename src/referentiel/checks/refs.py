"""Cross-references: every id a file names exists, and abrogated texts are not cited as
in force. A broken reference would otherwise become a dead link on the site."""

from __future__ import annotations

from collections.abc import Iterator

from referentiel.diagnostics import Diagnostic, Location
from referentiel.load.schema_errors import suggest
from referentiel.models.base import Located, provenances
from referentiel.models.referentiel import Referentiel
from referentiel.models.texte import Statut

_FEMININE = {"source", "fiche", "entrée du glossaire"}


def _unknown(
    where: Location, kind: str, value: str, choices: list[str], code: str = "REF001"
) -> Diagnostic:
    ending = "e" if kind in _FEMININE else ""
    return Diagnostic(
        where, code, f"{kind} « {value} » inconnu{ending}{suggest(value, choices)}", valeur=value
    )


def _itself(where: Location, ident: str, message: str) -> Diagnostic:
    """A record that names itself where another one is expected (a fiche attached to
    itself was published as its own superior, without a word)."""
    return Diagnostic(where, "REF005", message, valeur=ident)


def _all_models(ref: Referentiel) -> Iterator[Located]:
    yield from (x for x in (ref.glossaire, ref.tableau) if x is not None)
    yield from ref.contextes.values()
    yield from ref.textes.values()
    yield from ref.fiches.values()
    yield from ref.procedures.values()
    yield from ref.organisations.values()
    yield from ref.cadres.values()


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    for diag in _check(ref):
        # A file that failed to load is reported once, at its own location; references
        # to it would only repeat the same root cause.
        if diag.valeur is not None and diag.valeur.split("/")[0] in ref.unloaded:
            continue
        yield diag


def _check(ref: Referentiel) -> Iterator[Diagnostic]:
    sources = sorted(ref.sources)
    from referentiel.checks.fichier import findings

    cited = findings(ref)
    for model in _all_models(ref):
        found = cited.get(model.file)
        if found is not None and found.sources <= ref.sources.keys():
            continue  # every source this file cites exists: no need to walk its models
        for prov in provenances(model):
            if prov.source not in ref.sources:
                yield _unknown(prov.where("source"), "source", prov.source, sources, "PRV001")

    fiches = sorted(ref.fiches)
    textes = sorted(ref.textes)
    dispositifs = sorted(ref.dispositifs())
    actes = sorted(ref.actes())

    def fiche_ref(
        obj: Located, path: tuple[str | int, ...], value: str | None
    ) -> Iterator[Diagnostic]:
        if value and value not in ref.fiches:
            yield _unknown(obj.where(*path), "fiche", value, fiches)

    def acte_refs(obj: Located, field: str, values: list[str]) -> Iterator[Diagnostic]:
        if ref.tableau is None:  # the tableau itself failed to load: reported there
            return
        for i, value in enumerate(values):
            if value not in ref.actes():
                yield _unknown(obj.where(field, i), "acte", value, actes, "REF002")

    def disp_refs(obj: Located, field: str, values: list[str]) -> Iterator[Diagnostic]:
        if ref.tableau is None:
            return
        for i, value in enumerate(values):
            if value not in ref.dispositifs():
                yield _unknown(obj.where(field, i), "dispositif", value, dispositifs)

    def texte_refs(
        obj: Located, current: list[str], historiques: list[str]
    ) -> Iterator[Diagnostic]:
        for i, value in enumerate(current):
            texte = ref.textes.get(value)
            if texte is None:
                yield _unknown(obj.where("textes", i), "texte", value, textes)
            elif texte.statut is Statut.ABROGE:
                yield Diagnostic(
                    obj.where("textes", i),
                    "REF003",
                    f"texte « {value} » abrogé (par « {texte.abroge_par} ») cité comme en vigueur ; "
                    f"citez « {texte.abroge_par} » ou déplacez-le dans textes_historiques",
                )
        for i, value in enumerate(historiques):
            if value not in ref.textes:
                yield _unknown(obj.where("textes_historiques", i), "texte", value, textes)

    for fiche in ref.fiches.values():
        for i, ratt in enumerate(fiche.rattachements):
            if ratt.fiche == fiche.id:
                yield _itself(
                    fiche.where("rattachements", i, "fiche"),
                    fiche.id,
                    f"fiche « {fiche.id} » rattachée à elle-même : indiquez la fiche à laquelle "
                    "ce poste est rattaché, ou retirez la ligne",
                )
                continue
            yield from fiche_ref(fiche, ("rattachements", i, "fiche"), ratt.fiche)
        for field in (
            "missions",
            "activites",
            "competences",
            "moyens",
            "limites",
            "partenaires_internes",
            "partenaires_externes",
            "instances",
        ):
            for element in getattr(fiche, field):
                yield from acte_refs(element, "actes", element.actes)
                yield from disp_refs(element, "dispositifs", element.dispositifs)
        yield from texte_refs(fiche, fiche.textes, fiche.textes_historiques)

    for proc in ref.procedures.values():
        for i, acteur in enumerate(proc.acteurs):
            yield from fiche_ref(proc, ("acteurs", i, "fiche"), acteur.fiche)
        for i, etape in enumerate(proc.etapes):
            yield from fiche_ref(proc, ("etapes", i, "fiche"), etape.fiche)
            yield from acte_refs(etape, "actes", etape.actes)
        yield from disp_refs(proc, "dispositifs", proc.dispositifs)
        yield from texte_refs(proc, proc.textes, proc.textes_historiques)

    for texte in ref.textes.values():
        for field in ("abroge", "modifie", "modifie_par", "voir_aussi"):
            for i, value in enumerate(getattr(texte, field, [])):
                if value == texte.id:
                    yield _itself(
                        texte.where(field, i),
                        value,
                        f"texte « {value} » cité dans sa propre liste « {field} » : un texte ne "
                        "s'abroge ni ne se modifie lui-même ; retirez la ligne",
                    )
                elif field != "voir_aussi" and value not in ref.textes:
                    yield _unknown(texte.where(field, i), "texte", value, textes)
        if texte.abroge_par == texte.id:
            yield _itself(
                texte.where("abroge_par"),
                texte.id,
                f"texte « {texte.id} » abrogé par lui-même : indiquez le texte qui l'abroge",
            )
        elif texte.abroge_par:
            other = ref.textes.get(texte.abroge_par)
            if other is None:
                yield _unknown(texte.where("abroge_par"), "texte", texte.abroge_par, textes)
            elif texte.id not in other.abroge:
                yield Diagnostic(
                    texte.where("abroge_par"),
                    "REF004",
                    f"« {texte.id} » se dit abrogé par « {other.id} », mais « {other.id} » "
                    f"ne le mentionne pas dans abroge ; ajoutez « {texte.id} » à sa liste abroge",
                )
        for i, value in enumerate(texte.abroge):
            target = ref.textes.get(value)
            if target is not None and target.abroge_par != texte.id:
                yield Diagnostic(
                    texte.where("abroge", i),
                    "REF004",
                    f"« {texte.id} » abroge « {value} », dont le statut doit être « abroge » "
                    f"avec abroge_par: {texte.id}",
                )

    if ref.glossaire:
        ids = {e.id for e in ref.glossaire.entrees}
        for entree in ref.glossaire.entrees:
            for i, value in enumerate(entree.voir_aussi):
                if value == entree.id:
                    yield _itself(
                        entree.where("voir_aussi", i),
                        value,
                        f"l'entrée « {value} » renvoie à elle-même (voir_aussi) ; retirez la ligne",
                    )
                elif value not in ids:
                    yield _unknown(
                        entree.where("voir_aussi", i), "entrée du glossaire", value, sorted(ids)
                    )

    for org in ref.organisations.values():
        noeuds = {n.id for n in org.noeuds}
        for i, noeud in enumerate(org.noeuds):
            yield from fiche_ref(org, ("noeuds", i, "fiche"), noeud.fiche)
        for i, lien in enumerate(org.liens):
            for end in ("de", "vers"):
                value = getattr(lien, end)
                if value not in noeuds:
                    yield _unknown(org.where("liens", i, end), "nœud", value, sorted(noeuds))

    anything = (
        set(ref.fiches)
        | set(ref.procedures)
        | set(ref.dispositifs())
        | set(ref.textes)
        | set(ref.cadres)
    )
    if ref.glossaire:
        anything |= {e.id for e in ref.glossaire.entrees}
    for cadre in ref.cadres.values():
        for section in cadre.sections:
            for i, value in enumerate(section.voir_aussi):
                if value not in anything:
                    yield _unknown(
                        section.where("voir_aussi", i), "élément", value, sorted(anything)
                    )
