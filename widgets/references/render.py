"""HTML for a lesson's numbered source list."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from widgets.markup import inline
from widgets.references.catalog import PART_WORDS, Reference

_BARE_URL = re.compile(r"https?://[^\s<]+[^\s<.,;)]")
_DOI_IN_TEXT = re.compile(r"doi:(10\.[^\s<]+[^\s<.,;)])")


@dataclass(frozen=True)
class SourceList:
    """The numbered sources a lesson cites, shown at its end."""

    lesson_stem: str
    references: tuple[Reference, ...]
    #: Whether entries carry ``id="ref-N"`` anchors: only the lesson's own list does, so that a
    #: second list on the page (under review questions) repeats no id.
    anchors: bool = True
    #: The list's accessible name; each list on a page needs its own.
    label: str = "Sources"

    def _repr_html_(self) -> str:
        items = "".join(_item(reference, anchor=self.anchors) for reference in self.references)
        return (
            f'<section class="tc-sources" aria-label="{html.escape(self.label)}">'
            f'<ul style="list-style:none;padding-left:0">{items}</ul></section>'
        )

    def __repr__(self) -> str:
        numbers = ", ".join(str(reference.number) for reference in self.references)
        return f"SourceList({self.lesson_stem!r}, references [{numbers}])"


def _item(reference: Reference, *, anchor: bool = True) -> str:
    """The citation, the brief's note, links, what the sources lack and what was read."""
    # The entry's own DOI gets a link of its own; DOIs of the sources a note adds are linked there.
    pieces = [f"<strong>[{reference.number}]</strong>", _with_links(reference.citation_text())]
    if reference.note:
        pieces.append(_DOI_IN_TEXT.sub(_doi_anchor, _with_links(reference.note)))
    pieces += _links(reference)
    if reference.missing:
        pieces.append(f'<span class="tc-missing">{_missing_text(reference)}</span>')
    pieces.append(
        f'<span class="tc-access" style="font-size:0.85em;opacity:0.8">'
        f"Read: {inline(reference.access)}</span>"
    )
    number = reference.number
    anchored = f'id="ref-{number}" ' if anchor else ""
    return f'<li {anchored}data-ref="{number}" style="margin:0.3em 0">{" ".join(pieces)}</li>'


def _with_links(text: str) -> str:
    """``text`` as HTML, its addresses as links."""
    return _BARE_URL.sub(lambda m: _anchor(m.group(0), m.group(0)), inline(text))


def _doi_anchor(match: re.Match[str]) -> str:
    return f"doi:{_anchor(f'https://doi.org/{match.group(1)}', match.group(1))}"


def _links(reference: Reference) -> list[str]:
    """Links built from the entry's identifiers (its address is linked in the citation)."""
    links = []
    if reference.doi:
        links.append(_anchor(f"https://doi.org/{reference.doi}", "doi.org"))
    if reference.pmid:
        links.append(_anchor(f"https://pubmed.ncbi.nlm.nih.gov/{reference.pmid}/", "PubMed"))
    if reference.pmcid:
        links.append(_anchor(f"https://pmc.ncbi.nlm.nih.gov/articles/{reference.pmcid}/", "PMC"))
    return links


def _missing_text(reference: Reference) -> str:
    """E.g. "Authors and year not given in our sources."."""
    words = [PART_WORDS[part] for part in PART_WORDS if part in reference.missing]
    listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return f"{listed[:1].upper()}{listed[1:]} not given in our sources."


def _anchor(href: str, label: str) -> str:
    """A link that opens outside the lesson; ``href`` arrives already HTML-escaped."""
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{label}</a>'
