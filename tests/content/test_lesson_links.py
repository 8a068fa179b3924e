"""Every lesson links to the previous and the next lesson and to the course home, at its top and
its bottom, exactly as tools/lesson_links.py writes those links from assets/course.yaml."""

from __future__ import annotations

import itertools
import re
from typing import Any

import nbformat
import pytest

from widgets.course.catalog import load_course
from widgets.course.lesson_links import (
    BOTTOM_ID,
    TOP_ID,
    is_generated,
    nav_line,
    with_lesson_links,
)

LESSONS = [lesson for lesson in load_course().lessons if lesson.is_available()]


def read_cells(stem: str) -> list[Any]:
    lesson = next(lesson for lesson in LESSONS if lesson.stem == stem)
    # nbformat's read carries no annotations.
    return list(nbformat.read(lesson.notebook_path(), as_version=4).cells)  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("stem", [lesson.stem for lesson in LESSONS])
class TestLessonLinks:
    # Fails when the catalogue's order or titles changed, a lesson was added, or an edit moved or
    # changed the links. Fix with: python tools/lesson_links.py
    def test_the_lesson_holds_the_links_the_tool_would_write(self, stem: str) -> None:
        cells = read_cells(stem)
        assert with_lesson_links(cells, nav_line(LESSONS, stem)) == cells, (
            f"{stem}'s previous / next links are stale: run tools/lesson_links.py"
        )

    def test_two_link_cells_one_after_the_title_one_before_the_sources(self, stem: str) -> None:
        cells = read_cells(stem)
        generated = [index for index, cell in enumerate(cells) if is_generated(cell)]
        assert [cells[index]["id"] for index in generated] == [TOP_ID, BOTTOM_ID]
        assert generated[0] == 1
        assert cells[0]["source"].startswith("# ")
        after = cells[generated[1] + 1 :]
        assert "sources(" in "".join(cell["source"] for cell in after)

    def test_every_link_leads_to_a_lesson_on_disk(self, stem: str) -> None:
        line = nav_line(LESSONS, stem)
        targets = re.findall(r"\]\(([^)]+)\)", line)
        assert targets
        on_disk = {lesson.notebook_path().name for lesson in LESSONS}
        assert set(targets) <= on_disk
        assert "../" not in line

    def test_no_hand_written_next_line_is_left(self, stem: str) -> None:
        # The bottom links say where to go next; a line of its own would drift from them.
        text = "\n".join(cell["source"] for cell in read_cells(stem) if not is_generated(cell))
        assert not re.search(r"\*\*Next:\*\*", text), f"{stem}: remove the '**Next:**' line"


def test_the_course_runs_in_order_through_its_links() -> None:
    first, last = LESSONS[0].stem, LESSONS[-1].stem
    assert "←" not in nav_line(LESSONS, first)
    assert "→" not in nav_line(LESSONS, last)
    for before, after in itertools.pairwise(LESSONS):
        assert f"({after.stem}.ipynb) →" in nav_line(LESSONS, before.stem)
        assert "← [" in nav_line(LESSONS, after.stem)
        assert f"({before.stem}.ipynb)" in nav_line(LESSONS, after.stem)
