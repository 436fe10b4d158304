"""Deployment helpers: the Content-Security-Policy computed from what the site loads.

Material inlines a few small scripts; rather than allowing 'unsafe-inline', the policy
lists the SHA-256 of each inline script found in the built HTML, so any injected
script is refused by the browser even if it slipped past the checker.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)


def inline_script_hashes(site: Path) -> list[str]:
    hashes: set[str] = set()
    for html in site.rglob("*.html"):
        for body in _INLINE_SCRIPT.findall(html.read_text(encoding="utf-8")):
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


def csp_policy(site: Path) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(site)])
    return ("default-src 'none'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "manifest-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; "
            "base-uri 'self'; form-action 'self'; object-src 'none'")


def csp_include(site: Path) -> str:
    """An nginx snippet (`include`d by deploy/nginx/referentiel.conf)."""
    return f'add_header Content-Security-Policy "{csp_policy(site)}" always;\n'
