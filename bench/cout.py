"""Issue 17: what everything the référentiel adds costs, against Material alone.

The baseline is what a team would otherwise run: the same generated Markdown
(build/docs) built by stock Material with its own search plugin, no hook, no extension
of ours, no post-build step. The numerator is `PDF=0 make build`, command by command
as the Makefile runs them (check, generate, the builder, then index, scan and links),
each in its own process. Both are measured in alternating rounds (this shared machine
drifts by tens of percent within a run) and the fastest round of each is kept.

PDFs are measured beside it: printed with an empty store (a fresh clone), then again
with nothing changed (the editor's second `make build`).
"""

from __future__ import annotations

import cProfile
import io
import pstats
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from bench.mesures import Mesure, run

REFERENTIEL = str(Path(sys.executable).with_name("referentiel"))
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
# `PDF=0 make build`, in order; the builder's step is named « constructeur ».
ETAPES = ("check", "generate", "constructeur", "index", "scan", "liens")


def material_config(depot: Path, out: Path) -> Path:
    """The baseline: the checkout's mkdocs.yml without what the référentiel adds (hook,
    its Markdown extension, its template overrides), with Material's own search."""
    from mkdocs.utils.yaml import yaml_load

    with open(depot / "mkdocs.yml", encoding="utf-8") as f:
        conf: dict[str, Any] = yaml_load(f)
    conf.pop("hooks", None)
    conf["markdown_extensions"] = [
        e
        for e in conf.get("markdown_extensions", [])
        if not str(next(iter(e)) if isinstance(e, dict) else e).startswith("referentiel")
    ]
    theme = dict(conf.get("theme", {}))
    theme.pop("custom_dir", None)
    conf["theme"] = theme
    conf["plugins"] = [{"search": {"lang": "fr"}}]
    conf["docs_dir"] = str(depot / "build" / "docs")
    conf["site_dir"] = str(out)
    conf["strict"] = False
    path = depot / "mkdocs-material-recherche.yml"
    path.write_text(yaml.safe_dump(conf, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def commandes(depot: Path, site: Path) -> dict[str, list[str]]:
    racine = ["--racine", str(depot)]
    return {
        "check": [REFERENTIEL, *racine, "check"],
        "generate": [REFERENTIEL, *racine, "generate", "--sortie", "build/docs"],
        "constructeur": [
            MKDOCS,
            "build",
            "--clean",
            "-q",
            "-f",
            str(depot / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        "index": [REFERENTIEL, *racine, "index", str(site)],
        "scan": [REFERENTIEL, *racine, "scan", str(site)],
        "liens": [REFERENTIEL, *racine, "liens", str(site)],
        "pdf": [REFERENTIEL, *racine, "pdf", str(site)],
    }


def chaine(depot: Path, site: Path) -> dict[str, Mesure]:
    """`PDF=0 make build`, one process per step, as the Makefile runs it."""
    cmds = commandes(depot, site)
    return {name: run(cmds[name], cwd=depot) for name in ETAPES}


def total(steps: dict[str, Mesure]) -> float:
    return sum(m.mur for m in steps.values())


def comparer(depot: Path, here: Path, rounds: int) -> dict[str, Any]:
    """Alternating rounds of the baseline and of the référentiel's chain."""
    site = here / "site-chaine"
    baseline_site = here / "site-material"
    config = material_config(depot, baseline_site)
    # The chain's own generation writes build/docs, which the baseline reads.
    run(commandes(depot, site)["generate"], cwd=depot)
    base: list[Mesure] = []
    runs: list[dict[str, Mesure]] = []
    for i in range(rounds):
        pair = ("base", "chaine") if i % 2 == 0 else ("chaine", "base")
        for what in pair:
            if what == "base":
                base.append(run([MKDOCS, "build", "--clean", "-q", "-f", str(config)], cwd=depot))
            else:
                runs.append(chaine(depot, site))
    ok_base = [m for m in base if m.code == 0] or base
    ok_runs = [r for r in runs if all(m.code == 0 for m in r.values())] or runs
    best = min(ok_runs, key=total)
    return {
        "material": min(ok_base, key=lambda m: m.mur),
        "etapes": best,
        "chaine_s": total(best),
        "echecs": [
            f"{name} : {m.erreur[-300:]}" for r in runs for name, m in r.items() if m.code != 0
        ],
    }


def pdf(depot: Path, site: Path) -> dict[str, Mesure]:
    """The PDF step with an empty store, then with nothing changed."""
    cmd = commandes(depot, site)["pdf"]
    shutil.rmtree(depot / ".cache" / "referentiel" / "pdf", ignore_errors=True)
    return {"pdf_vide": run(cmd, cwd=depot), "pdf_inchange": run(cmd, cwd=depot)}


def profil_constructeur(config: Path, top: int = 25) -> str:
    """cProfile of one MkDocs build, cumulative time per package (ours, MkDocs, Material,
    Python-Markdown, Jinja, the rest) and the most expensive functions."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    prof = cProfile.Profile()
    cfg = load_config(str(config))
    prof.enable()
    build(cfg)
    prof.disable()
    stats = pstats.Stats(prof)
    own: dict[str, float] = {}
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, tottime, _, _) in raw.items():
        own[_paquet(filename)] = own.get(_paquet(filename), 0.0) + tottime
    total_s = sum(own.values()) or 1.0
    lines = ["Temps propre par paquet (tottime) :"]
    lines += [
        f"  {name:<14} {seconds:7.2f} s  {100 * seconds / total_s:5.1f} %"
        for name, seconds in sorted(own.items(), key=lambda kv: -kv[1])
    ]
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return "\n".join(lines) + "\n\n" + buf.getvalue()


def _paquet(filename: str) -> str:
    for marker, name in (
        ("/referentiel/", "référentiel"),
        ("/material/", "Material"),
        ("/mkdocs/", "MkDocs"),
        ("/markdown/", "Markdown"),
        ("/pymdownx/", "pymdownx"),
        ("/jinja2/", "Jinja"),
        ("/yaml/", "PyYAML"),
    ):
        if marker in filename:
            return name
    return "autres"
