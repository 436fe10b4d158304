"""After the builder, one pass over the built site: search index, scan and links.

Why one pass (issue 17): `referentiel index`, `scan` and `liens` each started Python
and its imports (0.4 s), walked the site and read every file again; at 1× the three took
4.4 s beside a 2.8 s build. Here the site is walked once, each file read once, and its
bytes given to the same pure functions the separate commands use: `scan.scan_file`
(the security rules, unchanged), `liens.page_links` and `search.stage_page`. Pagefind
indexes while Python scans (it is a separate process). Nothing is checked less: every
file of the site is judged by the scan's rules (documents and scripts read), including what Pagefind writes, and every link is
resolved against the finished site.

`pdf_printed=False` (`PDF=0 make build`): links to the PDFs the PDF step would have
printed (`pdf.planned`) are noted, not errors; any other missing file stays LIEN001.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from referentiel.diagnostics import Diagnostic, sort_diagnostics
from referentiel.load import load
from referentiel.models.referentiel import Referentiel
from referentiel.models.routes import tomes
from referentiel.publish import liens, pdf, scan, search


@dataclass(frozen=True)
class Outcome:
    security: list[Diagnostic]  # SEC003: the site must not be published
    links: list[Diagnostic]  # LIEN001, LIEN002
    unprinted: list[liens.Unprinted]  # PDF=0 only
    index: search.IndexStats
    # Wall seconds of each phase (the bench reports them): staging, scan and links while
    # Pagefind runs, what was left to wait for Pagefind, the rest.
    phases: dict[str, float] = field(default_factory=dict)


def finish(
    root: Path,
    site: Path,
    *,
    pdf_printed: bool = True,
    ref: Referentiel | None = None,
    known: scan.KnownScripts | None = None,
) -> Outcome:
    clock = time.perf_counter()
    phases: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name] = now - clock
        clock = now

    if ref is None:
        ref, _ = load(root)
    lap("chargement")
    known = known if known is not None else scan.KnownScripts()
    out = site / search.OUTPUT
    shutil.rmtree(out, ignore_errors=True)  # an index of an older build is not this site's
    files, dirs = liens.site_tree(site)
    files_set = frozenset(files)
    unprinted = frozenset() if pdf_printed else pdf.planned(site, tomes(ref)).difference(files)
    sigles = search.sigles_by_expansion(ref)
    read: list[tuple[str, bytes]] = []
    entries: list[Diagnostic] = []
    pages = 0
    with search.staging_dir() as tmp:
        staging = Path(tmp)
        # Every entry of the site, by lstat: links, hidden and special files are refused
        # by their kind and never read; a regular file is read only if the rules need it.
        for rel, problem in scan.entry_problems(site):
            if problem is not None:
                entries.append(problem)
                continue
            if rel not in files_set:
                continue  # a folder
            data = (site / rel).read_bytes() if scan.reads(rel) else b""
            read.append((rel, data))
            if search.is_indexed(rel):
                search.stage_page(staging, rel, scan.text_of(data), sigles)
                pages += 1
        records = search.stage_glossary(ref, staging)
        lap("lecture et copie pour Pagefind")
        indexer = subprocess.Popen(search.pagefind_command(staging, out))
        try:
            security, found = _read_all(site.name, read, known)
            lap("analyse et liens (Pagefind en parallèle)")
        finally:
            code = indexer.wait()
            lap("attente de Pagefind")
        if code != 0:
            raise subprocess.CalledProcessError(code, indexer.args)
    stats = search.written(out, pages, records)
    # What Pagefind wrote is part of the site: scanned and linkable like the rest.
    new_files, new_dirs = liens.site_tree(out)
    prefix = search.OUTPUT + "/"
    added = [
        (prefix + rel, (out / rel).read_bytes() if scan.reads(prefix + rel) else b"")
        for rel in new_files
    ]
    more_security, more_found = _read_all(site.name, added, known)
    found.update(more_found)
    link_diags, notes = liens.resolve(
        site.name,
        found,
        frozenset(files).union(prefix + f for f in new_files),
        frozenset(dirs).union([search.OUTPUT], (prefix + d for d in new_dirs)),
        unprinted,
    )
    lap("résolution des liens")
    return Outcome(
        sort_diagnostics(entries + security + more_security),
        sort_diagnostics(link_diags),
        notes,
        stats,
        phases,
    )


def _read_all(
    site_name: str, read: list[tuple[str, bytes]], known: scan.KnownScripts
) -> tuple[list[Diagnostic], dict[str, liens.PageLinks]]:
    security: list[Diagnostic] = []
    found: dict[str, liens.PageLinks] = {}
    for rel, data in read:
        # One tokenization per file: the scan's, whose start tags the links check reads.
        collector = liens.LinkCollector() if rel.endswith(".html") else None
        on_tag = collector.tag if collector is not None else None
        security.extend(scan.scan_file(rel, data, known, site_name + "/" + rel, on_tag))
        if collector is not None:
            found[rel] = collector.result()
    return security, found
