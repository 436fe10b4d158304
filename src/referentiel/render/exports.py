"""Data exports published with the site: JSON (everything), CSV and ODS (tableau, glossary).

Derived from the models on every build; the column order is part of the contract with
people who reuse the files, so tests pin it.
"""

from __future__ import annotations

import csv
import html
import io
import zipfile
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_json as to_json_bytes

from referentiel.models.base import Provenance
from referentiel.models.referentiel import Referentiel
from referentiel.render.md import provenance_short

TABLEAU_COLUMNS = ["ordre", "champ_id", "champ", "dispositif_id", "dispositif", "acte_id", "acte"]
GLOSSAIRE_COLUMNS = [
    "id",
    "type",
    "terme",
    "forme_developpee",
    "forme_hors_sources",
    "definition",
    "variantes",
    "notes",
    "sources",
]


def tableau_rows(ref: Referentiel) -> list[list[str]]:
    rows: list[list[str]] = []
    for champ in ref.champs():
        for disp in champ.dispositifs:
            for acte in disp.actes:
                rows.append(
                    [
                        str(len(rows) + 1),
                        champ.id,
                        champ.libelle,
                        disp.id,
                        disp.libelle,
                        acte.id,
                        acte.libelle,
                    ]
                )
    return rows


def _cite(ref: Referentiel, provs: list[Provenance]) -> str:
    return " ; ".join(provenance_short(ref, p) for p in provs)


def glossaire_rows(ref: Referentiel) -> list[list[str]]:
    if ref.glossaire is None:
        return []
    return [
        [
            e.id,
            e.type.value,
            e.terme,
            e.forme_developpee or "",
            "oui" if e.forme_hors_sources else "non",
            e.definition or "",
            " | ".join(e.variantes),
            e.notes or "",
            _cite(ref, e.sources),
        ]
        for e in ref.glossaire.entrees
    ]


def to_csv(columns: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def plain(value: Any) -> Any:
    """JSON data of a model (or a list of models) for the export: fields in declaration
    order, enums as their value, empty values and fields marked `exclude` left out."""
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    return value


def to_json(ref: Referentiel) -> bytes:
    def group(models: list[Any], dump: Callable[[Any], Any] = plain) -> list[Any]:
        return [dump(m) for m in models]

    def single(model: Any) -> Any:
        return plain(model)

    data = {
        "format": "referentiel-service-social/1",
        "sources": [plain(s) for s in ref.sources.values()],
        "contextes": [plain(c) for c in ref.contextes.values()],
        "tableau": single(ref.tableau),
        "glossaire": single(ref.glossaire),
        "textes": group(list(ref.textes.values())),
        "fiches": group(
            list(ref.fiches.values()), lambda f: {**plain(f), "presentation": f.corps.strip()}
        ),
        "procedures": group(
            list(ref.procedures.values()), lambda p: {**plain(p), "precisions": p.corps.strip()}
        ),
        "organisations": group(list(ref.organisations.values())),
        "cadres": group(list(ref.cadres.values())),
    }
    # pydantic-core's serializer writes the same bytes as json.dumps(ensure_ascii=False,
    # indent=1) (tested) in a tenth of the time: with `indent`, the standard library
    # falls back to its pure-Python encoder (1/8 of generation at 10×, issue 6).
    return to_json_bytes(data, indent=1) + b"\n"


def to_ods(sheet: str, columns: list[str], rows: list[list[str]]) -> bytes:
    """A minimal, valid OpenDocument spreadsheet (RGI format), byte-reproducible."""

    # html.escape without quotes escapes exactly what xml.sax.saxutils.escape does
    # (&, <, >), without importing urllib and email behind it (0.03 s per build).
    def escape(text: str) -> str:
        return html.escape(text, quote=False)

    def row_xml(values: list[str]) -> str:
        cells = "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'
            for v in values
        )
        return f"<table:table-row>{cells}</table:table-row>"

    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
        + row_xml(columns)
        + "".join(row_xml(r) for r in rows)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    fixed = (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(buf, "w") as zf:
        # The mimetype entry must come first and be stored uncompressed.
        zf.writestr(
            zipfile.ZipInfo("mimetype", fixed),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        for name, data in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            zf.writestr(zipfile.ZipInfo(name, fixed), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def exports(ref: Referentiel) -> dict[str, bytes]:
    def sheets(name: str, columns: list[str], rows: list[list[str]]) -> tuple[bytes, bytes]:
        return to_csv(columns, rows), to_ods(name, columns, rows)

    def tableau() -> tuple[bytes, bytes]:
        return sheets("Tableau des interventions", TABLEAU_COLUMNS, tableau_rows(ref))

    def glossaire() -> tuple[bytes, bytes]:
        return sheets("Glossaire", GLOSSAIRE_COLUMNS, glossaire_rows(ref))

    tab_csv, tab_ods = tableau()
    glo_csv, glo_ods = glossaire()
    return {
        "donnees/referentiel.json": to_json(ref),
        "donnees/tableau-des-interventions.csv": tab_csv,
        "donnees/tableau-des-interventions.ods": tab_ods,
        "donnees/glossaire.csv": glo_csv,
        "donnees/glossaire.ods": glo_ods,
    }
