"""Organisation charts drawn as SVG by Graphviz, at generation (not while rendering)."""

from __future__ import annotations

import shutil
import subprocess


def draw_svg(source: str) -> str | None:
    """SVG text of a DOT source, or None when Graphviz is not installed (the page then
    shows the text version alone)."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    result = subprocess.run(
        [dot, "-Tsvg"], input=source, capture_output=True, text=True, check=True
    )
    svg = result.stdout
    return svg[svg.index("<svg") :] if "<svg" in svg else None
