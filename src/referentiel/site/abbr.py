"""Glossary tooltips whose cost does not grow with the size of the glossary.

Python-Markdown's `abbr` extension (fed once with the whole glossary through its
`glossary` option, see stack notes) matches text with one regular expression that
alternates every abbreviation: Python's regex engine then tries each alternative at
each position, so a glossary ten times larger made the Markdown rendering about three
times slower. This extension keeps `abbr` (its `glossary` option, its block syntax,
its output) and only replaces the matcher: the same abbreviations compiled as a
prefix tree, so each position of the text is rejected after a character or two.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

from referentiel.render.glossaire import trie_pattern

# MkDocs makes a new Markdown instance for every page, and each page defines only the
# sigles it uses (`referentiel generate`, build/cadre.py): compiling a pattern per page
# cost 1.6 ms a page (4 s at 10×). One pattern over every sigle seen so far is compiled
# again only when a page brings a new one; a match the page does not define is skipped,
# which gives the same result since the page defines every sigle its text holds.
_SEEN: set[str] = set()
_UNION: list[re.Pattern[str]] = []


def _pattern(keys: frozenset[str]) -> re.Pattern[str]:
    if not _UNION or not keys <= _SEEN:
        _SEEN.update(keys)
        _UNION[:] = [re.compile(r"\b" + trie_pattern(sorted(_SEEN)) + r"\b")]
    return _UNION[0]


class FastAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root: Any) -> Any:
        if not self.abbrs:
            return None
        self.RE = _pattern(frozenset(self.abbrs))
        self._iter(root)
        return None

    def _wrap(self, text: str) -> list[tuple[str, str, str]]:
        """(title, abbreviation, following text) for each match, last first."""
        found = []
        for m in reversed(list(self.RE.finditer(text))):  # type: ignore[union-attr]
            title = self.abbrs.get(m.group(0))
            if title:
                found.append((title, m.group(0), text[m.end() :]))
                text = text[: m.start()]
        found.append(("", "", text))
        return found

    def _iter(self, el: Any) -> None:
        children = list(el)
        # Walk children last to first so insertions do not shift the positions to come.
        for index in range(len(children) - 1, -1, -1):
            child = children[index]
            self._iter(child)
            tail = child.tail
            if tail and not isinstance(tail, AtomicString):
                *matches, (_, _, rest) = self._wrap(tail)
                for title, word, after in matches:
                    el.insert(index + 1, self.create_element(title, word, after))
                child.tail = rest
        text = el.text
        if text and not isinstance(text, AtomicString):
            *matches, (_, _, rest) = self._wrap(text)
            for title, word, after in matches:
                el.insert(0, self.create_element(title, word, after))
            el.text = rest


class AbbrRapideExtension(Extension):
    """Load after `abbr`: swaps its tree processor for the prefix-tree one."""

    def extendMarkdown(self, md: Markdown) -> None:
        # markdown's Registry has `in` and `[]` but no `get`.
        current = md.treeprocessors["abbr"] if "abbr" in md.treeprocessors else None  # noqa: SIM401
        if not isinstance(current, AbbrTreeprocessor):
            return
        fast = FastAbbrTreeprocessor(md, current.abbrs)
        priority = next(
            item.priority for item in vars(md.treeprocessors)["_priority"] if item.name == "abbr"
        )
        md.treeprocessors.register(fast, "abbr", priority)
        # The block processor stores `*[ABBR]: …` definitions in the same dict.
        fast.abbrs = current.abbrs


def makeExtension(**kwargs: Any) -> AbbrRapideExtension:
    return AbbrRapideExtension(**kwargs)
