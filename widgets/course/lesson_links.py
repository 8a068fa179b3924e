"""Links from each lesson to the previous and the next one, and to the course home (lesson 0).

Pure values in, values out: ``nav_line`` writes a lesson's line of links from the catalogue's
lessons, and ``with_lesson_links`` places it in the lesson's cells (plain notebook cell mappings,
as nbformat reads them) as two generated markdown cells: one right after the title cell, one just
before the "## Sources" section (before the last cell when there is none).

The generated cells are the tool's own (``tools/lesson_links.py``): they carry
``{"tc": {"generated": "lesson-links"}}`` in their metadata, and placing the links again first
removes every cell so marked, so running it twice changes nothing and no other cell is touched.

The links are relative notebook addresses (``02-who-gets-it.ipynb``): JupyterLab opens them as
notebooks, and in Voila the course template's ``tc-learner.js`` carries the page's ``?learner=``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

#: The cell metadata key the course's generated cells carry, and this generator's name under it.
METADATA_KEY = "tc"
GENERATOR = "lesson-links"
#: The ids of the two generated cells.
TOP_ID = "nav-top"
BOTTOM_ID = "nav-bottom"
#: A markdown cell that opens the lesson's source list.
_SOURCES_HEADING = re.compile(r"^## Sources\b")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


class Listed(Protocol):
    """A lesson as the links need it (``widgets.course.catalog.Lesson`` is one)."""

    @property
    def number(self) -> int: ...

    @property
    def stem(self) -> str: ...

    @property
    def title(self) -> str: ...


def notebook_name(lesson: Listed) -> str:
    """The address a lesson is linked with, relative to the lessons folder."""
    return f"{lesson.stem}.ipynb"


def _link(text: str, lesson: Listed) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return f"[{escaped}]({notebook_name(lesson)})"


def _label(lesson: Listed, home: Listed) -> str:
    return "Course home" if lesson.stem == home.stem else f"Lesson {lesson.number}: {lesson.title}"


def nav_line(lessons: Sequence[Listed], stem: str) -> str:
    """Lesson ``stem``'s links: "← previous · Course home · next →", each part only where it
    leads somewhere else (the first lesson is the home; the previous of lesson 1 is the home)."""
    stems = [lesson.stem for lesson in lessons]
    if stem not in stems:
        raise KeyError(f"no lesson {stem!r} among {', '.join(stems)}")
    here = stems.index(stem)
    home = lessons[0]
    parts = []
    if here > 0:
        parts.append(f"← {_link(_label(lessons[here - 1], home), lessons[here - 1])}")
    if here > 1:
        parts.append(_link(_label(home, home), home))
    if here + 1 < len(lessons):
        parts.append(f"{_link(_label(lessons[here + 1], home), lessons[here + 1])} →")
    return " · ".join(parts)


def is_generated(cell: Mapping[str, Any]) -> bool:
    """Whether ``cell`` is one of this generator's cells."""
    marker = cell.get("metadata", {}).get(METADATA_KEY, {})
    return isinstance(marker, Mapping) and marker.get("generated") == GENERATOR


def nav_cell(cell_id: str, line: str) -> dict[str, Any]:
    """A generated markdown cell holding ``line`` (an nbformat 4.5 cell)."""
    return {
        "cell_type": "markdown",
        "id": cell_id,
        "metadata": {METADATA_KEY: {"generated": GENERATOR}},
        "source": line,
    }


def _source(cell: Mapping[str, Any]) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else str(text)


def _bottom_index(cells: Sequence[Mapping[str, Any]]) -> int:
    """Where the bottom links go: before the "## Sources" cell, else before the last cell."""
    for index, cell in enumerate(cells):
        if index > 0 and cell["cell_type"] == "markdown" and _SOURCES_HEADING.match(_source(cell)):
            return index
    return max(len(cells) - 1, 1)


def with_lesson_links(cells: Sequence[Mapping[str, Any]], line: str) -> list[Mapping[str, Any]]:
    """The lesson's cells with its links placed (see the module); other cells are kept as given."""
    kept = [cell for cell in cells if not is_generated(cell)]
    if not kept:
        raise ValueError("a lesson needs its title cell before links can be placed")
    placed = list(kept)
    placed.insert(_bottom_index(kept), nav_cell(BOTTOM_ID, line))
    placed.insert(1, nav_cell(TOP_ID, line))
    return placed
