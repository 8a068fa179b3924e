"""Linking each glossary term, where it first appears in a lesson, to its entry in lesson 00.

Pure text in, text out: ``link_first_appearances`` takes a lesson's markdown cells, in order, and
returns them with the first appearance of each term (its term or an alias) made a markdown link
``[text](00-start-here.ipynb#term-<id>)``. It looks only at running text: never inside headings,
fenced code, code spans, links, images, raw HTML, URLs or math.

The glossary links are the tool's own: a lesson keeps exactly one per term, at its first
appearance. A link that is already there is left alone; when an edit puts an earlier appearance
in front of it, the earlier one is linked and the later link goes back to plain text, as does a
link to a term the glossary no longer has. Running it twice changes nothing the second time.

Matching is by whole word (letters, digits and hyphens around a spelling do not count). A word of
a spelling written with a capital after its first letter, a digit or as a single capital
(``FGF23``, ``TmP/GFR``, ``HFTC``, ``P``) matches only as written; other words match in any case,
so "Calciphylaxis" opening a sentence is found as "calciphylaxis". Where spellings overlap, the
longest wins ("intact FGF23" over "FGF23").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

#: The lesson that shows the glossary; lessons link to its entries.
GLOSSARY_NOTEBOOK = "00-start-here.ipynb"
#: The id of an entry's element in that lesson: ``term-<id>``.
ANCHOR_PREFIX = "term-"
#: Passes over the text until nothing changes (one suffices unless a link moved).
_MAX_PASSES = 5

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")  # under a line of text: that line is a heading
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:")
_PROTECTED = re.compile(
    r"(?P<ticks>`+)[\s\S]*?(?<!`)(?P=ticks)(?!`)"  # code span
    r"|!?\[(?:[^\[\]]|\[[^\[\]]*\])*\](?:\([^)\n]*\)|\[[^\]\n]*\])"  # link or image
    r"|\$\$[\s\S]+?\$\$|\$[^$\n]+\$"  # math
    r"|<!--[\s\S]*?-->|<[^<>\n]+>"  # HTML, autolinks
    r"|https?://\S+"
)
_GLOSSARY_LINK = re.compile(
    r"\[(?P<text>[^\[\]]+)\]\("
    + re.escape(GLOSSARY_NOTEBOOK)
    + "#"
    + re.escape(ANCHOR_PREFIX)
    + r"(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\)"
)


class Linkable(Protocol):
    """A glossary entry as the linker needs it (``widgets.glossary.content.Entry`` is one)."""

    @property
    def id(self) -> str: ...

    def spellings(self) -> list[str]: ...


def target(entry_id: str) -> str:
    """The address a lesson links an entry with."""
    return f"{GLOSSARY_NOTEBOOK}#{ANCHOR_PREFIX}{entry_id}"


def spelling_pattern(spelling: str) -> str:
    """A regular expression for one spelling: whole word, case as the module docstring says."""
    words = []
    for word in spelling.split():
        exact = any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)
        exact = exact or (len(word) == 1 and word.isupper())
        words.append(re.escape(word) if exact else f"(?i:{re.escape(word)})")
    return r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"


@dataclass(frozen=True)
class _Found:
    """An appearance of an entry: plain text to link, or one of the tool's links."""

    cell: int
    start: int
    end: int
    entry_id: str
    text: str
    linked: bool


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` never to link in: headings, fenced code, link definitions, inline code,
    links, images, HTML, URLs and math."""
    spans: list[tuple[int, int]] = []
    fence: str | None = None
    position = 0
    previous: tuple[int, int] | None = None  # the last line of text outside code, if any
    for line in text.splitlines(keepends=True):
        here = (position, position + len(line))
        opening = _FENCE.match(line)
        if fence is not None or opening or _HEADING.match(line) or _LINK_DEFINITION.match(line):
            spans.append(here)
        elif _UNDERLINE.match(line) and previous is not None:
            spans += [previous, here]
        if opening and fence is None:
            fence = opening.group(1)[0]
        elif opening and fence is not None and opening.group(1)[0] == fence:
            fence = None
        previous = here if line.strip() and fence is None and not opening else None
        position += len(line)
    for match in _PROTECTED.finditer(text):
        if not any(start <= match.start() < end for start, end in spans):
            spans.append(match.span())
    return spans


def _appearances(cells: Sequence[str], patterns: dict[str, re.Pattern[str]]) -> list[_Found]:
    """Every plain appearance (longest first where they overlap) and every glossary link."""
    found: list[_Found] = []
    for number, text in enumerate(cells):
        spans = _protected(text)
        candidates = [
            _Found(number, match.start(), match.end(), entry_id, match.group(0), linked=False)
            for entry_id, pattern in patterns.items()
            for match in pattern.finditer(text)
            if not any(match.start() < end and start < match.end() for start, end in spans)
        ]
        taken_until = -1
        for candidate in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
            if candidate.start >= taken_until:
                found.append(candidate)
                taken_until = candidate.end
        found += [
            _Found(number, m.start(), m.end(), m["id"], m["text"], linked=True)
            for m in _GLOSSARY_LINK.finditer(text)
        ]
    return sorted(found, key=lambda f: (f.cell, f.start))


def _edits(found: list[_Found], known: set[str]) -> list[tuple[_Found, str]]:
    """What to write over each appearance that changes: a new link, or a link unwrapped."""
    edits: list[tuple[_Found, str]] = []
    first_seen: set[str] = set()
    for appearance in found:
        first = appearance.entry_id not in first_seen and appearance.entry_id in known
        first_seen.add(appearance.entry_id)
        if first and not appearance.linked:
            edits.append((appearance, f"[{appearance.text}]({target(appearance.entry_id)})"))
        elif appearance.linked and not first:
            edits.append((appearance, appearance.text))
    return edits


def _one_pass(cells: list[str], patterns: dict[str, re.Pattern[str]]) -> list[str]:
    edits = _edits(_appearances(cells, patterns), set(patterns))
    result = list(cells)
    for appearance, replacement in sorted(edits, key=lambda e: (e[0].cell, -e[0].start)):
        text = result[appearance.cell]
        result[appearance.cell] = text[: appearance.start] + replacement + text[appearance.end :]
    return result


def link_first_appearances(markdown_cells: Sequence[str], entries: Sequence[Linkable]) -> list[str]:
    """The lesson's markdown cells, each term linked where it first appears (see the module)."""
    patterns = {
        entry.id: re.compile(
            "|".join(spelling_pattern(s) for s in sorted(entry.spellings(), key=len, reverse=True))
        )
        for entry in entries
    }
    cells = list(markdown_cells)
    for _ in range(_MAX_PASSES):
        linked = _one_pass(cells, patterns)
        if linked == cells:
            break
        cells = linked
    return cells
