"""Full-text search index of the built site, made with Pagefind.

Why Pagefind rather than Material's lunr search (measured on the real site, see the
issue 4 report): lunr does not fold accents (`referentiel` never finds « référentiel »)
and its single index is downloaded whole at the first search; Pagefind folds
diacritics, stems French and loads only the chunks a query needs.

Three things make results useful to a social worker rather than merely correct:

- every `<abbr title>` is indexed with its title, so a sigle finds pages that spell it
  out and an expansion finds pages that only use the sigle;
- each glossary entry becomes its own small record (« CCAPEX — Commission de… ») whose
  URL is its anchor on the glossary page, so the page *about* a sigle comes first; the
  glossary page itself, which contains every sigle, is kept out of the index;
- only the article is indexed (not the navigation repeated on every page).

The index is written next to the site (`site/pagefind/`) after MkDocs has built it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from referentiel.load import load
from referentiel.models.glossaire import Entree, TypeEntree
from referentiel.models.referentiel import Referentiel
from referentiel.render.glossaire import sort_key

OUTPUT = "pagefind"
LANGUAGE = "fr"
# Material's article: everything else (header, tabs, sidebars, footer) repeats on every page.
ROOT_SELECTOR = "article.md-content__inner"
# Pagefind writes its ready-made interfaces beside the index; the site has its own
# (assets/js/recherche.js, which uses only pagefind.js, its worker and the index):
# 420 KB nobody downloads, removed after indexing.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
EXCLUDED = [".headerlink", ".md-source-file", ".ref-filtres", "[data-pagefind-ignore]"]
# Pages left out of the index: the glossary is replaced by one record per entry.
NOT_INDEXED = ("glossaire/index.html", "404.html", "recherche/index.html")
# Glossary records are indexed from here; their results link to the glossary page.
GLOSSARY_RECORDS = "glossaire/entrees"
GLOSSARY_URL = "/glossaire/"
# A sigle or an expansion in a page title outranks the same words in a paragraph.
TITLE_WEIGHT = "10"

_ABBR = re.compile(r'<abbr(?=[\s>])((?:\s+title="([^"]*)")?)')
_H1 = re.compile(r"<h1(?=[\s>])")
_H1_TEXT = re.compile(r"(<h1[^>]*>)(.*?)(</h1>)", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_PERMALINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)


@dataclass(frozen=True)
class IndexStats:
    pages: int
    glossary_records: int
    files: int
    bytes: int


def sigles_by_expansion(ref: Referentiel) -> dict[str, str]:
    """Folded expansion → sigle, to name a page whose title is an expansion by its sigle too."""
    if ref.glossaire is None:
        return {}
    return {
        sort_key(e.forme_developpee): e.terme
        for e in ref.glossaire.entrees
        if e.type is TypeEntree.SIGLE and e.forme_developpee
    }


def prepare_html(html: str, sigles: dict[str, str] | None = None) -> str:
    """The page as Pagefind should see it: abbreviations' titles searchable, title
    weighted, and a title that spells out a sigle followed by that sigle
    (« Revenu de solidarité active (RSA) »), so searching `RSA` finds the page about it."""
    # Each expansion is indexed once per page, at its first occurrence: a page citing
    # « CCAPEX » ten times is found by « expulsions » all the same, and Pagefind no longer
    # indexes the same words ten times (a sixth of its time at 10×, issue 6).
    seen: set[str] = set()

    def index_title(m: re.Match[str]) -> str:
        title = m.group(2)
        if title is not None and title in seen:
            return m.group(0)
        if title is not None:
            seen.add(title)
        return '<abbr data-pagefind-index-attrs="title"' + m.group(1)

    html = _ABBR.sub(index_title, html)
    html = _H1.sub(f'<h1 data-pagefind-weight="{TITLE_WEIGHT}"', html, count=1)
    match = _H1_TEXT.search(html)
    if match and sigles:
        title = unescape(_TAG.sub("", _PERMALINK.sub("", match.group(2)))).strip()
        sigle = sigles.get(sort_key(title))
        if sigle and sigle not in title:
            html = html[: match.end(2)] + f" ({escape(sigle)})" + html[match.end(2) :]
    return html


def glossary_record(entree: Entree) -> str:
    """The HTML page standing for one glossary entry; `lien` is where a result leads.

    Pagefind's command line derives a record's URL from its file path, so the anchor on
    the glossary page travels as metadata (the search page links to it).
    """
    title = entree.terme + (f" — {entree.forme_developpee}" if entree.forme_developpee else "")
    body = [f'<h1 data-pagefind-weight="{TITLE_WEIGHT}">{escape(title)}</h1>']
    if entree.variantes:
        body.append(f"<p>{escape(', '.join(entree.variantes))}</p>")
    if entree.definition:
        body.append(f"<p>{escape(entree.definition)}</p>")
    return (
        f'<!doctype html><html lang="{LANGUAGE}"><head><title>{escape(title)}</title></head><body>'
        f'<article class="md-content__inner" data-pagefind-meta="lien:{GLOSSARY_URL}#{entree.id}">'
        f"{''.join(body)}</article></body></html>"
    )


def indexed_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if is_indexed(p.relative_to(site).as_posix()))


def is_indexed(rel: str) -> bool:
    """Whether the site's file `rel` (site-relative, POSIX) goes into the index."""
    return rel.endswith(".html") and rel not in NOT_INDEXED and not rel.startswith(OUTPUT + "/")


