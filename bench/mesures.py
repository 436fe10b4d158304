"""Measuring tools: a child process's wall time and peak memory, a site's sizes, and the
baseline MkDocs configurations derived from the checkout's own mkdocs.yml."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# Written next to the real hook: same hook, but an empty abbreviation glossary, so the
# difference with the real build is exactly the cost of the tooltips.
HOOK_SANS_INFOBULLES = '''"""Bench only: the référentiel's hook with an empty abbreviation glossary."""
import importlib.util
import pathlib

_spec = importlib.util.spec_from_file_location("_hook_reel", pathlib.Path(__file__).with_name("mkdocs_hook.py"))
_hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_hook)
globals().update({k: getattr(_hook, k) for k in dir(_hook) if k.startswith("on_")})


def on_config(config):
    config = _hook.on_config(config)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = {}
    return config
'''


@dataclass
class Mesure:
    """One step: wall time seen by the parent, peak RSS of the child, its own report."""

    mur: float
    memoire_mo: float
    code: int
    cpu: float = 0.0  # user + system seconds of the child: less sensitive to other load
    interne: dict[str, Any] = field(default_factory=dict)
    erreur: str = ""

    @property
    def secondes(self) -> float:
        """In-process time when the step reports one (imports excluded), else wall time."""
        return float(self.interne.get("secondes", self.mur))


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Mesure:
    """Run `cmd`; its peak RSS (MB) is the kernel's accounting of that child alone (wait4)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with open(os.devnull, "rb") as devnull:
        t = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=full_env,
            stdin=devnull,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        out, err = _drain(proc)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    interne: dict[str, Any] = {}
    for line in reversed(out.splitlines()):
        if line.startswith("{"):
            try:
                interne = json.loads(line)
            except ValueError:
                pass
            break
    return Mesure(
        wall,
        usage.ru_maxrss / 1024,
        proc.returncode,
        usage.ru_utime + usage.ru_stime,
        interne,
        err[-3000:] if proc.returncode else "",
    )


def _drain(proc: subprocess.Popen[bytes]) -> tuple[str, str]:
    """Read stdout and stderr to the end without reaping the child (wait4 does that)."""
    import selectors

    sel = selectors.DefaultSelector()
    chunks: dict[str, list[bytes]] = {"out": [], "err": []}
    assert proc.stdout and proc.stderr
    sel.register(proc.stdout, selectors.EVENT_READ, "out")
    sel.register(proc.stderr, selectors.EVENT_READ, "err")
    while sel.get_map():
        for key, _ in sel.select():
            data = os.read(key.fileobj.fileno(), 65536)  # type: ignore[union-attr]
            if data:
                chunks[key.data].append(data)
            else:
                sel.unregister(key.fileobj)
    sel.close()
    proc.stdout.close()
    proc.stderr.close()
    return (
        b"".join(chunks["out"]).decode("utf-8", "replace"),
        b"".join(chunks["err"]).decode("utf-8", "replace"),
    )


def step(name: str, *args: Path | str, cwd: Path | None = None, repeat: int = 1) -> Mesure:
    """The fastest of `repeat` runs: the machine is shared, the minimum is the least noisy."""
    runs = [
        run([sys.executable, "-m", "bench.etapes", name, *map(str, args)], cwd=cwd)
        for _ in range(repeat)
    ]
    ok = [m for m in runs if m.code == 0]
    return min(ok, key=lambda m: m.secondes) if ok else runs[-1]


@dataclass
class Site:
    pages: int
    html_octets: int
    recherche_octets: int
    recherche_gzip: int
    recherche_fichiers: int
    moteur: str

    @property
    def octets_par_page(self) -> float:
        return self.html_octets / self.pages if self.pages else 0.0


def site_stats(site: Path) -> Site:
    """HTML pages and the search data a reader may download (Pagefind or Material)."""
    html = [
        p
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0] in ("pagefind", "search")
    ]
    if (site / "pagefind").is_dir():
        files, moteur = [p for p in (site / "pagefind").rglob("*") if p.is_file()], "pagefind"
    else:
        files = (
            [p for p in (site / "search").glob("*") if p.is_file()]
            if (site / "search").is_dir()
            else []
        )
        moteur = "material" if files else "aucun"
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return Site(len(html), sum(p.stat().st_size for p in html), raw, gz, len(files), moteur)


# complet: the référentiel's own config (hook, tooltips); plain: no hook; zensical: the
# plain config with its own output folder; sans-infobulles: the hook without tooltips.
CONFIGS = ("complet", "sans-infobulles", "plain", "zensical")


def baseline_configs(depot: Path, docs: Path, out: Path) -> dict[str, Path]:
    """Configs derived from the checkout's mkdocs.yml, all on the same generated Markdown
    (see CONFIGS): without the hook there are no glossary tooltips and no référentiel step."""
    from mkdocs.utils.yaml import yaml_load

    with open(depot / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    result = {}
    for name in CONFIGS:
        conf = dict(config)
        conf["docs_dir"] = str(docs)
        conf["site_dir"] = str(out / f"site-{name}")
        if name == "zensical":  # Zensical wants both folders inside the project
            conf["docs_dir"] = "build/docs"
            conf["site_dir"] = "site-zensical"
        conf["strict"] = False
        if name in ("plain", "zensical"):
            conf.pop("hooks", None)
        elif name == "sans-infobulles":
            hook = depot / "scripts" / "bench_sans_infobulles.py"
            hook.write_text(HOOK_SANS_INFOBULLES, encoding="utf-8")
            conf["hooks"] = [str(hook)]
        path = depot / f"mkdocs-{name}.yml"
        path.write_text(yaml.safe_dump(conf, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result[name] = path
    return result
