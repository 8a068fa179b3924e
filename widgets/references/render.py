"""HTML for a lesson's numbered source list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from widgets.markup import inline
from widgets.references.catalog import Reference

_BARE_URL = re.compile(r"https?://[^\s<]+[^\s<.,;)]")


@dataclass(frozen=True)
class SourceList:
    """The numbered sources a lesson cites, shown at its end."""

    lesson_stem: str
    references: tuple[Reference, ...]

    def _repr_html_(self) -> str:
        items = "".join(self._item(reference) for reference in self.references)
        return (
            f'<section class="tc-sources" aria-label="Sources">'
            f'<ul style="list-style:none;padding-left:0">{items}</ul></section>'
        )

    @staticmethod
    def _item(reference: Reference) -> str:
        # Addresses in the citation become links; a DOI gets a link of its own.
        text = _BARE_URL.sub(lambda m: _anchor(m.group(0), m.group(0)), inline(reference.citation))
        doi_link = (
            f" {_anchor(f'https://doi.org/{reference.doi}', 'doi.org')}" if reference.doi else ""
        )
        return (
            f'<li id="ref-{reference.number}" data-ref="{reference.number}" '
            f'style="margin:0.3em 0"><strong>[{reference.number}]</strong> {text}{doi_link}</li>'
        )

    def __repr__(self) -> str:
        numbers = ", ".join(str(reference.number) for reference in self.references)
        return f"SourceList({self.lesson_stem!r}, references [{numbers}])"


def _anchor(href: str, label: str) -> str:
    """A link that opens outside the lesson; ``href`` arrives already HTML-escaped."""
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{label}</a>'
