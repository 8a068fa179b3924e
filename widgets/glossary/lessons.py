"""Which lessons link their terms to the glossary, and their markdown as the linker leaves it."""

from __future__ import annotations

from pathlib import Path

from widgets.course.catalog import load_course
from widgets.glossary.content import load_glossary
from widgets.glossary.links import GLOSSARY_NOTEBOOK, link_first_appearances
from widgets.references.citations import cells_of


def linked_lessons() -> list[str]:
    """The stems of the teaching lessons: all but the glossary's own and the final assessment."""
    course = load_course()
    skipped = {Path(GLOSSARY_NOTEBOOK).stem}
    if course.final_assessment is not None:
        skipped.add(course.final_assessment.lesson)
    return [
        lesson.stem
        for lesson in course.lessons
        if lesson.stem not in skipped and lesson.is_available()
    ]


def linked_markdown(notebook: Path) -> tuple[list[str], list[str]]:
    """The notebook's markdown cells as they are, and with the glossary's terms linked."""
    markdown = cells_of(notebook, "markdown")
    return markdown, link_first_appearances(markdown, load_glossary().entries)
