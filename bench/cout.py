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
import os
import pstats
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from bench.mesures import Mesure, run

REFERENTIEL = str(Path(sys.executable).with_name("referentiel"))
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
# `PDF=0 make build`, in order; the builder's step is named « constructeur ».
ETAPES = ("generate", "constructeur", "terminer")
# The same chain before issue 17 (six commands, each reading the site again), run with
# the code of the commit given to --avant (extracted by `avant_src`).
ETAPES_AVANT = ("check", "generate", "constructeur", "index", "scan", "liens")


def material_config(depot: Path, out: Path, search: bool = True) -> Path:
    """The baseline: the checkout's mkdocs.yml without what the référentiel adds (hook,
    its Markdown extension, its template overrides), with Material's own search; without
    `search`, Material bare (what both builds share: the profiles' common part)."""
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
    conf["plugins"] = [{"search": {"lang": "fr"}}] if search else []
    conf["docs_dir"] = str(depot / "build" / "docs")
    conf["site_dir"] = str(out)
    conf["strict"] = False
    path = depot / ("mkdocs-material-recherche.yml" if search else "mkdocs-material-nu.yml")
    path.write_text(yaml.safe_dump(conf, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def avant_src(commit: str, dest: Path) -> Path:
    """The package's sources at `commit` (git archive), to run the chain as it was; a
    folder holding `referentiel/` (already extracted sources) is taken as it is."""
    if (Path(commit) / "referentiel").is_dir():
        _compile(Path(commit))
        return Path(commit)
    root = Path(__file__).resolve().parents[1]
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", commit, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    _compile(dest / "src")
    return dest / "src"


def _compile(src: Path) -> None:
    """Byte-code written now, as for the current sources (bench/__main__.py): otherwise,
    with PYTHONDONTWRITEBYTECODE, each old command would recompile every module."""
    import compileall

    compileall.compile_dir(str(src / "referentiel"), quiet=1)


def commandes(depot: Path, site: Path, pdf: bool = False) -> dict[str, list[str]]:
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
        "terminer": [
            REFERENTIEL,
            *racine,
            "terminer",
            str(site),
            *([] if pdf else ["--sans-pdf"]),
        ],
        "pdf": [REFERENTIEL, *racine, "pdf", str(site)],
    }


def _avant_cmd(cmd: list[str]) -> list[str]:
    """The same command run by the old sources (PYTHONPATH before the editable install)."""
    if cmd[0] == REFERENTIEL:
        return [sys.executable, "-m", "referentiel.cli", *cmd[1:]]
    return cmd


def chaine(
    depot: Path, site: Path, avant: Path | None = None, pdf: bool = False
) -> dict[str, Mesure]:
    """`PDF=0 make build`, one process per step, as the Makefile runs it; with `avant`
    (old sources), the six steps as the Makefile ran them before."""
    cmds = commandes(depot, site, pdf)
    if avant is None:
        return {name: run(cmds[name], cwd=depot) for name in ETAPES}
    env = {"PYTHONPATH": str(avant)}
    out: dict[str, Mesure] = {}
    for name in ETAPES_AVANT:
        # Before, `PDF=0 make build` always failed at `liens` (links to the PDFs): its
        # time is counted all the same, the failure is reported (comparer).
        out[name] = run(_avant_cmd(cmds[name]), cwd=depot, env=env)
    return out


def total(steps: dict[str, Mesure]) -> float:
    return sum(m.mur for m in steps.values())


def total_cpu(steps: dict[str, Mesure]) -> float:
    return sum(m.cpu for m in steps.values())


def etendue(values: list[float]) -> dict[str, float]:
    """Median, lowest and highest of a series of rounds."""
    return {
        "mediane": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": float(len(values)),
    }


def comparer(depot: Path, here: Path, rounds: int, avant: Path | None = None) -> dict[str, Any]:
    """Alternating rounds (the order rotates each round) of the baseline, of the chain
    and, with `avant`, of the chain as it was; medians and spread of each."""
    site = here / "site-chaine"
    site_avant = here / "site-avant"
    # The old chain on its own copy of the checkout: the per-file cache keeps one code
    # version and prunes the others, so on a shared checkout each chain found it cold.
    depot_avant = here / "depot-avant"
    if avant is not None:
        shutil.rmtree(depot_avant, ignore_errors=True)
        shutil.copytree(depot, depot_avant, ignore=shutil.ignore_patterns(".cache", "site*"))
    baseline_site = here / "site-material"
    config = material_config(depot, baseline_site)
    # The chain's own generation writes build/docs, which the baseline reads.
    run(commandes(depot, site)["generate"], cwd=depot)
    contenders = ["base", "chaine"] + (["avant"] if avant else [])
    base: list[Mesure] = []
    runs: list[dict[str, Mesure]] = []
    runs_avant: list[dict[str, Mesure]] = []
    loads: list[float] = []
    for i in range(rounds):
        k = i % len(contenders)
        for what in contenders[k:] + contenders[:k]:
            loads.append(os.getloadavg()[0])
            if what == "base":
                base.append(run([MKDOCS, "build", "--clean", "-q", "-f", str(config)], cwd=depot))
            elif what == "chaine":
                runs.append(chaine(depot, site))
            else:
                runs_avant.append(chaine(depot_avant, site_avant, avant))
    ok_base = [m for m in base if m.code == 0] or base
    ok_runs = [r for r in runs if all(m.code == 0 for m in r.values())] or runs
    ok_avant = [
        r for r in runs_avant if all(m.code == 0 for n, m in r.items() if n != "liens")
    ] or runs_avant
    median_run = sorted(ok_runs, key=total)[(len(ok_runs) - 1) // 2]
    result: dict[str, Any] = {
        "material": sorted(ok_base, key=lambda m: m.mur)[(len(ok_base) - 1) // 2],
        "material_s": etendue([m.mur for m in ok_base]),
        "material_cpu": etendue([m.cpu for m in ok_base]),
        "etapes": median_run,
        "etapes_s": {n: etendue([r[n].mur for r in ok_runs]) for n in ETAPES},
        "chaine_s": total(median_run),
        "chaine": etendue([total(r) for r in ok_runs]),
        "chaine_cpu": etendue([total_cpu(r) for r in ok_runs]),
        "ratios": etendue(
            [total(r) / b.mur for r, b in zip(runs, base, strict=False) if b.code == 0]
        ),
        "charge": etendue(loads),
        "echecs": [
            f"{name} : {m.erreur[-300:]}" for r in runs for name, m in r.items() if m.code != 0
        ],
    }
    if ok_avant:
        result["avant"] = etendue([total(r) for r in ok_avant])
        result["avant_cpu"] = etendue([total_cpu(r) for r in ok_avant])
        result["etapes_avant_s"] = {n: etendue([r[n].mur for r in ok_avant]) for n in ETAPES_AVANT}
        result["echecs_avant"] = [
            f"{name} : {m.erreur[-300:]}"
            for r in runs_avant
            for name, m in r.items()
            if m.code != 0
        ]
    shutil.rmtree(site_avant, ignore_errors=True)
    shutil.rmtree(depot_avant, ignore_errors=True)
    return result


def pdf(depot: Path, site: Path) -> dict[str, Mesure]:
    """The PDF step with an empty store, then with nothing changed; then `referentiel
    terminer` on the site with its PDFs (what `make build` runs after them)."""
    cmds = commandes(depot, site, pdf=True)
    shutil.rmtree(depot / ".cache" / "referentiel" / "pdf", ignore_errors=True)
    return {
        "pdf_vide": run(cmds["pdf"], cwd=depot),
        "pdf_inchange": run(cmds["pdf"], cwd=depot),
        "terminer_avec_pdf": run(cmds["terminer"], cwd=depot),
    }


def profil_terminer(root: Path, site: Path, profile: bool = True, top: int = 20) -> dict[str, Any]:
    """cProfile of `referentiel terminer` in the process, and its phases unprofiled."""
    import resource
    import time

    from referentiel.publish.apres import finish

    t = time.perf_counter()
    c = time.process_time()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = finish(root, site, pdf_printed=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timing = {
        "mur": time.perf_counter() - t,
        "cpu_python": time.process_time() - c,
        "cpu_pagefind": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "phases": done.phases,
    }
    if not profile:
        return {"temps": timing, "profil": ""}
    prof = cProfile.Profile()
    prof.enable()
    finish(root, site, pdf_printed=False)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    return {"temps": timing, "profil": buf.getvalue()}


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
