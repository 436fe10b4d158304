"""What a reader and an editor wait for: search in headless Chromium, and the rebuild
of one fiche under `mkdocs serve`.

The site is served by Python's http.server on 127.0.0.1 (no compression: the bytes a
reader downloads are measured as served, and their gzip size computed here). Chromium
is Debian's, launched as in tests/site/conftest.py (never a downloaded browser).
"""

from __future__ import annotations

import contextlib
import gzip
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
REQUETES = ("evaluation", "protection de l'enfance")

# Resolves, in the page, once the results of the full query are shown (Pagefind: the
# status line quotes the query; Material: result items exist); time counted from the
# last keydown, so the script's own debounce is included, as a reader feels it.
_ATTENTE = """([statut, items, requete]) => new Promise((resolve) => {
  const fini = () => {
    const n = document.querySelectorAll(items).length;
    const s = statut ? document.querySelector(statut) : null;
    const ok = statut ? (s && (s.textContent || '').includes('« ' + requete + ' »')) : n > 0;
    if (ok) { resolve({ms: performance.now() - window.__derniereTouche, resultats: n}); return true; }
    return false;
  };
  if (fini()) return;
  const obs = new MutationObserver(() => { if (fini()) obs.disconnect(); });
  obs.observe(document.body, {childList: true, subtree: true, characterData: true});
  setTimeout(() => { obs.disconnect(); resolve({ms: -1, resultats: 0}); }, 20000);
})"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_http(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"le serveur s'est arrêté (code {proc.returncode})")
            time.sleep(0.1)
    raise TimeoutError(url)


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(site),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_http(base, proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@dataclass
class Recherche:
    moteur: str
    premiere_ms: float  # first query after opening the page (index download included)
    suivante_ms: float  # a second query on the same page
    resultats: int
    telecharge_octets: int  # search files fetched by the reader during both queries
    telecharge_gzip: int


def search_timing(site: Path, moteur: str) -> Recherche:
    """Type a query as a reader does and time last keystroke → first result shown."""
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="fr-FR").new_page()
            fetched: dict[str, bytes] = {}

            def on_response(resp: object) -> None:
                url = resp.url  # type: ignore[attr-defined]
                if "/pagefind/" in url or "/search/" in url:
                    with contextlib.suppress(Exception):
                        fetched[url] = resp.body()  # type: ignore[attr-defined]

            page.on("response", on_response)
            page.add_init_script(
                "document.addEventListener('keydown', () => "
                "{ window.__derniereTouche = performance.now(); }, true);"
            )
            page.goto(base)
            if moteur == "pagefind":  # the header's search box, with its preview of results
                champ, statut, items = (
                    "form[data-ref-recherche] input[name=q]",
                    ".ref-resultats__etat",
                    ".ref-resultat",
                )
            else:
                page.click("label[for=__search]", timeout=5000)
                champ, statut, items = "input.md-search__input", "", ".md-search-result__item"
            page.wait_for_load_state("networkidle")
            mesures = []
            for requete in REQUETES:
                page.fill(champ, "")
                page.wait_for_timeout(400)
                page.type(champ, requete, delay=60)
                mesures.append(page.evaluate(_ATTENTE, [statut, items, requete]))
            page.wait_for_timeout(300)
        finally:
            browser.close()
    raw = sum(len(b) for b in fetched.values())
    gz = sum(len(gzip.compress(b, 6)) for b in fetched.values())
    return Recherche(
        moteur,
        float(mesures[0]["ms"]),
        float(mesures[1]["ms"]),
        int(mesures[0]["resultats"]),
        raw,
        gz,
    )


def serve_rebuild(depot: Path, fiche: str, timeout: float = 120) -> float:
    """Seconds from saving a changed fiche to the changed page served by `mkdocs serve`."""
    port = free_port()
    log = open(depot / "mkdocs-serve.log", "wb")  # noqa: SIM115 - held open for the server's life
    # The same options as `make serve`.
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "--no-strict",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=depot,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/fiches/{fiche}/"
    try:
        _wait_http(url, proc, timeout=timeout)
        time.sleep(1.0)  # let the watcher settle after the first build
        source = depot / "fiches" / f"{fiche}.md"
        text = source.read_text(encoding="utf-8")
        marqueur = f"marqueurbench{int(time.time())}"
        # An edit to the Markdown body (below the front matter): always valid YAML.
        changed = text.rstrip("\n") + f"\n\nParagraphe ajouté {marqueur}.\n"
        t = time.perf_counter()
        source.write_text(changed, encoding="utf-8")
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with contextlib.suppress(OSError):
                if marqueur in urllib.request.urlopen(url, timeout=5).read().decode(
                    "utf-8", "replace"
                ):
                    return time.perf_counter() - t
            time.sleep(0.05)
        return -1.0
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
