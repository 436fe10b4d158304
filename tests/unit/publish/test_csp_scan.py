"""The CSP is an allow-list of what the project ships, and the post-build scan reads
every file type the server would let a browser run, from its path and bytes alone."""

from __future__ import annotations

import os
import re
from pathlib import Path

import material
import pytest
import yaml

from referentiel.publish.csp import (
    OUR_SCRIPTS,
    csp_policy,
    sha256_source,
    shipped_inline_scripts,
)
from referentiel.publish.deploy import csp_include
from referentiel.publish.scan import KnownScripts, file_problems, scan

ROOT = Path(__file__).resolve().parents[3]
MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
KNOWN = KnownScripts()
SCOPE = next(s.body for s in shipped_inline_scripts() if s.body.startswith("__md_scope"))


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"{name} absent")


def test_politique_sans_unsafe_inline_ni_derivee_du_site(tmp_path: Path) -> None:
    policy = csp_policy()
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directive(policy, "style-src") == ["'self'"]
    # The same policy whatever the built site holds: nothing is read from it.
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text(f"<script>{SCOPE.replace('.', 'x')}</script>", encoding="utf-8")
    assert csp_include(tmp_path / "site") == csp_include(None)


def test_chaque_script_de_material_est_connu_par_son_gabarit() -> None:
    names = {s.template for s in shipped_inline_scripts()}
    assert "material/partials/javascripts/base.html" in names
    assert "material/partials/javascripts/content.html" in names
    # The redirect page's script holds another expression (its target): never allowed.
    assert "material/redirect.html" not in names


@pytest.mark.parametrize(
    "body",
    [
        # Template-shaped: Material's own script with another value for its expression.
        re.sub(r'new URL\("[^"]*"', 'new URL("https://pirate.example/"', SCOPE, count=1),
        SCOPE.replace("__md_scope=new URL(", "location=new URL(", 1),
        SCOPE + ";fetch('/x')",
        " " + SCOPE,  # one byte more
        'window.location="https://pirate.example"',
        # Material's redirect template with a target of the attacker's choosing.
        (
            'window.location.replace(["https://pirate.example/",window.location.search,'
            'window.location.hash].join(""))'
        ),
    ],
)
def test_script_injecte_ni_hache_ni_accepte_par_l_analyse(body: str) -> None:
    assert sha256_source(body) not in directive(csp_policy(), "script-src")
    assert body not in KNOWN
    html = f"<!doctype html><p>x</p><script>{body}</script>".encode()
    assert [m for _l, _c, m in file_problems("fiches/x/index.html", html, KNOWN)]


def test_scripts_du_depot_ceux_de_mkdocs_yml() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, Loader=yaml.BaseLoader)
    assert tuple(config["extra_javascript"]) == OUR_SCRIPTS


HOSTILE = (
    b'<meta http-equiv="refresh" content="0;url=https://pirate.example"><script>alert(1)</script>'
)


@pytest.mark.parametrize(
    "rel",
    [
        "fiches/x.htm",
        "fiches/x.HTML",
        "fiches/x.shtml",
        "fiches/x.xhtml",
        "fiches/x.xht",
        "images/x.svg",
        "images/x.SVG",
        "donnees/x.xml",
        "donnees/x.xsl",
        "flux.rss",
        "flux.atom",
        "formule.mml",
    ],
)
def test_chaque_type_de_document_actif_est_analyse(rel: str) -> None:
    messages = [m for _l, _c, m in file_problems(rel, HOSTILE, KNOWN)]
    assert any("refresh" in m for m in messages) and any("script" in m for m in messages)


@pytest.mark.parametrize("rel", ["x.svgz", "x.swf", "x.htc", "x.mht", "x.hta"])
def test_types_actifs_jamais_publies_refuses(rel: str) -> None:
    assert file_problems(rel, b"rien", KNOWN)


def test_javascript_non_livre_refuse() -> None:
    bundle = next(MATERIAL_JS.glob("bundle.*.min.js"))
    real = bundle.read_bytes()
    rel = f"assets/javascripts/{bundle.name}"
    assert file_problems(rel, real, KNOWN) == []
    assert file_problems(rel, real + b";alert(1)", KNOWN)  # Material's name, other bytes
    ours = (ROOT / "docs" / OUR_SCRIPTS[0]).read_bytes()
    assert file_problems(OUR_SCRIPTS[0], ours, KNOWN) == []
    for rel in ("assets/js/pirate.js", "assets/pirate.mjs", "fiches/x/a.cjs", "pagefind/x.js"):
        assert file_problems(rel, ours, KNOWN), rel
    assert file_problems(OUR_SCRIPTS[0], ours + b"\n", KNOWN)
    assert file_problems("pagefind/pagefind.js", b"/* pagefind */", KNOWN) == []


def test_fichiers_caches_liens_et_tubes_dans_le_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    (site / ".htaccess").write_text("x", encoding="utf-8")
    (site / "passwd.html").symlink_to("/etc/passwd")
    os.mkfifo(site / "fiche.html")
    found = {d.location.path: d.message for d in scan(site, KNOWN)}
    assert set(found) == {"site/.git", "site/.htaccess", "site/passwd.html", "site/fiche.html"}
    assert "lien symbolique" in found["site/passwd.html"]
    assert "tube" in found["site/fiche.html"]
