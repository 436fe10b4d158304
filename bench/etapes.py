"""One benchmark step per child process: `python -m bench.etapes STEP ...`.

WHY a child per step: peak memory is only meaningful per process (the parent's
`wait4` reads each child's own maximum RSS), and no step profits from imports or
caches warmed by the previous one. Each step prints one JSON line with the time it
measured inside the process (imports excluded), beside the wall time the parent sees.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any


def _drop_cache(root: Path) -> None:
    """A cold run: the per-file cache (.cache/referentiel/) removed before timing."""
    import shutil

    shutil.rmtree(root / ".cache", ignore_errors=True)


def _check(root: Path) -> dict[str, Any]:
    from referentiel.cli import collect
    from referentiel.diagnostics import Severity

    t = time.perf_counter()
    diags = collect(root)
    return {
        "secondes": time.perf_counter() - t,
        "erreurs": sum(1 for d in diags if d.severity is Severity.ERROR),
    }


def _generate(root: Path, out: Path) -> dict[str, Any]:
    from referentiel.build import generate

    t = time.perf_counter()
    result = generate(root, out)
    return {"secondes": time.perf_counter() - t, "ecrits": result.written}


def _build(root: Path, site: Path, docs: Path) -> dict[str, Any]:
    from referentiel.publish import search
    from referentiel.site.mkdocs import build_site

    # `make build`: check, generate, then MkDocs whose hook regenerates and, after the
    # build, indexes the site for search (Pagefind); build_site runs the same steps.
    # The indexing is timed apart (wrapped here, for the bench only).
    index = search.index_site
    spent: list[float] = []

    def timed_index(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return index(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - t0)

    search.index_site = timed_index
    t = time.perf_counter()
    try:
        warnings = build_site(root, site, docs, strict=False)
    finally:
        search.index_site = index
    return {
        "secondes": time.perf_counter() - t,
        "avertissements": len(warnings),
        "index": sum(spent),
    }


def _mkdocs(config_file: Path) -> dict[str, Any]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    t = time.perf_counter()
    build(load_config(str(config_file)))
    return {"secondes": time.perf_counter() - t}


def _profile(root: Path, out: Path, step: str) -> dict[str, Any]:
    """cProfile of one in-process step: the top functions by cumulative time."""
    import cProfile
    import io
    import pstats

    from referentiel.build import generate
    from referentiel.cli import collect

    if step.endswith("-froid"):
        _drop_cache(root)
    prof = cProfile.Profile()
    prof.enable()
    if step.startswith("check"):
        collect(root)
    else:
        generate(root, out)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(12)
    return {"profil": buf.getvalue()}


def main(argv: list[str]) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    step, *args = argv
    paths = [Path(a) for a in args]
    if step in ("check", "check-froid"):
        if step == "check-froid":
            _drop_cache(paths[0])
        result = _check(*paths)
    elif step in ("generate", "generate-froid"):
        if step == "generate-froid":
            _drop_cache(paths[0])
        result = _generate(*paths)
    elif step == "build":
        result = _build(*paths)
    elif step == "mkdocs":
        result = _mkdocs(*paths)
    elif step == "profil":
        result = _profile(paths[0], paths[1], args[2])
    elif step == "profil-terminer":
        from bench.cout import profil_terminer

        result = profil_terminer(paths[0], paths[1], profile=args[2] == "1")
    elif step == "profil-constructeur":
        from bench.cout import profil_constructeur

        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        os.chdir(paths[0].parent)
        result = {"profil": profil_constructeur(paths[0])}
    else:
        raise SystemExit(f"étape inconnue : {step}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