_ARTICLE = re.compile(r"<article(?=[\s>])[^>]*>.*?</article>", re.DOTALL)
_HTML_TAG = re.compile(r"<html(?=[\s>])[^>]*>")
_TITLE = re.compile(r"<title(?=[\s>])[^>]*>.*?</title>", re.DOTALL)


def content_only(html: str) -> str:
    """What Pagefind reads of a page: its `<html>` tag (language), `<title>` and the
    article (ROOT_SELECTOR); Pagefind ignores the rest, which is the same navigation,
    header and footer on every page (60 % of the bytes). A page without an article is
    given whole. Proven to give byte-identical index files (tests/unit/publish)."""
    # Exactly one article, or the page is given whole: with a nested or a second one,
    # the non-greedy match could stop short.
    article = _ARTICLE.search(html) if html.count("<article") == 1 else None
    if article is None:
        return html
    tag = _HTML_TAG.search(html)
    title = _TITLE.search(html)
    return (
        "<!doctype html>"
        + (tag.group(0) if tag else "<html>")
        + '<head><meta charset="utf-8">'
        + (title.group(0) if title else "")
        + "</head><body>"
        + article.group(0)
        + "</body></html>"
    )


def staging_dir() -> tempfile.TemporaryDirectory[str]:
    """The temporary folder of the staged copy: in memory (/dev/shm) where there is one.

    The copy lives a few seconds; on disk, writing it and removing it took 3.7 s and
    more of `referentiel terminer`'s 17 s at 10× (bench/COUT.md). Pagefind numbers pages
    in the order the folder lists them: on ext4 a hash order seeded per file system (so
    the index files already differed from one machine to another), in memory the order
    the files were written, which is sorted here: the same on every machine.
    """
    shm = Path("/dev/shm")
    memory = shm.is_dir() and os.access(shm, os.W_OK)
    return tempfile.TemporaryDirectory(prefix="pagefind-", dir=str(shm) if memory else None)


def stage_page(staging: Path, rel: str, html: str, sigles: dict[str, str]) -> None:
    """Write one site page, as Pagefind should see it, into `staging`."""
    target = staging / rel
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        os.makedirs(folder)
    with open(target, "w", encoding="utf-8") as f:
        f.write(content_only(prepare_html(html, sigles)))


def stage_glossary(ref: Referentiel, staging: Path) -> int:
    """One record per glossary entry (see `glossary_record`); return how many."""
    entrees = ref.glossaire.entrees if ref.glossaire else []
    if entrees:
        (staging / GLOSSARY_RECORDS).mkdir(parents=True, exist_ok=True)
    for entree in entrees:
        (staging / GLOSSARY_RECORDS / f"{entree.id}.html").write_text(
            glossary_record(entree), encoding="utf-8"
        )
    return len(entrees)


def stage(ref: Referentiel, site: Path, staging: Path) -> int:
    """Write what Pagefind indexes into `staging`; return the number of site pages."""
    pages = indexed_pages(site)
    sigles = sigles_by_expansion(ref)
    for path in pages:
        stage_page(
            staging, path.relative_to(site).as_posix(), path.read_text(encoding="utf-8"), sigles
        )
    stage_glossary(ref, staging)
    return len(pages)


def pagefind_command(staging: Path, out: Path) -> list[str]:
    """The bundled Pagefind binary indexing `staging` into `out`.

    The command line rather than Pagefind's Python API: the API waits 0.1 s for each
    file it adds (47 s for this site), the command line indexes the same in ~1 s.
    """
    from pagefind_bin_extended import get_executable

    return [
        str(get_executable()),
        "--site",
        str(staging),
        "--output-path",
        str(out.resolve()),
        "--root-selector",
        ROOT_SELECTOR,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
        "--force-language",
        LANGUAGE,
        "--quiet",
    ]


def written(out: Path, pages: int, records: int) -> IndexStats:
    """After Pagefind: its unused interfaces removed, what it wrote counted."""
    for name in UNUSED:
        (out / name).unlink(missing_ok=True)
    files = [p for p in out.rglob("*") if p.is_file()]
    return IndexStats(pages, records, len(files), sum(p.stat().st_size for p in files))


def index_site(root: Path, site: Path, ref: Referentiel | None = None) -> IndexStats:
    """Index the built `site` of the référentiel at `root` into `site/pagefind/`
    (`referentiel index`, `mkdocs serve`; `make build` indexes in publish/apres.py)."""
    if ref is None:
        ref, _ = load(root)
    out = site / OUTPUT
    shutil.rmtree(out, ignore_errors=True)
    with staging_dir() as tmp:
        staging = Path(tmp)
        pages = stage(ref, site, staging)
        subprocess.run(pagefind_command(staging, out), check=True)
    return written(out, pages, len(ref.glossaire.entrees) if ref.glossaire else 0)
