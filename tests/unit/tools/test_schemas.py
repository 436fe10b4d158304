"""The JSON Schemas that VS Code uses: generated from the models, committed, accepted by
every real source file, and they reject a typo in a key as the checker does."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from outils import ROOT
from referentiel.sources.files import read_markdown, read_yaml
from referentiel.tools.schemas import SCHEMAS, render_all


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _files(name: str) -> list[str]:
    if name in ("fiche", "procedure"):
        return sorted(
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / f"{name}s").glob("*.md")
            if p.name not in ("index.md", "README.md")
        )
    return sorted(p.relative_to(ROOT).as_posix() for g in SCHEMAS[name][2] for p in ROOT.glob(g))


def _data(rel: str) -> Any:
    diags: list[Any] = []
    if rel.endswith(".md"):
        md = read_markdown(ROOT, rel, diags)
        assert md is not None and md.doc is not None, diags
        return md.doc.data
    doc = read_yaml(ROOT, rel, diags)
    assert doc is not None, diags
    return doc.data


def test_schemas_commites_a_jour() -> None:
    """`make schemas` has been run after the last model change."""
    generated = render_all()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert on_disk == generated


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_valide_les_vrais_fichiers(name: str) -> None:
    validator = _validator(name)
    files = _files(name)
    assert files, f"aucun fichier pour le schéma {name}"
    problems = [
        f"{rel}: {list(e.absolute_path)} {e.message}"
        for rel in files
        for e in validator.iter_errors(_data(rel))
    ]
    assert problems == []


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_rejette_une_cle_inconnue(name: str) -> None:
    validator = _validator(name)
    data = _data(_files(name)[0])
    data["cle_inconnue"] = "x"
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("cle_inconnue" in m for m in messages)


def test_schema_rejette_une_cle_imbriquee_mal_orthographiee() -> None:
    data = _data("glossary.yml")
    data["entrees"][0]["forme_developee"] = "faute de frappe"
    errors = list(_validator("glossaire").iter_errors(data))
    assert [list(e.absolute_path) for e in errors] == [["entrees", 0]]


def test_vscode_associe_chaque_schema_a_ses_fichiers() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    expected = {
        f"./schemas/{name}.schema.json": globs for name, (_, _, globs) in SCHEMAS.items() if globs
    }
    assert mapping == expected
    for globs in mapping.values():
        assert all(any(ROOT.glob(g)) for g in globs)
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
