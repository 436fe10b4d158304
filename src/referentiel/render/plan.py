"""Plan du site (RGAA 12.3): every page, generated from the same list the build writes.

Written by hand, a site map goes stale the day a fiche is added; generated here from
the generated pages plus the hand-written ones, it cannot miss a page.
"""

from __future__ import annotations

import re
from pathlib import Path

from referentiel.models.referentiel import Referentiel
from referentiel.render.md import Page, esc

PATH = "plan-du-site.md"
_TITLE = re.compile(r"^title:\s*[\"']?(.+?)[\"']?\s*$", re.MULTILINE)
_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


def _hand_written(root: Path) -> list[tuple[str, str]]:
    """(path, title) of each hand-written Markdown page of docs/."""
    found = []
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        m = _TITLE.search(text.split("\n---", 1)[0]) if text.startswith("---") else None
        m = m or _HEADING.search(text)
        found.append((path.relative_to(docs).as_posix(), m.group(1) if m else path.stem))
    return found


def plan_du_site(ref: Referentiel, pages: list[Page]) -> Page:
    entries = {p.path: p.title for p in pages}
    entries.update(dict(_hand_written(ref.root)))
    entries[PATH] = "Plan du site"
    sections: dict[str, list[tuple[str, str]]] = {}
    for path, title in entries.items():
        section = path.split("/", 1)[0] if "/" in path else ""
        sections.setdefault(section, []).append((path, title))
    out = [
        "# Plan du site",
        "",
        f"Toutes les pages du référentiel ({len(entries)}), par rubrique.",
        "",
    ]
    for section in sorted(sections, key=lambda s: (s != "", s)):
        items = sorted(
            sections[section], key=lambda e: (not e[0].endswith("index.md"), e[1].lower())
        )
        heading = (
            "Pages générales"
            if not section
            else entries.get(f"{section}/index.md", section.capitalize())
        )
        out += [f"## {esc(heading)}", ""]
        out += [f"- [{esc(title)}]({path})" for path, title in items]
        out.append("")
    return Page(PATH, "Plan du site", "\n".join(out), "src/referentiel/render/plan.py")
