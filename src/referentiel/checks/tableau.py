"""The tableau's own rules: no empty champ or dispositif, no duplicate acte or id."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from referentiel.diagnostics import Diagnostic
from referentiel.models.referentiel import Referentiel
from referentiel.models.tableau import Champ, Dispositif


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def check(ref: Referentiel) -> Iterator[Diagnostic]:
    if ref.tableau is None:
        return
    # The first holder of each id, placed only if a duplicate needs it: computing a
    # location can mean parsing the file again when it came from the cache (issue 6).
    champ_ids: dict[str, Champ] = {}
    disp_ids: dict[str, Dispositif] = {}
    for champ in ref.tableau.champs:
        if champ.id in champ_ids:
            yield Diagnostic(
                champ.where("id"),
                "ID001",
                f"champ « {champ.id} » déjà défini ({champ_ids[champ.id].where('id')})",
            )
        champ_ids.setdefault(champ.id, champ)
        if not champ.dispositifs:
            yield Diagnostic(
                champ.where("id"), "TAB001", f"le champ « {champ.libelle} » n'a aucun dispositif"
            )
        for disp in champ.dispositifs:
            if disp.id in disp_ids:
                yield Diagnostic(
                    disp.where("id"),
                    "ID001",
                    f"dispositif « {disp.id} » déjà défini ({disp_ids[disp.id].where('id')}) ; "
                    "un identifiant de dispositif est unique dans tout le tableau",
                )
            disp_ids.setdefault(disp.id, disp)
            if not disp.actes:
                yield Diagnostic(
                    disp.where("id"), "TAB002", f"le dispositif « {disp.libelle} » n'a aucun acte"
                )
            acte_ids: set[str] = set()
            libelles: dict[str, str] = {}
            for acte in disp.actes:
                if acte.id in acte_ids:
                    yield Diagnostic(
                        acte.where("id"),
                        "ID001",
                        f"acte « {acte.id} » en double dans le dispositif « {disp.id} »",
                    )
                acte_ids.add(acte.id)
                key = _norm(acte.libelle)
                if key in libelles:
                    yield Diagnostic(
                        acte.where("libelle"),
                        "TAB003",
                        f"acte « {acte.libelle} » déjà présent dans le dispositif "
                        f"« {disp.libelle} » (id « {libelles[key]} »)",
                    )
                libelles.setdefault(key, acte.id)
