"""What every page shows around its content: breadcrumb, page facts, tooltips.

Written into the generated Markdown itself, not by a builder's hook or template, so
that MkDocs with Material, ProperDocs or Zensical build the same features from the
same docs folder (issue 14: Material reaches end of life on 5 May 2027). Links are
Markdown links to `.md` files, which every builder resolves and checks; the few
addresses that are not pages (the PDF of a fiche) are written relative to the page's
final address, from `models.routes`.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from urllib.parse import quote

from referentiel.render.typographie import date_fr, date_text_fr


@dataclass(frozen=True)
class Crumb:
    title: str
    link: str  # relative Markdown link to a `.md` page


@dataclass(frozen=True)
class Facts:
    """The page facts a reader sees in « À propos de cette page »."""

    modifie_le: dt.date | None = None
    verifie_le: str = ""  # as written in the source: AAAA, AAAA-MM or AAAA-MM-JJ
    a_revoir_avant: str = ""
    referent: str = ""
    edit_url: str = ""
    report_url: str = ""


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def breadcrumb(crumbs: list[Crumb]) -> str:
    """The breadcrumb above the title (RGAA 12.x: a second way to find one's place)."""
    if not crumbs:
        return ""
    items = "\n".join(
        f'<li markdown="span">[{html.escape(c.title)}]({c.link})</li>' for c in crumbs
    )
    return (
        '<nav class="ref-fil" aria-label="Fil d\'Ariane" markdown="1">\n'
        f'<ol markdown="1">\n{items}\n</ol>\n</nav>\n'
    )


def _time(iso: str, text: str) -> str:
    return f'<time datetime="{_attr(iso)}">{html.escape(text)}</time>'


def facts_block(facts: Facts) -> str:
    """« À propos de cette page »: dates, référent, modify and report links."""
    rows: list[tuple[str, str]] = []
    if facts.modifie_le is not None:
        rows.append(("Modifié le", _time(facts.modifie_le.isoformat(), date_fr(facts.modifie_le))))
    if facts.verifie_le:
        rows.append(("Vérifié le", _time(facts.verifie_le, date_text_fr(facts.verifie_le))))
    if facts.a_revoir_avant:
        rows.append(
            ("À revoir avant", _time(facts.a_revoir_avant, date_text_fr(facts.a_revoir_avant)))
        )
    if facts.referent:
        rows.append(("Référent", html.escape(facts.referent)))
    actions = []
    if facts.edit_url:
        actions.append(
            f'<li><a href="{_attr(facts.edit_url)}" class="ref-modifier" rel="edit">'
            "Modifier cette page</a></li>"
        )
    if facts.report_url:
        actions.append(
            f'<li><a href="{_attr(facts.report_url)}" class="ref-signaler">'
            "Signaler une erreur</a></li>"
        )
    if not rows and not actions:
        return ""
    out = [
        '<aside class="ref-infos-page" aria-labelledby="ref-infos-titre">',
        '<h2 id="ref-infos-titre" class="ref-infos-page__titre">À propos de cette page</h2>',
    ]
    if rows:
        out.append('<dl class="ref-infos-page__faits">')
        out += [f"<div><dt>{term}</dt><dd>{value}</dd></div>" for term, value in rows]
        out.append("</dl>")
    if actions:
        out += ['<ul class="ref-infos-page__actions">', *actions, "</ul>"]
    out.append("</aside>")
    return "\n".join(out) + "\n"


def report_url(base: str, title: str, address: str) -> str:
    """« Signaler une erreur »: a mailto with the page's title and address prefilled,
    or a form address receiving the page as a query parameter."""
    if not base:
        return ""
    sep = "&" if "?" in base else "?"
    if base.startswith("mailto:"):
        subject = quote(f"Erreur dans le référentiel : {title}")
        body = quote(f"Page : {address}\n\nDécrivez l'erreur (sans donnée personnelle) :\n")
        return f"{base}{sep}subject={subject}&body={body}"
    return f"{base}{sep}page={quote(address, safe='')}"


def pdf_link(href: str, title: str) -> str:
    """« Télécharger en PDF » on a fiche (the PDF is printed after the build). A block of
    raw HTML: Markdown leaves it as written (no tooltip inside the hidden title)."""
    return (
        f'<p class="ref-actions-page"><a class="ref-pdf" href="{_attr(href)}" download>'
        f'Télécharger en PDF<span class="ref-vh"> : {html.escape(title)}</span></a></p>\n'
    )


def abbr_definitions(used: dict[str, str]) -> str:
    """Python-Markdown `abbr` definitions for the sigles a page uses (tooltips)."""
    if not used:
        return ""
    lines = [f"*[{sigle}]: {title}" for sigle, title in sorted(used.items())]
    return "\n".join(lines) + "\n"
