"""Deployment helpers: the security headers of a release.

The Content-Security-Policy comes from what the project ships (publish/csp.py: the
exact inline scripts of the theme's and our templates, no inline style), never from the
built pages. The headers are one nginx snippet (`referentiel csp`), written next to each
release: the hashes change with the theme's version, so the policy travels with the
site it describes and the switch of versions switches both.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

from referentiel.publish.csp import csp_policy as shipped_policy

# Headers other than the CSP, identical for every release.
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)


def csp_policy(site: Path | None = None) -> str:
    """The policy of every release: it depends on the shipped templates, not on `site`
    (kept as a parameter for the callers that name the site being published)."""
    return shipped_policy()


def csp_include(site: Path | None = None) -> str:
    """The nginx snippet `include`d by deploy/nginx/referentiel.conf in every location."""
    lines = [f'add_header Content-Security-Policy "{csp_policy(site)}" always;']
    lines += [f'add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS]
    return (
        "# Écrit par « referentiel csp » pour ce site construit : ne pas modifier à la main.\n"
        + "\n".join(lines)
        + "\n"
    )


# --- the build's stamp: which commit a site/ was built from -------------------------
# Written by « referentiel empreinte » as the last step of a successful `make build`
# (a failed build stops before it: mkdocs build --clean has already removed the old
# site and its stamp, or the stamp left names an older commit); read by deployer.sh,
# which refuses a site whose stamp is missing, names another commit, was made from a
# modified working tree, or no longer matches the site's files.
STAMP = "construction.json"


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise DeployError(
            f"git {' '.join(args)} a échoué dans {repo} : {proc.stderr.strip() or 'pas un dépôt git'}"
        )
    return proc.stdout.strip()


class DeployError(Exception):
    """A reason, in French, not to publish."""


def site_digest(site: Path) -> str:
    """SHA-256 over every file of the site (path and bytes), the stamp excepted."""
    h = hashlib.sha256()
    for folder, dirs, files in os.walk(site, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            rel = path.relative_to(site).as_posix()
            if rel == STAMP:
                continue
            h.update(rel.encode("utf-8") + b"\0")
            h.update(path.read_bytes() if not path.is_symlink() else b"<lien>")
            h.update(b"\0")
    return h.hexdigest()


def repo_state(repo: Path) -> dict[str, object]:
    status = _git(repo, "status", "--porcelain", "--untracked-files=normal")
    return {
        "commit": _git(repo, "rev-parse", "HEAD"),
        "arbre": _git(repo, "rev-parse", "HEAD^{tree}"),
        "propre": status == "",
        "modifies": status.splitlines()[:20],
    }


def write_stamp(site: Path, repo: Path) -> dict[str, object]:
    state = repo_state(repo)
    stamp = {
        "commit": state["commit"],
        "arbre": state["arbre"],
        "propre": state["propre"],
        "site": site_digest(site),
    }
    (site / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    return stamp


def verify_stamp(site: Path, repo: Path) -> list[str]:
    """Reasons (French) why `site` is not the build of the repository's current, clean
    commit; empty when it is."""
    try:
        stamp = json.loads((site / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamp = None
    if not isinstance(stamp, dict):
        return [
            (
                f"{site} ne porte pas d'empreinte de construction ({STAMP}) : la dernière "
                "construction a échoué ou n'est pas allée au bout ; relancez « make build »"
            )
        ]
    try:
        state = repo_state(repo)
    except DeployError as err:
        return [str(err)]
    problems: list[str] = []
    if not state["propre"]:
        listed = ", ".join(str(x).strip() for x in state["modifies"])  # type: ignore[attr-defined]
        problems.append(
            f"le dépôt a des modifications non validées ({listed}) : validez-les (git commit) "
            "puis reconstruisez ; une version publiée correspond toujours à un commit"
        )
    if not stamp.get("propre", False):
        problems.append(
            "le site a été construit depuis un dépôt modifié (non validé) : reconstruisez "
            "après « git commit »"
        )
    if stamp.get("commit") != state["commit"] or stamp.get("arbre") != state["arbre"]:
        problems.append(
            f"le site a été construit depuis le commit {str(stamp.get('commit'))[:12]}, le dépôt "
            f"est au commit {str(state['commit'])[:12]} : relancez « make build »"
        )
    if stamp.get("site") != site_digest(site):
        problems.append(
            f"les fichiers de {site} ont changé depuis la construction : relancez « make build »"
        )
    return problems
