"""Frame every page of the docs folder: breadcrumb, page facts, tooltips, PDF link.

Done once over the whole generated tree, hand-written pages included, after the
pages are rendered: the facts need the git dates of every source and the titles of
the section indexes, which no single renderer knows. Builders then only turn Markdown
into HTML (issue 14): nothing readers rely on comes from a hook or a template.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import yaml

from referentiel.history.dates import GitDates
from referentiel.models.routes import SECTIONS, page_url, relative_url
from referentiel.render.cadre import (
    Crumb,
    Facts,
    abbr_definitions,
    breadcrumb,
    facts_block,
    pdf_link,
    report_url,
)
from referentiel.render.impression import CHEMIN as IMPRESSION

# Where « Modifier cette page » and « Signaler une erreur » lead by default: the
# internal forge and mailbox, to adapt to each deployment through the environment.
DEFAULT_EDIT = "https://forge.intranet/service-social/referentiel/-/edit/main"
DEFAULT_REPORT = "mailto:referentiel@forge.intranet"
# Sections whose index is not in the navigation, and the section that contains them.
PARENT_SECTION = {"dispositifs": "tableau"}
# Hand-written pages of the guide: for editors, framed the same way.
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_H1 = re.compile(r"^# (.+)$", re.MULTILINE)
_FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Settings:
    """Addresses that depend on the deployment, read once per generation."""

    edit: str
    report: str
    site: str

    @classmethod
    def from_env(cls) -> Settings:
        """The deployment's addresses (docs/guide/deploiement.md); empty disables a link."""
        env = os.environ
        return cls(
            env.get("REFERENTIEL_URL_MODIFIER", DEFAULT_EDIT),
            env.get("REFERENTIEL_URL_SIGNALER", DEFAULT_REPORT),
            env.get("REFERENTIEL_SITE_URL", ""),
        )


def _split(text: str) -> tuple[str, dict[str, object], str]:
    """(front matter block, its values, body)."""
    m = _FRONT.match(text)
    if not m:
        return "", {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        meta = {}
    return m.group(0), meta if isinstance(meta, dict) else {}, text[m.end() :]


def _title(meta: dict[str, object], body: str) -> str:
    if meta.get("title"):
        return str(meta["title"])
    m = _H1.search(body)
    return m.group(1).strip() if m else ""


def _crumbs(rel: str, titles: dict[str, str]) -> list[Crumb]:
    """Accueil, then the index of the page's folder (and its parent section)."""
    if "/" not in rel:
        return []
    folder = rel.split("/", 1)[0]
    chain = [f"{folder}/index.md"] if rel != f"{folder}/index.md" else []
    if folder in PARENT_SECTION:
        chain.insert(0, f"{PARENT_SECTION[folder]}/index.md")
    out = [Crumb("Accueil", relative_md(rel, "index.md"))] if "index.md" in titles else []
    for uri in chain:
        # A section's short name, as the navigation tabs show it.
        title = SECTIONS.get(uri.split("/", 1)[0]) or titles.get(uri)
        if title and uri in titles:
            out.append(Crumb(title, relative_md(rel, uri)))
    return out


def relative_md(src: str, target: str) -> str:
    """Link from one Markdown file to another, as builders resolve them."""
    return os.path.relpath(target, os.path.dirname(src) or ".").replace(os.sep, "/")


def _used(body: str, pattern: re.Pattern[str] | None, abbrs: dict[str, str]) -> dict[str, str]:
    if pattern is None:
        return {}
    text = _FENCE.sub("", body)
    return {s: abbrs[s] for s in set(pattern.findall(text)) if abbrs.get(s)}


def frame(
    content: dict[str, bytes],
    dates: GitDates | None,
    abbrs: dict[str, str],
    pattern: re.Pattern[str] | None,
    settings: Settings,
) -> dict[str, bytes]:
    """Every `.md` of the docs folder with its frame; other files unchanged."""
    pages = {rel: data.decode("utf-8") for rel, data in content.items() if rel.endswith(".md")}
    split = {rel: _split(text) for rel, text in pages.items()}
    titles = {rel: _title(meta, body) for rel, (_, meta, body) in split.items()}
    out = dict(content)
    for rel, (front, meta, body) in split.items():
        source = str(meta.get("source") or f"docs/{rel}")
        title = titles[rel]
        address = (settings.site.rstrip("/") + "/" if settings.site else "/") + page_url(rel)
        facts = Facts(
            modifie_le=dates.date(source) if dates else None,
            verifie_le=str(meta.get("verifie_le") or ""),
            a_revoir_avant=str(meta.get("a_revoir_avant") or ""),
            referent=str(meta.get("referent") or ""),
            # A section index is made from a whole folder: no single file to edit.
            edit_url=""
            if source.endswith("/") or not settings.edit
            else settings.edit.rstrip("/") + "/" + source,
            report_url=report_url(settings.report, title, address),
        )
        top = breadcrumb(_crumbs(rel, titles))
        if rel.startswith("fiches/") and rel != "fiches/index.md":
            name = rel.rsplit("/", 1)[1].removesuffix(".md")
            top += pdf_link(relative_url(rel, f"pdf/fiches/{name}.pdf"), title)
        elif rel == "fiches/index.md" and IMPRESSION in pages:
            top += f"[Tout le référentiel en PDF]({relative_md(rel, IMPRESSION)}){{ .ref-pdf }}\n"
        bottom = "" if rel == "index.md" else facts_block(facts)
        tail = abbr_definitions(_used(body, pattern, abbrs))
        framed = "\n\n".join(p.strip("\n") for p in (top, body, bottom, tail) if p.strip())
        out[rel] = (front + ("\n" if front else "") + framed + "\n").encode("utf-8")
    return out
