"""Deployment helpers: the security headers of a release.

The Content-Security-Policy comes from what the project ships (publish/csp.py: the
exact inline scripts of the theme's and our templates, no inline style), never from the
built pages. The headers are one nginx snippet (`referentiel csp`), written next to each
release: the hashes change with the theme's version, so the policy travels with the
site it describes and the switch of versions switches both.
"""

from __future__ import annotations

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
