"""Generation: the loaded référentiel → a docs folder MkDocs (or a successor) builds.

Output is deterministic and written only when its bytes change, so `mkdocs serve` does
not loop and a second build of the same commit is byte-identical. Files that no longer
correspond to any source are removed from the output folder (never from the sources).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import derive
from .cache import for_checkout
from .checks import run_checks
from .diagnostics import Diagnostic, Severity, render, sort_diagnostics
from .gcpause import gc_paused
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
    drawings = for_checkout(root, "svg")
    for org in ref.organisations.values():
        svg = render_svg(org, drawings)
        if svg:
            result[f"organisation/{org.id}.svg"] = svg.encode("utf-8")
        page = organisation_page(ref, org, svg is not None)
        result[page.path] = page.render().encode("utf-8")
    drawings.prune()
    result.update(exports(ref))
    derive.prune(ref)
    return result


def write_tree(out: Path, content: dict[str, bytes]) -> tuple[int, int, int]:
    """Make `out` hold exactly `content`: write what differs, remove what is extra.

    Plain `os` calls on strings rather than `pathlib`: sorting and relativising 10,000
    Path objects was a tenth of the generation at 50× (issue 6)."""
    written = unchanged = removed = 0
    base = str(out)
    os.makedirs(base, exist_ok=True)
    for rel, data in sorted(content.items()):
        target = os.path.join(base, rel)
        try:
            with open(target, "rb") as f:
                if f.read() == data:
                    unchanged += 1
                    continue
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            pass
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = target + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
        written += 1
    for folder, dirs, names in os.walk(base, topdown=False):
        rel_folder = os.path.relpath(folder, base)
        for name in names:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}".replace(os.sep, "/")
            if rel not in content:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if folder != base and not os.listdir(folder):
            os.rmdir(folder)
    return written, unchanged, removed


def generate(root: Path, out: Path) -> Result:
    ref, diags = load(root)
    diags = sort_diagnostics([*diags, *run_checks(ref)])
    # Rendering allocates a lot while the whole référentiel sits in memory: each full
    # collection of the cycle detector rescanned it (a tenth of the generation at 50×,
    # growing faster than the content; issue 6). Nothing rendered forms cycles.
    with gc_paused():
        content = files(ref, root)
    written, unchanged, removed = write_tree(out, content)
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
