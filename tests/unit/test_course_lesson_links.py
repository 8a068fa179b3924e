"""Each lesson's previous / next links: the right neighbours, placed after the title and before
the sources, the lesson's own cells untouched, the same again when placed twice."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pytest

from widgets.course.lesson_links import (
    BOTTOM_ID,
    TOP_ID,
    is_generated,
    nav_cell,
    nav_line,
    with_lesson_links,
)


@dataclass(frozen=True)
class Entry:
    number: int
    stem: str
    title: str


LESSONS = [
    Entry(0, "00-start-here", "Start here"),
    Entry(1, "01-what-is-it", "What is it?"),
    Entry(2, "02-who-gets-it", "Who gets it?"),
    Entry(3, "03-why-it-forms", "Why it forms"),
]


def markdown(source: str, cell_id: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": source}


def code(source: str, cell_id: str) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": 1,
        "id": cell_id,
        "metadata": {},
        "outputs": [],
        "source": source,
    }


LESSON = [
    markdown("# 2. Who gets it?\n\nIntroduction.", "cell-00"),
    code("from widgets.lesson import objectives, sources", "cell-01"),
    code('objectives("02-who-gets-it")', "cell-02"),
    markdown("## At a glance\n\n- A point [1].", "cell-03"),
    markdown("## Sources\n\nEvery number in brackets refers to this list.", "cell-04"),
    code('sources("02-who-gets-it")', "cell-05"),
]


def ids(cells: list[Any]) -> list[str]:
    return [cell["id"] for cell in cells]


def test_a_middle_lesson_links_back_home_and_on() -> None:
    assert nav_line(LESSONS, "02-who-gets-it") == (
        "← [Lesson 1: What is it?](01-what-is-it.ipynb) · [Course home](00-start-here.ipynb)"
        " · [Lesson 3: Why it forms](03-why-it-forms.ipynb) →"
    )


def test_the_first_lesson_has_no_previous_and_no_link_to_itself() -> None:
    assert nav_line(LESSONS, "00-start-here") == "[Lesson 1: What is it?](01-what-is-it.ipynb) →"


def test_lesson_1_goes_back_to_the_home_once() -> None:
    assert nav_line(LESSONS, "01-what-is-it") == (
        "← [Course home](00-start-here.ipynb) · [Lesson 2: Who gets it?](02-who-gets-it.ipynb) →"
    )


def test_the_last_lesson_has_no_next() -> None:
    assert nav_line(LESSONS, "03-why-it-forms") == (
        "← [Lesson 2: Who gets it?](02-who-gets-it.ipynb) · [Course home](00-start-here.ipynb)"
    )


def test_markdown_in_a_title_is_escaped() -> None:
    lessons = [Entry(0, "00-home", "Home"), Entry(1, "01-odd", "Ca [x] P_*")]
    assert nav_line(lessons, "00-home") == r"[Lesson 1: Ca \[x\] P\_\*](01-odd.ipynb) →"


def test_an_unknown_lesson_is_named() -> None:
    with pytest.raises(KeyError, match="09-missing"):
        nav_line(LESSONS, "09-missing")


def test_links_go_after_the_title_and_before_the_sources_section() -> None:
    placed = with_lesson_links(LESSON, "LINKS")
    assert ids(placed) == [
        "cell-00",
        TOP_ID,
        "cell-01",
        "cell-02",
        "cell-03",
        BOTTOM_ID,
        "cell-04",
        "cell-05",
    ]
    assert placed[1] == nav_cell(TOP_ID, "LINKS")
    assert placed[5]["source"] == "LINKS"
    assert all(is_generated(cell) == (cell["id"] in {TOP_ID, BOTTOM_ID}) for cell in placed)


def test_without_a_sources_section_the_bottom_links_precede_the_last_cell() -> None:
    lesson = [cell for cell in LESSON if cell["id"] != "cell-04"]
    assert ids(with_lesson_links(lesson, "LINKS"))[-2:] == [BOTTOM_ID, "cell-05"]


def test_a_sources_heading_with_more_words_counts_but_a_sub_heading_does_not() -> None:
    lesson = copy.deepcopy(LESSON)
    lesson[3]["source"] = "### Sources of error\n\nText."
    lesson[4]["source"] = ["## Sources for this lesson\n"]  # a source stored as lines
    assert ids(with_lesson_links(lesson, "LINKS"))[4:6] == ["cell-03", BOTTOM_ID]


def test_placing_twice_changes_nothing_and_replaces_stale_links() -> None:
    once = with_lesson_links(LESSON, "OLD")
    assert with_lesson_links(once, "OLD") == once
    moved = [once[0], *once[2:], once[1]]  # an edit left the top links at the end
    assert with_lesson_links(moved, "NEW") == with_lesson_links(LESSON, "NEW")


def test_the_lessons_own_cells_are_kept_as_they_were() -> None:
    before = copy.deepcopy(LESSON)
    placed = with_lesson_links(LESSON, "LINKS")
    assert before == LESSON
    assert [cell for cell in placed if not is_generated(cell)] == before


def test_a_cell_generated_by_another_tool_is_not_taken_for_links() -> None:
    other = markdown("Other", "other")
    other["metadata"] = {"tc": {"generated": "something-else"}}
    assert other in with_lesson_links([*LESSON, other], "LINKS")


def test_a_lesson_of_one_cell_gets_both_links_after_its_title() -> None:
    assert ids(with_lesson_links(LESSON[:1], "LINKS")) == ["cell-00", TOP_ID, BOTTOM_ID]


def test_a_lesson_without_cells_is_refused() -> None:
    with pytest.raises(ValueError, match="title cell"):
        with_lesson_links([], "LINKS")
