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
from playwright.sync_api import Browser, ConsoleMessage, Page, Request

from outils import ROOT, Sortantes, nginx_conf

ARTEFACTS = ROOT / "tests" / "artefacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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
def navigateur() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(navigateur: Browser) -> Iterator[Page]:
    context = navigateur.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def sortantes(page: Page, serveur: str) -> Sortantes:
    """What `page` requests outside the server and the CSP violations it reports."""
    seen = Sortantes(serveur)

    def on_request(request: Request) -> None:
        if not request.url.startswith((serveur, "data:", "blob:", "about:")):
            seen.externes.append(request.url)

    def on_console(msg: ConsoleMessage) -> None:
        if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text:
            seen.csp.append(msg.text)

    page.on("request", on_request)
    page.on("console", on_console)
    return seen


@pytest.fixture(scope="session")
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS
