"""Browser tests: the real site, built once, served by nginx with the production
configuration, driven by Playwright in Debian's Chromium (no browser download)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from outils import ROOT, nginx_conf

ARTEFACTS = ROOT / "tests" / "artefacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real référentiel, built once per test session into its own folders."""
    from referentiel.site.mkdocs import build_site

    out = tmp_path_factory.mktemp("site") / "site"
    build_site(ROOT, out, pdf=True)  # the fiche pages link to their PDF
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def serveur(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of nginx serving the built site on 127.0.0.1."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    workdir = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    conf = nginx_conf(site_dir, port, workdir)
    proc = subprocess.Popen([nginx, "-p", str(workdir), "-c", str(conf)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "nginx arrêté")
            time.sleep(0.05)
    yield base
    proc.terminate()
    proc.wait(timeout=10)
    if proc.stderr:
        proc.stderr.close()


@pytest.fixture(scope="session")
def navigateur() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Sortantes:
    """Requests and CSP violations seen by one page."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.externes: list[str] = []
        self.csp: list[str] = []


@pytest.fixture
def page(navigateur: object, serveur: str) -> Iterator[object]:
    context = navigateur.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    sortantes = Sortantes(serveur)

    def on_request(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        if not (url.startswith(serveur) or url.startswith("data:") or url.startswith("blob:")
                or url.startswith("about:")):
            sortantes.externes.append(url)

    def on_console(msg: object) -> None:
        text = msg.text  # type: ignore[attr-defined]
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            sortantes.csp.append(text)

    pg.on("request", on_request)
    pg.on("console", on_console)
    pg.sortantes = sortantes  # type: ignore[attr-defined]
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS
