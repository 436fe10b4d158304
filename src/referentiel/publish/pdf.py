"""PDF of each fiche de poste and of the whole référentiel, printed from the built site.

Why print the built HTML rather than render PDFs separately: the PDF then shows exactly
what the site shows (same generated pages, same print stylesheet), and one renderer,
Debian's Chromium driven by Playwright, is already a dependency of the browser tests.

The whole référentiel is one assembled HTML document (each page's article, in reading
order: fiches, procédures, tableau, textes, cadre, organisation, glossaire) printed
once, instead of merging hundreds of separate PDFs.

Printing is incremental (bench/RAPPORT.md: 20 s of a 30 s `make build` went into
printing the same PDFs again): a PDF is printed only when what Chromium would read has
changed — the page's HTML, the stylesheets and scripts it loads, the print options and
Chromium's version. Printed PDFs are kept in the signed store of perf/cache.py under a
hash of those inputs; an unchanged page's PDF is copied from there.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from referentiel.models.routes import Tome
from referentiel.perf.cache import BlobStore

OUTPUT = "pdf"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WORKERS = 2  # this project's machines have two cores; more printers only queue
MIN_JOBS_PER_WORKER = 4  # below that, starting a second Chromium costs more than it saves
PRINT_OPTIONS: dict[str, Any] = {
    "format": "A4",
    "prefer_css_page_size": True,
    "print_background": False,
    "display_header_footer": True,
    "header_template": "<span></span>",
    "footer_template": '<div style="font-size:8px;width:100%;text-align:center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    "margin": {"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
}
_PRINT_OPTIONS = repr(sorted(PRINT_OPTIONS.items()))
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
_URL_ATTR = re.compile(r'\b(href|src)="([^"#][^"]*|#[^"]*)"')
_STYLESHEETS = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
_LOADED = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


@dataclass(frozen=True)
class Printed:
    path: Path
    seconds: float
    reused: bool = False  # copied from the store: its inputs had not changed


def chromium() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"


def fiche_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "fiches").glob("*/index.html"))


def fiche_targets(site: Path, fiches: list[Path] | None = None) -> list[tuple[Path, str]]:
    """(fiche page, site-relative PDF) for each fiche the PDF step prints."""
    return [
        (p, f"{OUTPUT}/fiches/{p.parent.name}.pdf")
        for p in (fiche_pages(site) if fiches is None else fiches)
    ]


def tome_target(tome: Tome) -> str:
    return f"{OUTPUT}/{tome.fichier}"


def planned(site: Path, tomes: Iterable[Tome]) -> frozenset[str]:
    """Site-relative paths of every PDF `print_pdfs` writes for this site: what a build
    without PDFs (PDF=0) deliberately leaves out, and nothing else."""
    return frozenset(
        [target for _, target in fiche_targets(site)] + [tome_target(t) for t in tomes]
    )


def _rebase(article: str, page: Path, site: Path, target_dir: Path) -> str:
    """Rewrite relative links and images of a page's article so they work from `target_dir`."""
    page_url = "http://site/" + page.parent.relative_to(site).as_posix() + "/"
    depth = len(target_dir.relative_to(site).parts)

    def repl(m: re.Match[str]) -> str:
        attr, value = m.group(1), m.group(2)
        if value.startswith("#"):
            return m.group(0)
        absolute = urljoin(page_url, value)
        parts = urlsplit(absolute)
        if parts.netloc != "site":
            return m.group(0)
        rel = (
            "../" * depth
            + parts.path.lstrip("/")
            + (f"#{parts.fragment}" if parts.fragment else "")
        )
        return f'{attr}="{escape(rel, quote=True)}"'

    return _URL_ATTR.sub(repl, article)


def whole_document(site: Path, pages: Iterable[Path], title: str, target: Path) -> str:
    """One HTML document holding every page's article, styled like the site for print,
    to be written in the folder `target` (links and stylesheets are rebased there)."""
    home = (site / "index.html").read_text(encoding="utf-8")
    sheets = "".join(
        f'<link rel="stylesheet" href="{escape(_rebase_href(h, site, target), quote=True)}">'
        for h in _STYLESHEETS.findall(home)
    )
    toc: list[str] = []
    body: list[str] = []
    for n, page in enumerate(pages):
        if not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        match = _ARTICLE.search(html)
        if not match:
            continue
        name = _TITLE.search(html)
        label = (name.group(1).split(" - ")[0] if name else page.parent.name).strip()
        body.append(
            f'<section class="ref-pdf-page" id="page-{n}" style="break-before: page">'
            f"{_rebase(match.group(1), page, site, target)}</section>"
        )
        toc.append(f'<li><a href="#page-{n}">{label}</a></li>')
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{escape(title)}</title>{sheets}'
        '</head><body><div class="md-container"><main class="md-main"><div class="md-content">'
        f'<article class="md-content__inner md-typeset"><h1>{escape(title)}</h1>'
        f"<h2>Sommaire</h2><ol>{''.join(toc)}</ol></article>"
        f'<article class="md-content__inner md-typeset">{"".join(body)}</article>'
        "</div></main></div></body></html>"
    )


def _rebase_href(href: str, site: Path, target: Path) -> str:
    """A stylesheet link of the home page, as seen from the folder `target`."""
    if href.startswith(("http:", "https:", "/")):
        return href
    return "../" * len(target.relative_to(site).parts) + href.lstrip("./")


def print_pdfs(
    site: Path,
    fiches: list[Path] | None = None,
    tomes: list[Tome] | None = None,
    browser: Any = None,
    store: BlobStore | None = None,
) -> list[Printed]:
    """Print the given fiche pages (default: all) and the volumes of the référentiel
    (`models.routes.tomes`) into site/pdf/.

    `browser`: an already launched Playwright Chromium (the browser tests pass theirs,
    since Playwright's sync API cannot run twice in one thread); otherwise one is launched
    if anything has to be printed. `store`: where PDFs of unchanged inputs are reused from.
    """
    out = site / OUTPUT
    (out / "fiches").mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[Path, Path]] = [
        (p, site / target) for p, target in fiche_targets(site, fiches)
    ]
    assembled: list[Path] = []
    for tome in tomes or []:
        target = site / tome_target(tome)
        target.parent.mkdir(parents=True, exist_ok=True)
        doc = target.with_suffix(".html")
        pages = [site / page / "index.html" for page in tome.pages]
        titre = f"Référentiel du service social — tome {tome.numero} : " + ", ".join(tome.sections)
        doc.write_text(whole_document(site, pages, titre, target.parent), encoding="utf-8")
        assembled.append(doc)
        jobs.append((doc, target))
    store = store or BlobStore(None)
    done: list[Printed] = []
    todo: list[tuple[Path, Path, str]] = []
    try:
        version = chromium_version()
        for source, target in jobs:
            name = inputs_key(source, version) + ".pdf"
            kept = store.get(name)
            if kept is None:
                todo.append((source, target, name))
            else:
                target.write_bytes(kept)
                done.append(Printed(target, 0.0, reused=True))
        if todo:
            printed = _print_jobs(browser, [(source, target) for source, target, _ in todo])
            for (_, target, name), result in zip(todo, printed, strict=True):
                store.put(name, target.read_bytes())
                done.append(result)
        store.prune()
        return done
    finally:
        for doc in assembled:
            doc.unlink(missing_ok=True)


def _print_jobs(browser: Any, jobs: list[tuple[Path, Path]]) -> list[Printed]:
    """Print `jobs`, in as many Chromium processes as there are cores (at most
    `WORKERS`): Chromium lays out one document per renderer, so two printers on two
    cores take about half the time of one (a fresh clone prints everything)."""
    if browser is not None:
        return _print(browser, jobs)
    workers = min(WORKERS, os.cpu_count() or 1, len(jobs) // MIN_JOBS_PER_WORKER or 1)
    if workers <= 1:
        return _print_in_own_browser(jobs)
    # Round robin: big volumes and small fiches spread over the printers alike.
    shares = [jobs[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_print_in_own_browser, shares))
    by_target = {p.path: p for share in results for p in share}
    return [by_target[target] for _, target in jobs]


def _print_in_own_browser(jobs: list[tuple[Path, Path]]) -> list[Printed]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            return _print(launched, jobs)
        finally:
            launched.close()


_version: str | None = None


def chromium_version() -> str:
    """Chromium's own version line: a new Chromium may lay out pages differently."""
    global _version
    if _version is None:
        try:
            run = subprocess.run(
                [chromium(), "--version"], capture_output=True, text=True, timeout=30, check=False
            )
            _version = run.stdout.strip() or "inconnue"
        except (OSError, subprocess.SubprocessError):
            _version = "inconnue"
    return _version


def inputs_key(source: Path, version: str) -> str:
    """Hash of everything Chromium reads to print `source`: the HTML, the stylesheets and
    scripts it loads (local files), the print options of `_print` and Chromium's version."""
    html = source.read_bytes()
    digest = hashlib.blake2b(html, digest_size=20)
    digest.update(version.encode() + _PRINT_OPTIONS.encode())
    for href in _LOADED.findall(html.decode("utf-8", "replace")):
        if "://" in href or href.startswith("/"):
            continue
        asset = (source.parent / href.split("?")[0].split("#")[0]).resolve()
        try:
            digest.update(href.encode() + b"\0" + asset.read_bytes())
        except OSError:
            digest.update(href.encode() + b"\0absent")
    return digest.hexdigest()


def _print(browser: Any, jobs: list[tuple[Path, Path]]) -> list[Printed]:
    printed: list[Printed] = []
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        for source, target in jobs:
            start = time.monotonic()
            page.goto(source.resolve().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            page.pdf(path=str(target), **PRINT_OPTIONS)
            printed.append(Printed(target, time.monotonic() - start))
    finally:
        context.close()
    return printed
