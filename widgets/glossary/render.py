"""The glossary as lesson 00 shows it: a definition list, each term with its sources."""

from __future__ import annotations

import html
from dataclasses import dataclass

from widgets.glossary.content import Entry, Glossary, load_glossary
from widgets.glossary.links import ANCHOR_PREFIX
from widgets.markup import citation, inline


@dataclass(frozen=True)
class GlossaryList:
    """Displayed as ``<dl class="tc-glossary">``; each term is ``<dt id="term-<id>">``, the
    element the lessons' links lead to."""

    glossary: Glossary

    def _repr_html_(self) -> str:
        items = "".join(self._item(entry) for entry in self.glossary.entries)
        return (
            '<section class="tc-glossary-section" aria-label="Glossary">'
            f'<dl class="tc-glossary" style="margin:0.5em 0">{items}</dl></section>'
        )

    def _item(self, entry: Entry) -> str:
        see = ", ".join(
            f'<a href="#{ANCHOR_PREFIX}{html.escape(other)}">'
            f"{inline(self.glossary.entry(other).term)}</a>"
            for other in entry.see
        )
        see_also = f' <span class="tc-see">See also: {see}.</span>' if see else ""
        return (
            f'<dt id="{ANCHOR_PREFIX}{html.escape(entry.id)}" data-term="{html.escape(entry.id)}"'
            ' style="font-weight:bold;margin-top:0.6em">'
            f"<dfn>{inline(entry.term)}</dfn></dt>"
            f'<dd style="margin:0.15em 0 0 1.5em">{inline(entry.definition)} '
            f"{citation(entry.refs)}{see_also}</dd>"
        )

    def __repr__(self) -> str:
        return f"GlossaryList({len(self.glossary.entries)} terms)"


def glossary() -> GlossaryList:
    """Every term of the course, defined, with its sources and related terms."""
    return GlossaryList(load_glossary())
