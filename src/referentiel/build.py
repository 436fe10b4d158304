"""Generation: the loaded référentiel → a docs folder MkDocs (or a successor) builds.

Output is deterministic and written only when its bytes change, so `mkdocs serve` does
not loop and a second build of the same commit is byte-identical. Files that no longer
correspond to any source are removed from the output folder (never from the sources).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from .checks import run_checks
from .diagnostics import Diagnostic, Severity, render, sort_diagnostics
from .load import load
from .referentiel import Referentiel
from .render import usage
from .render.accueil import contextes_pages
from .render.exports import exports
from .render.glossaire import glossaire_page
from .render.md import Page
from .render.organisation import organisation_page, render_svg
from .render.orienter import orienter_page
from .render.parcours import parcours_pages
from .render.pages import fiche_page, procedure_page, texte_page
from .render.sections import (cadre_index, cadre_page, fiches_index, organisation_index,
                              procedures_index, sources_page, textes_index)
from .render.tableau import champ_page, dispositif_page, dispositifs_index, tableau_page

HAND_WRITTEN = "docs"


@dataclass
class Result:
    written: int
    unchanged: int
    removed: int
    diagnostics: list[Diagnostic]


def pages(ref: Referentiel) -> list[Page]:
    uses = usage.compute(ref)
    out: list[Page] = [fiches_index(ref), procedures_index(ref), textes_index(ref), cadre_index(ref),
                       organisation_index(ref), sources_page(ref)]
    out += [fiche_page(ref, f) for f in ref.fiches.values()]
    out += [procedure_page(ref, p) for p in ref.procedures.values()]
    out += [texte_page(ref, t, uses) for t in ref.textes.values()]
    out += [cadre_page(ref, c) for c in ref.cadres.values()]
    if ref.tableau:
        out.append(tableau_page(ref))
        out.append(dispositifs_index(ref))
        for champ in ref.tableau.champs:
            out.append(champ_page(ref, champ, uses))
            out += [dispositif_page(ref, champ, d, uses) for d in champ.dispositifs]
    if ref.glossaire:
        out.append(glossaire_page(ref, uses))
    out += contextes_pages(ref)
    if ref.orientation:
        out.append(orienter_page(ref, uses))
    out += parcours_pages(ref)
    # Editors' workflow: codes guide, /revue/, /nouveautes/, « À revoir » notices.
    from . import revue
    from .render import guide

    from .render.plan import plan_du_site

    out += guide.pages(ref)
    out.append(plan_du_site(ref, out))  # RGAA: a site map listing every page (issue 5)
    return revue.annotate(ref, out)


def files(ref: Referentiel, root: Path) -> dict[str, bytes]:
    """Every file of the generated docs folder, as bytes, keyed by relative path."""
    result: dict[str, bytes] = {}
    hand = root / HAND_WRITTEN
    if hand.is_dir():
        for path in sorted(hand.rglob("*")):
            if path.is_file():
                result[path.relative_to(hand).as_posix()] = path.read_bytes()
    for page in pages(ref):
        result[page.path] = page.render().encode("utf-8")
    for org in ref.organisations.values():
        svg = render_svg(org)
        if svg:
            result[f"organisation/{org.id}.svg"] = svg.encode("utf-8")
        page = organisation_page(ref, org, svg is not None)
        result[page.path] = page.render().encode("utf-8")
    result.update(exports(ref))
    return result


def write_tree(out: Path, content: dict[str, bytes]) -> tuple[int, int, int]:
    written = unchanged = removed = 0
    out.mkdir(parents=True, exist_ok=True)
    for rel, data in sorted(content.items()):
        target = out / rel
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        written += 1
    for path in sorted(out.rglob("*"), reverse=True):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in content:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, unchanged, removed


def generate(root: Path, out: Path) -> Result:
    ref, diags = load(root)
    diags = sort_diagnostics([*diags, *run_checks(ref)])
    written, unchanged, removed = write_tree(out, files(ref, root))
    return Result(written, unchanged, removed, diags)


def cmd_generate(args: argparse.Namespace) -> int:
    root = Path(args.racine)
    out = Path(args.sortie)
    if not out.is_absolute():
        out = root / out
    result = generate(root, out)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        print(render(errors, "text"), file=sys.stderr)
    print(f"{result.written} fichier(s) écrit(s), {result.unchanged} inchangé(s), "
          f"{result.removed} supprimé(s) dans {out}", file=sys.stderr)
    return 1 if errors else 0
