"""Organisation charts drawn as SVG by Graphviz, at generation (not while rendering)."""

from __future__ import annotations

import os
import shutil
import subprocess

from referentiel.perf.cache import FileCache, key_of


def draw_svg(source: str, cache: FileCache[str | None] | None = None, name: str = "") -> str | None:
    """SVG text, or None when Graphviz is not installed (the text version still shows).

    Graphviz runs as a process per chart: a quarter of the generation at 10× (issue 6).
    With a `cache`, a chart whose DOT source and Graphviz binary are unchanged is not
    drawn again (Graphviz's output is deterministic)."""
    dot = shutil.which("dot")
    if dot is None:
        return None

    def draw() -> str | None:
        result = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, check=True)
        svg = result.stdout
        return svg[svg.index("<svg"):] if "<svg" in svg else None

    if cache is None:
        return draw()
    binary = os.stat(dot)
    return cache.get(name, key_of(dot, str(binary.st_size), str(binary.st_mtime_ns), source), draw)
