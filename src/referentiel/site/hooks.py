"""What the MkDocs hook delegates to, for `mkdocs serve` (the live preview) only.

`make build` and any other builder need no hook: `referentiel generate` writes the
pages, the builder builds them, `referentiel index` indexes the site. Under `mkdocs
serve` the hook watches the sources, regenerates the pages when one changes and indexes
the site once, so an editor sees a change without running anything else.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from referentiel.build import generate
from referentiel.diagnostics import Diagnostic, Severity
from referentiel.load import load
from referentiel.models.referentiel import Referentiel

log = logging.getLogger("mkdocs.referentiel")

WATCHED = ("docs", "fiches", "procedures", "donnees", "glossary.yml")


class SiteHooks:
    """State shared across one MkDocs run (the checkout root, the generated folder)."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.loaded: tuple[Referentiel, list[Diagnostic]] | None = None

    # Set by on_startup (MkDocs ≥ 1.4), once per `mkdocs` command; kept on the class
    # because each rebuild of `mkdocs serve` reloads the configuration and the hook.
    command = "build"

    @classmethod
    def on_startup(cls, command: str) -> None:
        cls.command = command

    def on_config(self, config: Any, root: Path) -> Any:
        self.root = root
        self.loaded = load(root)
        return config

    def on_pre_build(self, config: Any) -> None:
        if self.command != "serve":
            return  # `make build` generated the pages before calling the builder
        assert self.root is not None
        result = generate(self.root, Path(config.docs_dir), self.loaded)
        for diag in result.diagnostics:
            if diag.severity is Severity.ERROR:
                log.warning(diag.format_text())
        if result.written:
            log.info("référentiel : %s page(s) régénérée(s)", result.written)

    def on_post_build(self, config: Any) -> None:
        """Index the previewed site for search (Pagefind reads the HTML MkDocs wrote)."""
        from referentiel.publish.search import index_site

        assert self.root is not None
        if self.command != "serve":
            return  # `make build` runs `referentiel index site` itself
        if (Path(config.site_dir) / "pagefind").is_dir():
            # Live preview (`mkdocs serve --dirty`): re-indexing every page after each
            # edit would double the wait; `make build` always indexes afresh.
            log.info("recherche : index conservé pendant la prévisualisation")
            return
        stats = index_site(
            self.root, Path(config.site_dir), self.loaded[0] if self.loaded else None
        )
        log.info(
            "recherche : %s pages et %s entrées du glossaire indexées",
            stats.pages,
            stats.glossary_records,
        )

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        assert self.root is not None
        for name in WATCHED:
            path = self.root / name
            if path.exists():
                server.watch(str(path))
        return server
