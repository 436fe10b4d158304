"""Generation: the loaded référentiel → a docs folder MkDocs (or a successor) builds.

Output is deterministic and written only when its bytes change, so `mkdocs serve` does
not loop and a second build of the same commit is byte-identical. Files that no longer
correspond to any source are removed from the output folder (never from the sources).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from referentiel.build.cadre import Settings, frame
from referentiel.build.graphviz import draw_svg
from referentiel.checks import run_checks
from referentiel.checks.exemples import Example, load_examples
from referentiel.checks.fichier import findings
from referentiel.diagnostics import Diagnostic, sort_diagnostics
from referentiel.history.dates import GitDates
from referentiel.history.nouveautes import Version, versions
from referentiel.load import load
from referentiel.models.referentiel import Referentiel
from referentiel.perf.gcpause import gc_paused
from referentiel.render import usage
from referentiel.render.accueil import contextes_pages
from referentiel.render.exports import exports
from referentiel.render.glossaire import abbr_pattern, abbreviations, glossaire_page
from referentiel.render.guide import codes_page
from referentiel.render.impression import impression_page
from referentiel.render.md import Page
from referentiel.render.nouveautes import nouveautes_page
from referentiel.render.organisation import dot_source, organisation_page
from referentiel.render.orienter import orienter_page
from referentiel.render.pages import fiche_page, procedure_page, texte_page
from referentiel.render.parcours import parcours_pages
from referentiel.render.plan import plan_du_site
from referentiel.render.revue import annotate, revue_page
from referentiel.render.sections import (
    cadre_index,
    cadre_page,
    fiches_index,
    organisation_index,
    procedures_index,
    sources_page,
    textes_index,
)
from referentiel.render.tableau import champ_page, dispositif_page, dispositifs_index, tableau_page

HAND_WRITTEN = "docs"


@dataclass
class Result:
    written: int
    unchanged: int
    removed: int
    diagnostics: list[Diagnostic]


@dataclass(frozen=True)
class Inputs:
    """What the pages need beyond the loaded référentiel, gathered before rendering so
    that rendering itself reads no file, runs no process and asks git nothing."""

    versions: list[Version] | None = None  # Nouveautés; None outside a git checkout
    examples: dict[str, Example] = field(default_factory=dict)  # guide of message codes
    svgs: dict[str, str | None] = field(default_factory=dict)  # organisation id → drawing
    dates: GitDates | None = None  # « Modifié le » of every page; None outside git


def gather(ref: Referentiel, root: Path) -> Inputs:
    svgs = {org.id: draw_svg(dot_source(org)) for org in ref.organisations.values()}
    return Inputs(versions(root), load_examples(), svgs, GitDates.from_checkout(root))


def pages(ref: Referentiel, inputs: Inputs) -> list[Page]:
    uses = usage.compute(ref, findings(ref))
    out: list[Page] = [
        fiches_index(ref),
        procedures_index(ref),
        textes_index(ref),
        cadre_index(ref),
        organisation_index(ref),
        sources_page(ref),
    ]
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
    out += [codes_page(inputs.examples), revue_page(ref), nouveautes_page(inputs.versions)]
    out.append(impression_page(ref))
    out.append(plan_du_site(ref, out))  # RGAA: a site map listing every page (issue 5)
    return annotate(ref, out)


def files(ref: Referentiel, root: Path) -> dict[str, bytes]:
    """Every file of the generated docs folder, as bytes, keyed by relative path."""
    result: dict[str, bytes] = {}
    hand = root / HAND_WRITTEN
    if hand.is_dir():
        for path in sorted(hand.rglob("*")):
            if path.is_file():
                result[path.relative_to(hand).as_posix()] = path.read_bytes()
    inputs = gather(ref, root)
    for page in pages(ref, inputs):
        result[page.path] = page.render().encode("utf-8")
    for org in ref.organisations.values():
        svg = inputs.svgs.get(org.id)
        if svg:
            result[f"organisation/{org.id}.svg"] = svg.encode("utf-8")
        page = organisation_page(ref, org, svg is not None)
        result[page.path] = page.render().encode("utf-8")
    abbrs = abbreviations(ref)
    framed = frame(result, inputs.dates, abbrs, abbr_pattern(abbrs), Settings.from_env())
    framed.update(exports(ref))
    return framed


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


def generate(
    root: Path, out: Path, loaded: tuple[Referentiel, list[Diagnostic]] | None = None
) -> Result:
    """Load (unless the caller already has the référentiel), check, render and write."""
    ref, diags = loaded or load(root)
    diags = sort_diagnostics([*diags, *run_checks(ref)])
    # Rendering allocates a lot while the whole référentiel sits in memory: each full
    # collection of the cycle detector rescanned it (a tenth of the generation at 50×,
    # growing faster than the content; issue 6). Nothing rendered forms cycles.
    with gc_paused():
        content = files(ref, root)
    written, unchanged, removed = write_tree(out, content)
    return Result(written, unchanged, removed, diags)
