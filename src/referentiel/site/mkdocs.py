"""Build the site through MkDocs' Python API into chosen folders.

Tests, benchmarks and `make build` may run side by side; each build gets its own
generated docs folder and site folder so they never overwrite each other's files.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from referentiel.build import generate
from referentiel.publish.search import index_site


class BuildWarnings(logging.Handler):
    """Collects MkDocs warnings: with `strict`, any of them fails the build."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    root: Path, site_dir: Path, docs_dir: Path | None = None, strict: bool = True, pdf: bool = False
) -> list[str]:
    """Generate into `docs_dir` and build into `site_dir`; return MkDocs' warnings.

    `pdf`: also print the fiches and the whole référentiel (site/pdf/), which the
    fiche pages link to; without them those links are dead (make build prints them too).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = root.resolve()
    docs_dir = (docs_dir or site_dir.parent / (site_dir.name + "-docs")).resolve()
    generate(root, docs_dir)
    handler = BuildWarnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(
            str(root / "mkdocs.yml"),
            docs_dir=str(docs_dir),
            site_dir=str(site_dir.resolve()),
            strict=strict,
        )
        build(config)
    finally:
        logger.removeHandler(handler)
    index_site(root, site_dir)
    if pdf:
        # In a child process: Playwright's sync API refuses to start twice in one thread,
        # and the caller (the browser tests) may already be driving Chromium.
        subprocess.run([sys.executable, "-m", "referentiel.cli", "pdf", str(site_dir)], check=True)
    return handler.messages
