"""Helpers shared by the test modules (imported as `outils`).

They live in a plain module rather than in conftest.py: with two conftest.py files
(tests/ and tests/site/), `from conftest import …` resolves to whichever pytest
imported last, and collection of the whole suite breaks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VALIDE = ROOT / "tests" / "fixtures" / "valide"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    proc = subprocess.run(
        [sys.executable, "-m", "referentiel.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def buildable(depot: Path) -> Path:
    """Make a copy of the fixture référentiel buildable as a site: the real theme
    overrides, hook and hand-written pages, and mkdocs.yml without its nav (which names
    pages only the real content has), so a strict build of it has no warning."""
    import re

    (depot / "scripts").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "scripts" / "mkdocs_hook.py", depot / "scripts")
    shutil.copytree(ROOT / "overrides", depot / "overrides", dirs_exist_ok=True)
    for path in (ROOT / "docs").rglob("*"):
        target = depot / "docs" / path.relative_to(ROOT / "docs")
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (depot / "mkdocs.yml").write_text(
        re.sub(r"(?ms)^nav:.*?(?=^\S|\Z)", "", config), encoding="utf-8"
    )
    return depot


def nginx_conf(site: Path, port: int, workdir: Path) -> Path:
    """The shipped server block, wrapped in a minimal nginx.conf runnable without root."""
    from referentiel.publish.deploy import csp_include

    csp = workdir / "csp.conf"
    csp.write_text(csp_include(site), encoding="utf-8")
    server = (ROOT / "deploy/nginx/referentiel.conf").read_text(encoding="utf-8")
    server = server.replace("{{ECOUTE}}", f"127.0.0.1:{port}").replace("{{RACINE}}", str(site))
    server = server.replace("{{CSP}}", str(csp))
    conf = workdir / "nginx.conf"
    # Under root, workers would drop to « nobody », who cannot read pytest's 0700 folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        user + "daemon off;\nworker_processes 1;\npid %s/nginx.pid;\nerror_log %s/error.log warn;\n"
        "events { worker_connections 64; }\nhttp {\n include /etc/nginx/mime.types;\n"
        " access_log %s/access.log;\n client_body_temp_path %s/tmp;\n proxy_temp_path %s/tmp;\n"
        " fastcgi_temp_path %s/tmp;\n uwsgi_temp_path %s/tmp;\n scgi_temp_path %s/tmp;\n%s\n}\n"
        % ((workdir,) * 8 + (server,)),
        encoding="utf-8",
    )
    (workdir / "tmp").mkdir(exist_ok=True)
    return conf


class Sortantes:
    """Requests and CSP violations seen by one page."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.externes: list[str] = []
        self.csp: list[str] = []


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        check=True,
    )
    return proc.stdout


def commit_all(root: Path, message: str, tag: str | None = None) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    if tag:
        git(root, "tag", tag)
    return git(root, "rev-parse", "HEAD").strip()
