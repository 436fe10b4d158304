"""What every page shows around its content: breadcrumb and page facts.

Called from the MkDocs hook (site.py) once per page; returns plain values for the
template (overrides/main.html, overrides/partials/path.html), so the facts are computed
in the package and a successor to MkDocs only has to pass them to its own template.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from referentiel.history.dates import GitDates
from referentiel.render.typographie import date_fr, date_text_fr

# Sections whose index is not in the navigation, and the section that contains them.
PARENT_SECTION = {"dispositifs": "tableau"}


_by_src: tuple[Any, dict[str, Any]] | None = None


def _pages_by_src(pages: Any) -> dict[str, Any]:
    """src_uri → page, built once per build (the same `pages` object is passed for every
    page): rebuilding it for each page made the build quadratic (issue 6, 50×)."""
    global _by_src
    if _by_src is None or _by_src[0] is not pages or len(_by_src[1]) > len(pages):
        _by_src = (
            pages,
            {f.src_uri: f.page for f in pages if getattr(f, "page", None) is not None},
        )
    return _by_src[1]


def fil_ariane(page: Any, pages: Any) -> list[dict[str, str]]:
    """Breadcrumb above the title for pages the navigation does not list.

    The nav lists only section indexes (navigation stays light however many fiches
    there are), so Material's own path is empty on a fiche; the parent is the index of
    the page's folder, and for some folders the section that contains it.
    """
    if getattr(page, "ancestors", None) or getattr(page, "is_homepage", False):
        return []
    by_src = _pages_by_src(pages)
    src = page.file.src_uri
    if "/" not in src:
        chain: list[str] = []
    else:
        folder = src.split("/", 1)[0]
        chain = [f"{folder}/index.md"] if src != f"{folder}/index.md" else []
        if folder in PARENT_SECTION:
            chain.insert(0, f"{PARENT_SECTION[folder]}/index.md")
    items = [{"title": "Accueil", "url": by_src["index.md"].url}] if "index.md" in by_src else []
    for uri in chain:
        parent = by_src.get(uri)
        if parent is not None and parent.title:
            items.append({"title": str(parent.title), "url": parent.url})
    # Any page below the home page shows at least « Accueil ».
    return items if "/" in src else []


def signaler_url(base: str, title: str, url: str) -> str:
    """« Signaler une erreur »: a mailto with the page's title and address prefilled,
    or a form address receiving the page as a query parameter."""
    if not base:
        return ""
    if base.startswith("mailto:"):
        subject = quote(f"Erreur dans le référentiel : {title}")
        body = quote(f"Page : {url}\n\nDécrivez l'erreur (sans donnée personnelle) :\n")
        sep = "&" if "?" in base else "?"
        return f"{base}{sep}subject={subject}&body={body}"
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}page={quote(url, safe='')}"


def page_context(page: Any, config: Any, pages: Any, dates: GitDates | None) -> dict[str, Any]:
    meta = page.meta or {}
    source = meta.get("source") or f"docs/{page.file.src_uri}"
    if source.endswith("/"):
        # A section index is made from a whole folder: no single file to edit.
        page.edit_url = None
    facts: dict[str, Any] = {"source": source}
    day = dates.date(source) if dates else None
    if day is not None:
        facts["modifie_le"] = date_fr(day)
        facts["modifie_le_iso"] = day.isoformat()
    for key in ("verifie_le", "a_revoir_avant"):
        if meta.get(key):
            facts[key] = date_text_fr(str(meta[key]))
            facts[key + "_iso"] = str(meta[key])
    if meta.get("referent"):
        facts["referent"] = str(meta["referent"])
    edition = (config.extra or {}).get("edition", {}) or {}
    url = page.canonical_url or page.abs_url or page.url
    facts["signaler"] = signaler_url(
        str(edition.get("url_signaler") or ""), str(page.title or ""), str(url)
    )
    return {"fil_ariane": fil_ariane(page, pages), "infos_page": facts}
