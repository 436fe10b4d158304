"""Builder independence (issue 14): everything readers rely on — glossary tooltips,
page facts, breadcrumb, edit and report links, the search index — comes from the
engine, so a second builder that runs no hook (ProperDocs, with `hooks:` removed from
the configuration) builds the same features from the same generated tree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from outils import ROOT, run_cli

PROPERDOCS = Path(sys.executable).parent / "properdocs"
FICHE = "fiches/assistant-de-service-social-de-polyvalence/index.html"


def _sans_hook(docs: Path, dest: Path) -> Path:
    """mkdocs.yml as shipped, with its hook removed and its folders made absolute."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^hooks:\n(?:  - .*\n)+", "", config)
    assert "hooks:" not in config and "mkdocs_hook" not in config
    config = config.replace("docs_dir: build/docs", f"docs_dir: {docs}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    dest.write_text(config, encoding="utf-8")
    return dest


def _fonctions(html: str) -> dict[str, object]:
    """What a reader relies on, read from a built page."""
    return {
        "infobulles": sorted(set(re.findall(r'<abbr[^>]*title="([^"]+)"', html))),
        "modifie_le": "Modifié le" in html,
        "modifier": "Modifier cette page" in html,
        "signaler": "Signaler une erreur" in html,
        "fil": 'aria-label="Fil d\'Ariane"' in html,
    }


@pytest.fixture(scope="module")
def deux_sites(tmp_path_factory: pytest.TempPathFactory, site_dir: Path) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("autre-constructeur")
    docs = tmp / "docs"
    assert run_cli("generate", "--sortie", str(docs)).code == 0
    site = tmp / "site"
    run = subprocess.run(
        [
            str(PROPERDOCS),
            "build",
            "-f",
            str(_sans_hook(docs, tmp / "mkdocs.yml")),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    index = run_cli("index", str(site))
    assert index.code == 0, index.err
    return site_dir, site


@pytest.mark.slow
def test_sans_hook_les_memes_fonctions(deux_sites: tuple[Path, Path]) -> None:
    mkdocs_site, autre = deux_sites
    attendu = _fonctions((mkdocs_site / FICHE).read_text(encoding="utf-8"))
    obtenu = _fonctions((autre / FICHE).read_text(encoding="utf-8"))
    assert attendu["infobulles"], "aucune infobulle dans le site MkDocs de référence"
    assert all(attendu[k] for k in ("modifie_le", "modifier", "signaler", "fil"))
    assert obtenu == attendu


@pytest.mark.slow
def test_sans_hook_l_index_de_recherche_est_complet(deux_sites: tuple[Path, Path]) -> None:
    mkdocs_site, autre = deux_sites
    for site in (mkdocs_site, autre):
        assert (site / "pagefind" / "pagefind-entry.json").is_file()
    fragments = [len(list((s / "pagefind" / "fragment").glob("*.pf_fragment"))) for s in deux_sites]
    assert fragments[0] > 400 and fragments[1] == fragments[0]
