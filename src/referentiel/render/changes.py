"""Changes between two revisions, written in Markdown: for `referentiel diff` and the
Nouveautés page (one account of a change for reviewers and readers)."""

from __future__ import annotations

import json
from typing import Any

from referentiel.history.changes import KINDS, Changes, FieldChange, Item, is_empty
from referentiel.render.md import esc


def _short(value: Any, limit: int = 160) -> str:
    if value is None:
        return "(vide)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    text = esc(f"{text[: limit - 1]}…" if len(text) > limit else text)
    return f"« {text} »"


def _field_lines(change: FieldChange) -> list[str]:
    before, after = change.avant, change.apres
    if isinstance(before, list) and isinstance(after, list):
        added = [x for x in after if x not in before]
        removed = [x for x in before if x not in after]
        parts = [f"ajouté {_short(x)}" for x in added] + [f"retiré {_short(x)}" for x in removed]
        if not parts:
            parts = ["ordre modifié"]
        return [f"  - `{change.champ}` : " + " ; ".join(parts)]
    if before is None:
        return [f"  - `{change.champ}` ajouté : {_short(after)}"]
    if after is None:
        return [f"  - `{change.champ}` retiré (était {_short(before)})"]
    return [f"  - `{change.champ}` : {_short(before)} → {_short(after)}"]


def _item(item: Item) -> str:
    return f"**{esc(item.libelle)}** (`{item.id}`)" if item.libelle else f"`{item.id}`"


def to_markdown(changes: Changes, title: str | None = None, level: int = 2) -> str:
    out: list[str] = []
    if title:
        out += [f"{'#' * level} {title}", ""]
    if is_empty(changes):
        return "\n".join(out + ["Aucun changement dans le contenu du référentiel.", ""])
    for kind, (heading, feminine) in KINDS.items():
        c = changes[kind]
        if c.empty():
            continue
        e = "e" if feminine else ""
        out += [f"{'#' * (level + 1)} {heading}", ""]
        out += [f"- Ajouté{e} : {_item(i)}" for i in c.ajouts]
        out += [f"- Supprimé{e} : {_item(i)}" for i in c.suppressions]
        for i in c.modifications:
            out.append(f"- Modifié{e} : {_item(i)}")
            for f in i.champs:
                out += _field_lines(f)
        out.append("")
    return "\n".join(out)
