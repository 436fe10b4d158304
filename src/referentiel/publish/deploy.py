"""Deployment helpers: the security headers, with a Content-Security-Policy computed
from what the built site really loads.

Material inlines a few small scripts; rather than allowing 'unsafe-inline', the policy
lists the SHA-256 of each inline script the post-build scan recognises as written by a
template, so a script injected into a page is refused by the browser even if it slipped
past the checker (and the scan would already have failed the build).

The headers are one nginx snippet (`referentiel csp`), written next to each release:
the hashes change with the theme's version, so the policy travels with the site it
describes and the atomic switch of versions switches both.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from referentiel.publish.scan import KnownScripts, parse, site_files

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


def _sha256(body: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        + "'"
    )


def inline_script_hashes(site: Path, known: KnownScripts | None = None) -> list[str]:
    """Hashes of the inline scripts the templates wrote (unknown ones stay blocked)."""
    known = known if known is not None else KnownScripts()
    hashes = {
        _sha256(s.body)
        for rel in site_files(site)
        if rel.endswith(".html")
        for s in parse(site, rel).scripts
        if s.body in known
    }
    return sorted(hashes)


def csp_policy(site: Path) -> str:
    scripts = ["'self'"]
    if (site / "pagefind").is_dir():
        # The search (Pagefind) compiles its WebAssembly module; this does not allow
        # eval() of JavaScript.
        scripts.append("'wasm-unsafe-eval'")
    scripts += inline_script_hashes(site)
    # Styles: Material sets style attributes and the tableau's filters toggle them;
    # inline styles cannot run code, so they are allowed, scripts are not.
    return (
        "default-src 'none'; "
        f"script-src {' '.join(scripts)}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "manifest-src 'self'; worker-src 'self'; frame-ancestors 'none'; "
        "base-uri 'self'; form-action 'self'; object-src 'none'"
    )


def csp_include(site: Path) -> str:
    """The nginx snippet `include`d by deploy/nginx/referentiel.conf in every location."""
    lines = [f'add_header Content-Security-Policy "{csp_policy(site)}" always;']
    lines += [f'add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS]
    return (
        "# Écrit par « referentiel csp » pour ce site construit : ne pas modifier à la main.\n"
        + "\n".join(lines)
        + "\n"
    )
